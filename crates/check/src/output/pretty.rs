//! `--format pretty`: rustc/oxlint-style code frames and a summary line.

use std::fmt::Write as _;

use actiongate_analyzer::{ByteSpan, Finding, Position, Severity};
use unicode_width::UnicodeWidthChar;

use super::{plural, Totals};
use crate::FileResult;

/// Widest source line shown in full (display columns); longer lines are cut around the span.
const MAX_LINE_WIDTH: usize = 160;
/// Most source lines shown for one span; longer spans show their first and last lines.
const MAX_FRAME_LINES: usize = 6;
/// Columns a tab is shown as.
const TAB_WIDTH: usize = 4;

/// ANSI styling, or none.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    enabled: bool,
}

impl Style {
    /// Styling on or off.
    pub fn new(enabled: bool) -> Self {
        Style { enabled }
    }

    fn paint(self, text: &str, code: &str) -> String {
        if self.enabled && !text.is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(self, severity: Severity, text: &str) -> String {
        let code = match severity {
            Severity::High => "1;31",
            Severity::Medium => "1;33",
            Severity::Low => "1;36",
        };
        self.paint(text, code)
    }

    fn error(self, text: &str) -> String {
        self.paint(text, "1;31")
    }

    fn gutter(self, text: &str) -> String {
        self.paint(text, "1;34")
    }

    fn bold(self, text: &str) -> String {
        self.paint(text, "1")
    }
}

/// Renders every problem, every active finding and the summary.
pub fn render(results: &[FileResult], style: Style) -> String {
    let mut out = String::new();
    for result in results {
        let source = result.source.as_deref().unwrap_or("");
        let lines = LineTable::new(source);
        for problem in &result.problems {
            let _ = writeln!(
                out,
                "{}: {}",
                style.error("error[input]"),
                style.bold(&problem.message)
            );
            let _ = writeln!(out, "  {} {}\n", style.gutter("-->"), result.display);
        }
        let Some(report) = &result.report else {
            continue;
        };
        for error in &report.errors {
            let _ = writeln!(
                out,
                "{}: {}",
                style.error("error[syntax]"),
                style.bold(&error.message)
            );
            location(&mut out, &result.display, error.position, style);
            frame(
                &mut out,
                source,
                &lines,
                error.span,
                error.position,
                Severity::High,
                style,
            );
            out.push('\n');
        }
        for finding in &report.findings {
            render_finding(&mut out, &result.display, source, &lines, finding, style);
        }
        for assumption in &report.assumptions {
            let _ = writeln!(
                out,
                "{}: `{}` rests on an assumption: {}",
                style.bold("note[assumption]"),
                assumption.action,
                assumption.sentence()
            );
            location(&mut out, &result.display, assumption.position, style);
            out.push('\n');
        }
    }
    out.push_str(&summary(&Totals::of(results), style));
    out
}

fn render_finding(
    out: &mut String,
    file: &str,
    source: &str,
    lines: &LineTable,
    f: &Finding,
    style: Style,
) {
    let header = format!("{}[{}]", f.severity.as_str(), f.rule);
    let _ = writeln!(
        out,
        "{}: {}",
        style.severity(f.severity, &header),
        style.bold(&f.message)
    );
    location(out, file, f.position, style);
    let pad = gutter_width(f.position.end_line);
    frame(out, source, lines, f.span, f.position, f.severity, style);
    let eq = style.gutter("=");
    let blank = " ".repeat(pad);
    let _ = writeln!(
        out,
        "{blank} {eq} {} action `{}`, {}",
        style.bold("note:"),
        f.action,
        f.cwe
    );
    if !f.help.is_empty() {
        let _ = writeln!(out, "{blank} {eq} {} {}", style.bold("help:"), f.help);
    }
    if let Some(fix) = &f.fix {
        let _ = writeln!(
            out,
            "{blank} {eq} {} {} (preview with --diff, apply with --fix)",
            style.bold("fix:"),
            fix.description
        );
        // A partial fix says what it leaves: "fixes 1 of 2 gaps".
        if !fix.remaining.is_empty() {
            let total = fix.closes.len() + fix.remaining.len();
            let _ = writeln!(
                out,
                "{blank} {eq} {} the fix closes {} of {total} gaps of this action; still open:",
                style.bold("partial:"),
                fix.closes.len()
            );
            for gap in &fix.remaining {
                let _ = writeln!(out, "{blank}     - {}: {}", gap.rule, gap.reason);
            }
        }
    }
    out.push('\n');
}

fn location(out: &mut String, file: &str, p: Position, style: Style) {
    let pad = " ".repeat(gutter_width(p.end_line));
    let _ = writeln!(
        out,
        "{pad}{} {file}:{}:{}",
        style.gutter("-->"),
        p.line,
        p.column
    );
}

fn gutter_width(last_line: u32) -> usize {
    last_line.max(1).to_string().len()
}

/// The summary line: `N findings in M files (X high, Y medium, Z low); K actions checked in F files`.
pub fn summary(t: &Totals, style: Style) -> String {
    let mut line = format!(
        "{} in {} ({} high, {} medium, {} low); {} checked in {}",
        plural(t.findings, "finding"),
        plural(t.files_with_findings, "file"),
        t.high,
        t.medium,
        t.low,
        plural(t.actions, "action"),
        plural(t.files, "file"),
    );
    if t.suppressed > 0 {
        let _ = write!(line, "; {} suppressed", t.suppressed);
    }
    if t.files_with_errors > 0 {
        let _ = write!(
            line,
            "; {} with errors",
            plural(t.files_with_errors, "file")
        );
    }
    let painted = if t.high > 0 {
        style.severity(Severity::High, &line)
    } else if t.findings > 0 {
        style.severity(Severity::Medium, &line)
    } else {
        style.bold(&line)
    };
    format!("{painted}\n")
}

/// Byte ranges of every line of a source (without line endings).
struct LineTable {
    lines: Vec<(usize, usize)>,
}

impl LineTable {
    fn new(source: &str) -> Self {
        let bytes = source.as_bytes();
        let mut lines = Vec::new();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    lines.push((start, i));
                    start = i + 1;
                }
                b'\r' => {
                    lines.push((start, i));
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        lines.push((start, bytes.len()));
        LineTable { lines }
    }

    /// Byte range of 1-based line `line`.
    fn get(&self, line: u32) -> Option<(usize, usize)> {
        self.lines.get((line as usize).checked_sub(1)?).copied()
    }
}

/// Writes the source lines of `span` with the span underlined.
fn frame(
    out: &mut String,
    source: &str,
    lines: &LineTable,
    span: ByteSpan,
    p: Position,
    severity: Severity,
    style: Style,
) {
    let first = p.line.max(1);
    let last = p.end_line.max(first);
    let pad = gutter_width(last);
    let bar = style.gutter("|");
    let _ = writeln!(out, "{} {bar}", " ".repeat(pad));
    let count = (last - first + 1) as usize;
    let shown: Vec<Option<u32>> = if count <= MAX_FRAME_LINES {
        (first..=last).map(Some).collect()
    } else {
        let head = (MAX_FRAME_LINES / 2) as u32;
        let tail = (MAX_FRAME_LINES - MAX_FRAME_LINES / 2 - 1) as u32;
        (first..first + head)
            .map(Some)
            .chain([None])
            .chain((last + 1 - tail..=last).map(Some))
            .collect()
    };
    let (start, end) = (span.start as usize, span.end as usize);
    for line in shown {
        let Some(line) = line else {
            let _ = writeln!(out, "{}", style.gutter("..."));
            continue;
        };
        let Some((ls, le)) = lines.get(line) else {
            continue;
        };
        let text = &source[ls..le];
        // The part of this line inside the span (a caret at the start for empty spans).
        let from = start.clamp(ls, le);
        let to = end.clamp(ls, le);
        let from = if line != first {
            ls + (text.len() - text.trim_start().len())
        } else {
            from
        };
        let to = to.max(from);
        let (shown_text, u_from, u_to) = cut(text, from - ls, to - ls);
        let width = (u_to - u_from).max(1);
        let _ = writeln!(
            out,
            "{} {bar} {}",
            style.gutter(&format!("{line:>pad$}")),
            shown_text.trim_end()
        );
        let carets = style.severity(severity, &"^".repeat(width));
        let _ = writeln!(
            out,
            "{} {bar} {}{carets}",
            " ".repeat(pad),
            " ".repeat(u_from)
        );
    }
    let _ = writeln!(out, "{} {bar}", " ".repeat(pad));
}

/// Expands tabs and cuts a long line to a window around the underline. Takes byte offsets into
/// `text` and returns the text to show with the underline's display columns in it.
fn cut(text: &str, from: usize, to: usize) -> (String, usize, usize) {
    let mut cells: Vec<(usize, String, usize)> = Vec::new(); // (byte offset, shown text, width)
    for (i, c) in text.char_indices() {
        let (shown, width) = match c {
            '\t' => (" ".repeat(TAB_WIDTH), TAB_WIDTH),
            c if c.is_control() => ("\u{fffd}".to_string(), 1),
            c => (c.to_string(), c.width().unwrap_or(0)),
        };
        cells.push((i, shown, width));
    }
    let column_of = |byte: usize| -> usize {
        cells
            .iter()
            .take_while(|(i, _, _)| *i < byte)
            .map(|c| c.2)
            .sum()
    };
    let total: usize = cells.iter().map(|c| c.2).sum();
    let (u_from, u_to) = (column_of(from), column_of(to));
    let (win_from, win_to) = if total <= MAX_LINE_WIDTH {
        (0, total)
    } else {
        let start = u_from.saturating_sub(MAX_LINE_WIDTH / 4);
        (start, (start + MAX_LINE_WIDTH).min(total))
    };
    let mut shown = String::new();
    let mut column = 0;
    let mut shift = 0;
    if win_from > 0 {
        shown.push('…');
        shift = 1;
    }
    for (_, text, width) in &cells {
        if column >= win_from && column + width <= win_to {
            shown.push_str(text);
        }
        column += width;
    }
    if win_to < total {
        shown.push('…');
    }
    let u_from = u_from.max(win_from) - win_from + shift;
    let u_to = u_to.min(win_to).max(win_from) - win_from + shift;
    (shown, u_from, u_to.max(u_from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_and_wide_chars_keep_carets_aligned() {
        let (text, from, to) = cut("\tlet 😀 = x;", 1, 5);
        assert_eq!(text, "    let 😀 = x;");
        assert_eq!((from, to), (4, 8));
        let (_, from, to) = cut("a😀b", 5, 6);
        assert_eq!((from, to), (3, 4));
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let line = format!("{}TARGET{}", "a".repeat(500), "b".repeat(500));
        let (text, from, to) = cut(&line, 500, 506);
        assert!(text.starts_with('…') && text.ends_with('…'));
        assert_eq!(
            &text.chars().skip(from).take(to - from).collect::<String>(),
            "TARGET"
        );
    }

    #[test]
    fn summary_counts_and_pluralises() {
        let t = Totals {
            files: 2,
            files_with_findings: 1,
            findings: 1,
            high: 1,
            actions: 3,
            ..Totals::default()
        };
        assert_eq!(
            summary(&t, Style::new(false)),
            "1 finding in 1 file (1 high, 0 medium, 0 low); 3 actions checked in 2 files\n"
        );
    }
}
