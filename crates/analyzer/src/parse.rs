//! Parsing with oxc, behind a cheap guard against input that would overflow the parser's stack.

use oxc_allocator::Allocator;
use oxc_ast::ast::Program;
use oxc_parser::{ParseOptions, Parser};
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

/// Parses `source`, refusing input nested deeper than [`MAX_NESTING`].
pub fn parse<'a>(allocator: &'a Allocator, source: &'a str, file_name: &str) -> Parsed<'a> {
    if let Some(offset) = nesting_too_deep(source) {
        return Parsed {
            program: None,
            problems: vec![ParseProblem {
                message: format!(
                    "Nesting too deep: more than {MAX_NESTING} levels of brackets, prefix operators \
                     or nested statements. The file was not analysed, so it fails the check; real \
                     code never nests this deep."
                ),
                span: ByteSpan { start: offset as u32, end: offset as u32 + 1 },
            }],
        };
    }
    let options = ParseOptions {
        allow_return_outside_function: true,
        ..ParseOptions::default()
    };
    let source_type = source_type_for(file_name);
    let mut ret = Parser::new(allocator, source, source_type)
        .with_options(options)
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
    while ret.panicked && attempts < MAX_RECOVERY_ATTEMPTS && source.len() <= MAX_RECOVERY_SIZE {
        let Some(at) = last_error else { break };
        let text = text.get_or_insert_with(|| source.to_string());
        if !blank_line(text, at as usize) {
            break;
        }
        attempts += 1;
        let copy: &'a str = allocator.alloc_str(text);
        ret = Parser::new(allocator, copy, source_type)
            .with_options(options)
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
    fn long_runs_of_prefix_operators_are_refused() {
        let src = format!("x = {}y;", "!".repeat(50_000));
        assert!(nesting_too_deep(&src).is_some());
    }
}
