//! Syntax highlighting classes from the oxc lexer, for the playground's editor.
//!
//! Derived from the real parse (tokens plus comments), so highlighting always agrees with how
//! the analyzer reads the code.

use oxc_allocator::Allocator;
use oxc_parser::{config::TokensParserConfig, Kind, ParseOptions, Parser};
use serde::Serialize;

use crate::parse::{nesting_too_deep, source_type_for};

/// What a token is, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenClass {
    /// `const`, `async`, `if`, TypeScript keywords.
    Keyword,
    /// String literals.
    String,
    /// Numbers and bigints.
    Number,
    /// Line and block comments.
    Comment,
    /// Names.
    Identifier,
    /// Operators and brackets.
    Punctuation,
    /// Regular expression literals.
    Regex,
    /// Template literal text.
    Template,
    /// Element names in JSX tags.
    JsxTag,
    /// `true`, `false`, `null`.
    Boolean,
}

/// One coloured range, in UTF-8 byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HighlightToken {
    /// Start byte offset.
    pub start: u32,
    /// End byte offset (exclusive).
    pub end: u32,
    /// Its class.
    pub class: TokenClass,
}

/// Classifies every token and comment of `source`, sorted and non-overlapping. Gaps are plain
/// text (whitespace, JSX text). Returns an empty list for input nested too deep to parse.
pub fn highlight(source: &str, file_name: &str) -> Vec<HighlightToken> {
    if nesting_too_deep(source).is_some() {
        return Vec::new();
    }
    let allocator = Allocator::default();
    let options = ParseOptions {
        allow_return_outside_function: true,
        ..ParseOptions::default()
    };
    // oxc's token collector asserts, in builds with debug assertions only, that the lexer ended
    // on `Eof`, which some invalid input breaks (found by fuzzing a lone `"`). Release builds —
    // the playground, the npm package — collect tokens for invalid code as usual; debug builds
    // (tests, fuzzing) skip highlighting invalid code rather than trip that assertion.
    if cfg!(debug_assertions) {
        let probe = Parser::new(&allocator, source, source_type_for(file_name))
            .with_options(options)
            .parse();
        if probe.panicked || !probe.diagnostics.is_empty() {
            return Vec::new();
        }
    }
    let ret = Parser::new(&allocator, source, source_type_for(file_name))
        .with_options(options)
        .with_config(TokensParserConfig)
        .parse();
    let mut out: Vec<HighlightToken> =
        Vec::with_capacity(ret.tokens.len() + ret.program.comments.len());
    let mut prev = Kind::Eof;
    let mut prev2 = Kind::Eof;
    for token in ret.tokens.iter() {
        let kind = token.kind();
        let class = classify(kind, prev, prev2);
        prev2 = prev;
        prev = kind;
        let Some(class) = class else { continue };
        if token.end() > token.start() {
            out.push(HighlightToken {
                start: token.start(),
                end: token.end(),
                class,
            });
        }
    }
    for comment in ret.program.comments.iter() {
        out.push(HighlightToken {
            start: comment.span.start,
            end: comment.span.end,
            class: TokenClass::Comment,
        });
    }
    crate::sort::sort_by_key(&mut out, |t| (t.start, t.end));
    // Keep the list non-overlapping (a comment inside a recovered token, say).
    let mut cleaned: Vec<HighlightToken> = Vec::with_capacity(out.len());
    for t in out {
        if cleaned.last().is_some_and(|last| t.start < last.end) {
            continue;
        }
        cleaned.push(t);
    }
    cleaned
}

fn classify(kind: Kind, prev: Kind, prev2: Kind) -> Option<TokenClass> {
    use Kind::*;
    Some(match kind {
        Eof | Skip | Undetermined | JSXText => return None,
        HashbangComment => TokenClass::Comment,
        Str => TokenClass::String,
        NoSubstitutionTemplate | TemplateHead | TemplateMiddle | TemplateTail => {
            TokenClass::Template
        }
        RegExp => TokenClass::Regex,
        True | False | Null => TokenClass::Boolean,
        Ident | PrivateIdentifier => {
            if prev == LAngle || (prev == Slash && prev2 == LAngle) {
                TokenClass::JsxTag
            } else {
                TokenClass::Identifier
            }
        }
        k if k.is_number() => TokenClass::Number,
        k if k.is_any_keyword() => {
            // Contextual keywords used as property names stay identifiers.
            if prev == Dot || prev == QuestionDot {
                TokenClass::Identifier
            } else {
                TokenClass::Keyword
            }
        }
        _ => TokenClass::Punctuation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_a_small_action() {
        let src =
            "\"use server\";\n// hi\nexport async function f(id: string) { return `x${id}` + 1; }";
        let tokens = highlight(src, "a.ts");
        let class_of = |text: &str| {
            let start = src.find(text).unwrap() as u32;
            tokens.iter().find(|t| t.start == start).map(|t| t.class)
        };
        assert_eq!(class_of("\"use server\""), Some(TokenClass::String));
        assert_eq!(class_of("// hi"), Some(TokenClass::Comment));
        assert_eq!(class_of("export"), Some(TokenClass::Keyword));
        assert_eq!(class_of("f("), Some(TokenClass::Identifier));
        assert_eq!(class_of("1;"), Some(TokenClass::Number));
        assert!(tokens.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn too_deep_input_gives_no_tokens() {
        let src = format!("{}1{}", "(".repeat(5000), ")".repeat(5000));
        assert!(highlight(&src, "a.ts").is_empty());
    }
}
