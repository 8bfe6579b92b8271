//! `--diff` previews the fixes, `--fix` writes them and reports what remains.

use predicates::prelude::*;

use crate::common::{actiongate, rules_by_file, Tree, CLEAN, VULNERABLE};

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let tree = Tree::new();
    tree.file("app/actions.ts", VULNERABLE)
        .file("app/clean.ts", CLEAN);
    let output = actiongate()
        .current_dir(tree.path())
        .args(["check", "--diff", "app"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let diff = String::from_utf8(output.stdout).unwrap();
    assert!(
        diff.starts_with("--- a/app/actions.ts\n+++ b/app/actions.ts\n@@ "),
        "{diff}"
    );
    assert!(diff.contains("\n+") && diff.contains("auth()"), "{diff}");
    assert!(
        diff.contains("\n-export async function deletePost") || diff.contains("\n+import"),
        "{diff}"
    );
    assert!(!diff.contains("clean.ts"), "{diff}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("1 file would be changed by --fix"),
        "{stderr}"
    );
    assert_eq!(tree.read("app/actions.ts"), VULNERABLE);
}

#[test]
fn diff_of_stdin_uses_the_stdin_name() {
    actiongate()
        .args(["check", "-", "--diff"])
        .write_stdin(VULNERABLE)
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "--- a/stdin.ts\n+++ b/stdin.ts\n",
        ));
}

#[test]
fn fix_writes_the_fixed_file_and_reports_what_remains() {
    let tree = Tree::new();
    tree.file("app/actions.ts", VULNERABLE)
        .file("app/clean.ts", CLEAN);
    let (code, report) = tree.check_json(&["--fix", "app"]);
    let fixed = tree.read("app/actions.ts");
    assert_ne!(fixed, VULNERABLE);
    assert!(fixed.contains("auth()"), "{fixed}");
    assert_eq!(
        tree.read("app/clean.ts"),
        CLEAN,
        "files without fixes are not rewritten"
    );
    assert!(
        !rules_by_file(&report)
            .iter()
            .any(|(_, rule)| rule == "missing-authn"),
        "the report is of the fixed file: {report:#}"
    );
    // The report is of the fixed file, and the exit status follows what remains.
    let remaining_high = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["severity"] == "high");
    assert_eq!(code, i32::from(remaining_high), "{report:#}");
    let (_, again) = tree.check_json(&["app"]);
    assert_eq!(
        again["findings"], report["findings"],
        "re-reported findings match a fresh run"
    );
}

#[test]
fn fix_never_touches_stdin() {
    actiongate()
        .args(["check", "-", "--fix"])
        .write_stdin(VULNERABLE)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("high[missing-authn]"))
        .stderr(predicate::str::contains(
            "--fix does not change standard input",
        ));
}
