//! Parsing with oxc, behind a cheap guard against input that would overflow the parser's stack.

use oxc_allocator::Allocator;
use oxc_ast::ast::Program;
use oxc_parser::{ParseOptions, Parser};

/// The parser configuration analysis runs with. In WebAssembly (the playground's page, the npm
/// package) it is the highlighter's token-collecting one, so the whole parser is compiled once
/// instead of twice (issue #13: the two instantiations cost the page about a tenth of its wasm);
/// native builds skip collecting tokens.
#[cfg(target_arch = "wasm32")]
type AnalysisConfig = oxc_parser::config::TokensParserConfig;
#[cfg(not(target_arch = "wasm32"))]
type AnalysisConfig = oxc_parser::config::NoTokensParserConfig;
use oxc_span::SourceType;

use crate::report::ByteSpan;

/// Deepest bracket nesting (or run of prefix operators) the analyzer accepts. Real code stays far
/// below this; crafted input beyond it would overflow the recursive-descent parser's stack
/// (oxc aborts the process at about 5,000 nested parentheses on an 8 MB stack, and wasm stacks
/// are smaller).
pub const MAX_NESTING: usize = 400;

/// How many times a file that the parser gave up on is re-parsed with a broken line blanked.
const MAX_RECOVERY_ATTEMPTS: usize = 8;
/// Files larger than this are not re-parsed for recovery.
const MAX_RECOVERY_SIZE: usize = 4 * 1024 * 1024;

/// Replaces the line containing byte `at` with spaces (line breaks and offsets kept). Returns
/// whether anything changed.
fn blank_line(text: &mut String, at: usize) -> bool {
    let mut at = at.min(text.len());
    // Error offsets can point inside a multi-byte character (found by fuzzing).
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let end = text[at..].find('\n').map(|i| at + i).unwrap_or(text.len());
    if text[start..end].trim().is_empty() {
        return false;
    }
    // One space per byte, so multi-byte characters keep every later offset in place.
    let blank: String = text[start..end]
        .bytes()
        .map(|b| if b == b'\r' { '\r' } else { ' ' })
        .collect();
    text.replace_range(start..end, &blank);
    true
}

/// How many trailing lines [`close_at_end`] may give up to make room for the missing closers.
const MAX_CLOSE_LINES: usize = 16;

/// The text ends inside unclosed brackets (typically a function still being typed at the end of
/// the file, which oxc answers with an empty program): blank its last lines and write the
/// missing `)`/`]`/`}` there, keeping every byte offset, so the code above still gets analysed.
/// Returns whether the text changed.
fn close_at_end(text: &mut String) -> bool {
    let len = text.len();
    let mut region_start = len;
    for _ in 0..MAX_CLOSE_LINES {
        let content_end = text[..region_start].trim_end().len();
        if content_end == 0 {
            return false;
        }
        let line_start = text[..content_end].rfind('\n').map_or(0, |i| i + 1);
        let blank: String = text[line_start..content_end]
            .bytes()
            .map(|b| if b == b'\r' { '\r' } else { ' ' })
            .collect();
        text.replace_range(line_start..content_end, &blank);
        region_start = line_start;
        let Some(closers) = missing_closers(text) else {
            return false;
        };
        if closers.is_empty() {
            return true;
        }
        let room: Vec<usize> = (region_start..len)
            .filter(|&i| text.as_bytes()[i] == b' ')
            .collect();
        if room.len() >= closers.len() {
            let mut bytes = std::mem::take(text).into_bytes();
            for (&at, closer) in room.iter().zip(closers.bytes()) {
                bytes[at] = closer;
            }
            // Only ASCII spaces were replaced by ASCII closers.
            *text = String::from_utf8(bytes).unwrap_or_default();
            return true;
        }
    }
    false
}

/// The closers that would balance the brackets left open at the end of `text`, innermost first;
/// `None` when the text ends inside a string, template or comment (nothing simple closes it).
fn missing_closers(text: &str) -> Option<String> {
    /// An open bracket, or the `${` of a template.
    const TEMPLATE: u8 = b'$';
    let bytes = text.as_bytes();
    let mut stack: Vec<u8> = Vec::new();
    let mut i = 0;
    // Inside a template's text (after a backtick or a `}` closing one of its `${`).
    let mut in_template = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_template {
            match b {
                b'\\' => i += 1,
                b'`' => in_template = false,
                b'$' if bytes.get(i + 1) == Some(&b'{') => {
                    stack.push(TEMPLATE);
                    in_template = false;
                    i += 1;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                if i + 1 >= bytes.len() {
                    return None;
                }
                i += 1;
            }
            b'"' | b'\'' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if i >= bytes.len() {
                    return None;
                }
            }
            b'`' => in_template = true,
            b'(' | b'[' | b'{' => stack.push(b),
            b')' | b']' => {
                stack.pop();
            }
            // `}` closing a template's `${`: back in the template's text.
            b'}' if stack.last() == Some(&TEMPLATE) => {
                stack.pop();
                in_template = true;
            }
            b'}' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    if in_template {
        return None;
    }
    stack
        .iter()
        .rev()
        .map(|&open| match open {
            b'(' => Some(')'),
            b'[' => Some(']'),
            b'{' => Some('}'),
            _ => None,
        })
        .collect()
}

/// A problem found while parsing, with its location.
#[derive(Debug, Clone)]
pub struct ParseProblem {
    /// Human-readable message.
    pub message: String,
    /// Where it is.
    pub span: ByteSpan,
}

/// The parsed program (if parsing was attempted) and every problem found on the way.
pub struct Parsed<'a> {
    /// The AST; `None` when the input was refused before parsing.
    pub program: Option<Program<'a>>,
    /// Syntax errors and refusals.
    pub problems: Vec<ParseProblem>,
}

/// The dialect to parse `file_name` as: TypeScript with JSX unless the extension says otherwise.
pub fn source_type_for(file_name: &str) -> SourceType {
    SourceType::from_path(file_name).unwrap_or_else(|_| SourceType::tsx())
}

/// The refusal of a file nested too deep at byte `offset`.
fn too_deep<'a>(offset: usize) -> Parsed<'a> {
    Parsed {
        program: None,
        problems: vec![ParseProblem {
            message: format!(
                "Nesting too deep: more than {MAX_NESTING} levels of brackets, prefix operators \
                 or nested statements. The file was not analysed, so it fails the check; real \
                 code never nests this deep."
            ),
            span: ByteSpan {
                start: offset as u32,
                end: offset as u32 + 1,
            },
        }],
    }
}

/// Parses `source`, refusing input nested deeper than [`MAX_NESTING`].
pub fn parse<'a>(allocator: &'a Allocator, source: &'a str, file_name: &str) -> Parsed<'a> {
    parse_with(allocator, source, file_name, Recovery::BlankBrokenLines)
}

/// What [`parse_with`] does when the parser gives up on a file.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Recovery {
    /// Blank the offending line and parse again, a few times, so that the rest is analysed.
    BlankBrokenLines,
    /// Nothing: the caller only needs to know whether the file parses (its problems are the
    /// same either way, since they are the first parse's).
    None,
}

/// [`parse`], with or without recovery.
pub fn parse_with<'a>(
    allocator: &'a Allocator,
    source: &'a str,
    file_name: &str,
    recovery: Recovery,
) -> Parsed<'a> {
    // Kept for the recovery below, which scans the text again after each line it blanks.
    let mut scan = match Rescan::first(source) {
        Ok(scan) => scan,
        Err(offset) => return too_deep(offset),
    };
    let options = ParseOptions {
        allow_return_outside_function: true,
        ..ParseOptions::default()
    };
    let source_type = source_type_for(file_name);
    let mut ret = Parser::new(allocator, source, source_type)
        .with_options(options)
        .with_config(AnalysisConfig::default())
        .parse();
    let first_errors = std::mem::take(&mut ret.diagnostics);
    // oxc gives up on some errors and returns an empty program. So that whatever parsed is still
    // analysed, blank the offending line (keeping every byte offset) and parse again, a few times.
    // Copied only when recovery is needed.
    let mut text: Option<String> = None;
    let mut attempts = 0;
    let mut last_error = first_errors
        .first()
        .and_then(|d| d.labels.first())
        .map(|l| l.span().start);
    let mut closed_at_end = false;
    // The text the pre-scan saw last (the source, then each blanked copy parsed).
    let mut scanned: &str = source;
    while recovery == Recovery::BlankBrokenLines
        && ret.panicked
        && attempts < MAX_RECOVERY_ATTEMPTS
        && source.len() <= MAX_RECOVERY_SIZE
    {
        let Some(at) = last_error else { break };
        let text = text.get_or_insert_with(|| source.to_string());
        // An error at the very end is a missing closer, not a bad line: close what is open.
        // (`get`: an error offset can fall inside a multi-byte character.)
        let at_end = text
            .get(at as usize..)
            .is_some_and(|rest| rest.trim().is_empty());
        let changed = if at_end && !closed_at_end {
            closed_at_end = true;
            close_at_end(text) || blank_line(text, at as usize)
        } else {
            blank_line(text, at as usize)
        };
        // Blanking a line of closers can deepen what the pre-scan accepted: scan again.
        if !changed || scan.again(scanned, text).is_some() {
            break;
        }
        attempts += 1;
        let copy: &'a str = allocator.alloc_str(text);
        scanned = copy;
        ret = Parser::new(allocator, copy, source_type)
            .with_options(options)
            .with_config(AnalysisConfig::default())
            .parse();
        last_error = ret
            .diagnostics
            .first()
            .and_then(|d| d.labels.first())
            .map(|l| l.span().start);
    }
    ret.diagnostics = first_errors;
    let mut problems: Vec<ParseProblem> = ret
        .diagnostics
        .iter()
        .map(|diag| {
            let span = diag
                .labels
                .first()
                .map(|label| {
                    let s = label.span();
                    ByteSpan {
                        start: s.start,
                        end: s.end,
                    }
                })
                .unwrap_or(ByteSpan { start: 0, end: 0 });
            ParseProblem {
                message: diag.message.to_string(),
                span,
            }
        })
        .collect();
    if ret.panicked && problems.is_empty() {
        problems.push(ParseProblem {
            message: "The parser gave up on this file.".into(),
            span: ByteSpan { start: 0, end: 0 },
        });
    }
    Parsed {
        program: Some(ret.program),
        problems,
    }
}

pub use crate::nesting::nesting_too_deep;
use crate::nesting::Rescan;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_code_is_not_too_deep() {
        let src = "const a = [{ b: (1 + 2) }]; const t = `x ${ {a: 1}.a } y`; // ((((\n";
        assert_eq!(nesting_too_deep(src), None);
    }

    #[test]
    fn deep_parentheses_are_refused() {
        let src = format!("{}1{}", "(".repeat(5_000), ")".repeat(5_000));
        assert!(nesting_too_deep(&src).is_some());
        let allocator = Allocator::default();
        let parsed = parse(&allocator, &src, "a.ts");
        assert!(parsed.program.is_none());
        assert!(parsed.problems[0].message.contains("Nesting too deep"));
    }

    #[test]
    fn brackets_inside_strings_and_comments_do_not_count() {
        let src = format!(
            "const s = \"{}\"; /* {} */",
            "(".repeat(2_000),
            "[".repeat(2_000)
        );
        assert_eq!(nesting_too_deep(&src), None);
    }

    #[test]
    fn long_flat_expressions_are_accepted() {
        let src = format!("const x = {};", vec!["id"; 5_000].join(" + "));
        assert_eq!(nesting_too_deep(&src), None);
        let calls = "a.b(1).c(2)\n".repeat(2_000);
        assert_eq!(nesting_too_deep(&calls), None);
    }

    #[test]
    fn long_ternary_chains_are_refused() {
        let src = format!("x = {}0;", "a ? b : ".repeat(5_000));
        assert!(nesting_too_deep(&src).is_some());
    }

    #[test]
    fn a_broken_line_does_not_hide_the_rest_of_the_file() {
        let src = "\"use server\";\nexport async function f(id: string) { await db.post.delete({ where: { id } }); }\nconst = ;\n";
        let allocator = Allocator::default();
        let parsed = parse(&allocator, src, "a.ts");
        assert!(!parsed.problems.is_empty());
        assert!(!parsed.program.unwrap().body.is_empty());
    }

    #[test]
    fn a_function_still_being_typed_at_the_end_does_not_hide_the_file() {
        let done = "\"use server\";\nexport async function f(id: string) { await db.post.delete({ where: { id } }); }\n";
        for tail in [
            "export async function g(id: string) {\n  const x = await db.post.findMany({ where: { id",
            "export async function g(id: string) {\n  if (id) {\n    await db.post.update(",
            "export async function g() {\n  const s = `a ${",
            "export async function g() {\n  const s = \"abc",
            "export async function g() {\n  /* still typing",
        ] {
            let src = format!("{done}{tail}");
            let allocator = Allocator::default();
            let parsed = parse(&allocator, &src, "a.ts");
            assert!(!parsed.problems.is_empty(), "{tail}");
            let program = parsed.program.unwrap();
            assert!(!program.body.is_empty(), "{tail}: the finished function is still there");
            // Every offset of the original text is kept.
            assert_eq!(program.source_text.len(), src.len(), "{tail}");
        }
    }

    #[test]
    fn missing_closers_ignore_strings_comments_and_templates() {
        assert_eq!(missing_closers("f({ a: [1, \"(\" ").as_deref(), Some("]})"));
        assert_eq!(
            missing_closers("f(`${a({ b: 1 })}` // ((\n").as_deref(),
            Some(")")
        );
        assert_eq!(missing_closers("x = \"abc"), None);
        assert_eq!(missing_closers("x = `abc ${").as_deref(), None);
        assert_eq!(missing_closers("f();").as_deref(), Some(""));
    }

    #[test]
    fn long_runs_of_prefix_operators_are_refused() {
        let src = format!("x = {}y;", "!".repeat(50_000));
        assert!(nesting_too_deep(&src).is_some());
    }
}
