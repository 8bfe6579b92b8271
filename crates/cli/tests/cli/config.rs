//! `actiongate.toml` discovery (nearest wins) and `--config`.

use predicates::prelude::*;

use crate::common::{actiongate, rules_by_file, Tree, VULNERABLE};

#[test]
fn the_nearest_actiongate_toml_applies() {
    let tree = Tree::new();
    tree.file("legacy/actiongate.toml", "disable = [\"missing-authn\"]\n")
        .file("legacy/deep/er/actions.ts", VULNERABLE)
        .file("app/actions.ts", VULNERABLE);
    let (code, report) = tree.check_json(&["."]);
    assert_eq!(
        rules_by_file(&report),
        [("app/actions.ts".to_string(), "missing-authn".to_string())]
    );
    assert_eq!(code, 1);
    let (code, report) = tree.check_json(&["legacy"]);
    assert_eq!(report["findings"], serde_json::json!([]));
    assert_eq!(code, 0);
    // A nearer configuration replaces the outer one.
    tree.file("legacy/deep/actiongate.toml", "disable = []\n");
    let (code, _) = tree.check_json(&["legacy"]);
    assert_eq!(code, 1);
}

#[test]
fn config_flag_replaces_discovery() {
    let tree = Tree::new();
    tree.file("app/actions.ts", VULNERABLE)
        .file("app/actiongate.toml", "disable = []\n")
        .file("ci/strict-off.toml", "disable = [\"missing-authn\"]\n");
    let (code, report) = tree.check_json(&["--config", "ci/strict-off.toml", "app"]);
    assert_eq!(code, 0, "{report:#}");
}

#[test]
fn an_invalid_config_exits_2_with_the_parse_error() {
    let tree = Tree::new();
    tree.file("actiongate.toml", "disable = [\"no-such-rule\"]\n")
        .file("app/actions.ts", VULNERABLE);
    actiongate()
        .current_dir(tree.path())
        .args(["check", "."])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("actiongate.toml"))
        .stderr(predicate::str::contains("unknown rule `no-such-rule`"));
    tree.file("actiongate.toml", "guards = [\n");
    actiongate()
        .current_dir(tree.path())
        .args(["check", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("TOML").or(predicate::str::contains("invalid")));
    actiongate()
        .current_dir(tree.path())
        .args(["check", "app", "--config", "missing.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.toml"));
}
