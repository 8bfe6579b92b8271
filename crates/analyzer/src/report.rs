//! The analysis result: what the CLI, the playground and the npm package all consume.
//!
//! Inside the engine every position is a UTF-8 byte offset. [`LineIndex`] converts
//! offsets to 1-based lines and UTF-16 columns once, when the report is built.

use serde::Serialize;

/// How bad a finding is. Ordered: `Low < Medium < High`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Hygiene: worth fixing, rarely exploitable alone.
    Low,
    /// Leaks data or weakens a check.
    Medium,
    /// Anyone (or any user) can do something they should not.
    High,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    /// Parses `low`, `medium` or `high`.
    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            _ => None,
        }
    }
}

/// A byte range `[start, end)` in the analysed source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ByteSpan {
    /// Inclusive start, UTF-8 byte offset.
    pub start: u32,
    /// Exclusive end, UTF-8 byte offset.
    pub end: u32,
}

/// A human position range: 1-based lines, 1-based UTF-16 columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// 1-based line of the start.
    pub line: u32,
    /// 1-based UTF-16 column of the start.
    pub column: u32,
    /// 1-based line of the end.
    pub end_line: u32,
    /// 1-based UTF-16 column of the end (exclusive).
    pub end_column: u32,
}

/// One text replacement. Offsets are UTF-8 byte offsets into the original file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Start byte offset (inclusive).
    pub start: u32,
    /// End byte offset (exclusive); equal to `start` for an insertion.
    pub end: u32,
    /// Replacement text.
    pub text: String,
}

/// The proposed fix for one finding: every edit the action needs, not only the finding's own.
///
/// A login check added by a fix can reveal the ownership gap that `missing-authn` hid by
/// precedence; the fix then goes on until the action settles (SPEC §4) and says what it closed
/// and what it could not write safely.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, one sentence per step.
    pub description: String,
    /// Non-overlapping edits of the original file, sorted by `start`.
    pub edits: Vec<Edit>,
    /// The high rules the fixed action no longer reports, the finding's own rule first.
    pub closes: Vec<&'static str>,
    /// The high gaps of the action that remain after the fix, each with why.
    pub remaining: Vec<Gap>,
}

impl Fix {
    /// Whether the fixed action has no high finding left.
    pub fn is_complete(&self) -> bool {
        self.remaining.is_empty()
    }
}

/// A high gap a fix leaves open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// The rule still reported on the fixed action.
    pub rule: &'static str,
    /// What is still wrong, as the fixed action's finding says it.
    pub reason: String,
}

/// One problem found in one action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Rule id, e.g. `missing-authz`.
    pub rule: &'static str,
    /// Severity of the rule.
    pub severity: Severity,
    /// CWE id, e.g. `CWE-639`.
    pub cwe: &'static str,
    /// The exported (or inferred) name of the action.
    pub action: String,
    /// Byte range to highlight.
    pub span: ByteSpan,
    /// The same range as lines and UTF-16 columns.
    #[serde(flatten)]
    pub position: Position,
    /// What is wrong, why it matters, and what to do.
    pub message: String,
    /// How to fix it, in one or two sentences.
    pub help: String,
    /// Text edits that fix it, when a safe fix exists.
    pub fix: Option<Fix>,
    /// For suppressed findings: the reason given in the comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<String>,
}

/// A Server Action the analyzer found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionInfo {
    /// Exported name, `default`, or a descriptive name for inline actions.
    pub name: String,
    /// How the action was declared (`"use server" module export`, `inline`, `next-safe-action`, ...).
    pub kind: &'static str,
    /// The span of the action's name or function head.
    pub span: ByteSpan,
    /// 1-based line of `span.start`.
    pub line: u32,
    /// What a caller sends it (for the playground's attack view; not in the JSON contract).
    #[serde(skip)]
    pub inputs: ActionInputs,
}

/// What a caller sends an action: its parameters, and the form fields it reads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActionInputs {
    /// Parameter names in order (`args` for a destructured one).
    pub params: Vec<String>,
    /// Whether its first parameter is read as `FormData` (a form posts it).
    pub form_data: bool,
    /// Form fields it reads (`formData.get("id")`), in first-read order.
    pub form_fields: Vec<String>,
    /// What it does: the writes and returned reads it reaches (`prisma.post.delete(..)`), in
    /// order, each once (a challenge must still do them once solved).
    pub effects: Vec<String>,
}

/// A syntax error (or an input the analyzer refused, like too-deep nesting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceError {
    /// What went wrong, for humans.
    pub message: String,
    /// Where, as bytes.
    pub span: ByteSpan,
    /// Where, as lines and UTF-16 columns.
    #[serde(flatten)]
    pub position: Position,
}

/// A verdict that rests on an import the analyzer could not see: a helper, wrapper or action
/// client from a project file it was not given, judged by its name or taken to check the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assumption {
    /// The action whose verdict rests on it.
    pub action: String,
    /// The imported name (`updateVisibilityById`).
    pub import: String,
    /// The module it is imported from (`@/lib/db/queries`).
    pub source: String,
    /// What was assumed, as the end of a sentence about the import ("is assumed to check the
    /// caller itself").
    pub assumed: &'static str,
    /// What to do to know instead ("add that file to know"); not part of the JSON contract.
    #[serde(skip)]
    pub advice: &'static str,
    /// Where the action uses it.
    pub span: ByteSpan,
    /// The same range as lines and UTF-16 columns.
    #[serde(flatten)]
    pub position: Position,
}

impl Assumption {
    /// Whether giving the analyzer the imported file would turn the assumption into a verdict
    /// (not for a tRPC caller: its router is not followed yet).
    pub fn file_would_tell(&self) -> bool {
        self.advice == crate::facts::Assumed::ChecksCaller.advice()
    }

    /// The whole sentence, with what to do: "`f` from `m` is assumed to …: add that file to know."
    pub fn sentence(&self) -> String {
        format!(
            "`{}` from `{}` {}: {}.",
            self.import, self.source, self.assumed, self.advice
        )
    }
}

/// Everything the analyzer says about one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The file name given in [`crate::Options`].
    pub file: String,
    /// Every Server Action found, in source order.
    pub actions: Vec<ActionInfo>,
    /// Syntax errors and refused input; whatever parsed was still analysed.
    pub errors: Vec<SourceError>,
    /// Active findings, in source order.
    pub findings: Vec<Finding>,
    /// Findings silenced by `// actiongate-ignore <rule>: <reason>`.
    pub suppressed: Vec<Finding>,
    /// What verdicts take for granted about imports the analyzer could not see (SPEC §5): "no
    /// findings" with assumptions means "no findings, if …".
    pub assumptions: Vec<Assumption>,
    /// The whole file with every available fix applied (equal to the input when there is none).
    pub fixed_source: String,
    /// The input was refused before parsing (nesting too deep) and not analysed at all: a
    /// check that relies on this report must fail closed.
    #[serde(skip)]
    pub refused: bool,
}

impl Report {
    /// True when any active finding is at or above `severity`.
    pub fn has_findings_at(&self, severity: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= severity)
    }
}

/// Converts byte offsets to 1-based line and UTF-16 column positions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the start of every line.
    line_starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes the line starts of `source` (`\n`, `\r\n` and lone `\r` end lines).
    pub fn new(source: &str) -> Self {
        let bytes = source.as_bytes();
        let mut line_starts = vec![0];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // `\r\n` ends one line: its `\r` is skipped and the `\n` starts the next line.
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            line_starts.push(i as u32 + 1);
        }
        LineIndex { line_starts }
    }

    /// 1-based line and 1-based UTF-16 column of a byte offset (clamped into the source).
    pub fn line_col(&self, source: &str, offset: u32) -> (u32, u32) {
        let offset = (offset as usize).min(source.len());
        let line = self.line_starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = self.line_starts[line] as usize;
        let mut end = offset;
        while !source.is_char_boundary(end) {
            end -= 1;
        }
        let column: usize = source[start..end].chars().map(char::len_utf16).sum();
        (line as u32 + 1, column as u32 + 1)
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: u32) -> u32 {
        self.line_starts.partition_point(|&s| s <= offset) as u32
    }

    /// Both ends of a span as a [`Position`].
    pub fn position(&self, source: &str, span: ByteSpan) -> Position {
        let (line, column) = self.line_col(source, span.start);
        let (end_line, end_column) = self.line_col(source, span.end);
        Position {
            line,
            column,
            end_line,
            end_column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_code_units() {
        let src = "a😀b\nxé";
        let idx = LineIndex::new(src);
        // 'b' is after a (1 unit) and the emoji (2 units).
        assert_eq!(idx.line_col(src, 5), (1, 4));
        assert_eq!(idx.line_col(src, 8), (2, 2));
        assert_eq!(idx.line_col(src, 100), (2, 3));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let src = "a\r\nb\rc";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 3), (2, 1));
        assert_eq!(idx.line_col(src, 5), (3, 1));
    }

    #[test]
    fn offsets_inside_a_char_snap_back() {
        let src = "é";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(src, 1), (1, 1));
    }
}
