//! Exit status: 0 clean, 1 findings at or above `--fail-on`, 2 usage or I/O errors, or a file
//! the analyzer refused to parse (so nothing checked it).

use predicates::prelude::*;

use crate::common::{actiongate, Tree, CLEAN, LOW_ONLY, VULNERABLE};

#[test]
fn clean_code_exits_0_and_findings_exit_1() {
    let tree = Tree::new();
    tree.file("clean.ts", CLEAN)
        .file("vulnerable.ts", VULNERABLE);
    actiongate()
        .current_dir(tree.path())
        .args(["check", "clean.ts"])
        .assert()
        .code(0);
    actiongate()
        .current_dir(tree.path())
        .args(["check", "vulnerable.ts"])
        .assert()
        .code(1);
    actiongate()
        .current_dir(tree.path())
        .args(["check"])
        .assert()
        .code(1);
}

#[test]
fn fail_on_sets_the_threshold() {
    let tree = Tree::new();
    tree.file("low.ts", LOW_ONLY);
    let (code, report) = tree.check_json(&["low.ts"]);
    assert_eq!(
        code, 0,
        "a low finding does not fail the default threshold: {report:#}"
    );
    assert_eq!(report["findings"][0]["severity"], "low");
    for (level, expected) in [("high", 0), ("medium", 0), ("low", 1)] {
        actiongate()
            .current_dir(tree.path())
            .args(["check", "low.ts", "--fail-on", level])
            .assert()
            .code(expected);
    }
    tree.file("vulnerable.ts", VULNERABLE);
    actiongate()
        .current_dir(tree.path())
        .args(["check", "vulnerable.ts", "--fail-on", "low"])
        .assert()
        .code(1);
}

#[test]
fn a_file_too_deeply_nested_to_analyse_fails_closed() {
    // 500 nested brackets compile, but the analyzer refuses them: the vulnerable action after
    // them was never checked, so the run must not pass.
    let deep = format!(
        "\"use server\";\nconst x = {}1{};\n{}",
        "(".repeat(500),
        ")".repeat(500),
        VULNERABLE.trim_start_matches("\"use server\";")
    );
    let tree = Tree::new();
    tree.file("deep.ts", deep).file("clean.ts", CLEAN);
    let (code, report) = tree.check_json(&["deep.ts", "clean.ts"]);
    assert_eq!(code, 2, "{report:#}");
    let message = report.to_string();
    assert!(message.contains("Nesting too deep"), "{report:#}");
    // A file with an ordinary syntax error is analysed as far as it parses: no exit 2.
    tree.file("broken.ts", format!("{CLEAN}\nconst = ;\n"));
    let (code, _) = tree.check_json(&["broken.ts"]);
    assert_eq!(code, 0);
}

#[test]
fn a_missing_path_is_named_and_exits_2() {
    let tree = Tree::new();
    tree.file("clean.ts", CLEAN);
    actiongate()
        .current_dir(tree.path())
        .args(["check", "clean.ts", "app/nope.ts"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "error: path `app/nope.ts` does not exist",
        ));
}

#[test]
fn usage_errors_exit_2() {
    actiongate()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    actiongate()
        .args(["check", "--fail-on", "critical"])
        .assert()
        .code(2);
    actiongate()
        .args(["check", "--fix", "--diff"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--diff"));
    actiongate().args(["check", "--jobs", "0"]).assert().code(2);
    actiongate().args(["frobnicate"]).assert().code(2);
    actiongate()
        .args(["check", "-", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("only once"));
}

#[test]
fn help_and_version_exit_0() {
    actiongate()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("check"));
    actiongate()
        .args(["check", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("--fail-on"));
    actiongate()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("actiongate "));
}

#[test]
fn an_empty_folder_is_clean_with_a_warning() {
    let tree = Tree::new();
    tree.file("README.md", "# nothing to see");
    actiongate()
        .current_dir(tree.path())
        .args(["check", "."])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("no files to check"))
        .stdout(predicate::str::contains("0 findings in 0 files"));
}
