//! `--format json` and `--format pretty` on the basic fixtures.

use predicates::prelude::*;
use serde_json::Value;

use crate::common::{actiongate, fixtures, rules_by_file, CLEAN, VULNERABLE};

fn basic_json() -> (i32, Value) {
    let output = actiongate()
        .current_dir(fixtures().join("basic"))
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        serde_json::from_slice(&output.stdout).unwrap(),
    )
}

#[test]
fn fixtures_match_the_constants_used_by_other_tests() {
    let basic = fixtures().join("basic");
    assert_eq!(
        std::fs::read_to_string(basic.join("vulnerable.ts")).unwrap(),
        VULNERABLE
    );
    assert_eq!(
        std::fs::read_to_string(basic.join("clean.ts")).unwrap(),
        CLEAN
    );
}

#[test]
fn json_follows_the_output_contract() {
    let (code, report) = basic_json();
    assert_eq!(code, 1);
    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["files", "findings", "suppressed", "version"]);
    assert_eq!(report["version"], 1);

    // Files are sorted, relative, and list their actions and errors.
    let files: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["clean.ts", "low.ts", "suppressed.ts", "vulnerable.ts"]
    );
    for file in report["files"].as_array().unwrap() {
        let keys: Vec<&str> = file
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["actions", "errors", "file"]);
        assert_eq!(file["errors"], serde_json::json!([]));
    }
    assert_eq!(
        report["files"][0]["actions"],
        serde_json::json!(["deletePost"])
    );

    let findings = rules_by_file(&report);
    assert!(
        findings.contains(&("vulnerable.ts".into(), "missing-authn".into())),
        "{findings:?}"
    );
    assert!(
        !findings.iter().any(|(file, _)| file == "clean.ts"),
        "{findings:?}"
    );

    let f = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "vulnerable.ts")
        .unwrap();
    let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = [
        "rule",
        "severity",
        "cwe",
        "file",
        "action",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "help",
        "fix",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(f["severity"], "high");
    assert_eq!(f["cwe"], "CWE-306");
    assert_eq!(f["action"], "deletePost");
    assert_eq!(f["line"], 2);
    // The span is the `db.post.delete(..)` call on line 2 (1-based UTF-16 columns, exclusive end).
    let line2 = VULNERABLE.lines().nth(1).unwrap();
    let start = f["column"].as_u64().unwrap() as usize - 1;
    let end = f["end_column"].as_u64().unwrap() as usize - 1;
    assert!(
        line2[start..end].starts_with("db.post.delete("),
        "{}",
        &line2[start..end]
    );
    assert!(!f["message"].as_str().unwrap().is_empty());
    assert!(!f["help"].as_str().unwrap().is_empty());
    // Fix edits are byte offsets into the file, and applying them adds a session check.
    let edits = f["fix"]["edits"].as_array().unwrap();
    assert!(!edits.is_empty());
    let mut fixed = VULNERABLE.to_string();
    for e in edits.iter().rev() {
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        fixed.replace_range(s..t, e["text"].as_str().unwrap());
    }
    assert!(fixed.contains("auth()"), "{fixed}");
}

#[test]
fn json_lists_suppressed_findings_with_their_reason() {
    let (_, report) = basic_json();
    let suppressed = report["suppressed"].as_array().unwrap();
    assert_eq!(suppressed.len(), 1, "{report:#}");
    assert_eq!(suppressed[0]["file"], "suppressed.ts");
    assert_eq!(suppressed[0]["rule"], "missing-authn");
    assert_eq!(suppressed[0]["reason"], "demo data, reset nightly");
    assert!(!rules_by_file(&report)
        .iter()
        .any(|(file, _)| file == "suppressed.ts"));
}

#[test]
fn pretty_shows_code_frames_and_a_summary() {
    actiongate()
        .current_dir(fixtures().join("basic"))
        .args(["check", "vulnerable.ts", "clean.ts"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("high[missing-authn]: `deletePost`"))
        .stdout(predicate::str::contains(" --> vulnerable.ts:2:"))
        .stdout(predicate::str::contains(
            "2 | export async function deletePost(id: string) { await db.post.delete({ where: { id } }); }",
        ))
        .stdout(predicate::str::is_match(r"\n\s+\| {54}\^{10,}\n").unwrap())
        .stdout(predicate::str::contains("= help: "))
        .stdout(predicate::str::contains("= fix: "))
        .stdout(predicate::str::contains(
            "1 finding in 1 file (1 high, 0 medium, 0 low); 2 actions checked in 2 files",
        ))
        // Not a terminal: no colour.
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn pretty_colours_only_when_asked_or_on_a_terminal() {
    actiongate()
        .current_dir(fixtures().join("basic"))
        .args(["check", "vulnerable.ts", "--color", "always"])
        .assert()
        .stdout(predicate::str::contains(
            "\x1b[1;31mhigh[missing-authn]\x1b[0m",
        ));
    actiongate()
        .current_dir(fixtures().join("basic"))
        .env("NO_COLOR", "1")
        .args(["check", "vulnerable.ts"])
        .assert()
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn syntax_errors_are_reported_with_positions() {
    let tree = crate::common::Tree::new();
    tree.file("broken.ts", format!("{VULNERABLE}const = ;\n"));
    actiongate()
        .current_dir(tree.path())
        .args(["check", "broken.ts"])
        .assert()
        .stdout(predicate::str::contains("error[syntax]: "))
        .stdout(predicate::str::contains("--> broken.ts:3:"))
        .stdout(predicate::str::contains("1 file with errors"));
    let (_, report) = tree.check_json(&["broken.ts"]);
    let errors = report["files"][0]["errors"].as_array().unwrap();
    assert!(!errors.is_empty());
    assert_eq!(errors[0]["line"], 3);
    assert!(errors[0]["column"].as_u64().unwrap() >= 1);
    assert!(errors[0]["end_line"].as_u64().is_some() && errors[0]["end_column"].as_u64().is_some());
}

#[test]
fn output_order_does_not_depend_on_parallelism() {
    let run = |jobs: &str| {
        actiongate()
            .current_dir(fixtures())
            .args(["check", "--format", "json", "--jobs", jobs, "."])
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert_eq!(one, run("4"));
    assert_eq!(one, run("2"));
}
