//! Fixture tests (`tests/fixtures/**`): every labelled action gets exactly its expected primary
//! rule, every diagnostic and every fix is snapshotted, and every fix passes the fix harness.

mod common;

use actiongate_analyzer::{analyze, Options, Severity};
use common::{evaluate_file, root, source_files};

fn fixtures() -> Vec<std::path::PathBuf> {
    source_files(&root().join("tests/fixtures"))
}

#[test]
fn every_fixture_action_gets_its_expected_primary_rule() {
    let mut failures = Vec::new();
    let mut count = 0;
    for file in fixtures() {
        for o in evaluate_file(&file).1 {
            count += 1;
            if o.expected != o.actual {
                failures.push(format!(
                    "{}:{} `{}`: expected {}, got {}",
                    o.file, o.line, o.action, o.expected, o.actual
                ));
            }
        }
    }
    assert!(count > 50, "only {count} fixture actions");
    assert!(
        failures.is_empty(),
        "{} of {count} fixture actions disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn diagnostics_and_fixes_match_their_snapshots() {
    for file in fixtures() {
        let source = std::fs::read_to_string(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let report = analyze(&source, &Options::new(&name));
        let mut out = String::new();
        for f in report.findings.iter().chain(report.suppressed.iter()) {
            let text = &source[f.span.start as usize..f.span.end as usize];
            out.push_str(&format!(
                "{}:{} {} [{}] {}{}\n  | {}\n  = {}\n",
                f.position.line,
                f.position.column,
                f.rule,
                f.action,
                f.message,
                f.suppressed
                    .as_ref()
                    .map(|r| format!(" (suppressed: {r})"))
                    .unwrap_or_default(),
                text.lines().next().unwrap_or(""),
                f.help
            ));
            if let Some(fix) = &f.fix {
                out.push_str(&format!("  fix: {}\n", fix.description));
            }
        }
        if report.fixed_source != source {
            out.push_str("\n----- fixed source -----\n");
            out.push_str(&report.fixed_source);
        }
        let rel = file
            .strip_prefix(root().join("tests/fixtures"))
            .unwrap()
            .display()
            .to_string()
            .replace(['/', '.'], "__");
        insta::with_settings!({ snapshot_path => root().join("tests/snapshots"), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(rel, out);
        });
    }
}

/// The fix harness: each fixture's fixed source parses, and analysing it again reports none of
/// the high findings that had a fix.
#[test]
fn fixes_parse_and_settle() {
    let mut fixed_findings = 0;
    for file in fixtures() {
        let source = std::fs::read_to_string(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let report = analyze(&source, &Options::new(&name));
        let fixed: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::High && f.fix.is_some())
            .collect();
        if fixed.is_empty() {
            continue;
        }
        fixed_findings += fixed.len();
        let again = analyze(&report.fixed_source, &Options::new(&name));
        assert!(
            again.errors.is_empty(),
            "{name}: the fixed source does not parse: {:?}\n{}",
            again.errors,
            report.fixed_source
        );
        for f in fixed {
            assert!(
                !again
                    .findings
                    .iter()
                    .any(|g| g.rule == f.rule && g.action == f.action),
                "{name}: `{}` still reports {} after its fix:\n{}",
                f.action,
                f.rule,
                report.fixed_source
            );
        }
    }
    assert!(
        fixed_findings > 10,
        "only {fixed_findings} fixes were exercised"
    );
}

/// Every high finding in the fixtures has a fix, except admin-only authorization and cases
/// where no safe edit exists (documented in the rules).
#[test]
fn high_findings_in_fixtures_carry_fixes_where_safe() {
    let mut without = Vec::new();
    for file in fixtures() {
        let source = std::fs::read_to_string(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let report = analyze(&source, &Options::new(&name));
        for f in report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::High && f.fix.is_none())
        {
            without.push(format!("{name}: {} [{}]", f.rule, f.action));
        }
    }
    println!("high findings with guidance only:\n{}", without.join("\n"));
}
