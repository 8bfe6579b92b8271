//! The output formats of `actiongate check`, all rendered from the same [`FileResult`]s, so the
//! CLI, the npm package and the playground's folder report print the same bytes. No I/O here.

pub mod compact;
pub mod diff;
pub mod github;
pub mod json;
pub mod pretty;
pub mod sarif;

use actiongate_analyzer::{Assumption, Finding, Severity};

use crate::FileResult;

/// Counts shown in summaries.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// Files checked.
    pub files: usize,
    /// Files with at least one active finding.
    pub files_with_findings: usize,
    /// Active findings.
    pub findings: usize,
    /// Active high findings.
    pub high: usize,
    /// Active medium findings.
    pub medium: usize,
    /// Active low findings.
    pub low: usize,
    /// Suppressed findings.
    pub suppressed: usize,
    /// Server Actions found.
    pub actions: usize,
    /// Files with syntax errors or whole-file problems.
    pub files_with_errors: usize,
}

impl Totals {
    /// Counts everything in `results`.
    pub fn of(results: &[FileResult]) -> Totals {
        let mut t = Totals {
            files: results.len(),
            ..Totals::default()
        };
        for result in results {
            if !result.problems.is_empty()
                || result.report.as_ref().is_some_and(|r| !r.errors.is_empty())
            {
                t.files_with_errors += 1;
            }
            let Some(report) = &result.report else {
                continue;
            };
            t.actions += report.actions.len();
            t.suppressed += report.suppressed.len();
            if !report.findings.is_empty() {
                t.files_with_findings += 1;
            }
            for finding in &report.findings {
                t.findings += 1;
                match finding.severity {
                    Severity::High => t.high += 1,
                    Severity::Medium => t.medium += 1,
                    Severity::Low => t.low += 1,
                }
            }
        }
        t
    }
}

/// The text of 1-based line `line` of `source`, without its line ending (`""` when out of range).
pub fn line_text(source: &str, line: u32) -> &str {
    let mut rest = source;
    for _ in 1..line {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => return "",
        }
    }
    let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    &rest[..end]
}

/// Active findings of every file, with the file they belong to, in output order.
pub fn findings(results: &[FileResult]) -> impl Iterator<Item = (&FileResult, &Finding)> {
    results.iter().flat_map(|r| {
        r.report
            .iter()
            .flat_map(move |rep| rep.findings.iter().map(move |f| (r, f)))
    })
}

/// Suppressed findings of every file, with the file they belong to, in output order.
pub fn suppressed(results: &[FileResult]) -> impl Iterator<Item = (&FileResult, &Finding)> {
    results.iter().flat_map(|r| {
        r.report
            .iter()
            .flat_map(move |rep| rep.suppressed.iter().map(move |f| (r, f)))
    })
}

/// Assumptions of every file (verdicts resting on unseen imports), with their file.
pub fn assumptions(results: &[FileResult]) -> impl Iterator<Item = (&FileResult, &Assumption)> {
    results.iter().flat_map(|r| {
        r.report
            .iter()
            .flat_map(move |rep| rep.assumptions.iter().map(move |a| (r, a)))
    })
}

/// `1 finding`, `2 findings`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_text_handles_every_line_ending() {
        let src = "a\r\nb\rc\nd";
        assert_eq!(line_text(src, 1), "a");
        assert_eq!(line_text(src, 2), "b");
        assert_eq!(line_text(src, 3), "c");
        assert_eq!(line_text(src, 4), "d");
        assert_eq!(line_text(src, 5), "");
    }
}
