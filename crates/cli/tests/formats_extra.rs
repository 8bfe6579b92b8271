//! `--format github` (workflow commands) and `--format compact` (`file:line:col: ...` lines),
//! checked against `--format json` on every fixture of the repository, plus escaping, syntax
//! errors, unreadable files and exit codes.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

/// A finding that is plainly missing authentication (high).
const VULNERABLE: &str = "\"use server\";\nexport async function deletePost(id: string) { await db.post.delete({ where: { id } }); }\n";

fn actiongate(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actiongate"))
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .arg("check")
        .args(args)
        .output()
        .expect("run actiongate")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// The repository root (the workspace holds `tests/fixtures`).
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

fn json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let output = actiongate(dir, &all);
    (
        output.status.code().expect("exit code"),
        serde_json::from_slice(&output.stdout).expect("JSON output"),
    )
}

/// Decodes a workflow-command property value.
fn unescape(text: &str) -> String {
    text.replace("%2C", ",")
        .replace("%3A", ":")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
}

/// A parsed `::command props::message` line.
#[derive(Debug)]
struct Annotation {
    command: String,
    props: Vec<(String, String)>,
    message: String,
}

impl Annotation {
    fn parse(line: &str) -> Option<Annotation> {
        let rest = line.strip_prefix("::")?;
        let (head, message) = rest.split_once("::")?;
        let (command, props) = head.split_once(' ')?;
        let props = props
            .split(',')
            .map(|kv| {
                let (k, v) = kv.split_once('=').expect("key=value");
                (k.to_string(), unescape(v))
            })
            .collect();
        Some(Annotation {
            command: command.to_string(),
            props,
            message: unescape(message),
        })
    }

    fn prop(&self, key: &str) -> Option<&str> {
        self.props
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

#[test]
fn github_annotations_match_the_json_findings_on_every_fixture() {
    let root = repo_root();
    let (json_code, report) = json(&root, &["tests/fixtures"]);
    let output = actiongate(&root, &["--format", "github", "tests/fixtures"]);
    assert_eq!(
        output.status.code(),
        Some(json_code),
        "same exit code as json"
    );
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let (summary, commands) = lines.split_last().expect("a summary line");
    assert!(summary.contains("findings in"), "{summary}");
    let annotations: Vec<Annotation> = commands
        .iter()
        .map(|l| Annotation::parse(l).unwrap_or_else(|| panic!("not a workflow command: {l}")))
        .collect();
    let findings = report["findings"].as_array().unwrap();
    assert!(findings.len() > 10, "the fixtures have findings");
    assert_eq!(annotations.len(), findings.len(), "{text}");
    let mut seen = std::collections::HashSet::new();
    for (a, f) in annotations.iter().zip(findings) {
        let expected = match f["severity"].as_str().unwrap() {
            "high" => "error",
            "medium" => "warning",
            "low" => "notice",
            other => panic!("unknown severity {other}"),
        };
        seen.insert(expected);
        assert_eq!(a.command, expected);
        assert_eq!(a.prop("file"), f["file"].as_str());
        assert_eq!(a.prop("line"), Some(f["line"].to_string().as_str()));
        assert_eq!(a.prop("endLine"), Some(f["end_line"].to_string().as_str()));
        if f["line"] == f["end_line"] {
            assert_eq!(a.prop("col"), Some(f["column"].to_string().as_str()));
            assert_eq!(
                a.prop("endColumn"),
                Some(f["end_column"].to_string().as_str())
            );
        } else {
            assert_eq!(a.prop("col"), None, "no columns across lines");
            assert_eq!(a.prop("endColumn"), None);
        }
        assert_eq!(
            a.prop("title").unwrap(),
            format!("actiongate {}", f["rule"].as_str().unwrap())
        );
        assert!(a.message.starts_with(f["message"].as_str().unwrap()));
        assert!(a.message.ends_with(f["help"].as_str().unwrap()));
    }
    assert_eq!(
        seen.len(),
        3,
        "error, warning and notice all occur: {seen:?}"
    );
}

#[test]
fn github_escapes_properties_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a,b:c%d.ts";
    std::fs::write(dir.path().join(name), VULNERABLE).unwrap();
    let output = actiongate(dir.path(), &["--format", "github", name]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let line = text.lines().next().unwrap();
    assert!(
        line.starts_with("::error file=a%2Cb%3Ac%25d.ts,line=2,col="),
        "{line}"
    );
    assert!(line.contains(",title=actiongate missing-authn::"), "{line}");
    // Help follows the message after a blank line, encoded so the command stays on one line.
    assert!(line.contains("%0A%0AHelp: "), "{line}");
    let message = line
        .split_once("::error ")
        .unwrap()
        .1
        .split_once("::")
        .unwrap()
        .1;
    assert!(!message.contains('\r'));
    // Only `%`, CR and LF are escaped in the message: `:` and `,` stay readable.
    assert!(message.contains(": "), "{message}");
    let a = Annotation::parse(line).unwrap();
    assert_eq!(a.prop("file"), Some(name));
}

#[test]
fn github_reports_syntax_errors_and_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.ts"),
        format!("{VULNERABLE}const = ;\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("binary.ts"), b"\0\x01\x02").unwrap();
    let output = actiongate(dir.path(), &["--format", "github", "."]);
    let text = stdout(&output);
    assert!(
        text.lines()
            .any(|l| l.starts_with("::warning file=binary.ts,title=actiongate")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("::error file=broken.ts,line=3,")
                && l.contains("title=actiongate syntax error::")),
        "{text}"
    );
    assert!(text.contains("::error file=broken.ts,line=2,"), "{text}");
}

#[test]
fn compact_lines_match_the_json_findings_on_every_fixture() {
    let root = repo_root();
    for fail_on in ["high", "low"] {
        let (json_code, report) = json(&root, &["tests/fixtures", "--fail-on", fail_on]);
        let output = actiongate(
            &root,
            &[
                "--format",
                "compact",
                "tests/fixtures",
                "--fail-on",
                fail_on,
            ],
        );
        assert_eq!(output.status.code(), Some(json_code));
        let text = stdout(&output);
        let expected: Vec<String> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "{}:{}:{}: {} {} {}",
                    f["file"].as_str().unwrap(),
                    f["line"],
                    f["column"],
                    f["severity"].as_str().unwrap(),
                    f["rule"].as_str().unwrap(),
                    f["message"].as_str().unwrap().replace('\n', " ")
                )
            })
            .collect();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines, expected);
    }
}

#[test]
fn compact_has_one_line_per_problem_and_nothing_when_clean() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.ts"),
        format!("{VULNERABLE}const = ;\n"),
    )
    .unwrap();
    std::fs::write(dir.path().join("binary.ts"), b"\0\x01\x02").unwrap();
    std::fs::write(dir.path().join("clean.ts"), "export const a = 1;\n").unwrap();
    let output = actiongate(dir.path(), &["--format", "compact", "."]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].starts_with("binary.ts:1:1: error input not a text file"),
        "{text}"
    );
    assert!(lines[1].starts_with("broken.ts:2:"), "{text}");
    assert!(
        lines[1].contains(": high missing-authn `deletePost`"),
        "{text}"
    );
    assert!(lines[2].starts_with("broken.ts:3:"), "{text}");
    assert!(lines[2].contains(": error syntax "), "{text}");
    // Every line is what a problem matcher reads.
    for line in &lines {
        let mut parts = line.splitn(4, ':');
        let (file, l, c, rest) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        assert!(file.ends_with(".ts"));
        assert!(l.parse::<u32>().unwrap() >= 1 && c.parse::<u32>().unwrap() >= 1);
        assert!(rest.starts_with(' '));
    }

    let clean = actiongate(dir.path(), &["--format", "compact", "clean.ts"]);
    assert_eq!(clean.status.code(), Some(0));
    assert_eq!(stdout(&clean), "");
}

#[test]
fn compact_reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_actiongate"))
        .current_dir(dir.path())
        .args([
            "check",
            "-",
            "--format",
            "compact",
            "--stdin-filename",
            "app/x.ts",
        ])
        .write_stdin(VULNERABLE)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).starts_with("app/x.ts:2:"),
        "{}",
        stdout(&output)
    );
}

/// A fix closes every gap it can and declares the rest (SPEC §4): the login check added for
/// `missing-authn` is followed by the ownership scope it revealed; an outgoing request to a
/// resource the client names, which no edit can scope, is declared as remaining; a file that does not parse gets no fix at all.
#[test]
fn json_fixes_say_what_they_close_and_what_is_left() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.ts"), VULNERABLE).unwrap();
    std::fs::write(
        dir.path().join("b.ts"),
        "\"use server\";\nexport async function deploy(projectId: string) {\n  await fetch(`https://ci.example.com/projects/${projectId}/deploys`, { method: \"POST\" });\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c.ts"),
        "\"use server\";\nexport async function deletePost(id: string) {\n  await db.post.delete({ where: { id } });\n  if (\n}\n",
    )
    .unwrap();
    let (_, out) = json(dir.path(), &["a.ts", "b.ts", "c.ts"]);
    let fix_of = |file: &str| {
        out["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["file"] == file && f["severity"] == "high")
            .map(|f| f["fix"].clone())
            .unwrap()
    };
    let a = fix_of("a.ts");
    assert_eq!(
        a["closes"],
        serde_json::json!(["missing-authn", "missing-authz"])
    );
    assert_eq!(a["remaining"], serde_json::json!([]));
    let b = fix_of("b.ts");
    assert_eq!(b["closes"], serde_json::json!(["missing-authn"]));
    assert_eq!(b["remaining"][0]["rule"], "missing-authz");
    assert!(b["remaining"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("projectId"));
    assert!(
        fix_of("c.ts").is_null(),
        "no fix on a file that does not parse"
    );
}
