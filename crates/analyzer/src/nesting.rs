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
    let mut scanner = Scanner {
        bytes: source.as_bytes(),
        st: State::default(),
    };
    match scanner.run(0, None, None) {
        End::TooDeep(at) => Some(at),
        End::Done | End::InStep(_) => None,
    }
}

/// A scan of a text that was within the limits, kept so that the same text with a few bytes
/// changed in place (a line blanked to recover from a syntax error, offsets kept) is scanned
/// again only from just before the change until the scan is back in step with this one.
pub struct Rescan {
    checkpoints: Vec<Checkpoint>,
}

impl Rescan {
    /// Scans `source` ([`nesting_too_deep`]), keeping what a later [`Rescan::again`] needs
    /// when it is within the limits.
    pub fn first(source: &str) -> Result<Rescan, usize> {
        let mut scanner = Scanner {
            bytes: source.as_bytes(),
            st: State::default(),
        };
        let mut checkpoints = Vec::new();
        match scanner.run(0, Some(&mut checkpoints), None) {
            End::TooDeep(at) => Err(at),
            End::Done | End::InStep(_) => Ok(Rescan { checkpoints }),
        }
    }

    /// [`nesting_too_deep`] of `text`, a version of `last`, the last text scanned; when it is
    /// within the limits, it becomes the last text scanned.
    pub fn again(&mut self, last: &str, text: &str) -> Option<usize> {
        let bytes = text.as_bytes();
        let Some(changed) = changed_range(last.as_bytes(), bytes) else {
            // Another length: scanned in full.
            return match Rescan::first(text) {
                Ok(scan) => {
                    *self = scan;
                    None
                }
                Err(at) => Some(at),
            };
        };
        if changed.is_empty() {
            return None;
        }
        // Resume from the last state recorded before the change that the change cannot have
        // touched.
        let last = last.as_bytes();
        let mut resume = self.checkpoints.partition_point(|c| c.at < changed.start);
        while resume > 0 && looked_at_until(last, self.checkpoints[resume - 1].at) > changed.start {
            resume -= 1;
        }
        let (start, state) = match resume.checked_sub(1) {
            Some(i) => (self.checkpoints[i].at, self.checkpoints[i].state.clone()),
            None => (0, State::default()),
        };
        let kept = resume.saturating_sub(1);
        let mut checkpoints = self.checkpoints[..kept].to_vec();
        let mut scanner = Scanner { bytes, st: state };
        let earlier = Earlier {
            checkpoints: &self.checkpoints,
            same_from: changed.end,
        };
        match scanner.run(start, Some(&mut checkpoints), Some(earlier)) {
            End::TooDeep(at) => return Some(at),
            End::Done => {}
            End::InStep(k) => checkpoints.extend_from_slice(&self.checkpoints[k..]),
        }
        self.checkpoints = checkpoints;
        None
    }
}

/// The end of the bytes the scan may have read to reach its loop top at `at`: all before it, and
/// (looking for the `:` of a label after a word, or at the byte after a punctuator) the
/// whitespace from `at` on and the two bytes after it.
fn looked_at_until(bytes: &[u8], at: usize) -> usize {
    let first_token = skip_while(bytes, at, |c| c.is_ascii_whitespace());
    first_token + 2
}

/// The index of the first byte from `i` on that does not satisfy `keep` (or the length).
fn skip_while(bytes: &[u8], mut i: usize, keep: impl Fn(u8) -> bool) -> usize {
    while i < bytes.len() && keep(bytes[i]) {
        i += 1;
    }
    i
}

/// The bytes where `new` differs from `old` (empty when they are equal), or `None` when their
/// lengths differ.
fn changed_range(old: &[u8], new: &[u8]) -> Option<std::ops::Range<usize>> {
    if old.len() != new.len() {
        return None;
    }
    const CHUNK: usize = 64;
    let first_chunk = old
        .chunks(CHUNK)
        .zip(new.chunks(CHUNK))
        .position(|(a, b)| a != b);
    let Some(first_chunk) = first_chunk else {
        return Some(0..0);
    };
    let from = first_chunk * CHUNK;
    let start = from
        + old[from..]
            .iter()
            .zip(&new[from..])
            .position(|(a, b)| a != b)
            .unwrap_or(0);
    let last_chunk = old
        .rchunks(CHUNK)
        .zip(new.rchunks(CHUNK))
        .position(|(a, b)| a != b)
        .unwrap_or(0);
    let to = old.len() - last_chunk * CHUNK;
    let end = to
        - old[..to]
            .iter()
            .rev()
            .zip(new[..to].iter().rev())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
    Some(start..end.max(start))
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

/// Everything the scanner knows at the top of its loop besides where it is: with the position
/// and the text from there on, it decides the rest of the scan.
#[derive(Clone, Default, PartialEq, Eq)]
struct State {
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

/// How far apart (bytes) a recorded scan keeps its states.
const CHECKPOINT_EVERY: usize = 4096;

/// A scan's state at the top of its loop, at byte `at`.
#[derive(Clone)]
struct Checkpoint {
    at: usize,
    state: State,
}

/// How a scan ended.
enum End {
    /// Nesting exceeded the limits at this offset.
    TooDeep(usize),
    /// The end of the text, within the limits.
    Done,
    /// Back in step with the earlier scan at its checkpoint of this index: the rest of the
    /// text is the same, so the rest of the scan would be too.
    InStep(usize),
}

/// What a scan may compare itself with: an earlier scan, within the limits, of a text that
/// differed only before `same_from`.
struct Earlier<'c> {
    checkpoints: &'c [Checkpoint],
    same_from: usize,
}

struct Scanner<'s> {
    bytes: &'s [u8],
    st: State,
}

impl Scanner<'_> {
    /// Scans from `i` in the current state. With `record`, keeps a checkpoint at the first loop
    /// top of every [`CHECKPOINT_EVERY`] bytes; with `earlier`, stops once in step with it.
    fn run(
        &mut self,
        mut i: usize,
        mut record: Option<&mut Vec<Checkpoint>>,
        earlier: Option<Earlier<'_>>,
    ) -> End {
        let bytes = self.bytes;
        let mut next_checkpoint = if record.is_some() { i } else { usize::MAX };
        let mut next_earlier = 0;
        while i < bytes.len() {
            if i >= next_checkpoint {
                if let Some(earlier) = &earlier {
                    let previous = earlier.checkpoints;
                    while previous.get(next_earlier).is_some_and(|c| c.at < i) {
                        next_earlier += 1;
                    }
                    if i >= earlier.same_from
                        && previous
                            .get(next_earlier)
                            .is_some_and(|c| c.at == i && c.state == self.st)
                    {
                        return End::InStep(next_earlier);
                    }
                }
                if let Some(record) = record.as_deref_mut() {
                    record.push(Checkpoint {
                        at: i,
                        state: self.st.clone(),
                    });
                }
                next_checkpoint = (i / CHECKPOINT_EVERY + 1) * CHECKPOINT_EVERY;
            }
            let b = bytes[i];
            match CLASSES[b as usize] {
                Class::Space => {
                    i += 1;
                    continue;
                }
                Class::Other => {
                    self.other_token();
                    if self.st.depth <= self.st.head_depth {
                        self.st.head_run = 0;
                    }
                    self.st.unary_run = 0;
                    self.st.prev = b;
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
                        return End::TooDeep(start);
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
                        return End::TooDeep(i.min(bytes.len().saturating_sub(1)));
                    }
                    continue;
                }
                b'}' if self.st.templates.last() == Some(&self.st.depth) => {
                    self.st.templates.pop();
                    i = self.template_text(i + 1);
                    continue;
                }
                _ => {}
            }
            self.punct(b, next);
            if self.too_deep() {
                return End::TooDeep(i);
            }
            i += 1;
        }
        End::Done
    }

    /// A word from `start` to `end`; returns whether nesting is now too deep.
    fn word(&mut self, start: usize, end: usize) -> bool {
        let kind = keyword(&self.bytes[start..end]);
        if kind == Keyword::Else {
            self.st.ended_at = None;
            self.add_else();
            self.head_at_depth();
            self.st.unary_run = 0;
            self.st.prev = b'a';
            return self.too_deep();
        }
        self.other_token();
        self.st.prev = b'a';
        let is_label = || {
            let rest = &self.bytes[end..];
            let colon = rest.iter().position(|c| !c.is_ascii_whitespace());
            colon.is_some_and(|p| rest[p] == b':' && rest.get(p + 1) != Some(&b':'))
        };
        let head = kind == Keyword::StatementHead || is_label();
        if head {
            self.head_at_depth();
        } else if self.st.depth <= self.st.head_depth {
            self.st.head_run = 0;
        }
        if kind == Keyword::Unary {
            self.st.unary_run += 1;
        } else {
            self.st.unary_run = 0;
        }
        (head || kind == Keyword::Unary) && self.too_deep()
    }

    fn punct(&mut self, b: u8, next: Option<u8>) {
        if !matches!(b, b'(' | b')' | b':') && self.st.depth <= self.st.head_depth {
            self.st.head_run = 0;
        }
        if b != b'}' {
            self.other_token();
        }
        match b {
            b'(' | b'[' | b'{' => {
                self.st.depth += 1;
                if b == b'{' {
                    self.st.chain_run = 0;
                }
            }
            b')' | b']' => self.st.depth = self.st.depth.saturating_sub(1),
            b'}' => {
                self.close_chains_deeper_than(self.st.depth.saturating_sub(1));
                self.st.depth = self.st.depth.saturating_sub(1);
                self.st.chain_run = 0;
                self.st.ended_at = Some(self.st.depth);
            }
            b';' => {
                self.st.chain_run = 0;
                self.st.ended_at = Some(self.st.depth);
            }
            b',' => self.st.chain_run = 0,
            b'<' if next.is_some_and(|c| c.is_ascii_alphabetic()) => {
                self.st.jsx_run = if self.st.prev == b'>' {
                    self.st.jsx_run + 1
                } else {
                    1
                };
            }
            b'<' if next == Some(b'/') => self.st.jsx_run = 0,
            b'?' if !matches!(next, Some(b'.' | b'?' | b':')) && self.st.prev != b'?' => {
                self.st.chain_run += 1
            }
            b'=' if next == Some(b'>') => self.st.chain_run += 1,
            b'=' if !matches!(next, Some(b'=' | b'"' | b'\'' | b'{'))
                && !matches!(self.st.prev, b'=' | b'!' | b'<' | b'>') =>
            {
                self.st.chain_run += 1
            }
            _ => {}
        }
        if matches!(b, b'!' | b'-' | b'+' | b'~') {
            self.st.unary_run += 1;
        } else {
            self.st.unary_run = 0;
        }
        self.st.prev = b;
    }

    /// Counts a statement head (or `else`) at the current depth.
    fn head_at_depth(&mut self) {
        if self.st.head_run == 0 || self.st.depth != self.st.head_depth {
            self.st.head_run = 0;
            self.st.head_depth = self.st.depth;
        }
        self.st.head_run += 1;
    }

    /// Continues (after a statement end) or starts the `else` chain at the current depth.
    fn add_else(&mut self) {
        if self.st.else_chains.len() <= self.st.depth {
            self.st.else_chains.resize(self.st.depth + 1, 0);
        }
        self.st.else_chains[self.st.depth] += 1;
        self.st.else_total += 1;
    }

    /// A token other than `else`: if it follows the end of a statement at this depth, the
    /// `else` chain there is over.
    fn other_token(&mut self) {
        if let Some(d) = self.st.ended_at.take() {
            if d == self.st.depth {
                if let Some(n) = self.st.else_chains.get_mut(d) {
                    self.st.else_total -= *n;
                    *n = 0;
                }
            }
        }
    }

    /// A block closed: chains inside it are over.
    fn close_chains_deeper_than(&mut self, depth: usize) {
        if self.st.else_chains.len() > depth + 1 {
            for n in self.st.else_chains.drain(depth + 1..) {
                self.st.else_total -= n;
            }
        }
    }

    fn after_token(&mut self, b: u8) {
        self.st.unary_run = 0;
        self.st.prev = b;
    }

    fn too_deep(&self) -> bool {
        self.st.depth + self.st.templates.len() + self.st.else_total / ELSE_IF_PER_LEVEL
            > MAX_NESTING
            || self.st.unary_run > MAX_NESTING
            || self.st.chain_run > MAX_NESTING * 2
            || self.st.jsx_run > MAX_NESTING
            || self.st.head_run > MAX_NESTING * HEADS_PER_LEVEL
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
                    self.st.templates.push(self.st.depth);
                    self.st.prev = b'{';
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
    fn a_rescan_after_blanking_lines_finds_what_a_full_scan_finds() {
        // Long enough for many checkpoints; lines that open or close strings, templates,
        // comments, blocks and labels, so that blanking one changes what follows.
        let chunk = "if (a) { x(\"(\"); }\nconst t = `${ {b: [1]} }`;\n/* { */ y: for (;;) {\nbreak y; }\nz = w\n   :\n1;\n";
        let mut text = format!("{}{}", chunk.repeat(2_000), "(".repeat(300));
        let mut scan = Rescan::first(&text).expect("within the limits");
        for k in 0..60 {
            let mut next = text.clone().into_bytes();
            let at = (k * 7_919) % next.len();
            let start = next[..at]
                .iter()
                .rposition(|&c| c == b'\n')
                .map_or(0, |i| i + 1);
            let end = next[at..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(next.len(), |i| at + i);
            next[start..end].fill(b' ');
            let next = String::from_utf8(next).expect("ASCII");
            let expected = nesting_too_deep(&next);
            assert_eq!(
                scan.again(&text, &next),
                expected,
                "blanking line at {start}"
            );
            if expected.is_some() {
                break;
            }
            text = next;
        }
        // Closing the brackets deepens nothing; opening more refuses.
        let deeper = format!("{}{}", &text[..text.len() - 300], "(".repeat(450));
        assert_eq!(scan.again(&text, &deeper), nesting_too_deep(&deeper));
        assert!(nesting_too_deep(&deeper).is_some());
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
