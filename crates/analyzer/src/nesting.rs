//! A linear pre-scan that refuses input nested deep enough to overflow a recursive-descent
//! parser's stack, before the parser sees it.
//!
//! It tracks, outside strings, comments and template text:
//! - bracket depth (`(`, `[`, `{`, and `${` inside templates);
//! - runs of prefix operators and unary keywords (`!!!x`, `typeof typeof x`, `new new X`);
//! - right-associative chains within one statement (`a ? b : c ? ..`, `a = b = ..`,
//!   `x => y => ..`), which nest without brackets;
//! - runs of JSX opening tags that directly follow another tag (`<a><a><a>..`).
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

const UNARY_KEYWORDS: &[&[u8]] = &[b"typeof", b"void", b"await", b"delete", b"new", b"yield"];

#[derive(Default)]
struct Scanner<'s> {
    bytes: &'s [u8],
    depth: usize,
    /// Bracket depth at which each open `${` began.
    templates: Vec<usize>,
    unary_run: usize,
    chain_run: usize,
    jsx_run: usize,
    /// The last byte that was not whitespace (outside strings and comments).
    prev: u8,
}

impl Scanner<'_> {
    fn run(mut self) -> Option<usize> {
        let bytes = self.bytes;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let next = bytes.get(i + 1).copied();
            match b {
                b'/' if next == Some(b'/') => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
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
                    i += 1;
                    while i < bytes.len() && bytes[i] != b && bytes[i] != b'\n' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    self.after_token(b'"');
                    i += 1;
                    continue;
                }
                b'`' => {
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
            if b.is_ascii_alphabetic() || b == b'_' || b == b'$' {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'$')
                {
                    i += 1;
                }
                if UNARY_KEYWORDS.contains(&&bytes[start..i]) {
                    self.unary_run += 1;
                    if self.unary_run > MAX_NESTING {
                        return Some(start);
                    }
                } else {
                    self.unary_run = 0;
                }
                self.prev = b'a';
                continue;
            }
            if b.is_ascii_whitespace() {
                i += 1;
                continue;
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
                    self.depth = self.depth.saturating_sub(1);
                    self.chain_run = 0;
                }
                b';' | b',' => self.chain_run = 0,
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
            if self.too_deep() {
                return Some(i);
            }
            i += 1;
        }
        None
    }

    fn after_token(&mut self, b: u8) {
        self.unary_run = 0;
        self.prev = b;
    }

    fn too_deep(&self) -> bool {
        self.depth + self.templates.len() > MAX_NESTING
            || self.unary_run > MAX_NESTING
            || self.chain_run > MAX_NESTING * 2
            || self.jsx_run > MAX_NESTING
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
