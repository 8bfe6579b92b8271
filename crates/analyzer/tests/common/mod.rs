//! Shared helpers for the fixture and corpus tests: reading `// expect: <rule>` labels and
//! picking the primary rule of each action from a report.

#![allow(dead_code)]

use std::path::Path;

use actiongate_analyzer::{analyze, Options, Report};

pub use actiongate_labels::{label_above, root, source_files, PRIMARY};

/// One labelled action and what the analyzer said.
#[derive(Debug)]
pub struct Outcome {
    pub file: String,
    pub action: String,
    pub line: u32,
    pub expected: String,
    pub actual: String,
}

/// The primary rule the report gives an action (`clean` when none).
pub fn primary_of(report: &Report, action: &str) -> String {
    report
        .findings
        .iter()
        .filter(|f| f.action == action && PRIMARY.contains(&f.rule))
        .map(|f| f.rule.to_string())
        .next()
        .unwrap_or_else(|| "clean".to_string())
}

/// Analyses a labelled file and pairs each labelled action with its outcome. Panics when an
/// action has no label or a label has no action, so the corpus cannot silently shrink.
pub fn evaluate_file(path: &Path) -> (Report, Vec<Outcome>) {
    let source = std::fs::read_to_string(path).unwrap();
    let rel = path
        .strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string();
    let report = analyze(
        &source,
        &Options::new(path.file_name().unwrap().to_string_lossy()),
    );
    let mut outcomes = Vec::new();
    for action in &report.actions {
        let expected = label_above(&source, action.line).unwrap_or_else(|| {
            panic!(
                "{rel}:{}: action `{}` has no `// expect:` label",
                action.line, action.name
            )
        });
        outcomes.push(Outcome {
            file: rel.clone(),
            action: action.name.clone(),
            line: action.line,
            expected,
            actual: primary_of(&report, &action.name),
        });
    }
    let labels = source
        .lines()
        .filter(|l| l.trim_start().starts_with("// expect:"))
        .count();
    assert_eq!(
        labels,
        outcomes.len(),
        "{rel}: {labels} labels but {} actions found: {:?}",
        outcomes.len(),
        report
            .actions
            .iter()
            .map(|a| (&a.name, a.line))
            .collect::<Vec<_>>()
    );
    (report, outcomes)
}
