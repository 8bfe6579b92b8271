//! `--format sarif`: structurally valid SARIF 2.1.0 with what GitHub code scanning requires.

use std::collections::HashMap;

use serde_json::Value;

use crate::common::{actiongate, fixtures, Tree};

fn sarif_of(dir: &std::path::Path, args: &[&str]) -> (i32, Value) {
    let output = actiongate()
        .current_dir(dir)
        .args(["check", "--format", "sarif"])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        serde_json::from_slice(&output.stdout).expect("SARIF is JSON"),
    )
}

fn text(value: &Value, what: &str) -> String {
    let s = value
        .as_str()
        .unwrap_or_else(|| panic!("{what} must be a string, got {value}"));
    assert!(!s.is_empty(), "{what} must not be empty");
    s.to_string()
}

fn positive(value: &Value, what: &str) -> u64 {
    let n = value
        .as_u64()
        .unwrap_or_else(|| panic!("{what} must be an integer, got {value}"));
    assert!(n >= 1, "{what} must be >= 1");
    n
}

/// Checks the parts of the SARIF 2.1.0 schema and of GitHub's ingestion rules that a tool
/// controls. Returns the results for further checks.
fn validate(log: &Value) -> Vec<Value> {
    assert!(text(&log["$schema"], "$schema").contains("sarif"));
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1, "one run");
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "actiongate");
    assert!(text(&driver["informationUri"], "informationUri").starts_with("https://"));
    text(&driver["version"], "driver.version");

    let rules = driver["rules"].as_array().expect("driver.rules");
    assert!(!rules.is_empty());
    let mut index = HashMap::new();
    for (i, rule) in rules.iter().enumerate() {
        let id = text(&rule["id"], "rule.id");
        assert!(index.insert(id.clone(), i).is_none(), "duplicate rule {id}");
        let name = text(&rule["name"], "rule.name");
        assert!(
            name.chars().all(|c| c.is_ascii_alphanumeric()),
            "rule name {name} should be an identifier"
        );
        text(&rule["shortDescription"]["text"], "shortDescription.text");
        text(&rule["fullDescription"]["text"], "fullDescription.text");
        text(&rule["help"]["text"], "help.text");
        assert!(text(&rule["help"]["markdown"], "help.markdown").contains("```"));
        assert!(text(&rule["helpUri"], "helpUri")
            .starts_with("https://cwe.mitre.org/data/definitions/"));
        let props = &rule["properties"];
        let tags: Vec<&str> = props["tags"]
            .as_array()
            .expect("tags")
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(tags.contains(&"security"), "{tags:?}");
        assert!(tags.iter().any(|t| t.starts_with("CWE-")), "{tags:?}");
        let severity: f64 = text(&props["security-severity"], "security-severity")
            .parse()
            .expect("a number");
        assert!((0.0..=10.0).contains(&severity));
        assert!(["very-high", "high", "medium", "low"]
            .contains(&text(&props["precision"], "precision").as_str()));
    }
    assert_eq!(
        rules[index["missing-authn"]]["properties"]["security-severity"],
        "8.8"
    );
    assert_eq!(
        rules[index["raw-record-return"]]["properties"]["security-severity"],
        "5.3"
    );
    assert_eq!(
        rules[index["unvalidated-input"]]["properties"]["security-severity"],
        "3.1"
    );

    let results = run["results"].as_array().expect("results").clone();
    for result in &results {
        let rule_id = text(&result["ruleId"], "ruleId");
        let rule_index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(
            index.get(&rule_id),
            Some(&rule_index),
            "ruleIndex points at the rule"
        );
        assert!(["none", "note", "warning", "error"]
            .contains(&text(&result["level"], "level").as_str()));
        text(&result["message"]["text"], "message.text");
        let locations = result["locations"].as_array().expect("locations");
        assert_eq!(locations.len(), 1);
        let physical = &locations[0]["physicalLocation"];
        let uri = text(&physical["artifactLocation"]["uri"], "uri");
        assert!(
            !uri.starts_with('/')
                && !uri.contains('\\')
                && !uri.contains(':')
                && !uri.contains(' '),
            "{uri}"
        );
        let region = &physical["region"];
        let (sl, sc) = (
            positive(&region["startLine"], "startLine"),
            positive(&region["startColumn"], "startColumn"),
        );
        let (el, ec) = (
            positive(&region["endLine"], "endLine"),
            positive(&region["endColumn"], "endColumn"),
        );
        assert!(
            el > sl || (el == sl && ec >= sc),
            "region ends after it starts"
        );
        let fingerprints = result["partialFingerprints"]
            .as_object()
            .expect("partialFingerprints");
        assert!(
            !fingerprints.is_empty()
                && fingerprints
                    .values()
                    .all(|v| v.as_str().is_some_and(|s| !s.is_empty()))
        );
        if let Some(suppressions) = result.get("suppressions") {
            for s in suppressions.as_array().expect("suppressions") {
                assert_eq!(s["kind"], "inSource");
                text(&s["justification"], "justification");
            }
        }
    }
    results
}

#[test]
fn sarif_is_structurally_valid_for_github_code_scanning() {
    let (code, log) = sarif_of(&fixtures().join("basic"), &["."]);
    assert_eq!(code, 1);
    let results = validate(&log);
    let missing_authn: Vec<&Value> = results
        .iter()
        .filter(|r| r["ruleId"] == "missing-authn")
        .collect();
    assert_eq!(missing_authn.len(), 2, "one active, one suppressed");
    let active = missing_authn
        .iter()
        .find(|r| r.get("suppressions").is_none())
        .unwrap();
    assert_eq!(active["level"], "error");
    let location = &active["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "vulnerable.ts");
    assert_eq!(location["region"]["startLine"], 2);
    let suppressed = missing_authn
        .iter()
        .find(|r| r.get("suppressions").is_some())
        .unwrap();
    assert_eq!(
        suppressed["suppressions"][0]["justification"],
        "demo data, reset nightly"
    );
    assert_eq!(
        suppressed["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "suppressed.ts"
    );
    let low = results
        .iter()
        .find(|r| r["ruleId"] == "unvalidated-input")
        .unwrap();
    assert_eq!(low["level"], "note");
}

#[test]
fn fingerprints_survive_code_moving_down() {
    let tree = Tree::new();
    tree.file("app/my actions.ts", crate::common::VULNERABLE);
    let (_, before) = sarif_of(tree.path(), &["."]);
    tree.file(
        "app/my actions.ts",
        format!("// a new comment\n\n{}", crate::common::VULNERABLE),
    );
    let (_, after) = sarif_of(tree.path(), &["."]);
    let before = validate(&before);
    let after = validate(&after);
    assert_eq!(
        before[0]["partialFingerprints"],
        after[0]["partialFingerprints"]
    );
    assert_ne!(
        before[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        after[0]["locations"][0]["physicalLocation"]["region"]["startLine"]
    );
    assert_eq!(
        before[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "app/my%20actions.ts"
    );
}

#[test]
fn unreadable_files_become_notifications() {
    let tree = Tree::new();
    tree.file("blob.ts", b"\0\0\0");
    let (code, log) = sarif_of(tree.path(), &["."]);
    assert_eq!(code, 0);
    validate(&log);
    let notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(notes[0]["message"]["text"]
        .as_str()
        .unwrap()
        .contains("not a text file"));
}
