//! The editor's render model: the source split into lines, each line split into segments that
//! carry a syntax class (from the analyzer's highlight tokens) and the findings or syntax errors
//! that cover them. The browser code only turns these into DOM nodes, and only for lines that
//! changed.

use actiongate_analyzer::highlight::{HighlightToken, TokenClass};
use actiongate_analyzer::Severity;

use crate::offsets::floor_char_boundary;

/// What a mark is; the order is the drawing priority (errors above findings, high above low).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkKind {
    /// A low-severity finding.
    Low,
    /// A medium-severity finding.
    Medium,
    /// A high-severity finding.
    High,
    /// A syntax error.
    Error,
}

impl MarkKind {
    /// The mark kind of a finding's severity.
    pub fn of(severity: Severity) -> MarkKind {
        match severity {
            Severity::Low => MarkKind::Low,
            Severity::Medium => MarkKind::Medium,
            Severity::High => MarkKind::High,
        }
    }

    /// CSS suffix: `low`, `medium`, `high`, `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            MarkKind::Low => "low",
            MarkKind::Medium => "medium",
            MarkKind::High => "high",
            MarkKind::Error => "error",
        }
    }
}

/// Which finding or error a mark belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkId {
    /// Index into the report's findings.
    Finding(usize),
    /// Index into the report's errors.
    Error(usize),
}

impl MarkId {
    /// Compact id used in `data-marks` attributes: `f3`, `e0`.
    pub fn token(self) -> String {
        match self {
            MarkId::Finding(i) => format!("f{i}"),
            MarkId::Error(i) => format!("e{i}"),
        }
    }

    /// Parses [`MarkId::token`].
    pub fn parse(token: &str) -> Option<MarkId> {
        let (kind, rest) = token.split_at_checked(1)?;
        let n: usize = rest.parse().ok()?;
        match kind {
            "f" => Some(MarkId::Finding(n)),
            "e" => Some(MarkId::Error(n)),
            _ => None,
        }
    }
}

/// A highlighted range of the source (UTF-8 byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// Start byte offset.
    pub start: u32,
    /// End byte offset (exclusive); a zero-length mark is drawn as a point.
    pub end: u32,
    /// What it is.
    pub kind: MarkKind,
    /// Whose it is.
    pub id: MarkId,
}

/// How a line relates to the input, in the fixed pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineDiff {
    /// Not a diff view, or an unchanged line.
    #[default]
    None,
    /// A line the fix added or changed.
    Added,
    /// A line of the input the fix removed (shown struck through, without a line number).
    Removed,
}

/// A run of text with one look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seg {
    /// The text (no newline).
    pub text: String,
    /// Its syntax class, if any.
    pub token: Option<TokenClass>,
    /// The most important mark covering it.
    pub mark: Option<MarkKind>,
    /// Every mark covering it.
    pub ids: Vec<MarkId>,
    /// Whether the selected finding covers it.
    pub selected: bool,
}

impl Seg {
    /// Whether the segment is plain text (rendered as a bare text node).
    pub fn is_plain(&self) -> bool {
        self.token.is_none() && self.mark.is_none()
    }

    /// Space-separated CSS classes for the segment.
    pub fn class_name(&self) -> String {
        let mut class = String::new();
        if let Some(t) = self.token {
            class.push_str(token_class(t));
        }
        if let Some(m) = self.mark {
            if !class.is_empty() {
                class.push(' ');
            }
            class.push_str("mk mk-");
            class.push_str(m.as_str());
            if self.text.is_empty() {
                class.push_str(" mk-point");
            }
            if self.selected {
                class.push_str(" mk-sel");
            }
        }
        class
    }

    /// The `data-marks` attribute value (`f0 e1`).
    pub fn marks_attr(&self) -> String {
        self.ids
            .iter()
            .map(|id| id.token())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// One rendered line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineModel {
    /// Its segments, in order. Empty for an empty line.
    pub segs: Vec<Seg>,
    /// The most important mark touching the line, for the gutter marker.
    pub gutter: Option<MarkKind>,
    /// Whether the selected finding touches the line.
    pub gutter_selected: bool,
    /// Marks touching the line (for the gutter's hover text).
    pub gutter_ids: Vec<MarkId>,
    /// Diff status in the fixed pane.
    pub diff: LineDiff,
}

impl LineModel {
    /// CSS classes of the line element.
    pub fn class_name(&self) -> String {
        let mut class = String::from("ln");
        if let Some(g) = self.gutter {
            class.push_str(" g-");
            class.push_str(g.as_str());
            if self.gutter_selected {
                class.push_str(" g-sel");
            }
        }
        match self.diff {
            LineDiff::None => {}
            LineDiff::Added => class.push_str(" d-add"),
            LineDiff::Removed => class.push_str(" d-del"),
        }
        class
    }

    /// The line's text.
    pub fn text(&self) -> String {
        self.segs.iter().map(|s| s.text.as_str()).collect()
    }
}

/// The CSS class of a syntax class.
pub fn token_class(t: TokenClass) -> &'static str {
    match t {
        TokenClass::Keyword => "t-k",
        TokenClass::String => "t-s",
        TokenClass::Number => "t-n",
        TokenClass::Comment => "t-c",
        TokenClass::Identifier => "t-i",
        TokenClass::Punctuation => "t-p",
        TokenClass::Regex => "t-r",
        TokenClass::Template => "t-s",
        TokenClass::JsxTag => "t-j",
        TokenClass::Boolean => "t-b",
    }
}

/// Byte ranges `[start, end)` of every line of `source` (split at `\n`; the `\n` is excluded).
pub fn line_ranges(source: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(source.len() / 32 + 1);
    let mut start = 0u32;
    for (i, b) in source.bytes().enumerate() {
        if b == b'\n' {
            out.push((start, i as u32));
            start = i as u32 + 1;
        }
    }
    out.push((start, source.len() as u32));
    out
}

/// The width of the widest line of `source` in columns of a monospace font, counted so that it
/// is never short: a tab is two columns (the editor's `tab-size`), any character outside ASCII
/// two (wide CJK and emoji). A big file's editor does not wrap and is this wide.
pub fn widest_line(source: &str) -> usize {
    source
        .split('\n')
        .map(|line| {
            if line.is_ascii() {
                line.len() + line.bytes().filter(|&b| b == b'\t').count()
            } else {
                line.chars()
                    .map(|c| if c.is_ascii() && c != '\t' { 1 } else { 2 })
                    .sum()
            }
        })
        .max()
        .unwrap_or(0)
}

/// Normalises marks: clamps them into the source, snaps them to char boundaries, widens a
/// zero-length mark to the character after it when there is one on the same line, and sorts
/// them by start.
fn normalize_marks(source: &str, marks: &[Mark]) -> Vec<Mark> {
    let len = source.len();
    let mut out: Vec<Mark> = marks
        .iter()
        .map(|m| {
            let start = floor_char_boundary(source, m.start as usize);
            let mut end = floor_char_boundary(source, (m.end as usize).max(start));
            if end == start && start < len && source.as_bytes()[start] != b'\n' {
                end = start + source[start..].chars().next().map_or(0, char::len_utf8);
            }
            Mark {
                start: start as u32,
                end: end as u32,
                ..*m
            }
        })
        .collect();
    actiongate_analyzer::sort::sort_by_key(&mut out, |m| (m.start, m.end));
    out
}

/// The render model of the line at byte range `(start, end)` of `source` (no marks): the line
/// [`render_lines`] would build for it within the whole file, without rendering the rest (the
/// fixed pane of a big file draws only the lines on screen).
pub fn render_line(source: &str, tokens: &[HighlightToken], (ls, le): (u32, u32)) -> LineModel {
    let le = le.min(source.len() as u32);
    let ls = ls.min(le);
    let first = tokens.partition_point(|t| t.end <= ls);
    let clipped: Vec<HighlightToken> = tokens[first..]
        .iter()
        .take_while(|t| t.start < le)
        .map(|t| HighlightToken {
            start: t.start.max(ls) - ls,
            end: t.end.min(le) - ls,
            class: t.class,
        })
        .collect();
    let text =
        &source[floor_char_boundary(source, ls as usize)..floor_char_boundary(source, le as usize)];
    render_lines(text, &clipped, &[], None)
        .pop()
        .unwrap_or_default()
}

/// Builds the render model of `source`: one [`LineModel`] per line.
///
/// `tokens` must be sorted and non-overlapping (as the analyzer's highlighter returns them);
/// tokens or marks outside the source or inside a character are tolerated.
pub fn render_lines(
    source: &str,
    tokens: &[HighlightToken],
    marks: &[Mark],
    selected: Option<MarkId>,
) -> Vec<LineModel> {
    let ranges = line_ranges(source);
    render_window(source, &ranges, tokens, marks, selected, 0..ranges.len())
}

/// The lines `window` of what [`render_lines`] builds for the whole of `source`, without
/// building the others: a big file's editor draws only the lines near its scroll position.
/// `ranges` are `source`'s [`line_ranges`]; a window past the end is clamped.
pub fn render_window(
    source: &str,
    ranges: &[(u32, u32)],
    tokens: &[HighlightToken],
    marks: &[Mark],
    selected: Option<MarkId>,
    window: std::ops::Range<usize>,
) -> Vec<LineModel> {
    let end = window.end.min(ranges.len());
    let ranges = &ranges[window.start.min(end)..end];
    let marks = normalize_marks(source, marks);
    let mut lines = Vec::with_capacity(ranges.len());
    // Tokens ending before the window's first line are never looked at.
    let mut tok_i = ranges
        .first()
        .map_or(0, |&(ls, _)| tokens.partition_point(|t| t.end <= ls));
    let mut mark_i = 0usize;
    let mut live: Vec<Mark> = Vec::new();
    let mut cuts: Vec<u32> = Vec::new();
    for &(ls, le) in ranges {
        // Marks touching [ls, le]: start <= le, and (end > ls, or zero-length at/after ls).
        while mark_i < marks.len() && marks[mark_i].start <= le {
            live.push(marks[mark_i]);
            mark_i += 1;
        }
        live.retain(|m| m.end > ls || (m.start == m.end && m.start >= ls));
        let line_marks: Vec<Mark> = live
            .iter()
            .copied()
            .filter(|m| {
                if m.start == m.end {
                    m.start >= ls && m.start <= le
                } else {
                    m.start < le.max(ls + 1) && m.end > ls
                }
            })
            .collect();
        // Skip tokens that end before this line.
        while tok_i < tokens.len() && tokens[tok_i].end <= ls {
            tok_i += 1;
        }
        cuts.clear();
        cuts.push(ls);
        cuts.push(le);
        let mut j = tok_i;
        while j < tokens.len() && tokens[j].start < le {
            let t = tokens[j];
            if t.end > ls {
                cuts.push(t.start.clamp(ls, le));
                cuts.push(t.end.clamp(ls, le));
            }
            j += 1;
        }
        // A mark that continues from an earlier line does not underline this line's indentation.
        let indent_end = ls
            + source[ls as usize..le as usize]
                .bytes()
                .take_while(|b| *b == b' ' || *b == b'\t')
                .count() as u32;
        for m in &line_marks {
            cuts.push(m.start.clamp(ls, le));
            cuts.push(m.end.clamp(ls, le));
            if m.start < ls {
                cuts.push(indent_end.min(m.end).clamp(ls, le));
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut line = LineModel::default();
        for m in &line_marks {
            line.gutter = line.gutter.max(Some(m.kind));
            line.gutter_ids.push(m.id);
            if Some(m.id) == selected {
                line.gutter_selected = true;
            }
        }
        actiongate_analyzer::sort::sort_by(&mut line.gutter_ids, Ord::cmp);
        line.gutter_ids.dedup();
        let mut k = tok_i;
        for (ci, &a) in cuts.iter().enumerate() {
            // Point marks at `a`.
            for m in line_marks
                .iter()
                .filter(|m| m.start == m.end && m.start == a)
            {
                push_seg(
                    &mut line.segs,
                    String::new(),
                    None,
                    Some(m.kind),
                    vec![m.id],
                    Some(m.id) == selected,
                );
            }
            let Some(&b) = cuts.get(ci + 1) else { break };
            let (sa, sb) = (
                floor_char_boundary(source, a as usize),
                floor_char_boundary(source, b as usize),
            );
            if sa >= sb {
                continue;
            }
            while k < tokens.len() && tokens[k].end <= a {
                k += 1;
            }
            let token = tokens
                .get(k)
                .filter(|t| t.start <= a && a < t.end)
                .map(|t| t.class);
            let mut ids: Vec<MarkId> = Vec::new();
            let mut top: Option<MarkKind> = None;
            let mut sel = false;
            for m in line_marks
                .iter()
                .filter(|m| m.start <= a && a < m.end && !(m.start < ls && a < indent_end))
            {
                ids.push(m.id);
                top = top.max(Some(m.kind));
                sel |= Some(m.id) == selected;
            }
            push_seg(
                &mut line.segs,
                source[sa..sb].to_owned(),
                token,
                top,
                ids,
                sel,
            );
        }
        lines.push(line);
    }
    lines
}

/// Appends a segment, merging it into the previous one when they look the same.
fn push_seg(
    segs: &mut Vec<Seg>,
    text: String,
    token: Option<TokenClass>,
    mark: Option<MarkKind>,
    ids: Vec<MarkId>,
    selected: bool,
) {
    if let Some(last) = segs.last_mut() {
        if !text.is_empty()
            && !last.text.is_empty()
            && last.token == token
            && last.mark == mark
            && last.ids == ids
            && last.selected == selected
        {
            last.text.push_str(&text);
            return;
        }
    }
    segs.push(Seg {
        text,
        token,
        mark,
        ids,
        selected,
    });
}

/// Removes marks from a render model (the removed lines of the fixed pane).
pub fn strip_marks(mut line: LineModel) -> LineModel {
    line.gutter = None;
    line.gutter_ids.clear();
    line.gutter_selected = false;
    let mut segs: Vec<Seg> = Vec::with_capacity(line.segs.len());
    for s in line.segs {
        if s.text.is_empty() {
            continue;
        }
        push_seg(&mut segs, s.text, s.token, None, Vec::new(), false);
    }
    line.segs = segs;
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use actiongate_analyzer::highlight::highlight;

    fn texts(line: &LineModel) -> Vec<(&str, Option<TokenClass>, Option<MarkKind>)> {
        line.segs
            .iter()
            .map(|s| (s.text.as_str(), s.token, s.mark))
            .collect()
    }

    #[test]
    fn every_line_reassembles_to_the_source() {
        let src = "\"use server\";\n/* a\n b */ const x = `t\n${1}`; // é😀\n\nexport async function f() {}\n";
        let tokens = highlight(src, "a.ts");
        let marks = [Mark {
            start: 3,
            end: 40,
            kind: MarkKind::High,
            id: MarkId::Finding(0),
        }];
        let lines = render_lines(src, &tokens, &marks, None);
        let rebuilt: Vec<String> = lines.iter().map(|l| l.text()).collect();
        assert_eq!(rebuilt.join("\n"), src);
        assert_eq!(lines.len(), src.split('\n').count());
    }

    #[test]
    fn a_finding_splits_tokens_and_marks_the_gutter() {
        let src = "await db.delete(id);\nnext();";
        let tokens = highlight(src, "a.ts");
        let start = src.find("db").unwrap() as u32;
        let end = src.find(';').unwrap() as u32;
        let marks = [Mark {
            start,
            end,
            kind: MarkKind::High,
            id: MarkId::Finding(2),
        }];
        let lines = render_lines(src, &tokens, &marks, Some(MarkId::Finding(2)));
        assert_eq!(lines[0].gutter, Some(MarkKind::High));
        assert!(lines[0].gutter_selected);
        assert_eq!(lines[1].gutter, None);
        let marked: String = lines[0]
            .segs
            .iter()
            .filter(|s| s.mark.is_some())
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(marked, "db.delete(id)");
        assert!(lines[0]
            .segs
            .iter()
            .filter(|s| s.mark.is_some())
            .all(|s| s.selected && s.ids == [MarkId::Finding(2)]));
        assert_eq!(
            texts(&lines[0])[0],
            ("await", Some(TokenClass::Keyword), None)
        );
        assert!(lines[0].class_name().contains("g-high g-sel"));
    }

    #[test]
    fn a_multi_line_mark_covers_each_line() {
        let src = "a(\n  b,\n)\nc";
        let marks = [Mark {
            start: 0,
            end: 9,
            kind: MarkKind::Medium,
            id: MarkId::Finding(0),
        }];
        let lines = render_lines(src, &[], &marks, None);
        assert_eq!(
            lines.iter().map(|l| l.gutter).collect::<Vec<_>>(),
            [Some(MarkKind::Medium); 3]
                .into_iter()
                .chain([None])
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn continuation_lines_do_not_underline_indentation() {
        let src = "f({\n    a: 1,\n})";
        let marks = [Mark {
            start: 0,
            end: src.len() as u32,
            kind: MarkKind::High,
            id: MarkId::Finding(0),
        }];
        let lines = render_lines(src, &[], &marks, None);
        assert_eq!(
            texts(&lines[1]),
            [("    ", None, None), ("a: 1,", None, Some(MarkKind::High))]
        );
        assert_eq!(lines[1].gutter, Some(MarkKind::High));
    }

    #[test]
    fn zero_length_and_out_of_range_marks_never_panic() {
        let src = "é\nab";
        let marks = [
            Mark {
                start: 1,
                end: 1,
                kind: MarkKind::Error,
                id: MarkId::Error(0),
            }, // inside é
            Mark {
                start: 5,
                end: 5,
                kind: MarkKind::Error,
                id: MarkId::Error(1),
            }, // at EOF
            Mark {
                start: 90,
                end: 3,
                kind: MarkKind::Low,
                id: MarkId::Finding(0),
            },
        ];
        let tokens = [HighlightToken {
            start: 1,
            end: 99,
            class: TokenClass::Identifier,
        }];
        let lines = render_lines(src, &tokens, &marks, None);
        assert_eq!(
            lines
                .iter()
                .map(|l| l.text())
                .collect::<Vec<_>>()
                .join("\n"),
            src
        );
        assert_eq!(lines[1].gutter, Some(MarkKind::Error));
        assert!(lines[1]
            .segs
            .iter()
            .any(|s| s.text.is_empty() && s.mark == Some(MarkKind::Error)));
        assert_eq!(lines[0].segs[0].text, "é");
        assert_eq!(lines[0].segs[0].mark, Some(MarkKind::Error));
    }

    #[test]
    fn errors_win_over_findings_and_ids_round_trip() {
        let src = "abc";
        let marks = [
            Mark {
                start: 0,
                end: 3,
                kind: MarkKind::High,
                id: MarkId::Finding(1),
            },
            Mark {
                start: 1,
                end: 2,
                kind: MarkKind::Error,
                id: MarkId::Error(0),
            },
        ];
        let lines = render_lines(src, &[], &marks, None);
        let mid = &lines[0].segs[1];
        assert_eq!(mid.text, "b");
        assert_eq!(mid.mark, Some(MarkKind::Error));
        assert_eq!(mid.marks_attr(), "f1 e0");
        assert_eq!(MarkId::parse("f1"), Some(MarkId::Finding(1)));
        assert_eq!(MarkId::parse("e12"), Some(MarkId::Error(12)));
        assert_eq!(MarkId::parse("x1"), None);
        assert_eq!(MarkId::parse(""), None);
    }

    #[test]
    fn a_window_is_the_same_lines_as_the_whole_render() {
        let src = "\"use server\";\n/* a comment\n  over lines */\nexport async function f(id) {\n  const t = `x\n${id}\n  y`;\n\n  await db.post.delete({ where: { id } });\n}\n";
        let tokens = highlight(src, "a.ts");
        let marks = [
            Mark {
                start: 20,
                end: 60,
                kind: MarkKind::Medium,
                id: MarkId::Finding(0),
            },
            Mark {
                start: 90,
                end: 140,
                kind: MarkKind::High,
                id: MarkId::Finding(1),
            },
            Mark {
                start: 100,
                end: 100,
                kind: MarkKind::Error,
                id: MarkId::Error(0),
            },
        ];
        let selected = Some(MarkId::Finding(1));
        let whole = render_lines(src, &tokens, &marks, selected);
        let ranges = line_ranges(src);
        for lo in 0..=whole.len() {
            for hi in lo..=whole.len() + 2 {
                let window = render_window(src, &ranges, &tokens, &marks, selected, lo..hi);
                assert_eq!(window, whole[lo..hi.min(whole.len())], "{lo}..{hi}");
            }
        }
    }

    #[test]
    fn the_widest_line_is_never_counted_short() {
        assert_eq!(widest_line(""), 0);
        assert_eq!(widest_line("ab\nabcd\n"), 4);
        assert_eq!(widest_line("\tx"), 3);
        assert_eq!(widest_line("a\n日本"), 4);
    }
}
