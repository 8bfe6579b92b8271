//! `--format github`: GitHub Actions workflow commands, so findings show up as annotations on
//! the pull request's changed lines without uploading anything.
//!
//! ```text
//! ::error file=app/actions.ts,line=12,col=3,endLine=12,endColumn=52,title=actiongate missing-authz::message
//! ```
//!
//! High findings are `error`, medium `warning`, low `notice`. Values are escaped as the
//! workflow-command format requires: `%`, `\r` and `\n` everywhere, and also `:` and `,` in
//! properties. Columns are only sent when the span is on one line (GitHub ignores them
//! otherwise). Syntax errors and unreadable files are annotations too; suppressed findings are
//! not shown. A plain summary line ends the output.

use std::fmt::Write as _;

use actiongate_analyzer::{Finding, Position, Severity};

use super::pretty::{summary, Style};
use super::Totals;
use crate::FileResult;

/// The workflow command for a severity.
pub fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "notice",
    }
}

/// Renders every problem, syntax error and active finding as a workflow command, then the
/// summary line.
pub fn render(results: &[FileResult]) -> String {
    let mut out = String::new();
    for result in results {
        let file = &result.display;
        for problem in &result.problems {
            let kind = if problem.fatal { "error" } else { "warning" };
            annotation(
                &mut out,
                kind,
                file,
                None,
                "actiongate: cannot check file",
                &problem.message,
            );
        }
        let Some(report) = &result.report else {
            continue;
        };
        for error in &report.errors {
            annotation(
                &mut out,
                "error",
                file,
                Some(error.position),
                "actiongate syntax error",
                &error.message,
            );
        }
        for finding in &report.findings {
            annotation(
                &mut out,
                command(finding.severity),
                file,
                Some(finding.position),
                &format!("actiongate {}", finding.rule),
                &message(finding),
            );
        }
    }
    out.push_str(&summary(&Totals::of(results), Style::new(false)));
    out
}

/// The annotation text of a finding: what is wrong, then how to fix it.
fn message(f: &Finding) -> String {
    if f.help.is_empty() {
        f.message.clone()
    } else {
        format!("{}\n\nHelp: {}", f.message, f.help)
    }
}

fn annotation(
    out: &mut String,
    kind: &str,
    file: &str,
    position: Option<Position>,
    title: &str,
    text: &str,
) {
    let mut props = format!("file={}", escape_property(file));
    if let Some(p) = position {
        let _ = write!(props, ",line={}", p.line.max(1));
        if p.line == p.end_line {
            let _ = write!(props, ",col={}", p.column.max(1));
        }
        let _ = write!(props, ",endLine={}", p.end_line.max(p.line).max(1));
        if p.line == p.end_line {
            let _ = write!(props, ",endColumn={}", p.end_column.max(p.column).max(1));
        }
    }
    let _ = writeln!(
        out,
        "::{kind} {props},title={}::{}",
        escape_property(title),
        escape_data(text)
    );
}

/// Escapes a command's message: `%`, `\r`, `\n`.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: like [`escape_data`], plus `:` and `,`.
pub fn escape_property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped() {
        assert_eq!(escape_data("50% a:b, c\r\nd"), "50%25 a:b, c%0D%0Ad");
        assert_eq!(escape_property("C:\\a,b%\n.ts"), "C%3A\\a%2Cb%25%0A.ts");
    }

    #[test]
    fn severities_map_to_commands() {
        assert_eq!(command(Severity::High), "error");
        assert_eq!(command(Severity::Medium), "warning");
        assert_eq!(command(Severity::Low), "notice");
    }

    #[test]
    fn multi_line_spans_have_no_columns() {
        let mut out = String::new();
        let p = Position {
            line: 2,
            column: 5,
            end_line: 4,
            end_column: 2,
        };
        annotation(&mut out, "error", "a.ts", Some(p), "t", "m");
        assert_eq!(out, "::error file=a.ts,line=2,endLine=4,title=t::m\n");
    }
}
