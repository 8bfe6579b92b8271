//! `.gitignore` and `.ignore` lines, matched without a regular-expression engine (the browser
//! carries this code, and every byte of it is downloaded by the readers of an embedding post).
//!
//! What the CLI's walk (the `ignore` crate) honours, and so what this honours: comments, `!`
//! negation, `\!`/`\#` escapes, trailing spaces, a trailing `/` for folders only, anchoring by a
//! leading or inner `/`, `*`, `?`, `[...]` (with `!` or `^` negation and ranges), a leading
//! `**/`, an inner `/**/`, a trailing `/**` and a lone `**`. The last matching line of a file
//! wins. `crates/cli/tests/folder_selection.rs` compares this with the CLI on generated trees.
//!
//! Matching is a dynamic programme over (pattern token, path byte), so no pattern can take
//! exponential time (`*a*a*a*a*b` included).

/// One compiled line of an ignore file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    tokens: Vec<Token>,
    /// `!pattern`: a match re-includes the path.
    pub negated: bool,
    /// `pattern/`: matches folders only.
    pub dir_only: bool,
    /// Contains a `/` other than a trailing one: matched against the whole relative path rather
    /// than any tail of it.
    anchored: bool,
}

/// What one piece of a pattern matches.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// This character.
    Literal(char),
    /// `?`: one character other than `/`.
    One,
    /// `*`: any run of characters without `/`.
    Star,
    /// `**/` at the start or after a `/`: zero or more whole folders.
    AnyFolders,
    /// `/**` at the end: everything inside.
    Inside,
    /// A lone `**`: everything.
    Everything,
    /// `[...]`: one character (never `/`) in, or with `negated` not in, the ranges.
    Class {
        ranges: Vec<(char, char)>,
        negated: bool,
    },
}

/// The verdict of an ignore file on a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The last matching line ignores it.
    Ignore,
    /// The last matching line is a `!` line: it is kept.
    Keep,
}

/// The rules of one ignore file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IgnoreFile {
    rules: Vec<Rule>,
}

impl IgnoreFile {
    /// Compiles the text of an ignore file; lines that git would not understand are skipped.
    pub fn parse(text: &str) -> IgnoreFile {
        IgnoreFile {
            rules: text.lines().filter_map(Rule::parse).collect(),
        }
    }

    /// The verdict on `relative` (forward slashes, relative to the ignore file's folder), or
    /// `None` when no line matches.
    pub fn verdict(&self, relative: &str, is_dir: bool) -> Option<Verdict> {
        self.rules
            .iter()
            .rev()
            .find(|rule| rule.matches(relative, is_dir))
            .map(|rule| {
                if rule.negated {
                    Verdict::Keep
                } else {
                    Verdict::Ignore
                }
            })
    }
}

impl Rule {
    /// Compiles one line, or `None` for blank lines, comments and lines git cannot use.
    pub fn parse(line: &str) -> Option<Rule> {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.starts_with('#') {
            return None;
        }
        let mut pattern = trim_trailing_spaces(line);
        let mut negated = false;
        if let Some(rest) = pattern.strip_prefix('!') {
            negated = true;
            pattern = rest;
        } else if pattern.starts_with("\\!") || pattern.starts_with("\\#") {
            pattern = &pattern[1..];
        }
        let mut dir_only = false;
        if pattern.ends_with('/') && !pattern.ends_with("\\/") {
            dir_only = true;
            pattern = &pattern[..pattern.len() - 1];
        }
        if pattern.is_empty() {
            return None;
        }
        let anchored = pattern.contains('/');
        let pattern = pattern.strip_prefix('/').unwrap_or(pattern);
        Some(Rule {
            tokens: tokenize(pattern)?,
            negated,
            dir_only,
            anchored,
        })
    }

    /// Whether the rule matches `relative` (forward slashes, no leading `/`).
    pub fn matches(&self, relative: &str, is_dir: bool) -> bool {
        if self.dir_only && !is_dir {
            return false;
        }
        let path: Vec<char> = relative.chars().collect();
        if self.anchored {
            return matches_at(&self.tokens, &path);
        }
        // Unanchored: the pattern may match the path or any tail that starts a component.
        std::iter::once(0)
            .chain(
                path.iter()
                    .enumerate()
                    .filter(|(_, c)| **c == '/')
                    .map(|(i, _)| i + 1),
            )
            .any(|start| matches_at(&self.tokens, &path[start..]))
    }
}

/// Trailing spaces are dropped unless escaped with a backslash.
fn trim_trailing_spaces(line: &str) -> &str {
    let mut end = line.len();
    while end > 0 && line.as_bytes()[end - 1] == b' ' {
        if end >= 2 && line.as_bytes()[end - 2] == b'\\' {
            break;
        }
        end -= 1;
    }
    &line[..end]
}

fn tokenize(pattern: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = pattern.chars().collect();
    if chars == ['*', '*'] {
        return Some(vec![Token::Everything]);
    }
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let at_component_start = i == 0 || chars[i - 1] == '/';
        let rest = &chars[i..];
        if at_component_start && rest.starts_with(&['*', '*', '/']) {
            tokens.push(Token::AnyFolders);
            i += 3;
        } else if rest == ['/', '*', '*'] {
            tokens.push(Token::Inside);
            i += 3;
        } else if chars[i] == '*' {
            // Other runs of asterisks are one `*`.
            while i < chars.len() && chars[i] == '*' {
                i += 1;
            }
            tokens.push(Token::Star);
        } else if chars[i] == '?' {
            tokens.push(Token::One);
            i += 1;
        } else if chars[i] == '[' {
            match class(&chars[i..]) {
                Some((token, used)) => {
                    tokens.push(token);
                    i += used;
                }
                None => {
                    tokens.push(Token::Literal('['));
                    i += 1;
                }
            }
        } else if chars[i] == '\\' {
            // A trailing lone backslash makes the line unusable, as in git.
            tokens.push(Token::Literal(*chars.get(i + 1)?));
            i += 2;
        } else {
            tokens.push(Token::Literal(chars[i]));
            i += 1;
        }
    }
    Some(tokens)
}

/// Parses `[...]` at the start of `chars`: the token and how many characters it used, or `None`
/// when the bracket is not closed (it is then a literal `[`).
fn class(chars: &[char]) -> Option<(Token, usize)> {
    let mut i = 1;
    let negated = matches!(chars.get(1), Some('!' | '^'));
    if negated {
        i += 1;
    }
    let mut ranges = Vec::new();
    let mut first = true;
    loop {
        let c = *chars.get(i)?;
        if c == ']' && !first {
            return Some((Token::Class { ranges, negated }, i + 1));
        }
        first = false;
        let (low, used) = if c == '\\' {
            (*chars.get(i + 1)?, 2)
        } else {
            (c, 1)
        };
        i += used;
        if chars.get(i) == Some(&'-') && chars.get(i + 1).is_some_and(|c| *c != ']') {
            let (high, used) = if chars[i + 1] == '\\' {
                (*chars.get(i + 2)?, 3)
            } else {
                (chars[i + 1], 2)
            };
            i += used;
            ranges.push((low, high));
        } else {
            ranges.push((low, low));
        }
    }
}

/// Whether `tokens` match all of `path`.
fn matches_at(tokens: &[Token], path: &[char]) -> bool {
    let n = path.len();
    // next[j]: tokens[i + 1..] match path[j..]; row for the token after the last is "at end".
    let mut next: Vec<bool> = (0..=n).map(|j| j == n).collect();
    let mut row = vec![false; n + 1];
    for token in tokens.iter().rev() {
        match token {
            Token::Literal(_) | Token::One | Token::Class { .. } => {
                for j in 0..=n {
                    row[j] = j < n && single(token, path[j]) && next[j + 1];
                }
            }
            Token::Star => {
                row[n] = next[n];
                for j in (0..n).rev() {
                    row[j] = next[j] || (path[j] != '/' && row[j + 1]);
                }
            }
            Token::AnyFolders => {
                // `(.*/)?`: nothing, or up to and including some later `/`.
                let mut after_slash = false;
                row[n] = next[n];
                for j in (0..n).rev() {
                    after_slash = after_slash || (path[j] == '/' && next[j + 1]);
                    row[j] = next[j] || after_slash;
                }
            }
            Token::Inside => {
                for j in 0..=n {
                    row[j] = j < n && path[j] == '/';
                }
            }
            Token::Everything => row.iter_mut().for_each(|r| *r = true),
        }
        std::mem::swap(&mut row, &mut next);
    }
    next[0]
}

/// Whether a one-character token matches `c`.
fn single(token: &Token, c: char) -> bool {
    match token {
        Token::Literal(l) => *l == c,
        Token::One => c != '/',
        Token::Class { ranges, negated } => {
            c != '/' && ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(&c)) != *negated
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ignored(lines: &str, path: &str, is_dir: bool) -> bool {
        IgnoreFile::parse(lines).verdict(path, is_dir) == Some(Verdict::Ignore)
    }

    #[test]
    fn unanchored_patterns_match_at_any_depth() {
        assert!(ignored("*.log", "a.log", false));
        assert!(ignored("*.log", "deep/er/a.log", false));
        assert!(!ignored("*.log", "a.log/b.ts", false));
        assert!(ignored("generated", "src/generated", true));
        assert!(!ignored("gen", "src/generated", true));
    }

    #[test]
    fn a_slash_anchors_the_pattern() {
        assert!(ignored("/build", "build", true));
        assert!(!ignored("/build", "src/build", true));
        assert!(ignored("src/gen", "src/gen", true));
        assert!(!ignored("src/gen", "app/src/gen", true));
    }

    #[test]
    fn trailing_slash_means_folders_only() {
        assert!(ignored("out/", "out", true));
        assert!(!ignored("out/", "out", false));
    }

    #[test]
    fn double_stars() {
        assert!(ignored("**/gen", "gen", true));
        assert!(ignored("**/gen", "a/b/gen", true));
        assert!(ignored("a/**/b.ts", "a/b.ts", false));
        assert!(ignored("a/**/b.ts", "a/x/y/b.ts", false));
        assert!(ignored("a/**", "a/x", false));
        assert!(!ignored("a/**", "a", true));
        assert!(ignored("**", "anything/at/all", false));
        assert!(ignored("a**b", "axxb", false));
        assert!(!ignored("a**b", "ax/xb", false));
    }

    #[test]
    fn negation_and_last_line_wins() {
        let lines = "*.ts\n!keep.ts\n";
        assert!(ignored(lines, "a.ts", false));
        assert_eq!(
            IgnoreFile::parse(lines).verdict("keep.ts", false),
            Some(Verdict::Keep)
        );
        assert!(ignored("!keep.ts\n*.ts", "keep.ts", false));
    }

    #[test]
    fn classes_escapes_comments_and_spaces() {
        assert!(ignored("[ab].ts", "a.ts", false));
        assert!(!ignored("[!ab].ts", "a.ts", false));
        assert!(ignored("[a-c]x", "bx", false));
        assert!(ignored("\\#hash", "#hash", false));
        assert!(IgnoreFile::parse("# comment\n\n   \n").rules.is_empty());
        assert!(ignored("trail.ts   ", "trail.ts", false));
        assert!(ignored("[unclosed", "[unclosed", false));
        assert!(ignored("?.ts", "a.ts", false));
        assert!(!ignored("?.ts", "ab.ts", false));
    }

    #[test]
    fn no_pattern_takes_exponential_time() {
        let path = "a".repeat(2000);
        assert!(!ignored("*a*a*a*a*a*a*a*a*a*a*a*a*b", &path, false));
    }
}
