//! Shared helpers for the fixture and corpus tests: reading `// expect: <rule>` labels and
//! picking the primary rule of each action from a report.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use actiongate_analyzer::{analyze, Options, Report};

/// The rules a label can name (besides `clean`).
pub const PRIMARY: [&str; 6] = [
    "missing-authn",
    "unchecked-session",
    "auth-after-mutation",
    "client-identity",
    "missing-authz",
    "unverified-session",
];

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Every source file under `dir`, sorted.
pub fn source_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("ts" | "tsx" | "js" | "jsx" | "mjs" | "cjs")
            ) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// One labelled action and what the analyzer said.
#[derive(Debug)]
pub struct Outcome {
    pub file: String,
    pub action: String,
    pub line: u32,
    pub expected: String,
    pub actual: String,
}

/// The `// expect:` label in the comment block directly above 1-based `line`.
pub fn label_above(source: &str, line: u32) -> Option<String> {
    let lines: Vec<&str> = source.lines().collect();
    let mut i = line as usize - 1; // index of the action line
    while i > 0 {
        i -= 1;
        let t = lines[i].trim();
        if let Some(rest) = t.strip_prefix("// expect:") {
            return Some(rest.trim().to_string());
        }
        if !(t.starts_with("//")
            || t.starts_with("/*")
            || t.starts_with('*')
            || t.starts_with("{/*"))
        {
            return None;
        }
    }
    None
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
