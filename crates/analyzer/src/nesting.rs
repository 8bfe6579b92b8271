//! A linear pre-scan that refuses input nested deep enough to overflow a recursive-descent
//! parser's stack, before the parser sees it.
//!
//! It tracks, outside strings, comments and template text:
//! - bracket depth (`(`, `[`, `{`, and `${` inside templates);
//! - runs of prefix operators and unary keywords (`!!!x`, `typeof typeof x`, `new new X`);
//! - right-associative chains within one statement (`a ? b : c ? ..`, `a = b = ..`,
//!   `x => y => ..`), which nest without brackets;
//! - runs of JSX opening tags that directly follow another tag (`<a><a><a>..`);
//! - runs of statement heads without braces (`if (a) if (a) ..`, `while (a) ..`, `do do ..`,
//!   `l: l: ..`), and `else if` chains, which the parser also walks recursively.
//!
//! Real code stays far below every limit; the limits sit well under what the parser survives
//! on the smallest stack it runs with (the browser's).

use crate::parse::MAX_NESTING;

/// Returns the byte offset where nesting first exceeds [`MAX_NESTING`], or `None`.
pub fn nesting_too_deep(source: &str) -> Option<usize> {
    Scanner {
        bytes: source.as_bytes(),
        ..Scanner::default()
    }
    .run()
}

/// The words the scanner counts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keyword {
    None,
    /// Prefix keywords that nest their operand: `typeof`, `void`, `await`, `delete`, `new`,
    /// `yield`.
    Unary,
    /// Keywords that start a statement whose body is another statement: `if`, `while`, `for`,
    /// `do`, `with`.
    StatementHead,
    Else,
}

fn keyword(word: &[u8]) -> Keyword {
    // Every keyword is 2 to 6 bytes long: most identifiers are ruled out by their length.
    if !(2..=6).contains(&word.len()) {
        return Keyword::None;
    }
    match word {
        b"typeof" | b"void" | b"await" | b"delete" | b"new" | b"yield" => Keyword::Unary,
        b"if" | b"while" | b"for" | b"do" | b"with" => Keyword::StatementHead,
        b"else" => Keyword::Else,
        _ => Keyword::None,
    }
}

/// An `else if` costs the parser about a quarter of the stack a bracket level costs (oxc
/// overflows at ~20,000 chained `else if` and ~5,000 parentheses on the same stack).
const ELSE_IF_PER_LEVEL: usize = 4;
/// Likewise for brace-less statement heads and labels.
const HEADS_PER_LEVEL: usize = 2;

/// What kind of byte starts a token; everything else is skipped in bulk.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Nothing the scanner tracks (digits are handled here too: they never start a word).
    Other,
    Space,
    Word,
    Punct,
}

const CLASSES: [Class; 256] = {
    let mut t = [Class::Other; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            Class::Word
        } else if c.is_ascii_whitespace() {
            Class::Space
        } else if c.is_ascii_punctuation() {
            Class::Punct
        } else {
            Class::Other
        };
        b += 1;
    }
    t
};

/// Bytes that continue a word (identifier or keyword).
const WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'$';
        b += 1;
    }
    t
};

#[derive(Default)]
struct Scanner<'s> {
    bytes: &'s [u8],
    depth: usize,
    /// Bracket depth at which each open `${` began.
    templates: Vec<usize>,
    unary_run: usize,
    chain_run: usize,
    jsx_run: usize,
    /// Statement heads (`if (..)`, `while (..)`, `do`, labels) in a row, at `head_depth`.
    head_run: usize,
    head_depth: usize,
    /// `else if` chain length per bracket depth, and their sum.
    else_chains: Vec<usize>,
    else_total: usize,
    /// Depth at which the last statement ended (`;` or `}`), until the next token: an `else`
    /// right after it continues that depth's chain, anything else ends it.
    ended_at: Option<usize>,
    /// The last byte that was not whitespace (outside strings and comments).
    prev: u8,
}

impl Scanner<'_> {
    fn run(mut self) -> Option<usize> {
        let bytes = self.bytes;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match CLASSES[b as usize] {
                Class::Space => {
                    i += 1;
                    continue;
                }
                Class::Other => {
                    self.other_token();
                    if self.depth <= self.head_depth {
                        self.head_run = 0;
                    }
                    self.unary_run = 0;
                    self.prev = b;
                    i += 1;
                    continue;
                }
                Class::Word => {
                    let start = i;
                    i += bytes[i..]
                        .iter()
                        .position(|&c| !WORD[c as usize])
                        .unwrap_or(bytes.len() - i);
                    if self.word(start, i) {
                        return Some(start);
                    }
                    continue;
                }
                Class::Punct => {}
            }
            let next = bytes.get(i + 1).copied();
            match b {
                b'/' if next == Some(b'/') => {
                    i += memchr::memchr(b'\n', &bytes[i..]).unwrap_or(bytes.len() - i);
                    continue;
                }
                b'/' if next == Some(b'*') => {
                    i += 2;
                    while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                        i += 1;
                    }
                    i += 2;
                    continue;
                }
                b'"' | b'\'' => {
                    self.other_token();
                    i += 1;
                    while i < bytes.len() && bytes[i] != b && bytes[i] != b'\n' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    self.after_token(b'"');
                    i += 1;
                    continue;
                }
                b'`' => {
                    self.other_token();
                    i = self.template_text(i + 1);
                    if self.too_deep() {
                        return Some(i.min(bytes.len().saturating_sub(1)));
                    }
                    continue;
                }
                b'}' if self.templates.last() == Some(&self.depth) => {
                    self.templates.pop();
                    i = self.template_text(i + 1);
                    continue;
                }
                _ => {}
            }
            self.punct(b, next);
            if self.too_deep() {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    /// A word from `start` to `end`; returns whether nesting is now too deep.
    fn word(&mut self, start: usize, end: usize) -> bool {
        let kind = keyword(&self.bytes[start..end]);
        if kind == Keyword::Else {
            self.ended_at = None;
            self.add_else();
            self.head_at_depth();
            self.unary_run = 0;
            self.prev = b'a';
            return self.too_deep();
        }
        self.other_token();
        self.prev = b'a';
        let is_label = || {
            let rest = &self.bytes[end..];
            let colon = rest.iter().position(|c| !c.is_ascii_whitespace());
            colon.is_some_and(|p| rest[p] == b':' && rest.get(p + 1) != Some(&b':'))
        };
        let head = kind == Keyword::StatementHead || is_label();
        if head {
            self.head_at_depth();
        } else if self.depth <= self.head_depth {
            self.head_run = 0;
        }
        if kind == Keyword::Unary {
            self.unary_run += 1;
        } else {
            self.unary_run = 0;
        }
        (head || kind == Keyword::Unary) && self.too_deep()
    }

    fn punct(&mut self, b: u8, next: Option<u8>) {
        if !matches!(b, b'(' | b')' | b':') && self.depth <= self.head_depth {
            self.head_run = 0;
        }
        if b != b'}' {
            self.other_token();
        }
        match b {
            b'(' | b'[' | b'{' => {
                self.depth += 1;
                if b == b'{' {
                    self.chain_run = 0;
                }
            }
            b')' | b']' => self.depth = self.depth.saturating_sub(1),
            b'}' => {
                self.close_chains_deeper_than(self.depth.saturating_sub(1));
                self.depth = self.depth.saturating_sub(1);
                self.chain_run = 0;
                self.ended_at = Some(self.depth);
            }
            b';' => {
                self.chain_run = 0;
                self.ended_at = Some(self.depth);
            }
            b',' => self.chain_run = 0,
            b'<' if next.is_some_and(|c| c.is_ascii_alphabetic()) => {
                self.jsx_run = if self.prev == b'>' {
                    self.jsx_run + 1
                } else {
                    1
                };
            }
            b'<' if next == Some(b'/') => self.jsx_run = 0,
            b'?' if !matches!(next, Some(b'.' | b'?' | b':')) && self.prev != b'?' => {
                self.chain_run += 1
            }
            b'=' if next == Some(b'>') => self.chain_run += 1,
            b'=' if !matches!(next, Some(b'=' | b'"' | b'\'' | b'{'))
                && !matches!(self.prev, b'=' | b'!' | b'<' | b'>') =>
            {
                self.chain_run += 1
            }
            _ => {}
        }
        if matches!(b, b'!' | b'-' | b'+' | b'~') {
            self.unary_run += 1;
        } else {
            self.unary_run = 0;
        }
        self.prev = b;
    }

    /// Counts a statement head (or `else`) at the current depth.
    fn head_at_depth(&mut self) {
        if self.head_run == 0 || self.depth != self.head_depth {
            self.head_run = 0;
            self.head_depth = self.depth;
        }
        self.head_run += 1;
    }

    /// Continues (after a statement end) or starts the `else` chain at the current depth.
    fn add_else(&mut self) {
        if self.else_chains.len() <= self.depth {
            self.else_chains.resize(self.depth + 1, 0);
        }
        self.else_chains[self.depth] += 1;
        self.else_total += 1;
    }

    /// A token other than `else`: if it follows the end of a statement at this depth, the
    /// `else` chain there is over.
    fn other_token(&mut self) {
        if let Some(d) = self.ended_at.take() {
            if d == self.depth {
                if let Some(n) = self.else_chains.get_mut(d) {
                    self.else_total -= *n;
                    *n = 0;
                }
            }
        }
    }

    /// A block closed: chains inside it are over.
    fn close_chains_deeper_than(&mut self, depth: usize) {
        if self.else_chains.len() > depth + 1 {
            for n in self.else_chains.drain(depth + 1..) {
                self.else_total -= n;
            }
        }
    }

    fn after_token(&mut self, b: u8) {
        self.unary_run = 0;
        self.prev = b;
    }

    fn too_deep(&self) -> bool {
        self.depth + self.templates.len() + self.else_total / ELSE_IF_PER_LEVEL > MAX_NESTING
            || self.unary_run > MAX_NESTING
            || self.chain_run > MAX_NESTING * 2
            || self.jsx_run > MAX_NESTING
            || self.head_run > MAX_NESTING * HEADS_PER_LEVEL
    }

    /// Skips template text from `i`, returning the index after the closing backtick or after a
    /// `${` (which opens a nesting level).
    fn template_text(&mut self, mut i: usize) -> usize {
        let bytes = self.bytes;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'`' => {
                    self.after_token(b'`');
                    return i + 1;
                }
                b'$' if bytes.get(i + 1) == Some(&b'{') => {
                    self.templates.push(self.depth);
                    self.prev = b'{';
                    return i + 2;
                }
                _ => i += 1,
            }
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(src: &str) -> bool {
        nesting_too_deep(src).is_some()
    }

    #[test]
    fn ordinary_code_passes() {
        let src = r#"const a = [{ b: (1 + 2) }]; const t = `x ${ {a: 1}.a } y`; // ((((
            const p: Promise<Array<string>> = f(a < b ? 1 : 2);
            export default function Page() { return <div className="a" id="b"><p>hi <b>x</b></p></div>; }"#;
        assert!(!refused(src));
        let jsx = format!(
            "<div>{}</div>",
            "<span className=\"x\" id=\"y\">t</span>\n".repeat(5_000)
        );
        assert!(!refused(&jsx));
        let generics = "let x: Map<string, Set<number>> = new Map();\n".repeat(5_000);
        assert!(!refused(&generics));
    }

    #[test]
    fn every_kind_of_deep_nesting_is_refused() {
        let n = 50_000;
        assert!(refused(&format!("{}1{}", "(".repeat(n), ")".repeat(n))));
        assert!(refused(&format!("{}{}", "{".repeat(n), "}".repeat(n))));
        assert!(refused(&format!("x = {}y;", "!".repeat(n))));
        assert!(refused(&format!("x = {}y;", "typeof ".repeat(n))));
        assert!(refused(&format!("x = {}0;", "a ? b : ".repeat(n))));
        assert!(refused(&format!("x = {}0;", "(a) => ".repeat(n))));
        assert!(refused(&format!("x = {};", "`${".repeat(n))));
        assert!(refused(&"<a>".repeat(n)));
        assert!(refused(&format!(
            "if (a) {{}}{}",
            " else if (a) {}".repeat(n)
        )));
        assert!(refused(&format!(
            "if (a) x;{}",
            " else if (a) x;".repeat(n)
        )));
        assert!(refused(&format!("{}a;", "if (a) ".repeat(n))));
        assert!(refused(&format!("{}break;", "while (a) ".repeat(n))));
        assert!(refused(&format!("{}break;", "for (;;) ".repeat(n))));
        assert!(refused(&format!(
            "{}a;{}",
            "do ".repeat(n),
            " while (a);".repeat(n)
        )));
        assert!(refused(&format!("{}a;", "l: ".repeat(n))));
        // Chains inside blocks inside chains still add up.
        let inner = format!("if (a) {{ {{}} }}{}", " else if (a) { {} }".repeat(n));
        assert!(refused(&inner));
    }

    #[test]
    fn long_but_flat_statement_sequences_pass() {
        // Many separate `if` chains, each with a few `else if`s, and many labelled loops.
        let chains = "if (a) { x(); } else if (b) { y(); } else if (c) z(); else { w(); }\n";
        assert!(!refused(&chains.repeat(20_000)));
        let ifs = "if (a) return 1;\nif (b) { c(); }\nouter: for (const x of y) { if (x) continue outer; }\n";
        assert!(!refused(&ifs.repeat(20_000)));
        let objects = "const o = { a: 1, b: c ? d : e, f: { g: 2 } };\nswitch (x) { case 1: case 2: break; }\n";
        assert!(!refused(&objects.repeat(20_000)));
        // A realistic long dispatch chain is fine.
        let dispatch = format!(
            "if (k === 0) f0();{}",
            " else if (k === 1) f1();".repeat(1_000)
        );
        assert!(!refused(&dispatch));
    }

    #[test]
    fn brackets_inside_strings_and_comments_do_not_count() {
        let src = format!(
            "const s = \"{}\"; /* {} */ // {}",
            "(".repeat(2_000),
            "[".repeat(2_000),
            "{".repeat(2_000)
        );
        assert!(!refused(&src));
    }
}
