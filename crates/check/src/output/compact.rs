//! `--format compact`: one line per problem, `file:line:col: severity rule message`, for
//! editors' problem matchers and `grep`.
//!
//! ```text
//! app/actions.ts:12:3: high missing-authz `deletePost` deletes a post chosen by the client ...
//! app/broken.ts:3:7: error syntax Unexpected token
//! app/binary.ts:1:1: error input not a text file (it contains NUL bytes), skipped
//! ```
//!
//! Severity is `high`, `medium` or `low` for findings and `error` for syntax errors and files
//! that could not be checked (rule `syntax` and `input`). Line breaks inside a message become
//! spaces so every problem stays on one line. There is no summary; nothing is printed when there
//! is nothing to report. Suppressed findings are not shown.

use std::fmt::Write as _;

use crate::FileResult;

/// Renders every problem, syntax error and active finding, one per line: by file, then by
/// position (whole-file problems first).
pub fn render(results: &[FileResult]) -> String {
    let mut out = String::new();
    for result in results {
        // (line, column, severity, rule, message)
        let mut entries: Vec<(u32, u32, &str, &str, &str)> = result
            .problems
            .iter()
            .map(|p| (1, 1, "error", "input", p.message.as_str()))
            .collect();
        if let Some(report) = &result.report {
            entries.extend(report.errors.iter().map(|e| {
                let p = e.position;
                (p.line, p.column, "error", "syntax", e.message.as_str())
            }));
            entries.extend(report.findings.iter().map(|f| {
                let p = f.position;
                (
                    p.line,
                    p.column,
                    f.severity.as_str(),
                    f.rule,
                    f.message.as_str(),
                )
            }));
        }
        // Stable: problems stay first, and findings keep their order on the same position.
        actiongate_analyzer::sort::sort_by_key(&mut entries, |e| (e.0, e.1));
        for (line, column, severity, rule, message) in entries {
            let _ = writeln!(
                out,
                "{}:{}:{}: {severity} {rule} {}",
                result.display,
                line.max(1),
                column.max(1),
                one_line(message)
            );
        }
    }
    out
}

/// Joins the lines of `text` with spaces.
pub fn one_line(text: &str) -> String {
    text.split(['\r', '\n'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_stay_on_one_line() {
        assert_eq!(one_line("a\n  b\r\n\r\nc "), "a b c");
        assert_eq!(one_line("plain"), "plain");
    }
}
