//! `actiongate rules` and `actiongate explain`.

use predicates::prelude::*;

use crate::common::actiongate;

const RULE_IDS: [&str; 9] = [
    "missing-authn",
    "unchecked-session",
    "auth-after-mutation",
    "client-identity",
    "missing-authz",
    "unverified-session",
    "service-role-client",
    "raw-record-return",
    "unvalidated-input",
];

#[test]
fn rules_lists_every_rule_with_severity_and_cwe() {
    let output = actiongate().arg("rules").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("RULE"), "{text}");
    for id in RULE_IDS {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{id} missing:\n{text}"));
        assert!(line.contains("CWE-"), "{line}");
        assert!(
            ["high", "medium", "low"].iter().any(|s| line.contains(s)),
            "{line}"
        );
    }
}

#[test]
fn explain_prints_the_rule_documentation() {
    actiongate()
        .args(["explain", "missing-authz"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "missing-authz (high severity, CWE-639)",
        ))
        .stdout(predicate::str::contains("What it does"))
        .stdout(predicate::str::contains("Why is this bad?"))
        .stdout(predicate::str::contains("How to fix"))
        .stdout(predicate::str::contains("Example of vulnerable code"))
        .stdout(predicate::str::contains("The same action, fixed"))
        .stdout(predicate::str::contains(
            "https://cwe.mitre.org/data/definitions/639.html",
        ));
}

#[test]
fn explain_of_an_unknown_rule_lists_the_valid_ids() {
    let assert = actiongate()
        .args(["explain", "missing-auth"])
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("unknown rule `missing-auth`"), "{stderr}");
    for id in RULE_IDS {
        assert!(stderr.contains(id), "{id} not listed: {stderr}");
    }
}
