//! `--format json`: the stable output contract of SPEC §5 (version 1).
//!
//! Besides the contract's `version`, `files` and `findings`, a top-level `suppressed` array lists
//! findings silenced in the source, in the same shape plus their `reason`.

use actiongate_analyzer::{Finding, Position};
use serde::Serialize;

use crate::FileResult;

/// The whole document.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    /// Contract version: 1.
    pub version: u32,
    /// Every checked file.
    pub files: Vec<FileEntry<'a>>,
    /// Active findings, by file then source order.
    pub findings: Vec<FindingEntry<'a>>,
    /// Suppressed findings.
    pub suppressed: Vec<FindingEntry<'a>>,
    /// Verdicts that rest on imports the analyzer could not see (SPEC §5; absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assumptions: Vec<AssumptionEntry<'a>>,
}

/// A verdict that rests on an unseen import.
#[derive(Debug, Serialize)]
pub struct AssumptionEntry<'a> {
    /// Path of the file.
    pub file: &'a str,
    /// The action whose verdict rests on it.
    pub action: &'a str,
    /// 1-based line where the action uses it.
    pub line: u32,
    /// 1-based UTF-16 column.
    pub column: u32,
    /// The imported name.
    pub import: &'a str,
    /// The module it is imported from.
    pub source: &'a str,
    /// What was assumed ("is assumed to check the caller itself").
    pub assumed: &'a str,
}

/// One checked file.
#[derive(Debug, Serialize)]
pub struct FileEntry<'a> {
    /// Path relative to the current directory, forward slashes.
    pub file: &'a str,
    /// Names of the Server Actions found.
    pub actions: Vec<&'a str>,
    /// Syntax errors and whole-file problems.
    pub errors: Vec<ErrorEntry<'a>>,
}

/// One error of a file.
#[derive(Debug, Serialize)]
pub struct ErrorEntry<'a> {
    /// What went wrong.
    pub message: &'a str,
    /// 1-based line.
    pub line: u32,
    /// 1-based UTF-16 column.
    pub column: u32,
    /// 1-based end line.
    pub end_line: u32,
    /// 1-based UTF-16 end column (exclusive).
    pub end_column: u32,
}

/// One finding.
#[derive(Debug, Serialize)]
pub struct FindingEntry<'a> {
    /// Rule id.
    pub rule: &'a str,
    /// `low`, `medium` or `high`.
    pub severity: &'a str,
    /// CWE id.
    pub cwe: &'a str,
    /// Path of the file.
    pub file: &'a str,
    /// The action's name.
    pub action: &'a str,
    /// 1-based line.
    pub line: u32,
    /// 1-based UTF-16 column.
    pub column: u32,
    /// 1-based end line.
    pub end_line: u32,
    /// 1-based UTF-16 end column (exclusive).
    pub end_column: u32,
    /// What is wrong.
    pub message: &'a str,
    /// How to fix it.
    pub help: &'a str,
    /// The fix's edits (UTF-8 byte offsets), or `null`.
    pub fix: Option<FixEntry<'a>>,
    /// For suppressed findings: the reason given in the comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
}

/// A fix.
#[derive(Debug, Serialize)]
pub struct FixEntry<'a> {
    /// Text edits, sorted by `start`.
    pub edits: Vec<EditEntry<'a>>,
    /// The high rules the fixed action no longer reports.
    pub closes: &'a [&'static str],
    /// The high gaps the fix leaves open, each with why (empty: the action is fully fixed).
    pub remaining: Vec<GapEntry<'a>>,
}

/// A high gap a fix leaves open.
#[derive(Debug, Serialize)]
pub struct GapEntry<'a> {
    /// The rule still reported on the fixed action.
    pub rule: &'static str,
    /// What is still wrong.
    pub reason: &'a str,
}

/// One edit.
#[derive(Debug, Serialize)]
pub struct EditEntry<'a> {
    /// Start byte offset.
    pub start: u32,
    /// End byte offset (exclusive).
    pub end: u32,
    /// Replacement text.
    pub text: &'a str,
}

/// Position of whole-file problems (they have no span).
const FILE_START: Position = Position {
    line: 1,
    column: 1,
    end_line: 1,
    end_column: 1,
};

/// Builds the document.
pub fn document(results: &[FileResult]) -> Document<'_> {
    let files = results
        .iter()
        .map(|r| {
            let mut errors: Vec<ErrorEntry> = r
                .problems
                .iter()
                .map(|p| error(&p.message, FILE_START))
                .collect();
            let mut actions = Vec::new();
            if let Some(report) = &r.report {
                errors.extend(report.errors.iter().map(|e| error(&e.message, e.position)));
                actions.extend(report.actions.iter().map(|a| a.name.as_str()));
            }
            FileEntry {
                file: &r.display,
                actions,
                errors,
            }
        })
        .collect();
    Document {
        version: 1,
        files,
        findings: super::findings(results)
            .map(|(r, f)| finding(r, f))
            .collect(),
        suppressed: super::suppressed(results)
            .map(|(r, f)| finding(r, f))
            .collect(),
        assumptions: super::assumptions(results)
            .map(|(r, a)| AssumptionEntry {
                file: &r.display,
                action: &a.action,
                line: a.position.line,
                column: a.position.column,
                import: &a.import,
                source: &a.source,
                assumed: a.assumed,
            })
            .collect(),
    }
}

/// Renders the document, pretty-printed, with a final newline.
pub fn render(results: &[FileResult]) -> String {
    let mut text = serde_json::to_string_pretty(&document(results)).unwrap_or_else(|e| {
        // Serialising plain structs cannot fail; keep the contract's shape if it ever does.
        format!(
            r#"{{"version":1,"files":[],"findings":[],"error":{:?}}}"#,
            e.to_string()
        )
    });
    text.push('\n');
    text
}

fn error(message: &str, p: Position) -> ErrorEntry<'_> {
    ErrorEntry {
        message,
        line: p.line,
        column: p.column,
        end_line: p.end_line,
        end_column: p.end_column,
    }
}

fn finding<'a>(r: &'a FileResult, f: &'a Finding) -> FindingEntry<'a> {
    FindingEntry {
        rule: f.rule,
        severity: f.severity.as_str(),
        cwe: f.cwe,
        file: &r.display,
        action: &f.action,
        line: f.position.line,
        column: f.position.column,
        end_line: f.position.end_line,
        end_column: f.position.end_column,
        message: &f.message,
        help: &f.help,
        fix: f.fix.as_ref().map(|fix| FixEntry {
            edits: fix
                .edits
                .iter()
                .map(|e| EditEntry {
                    start: e.start,
                    end: e.end,
                    text: &e.text,
                })
                .collect(),
            closes: &fix.closes,
            remaining: fix
                .remaining
                .iter()
                .map(|g| GapEntry {
                    rule: g.rule,
                    reason: &g.reason,
                })
                .collect(),
        }),
        reason: f.suppressed.as_deref(),
    }
}
