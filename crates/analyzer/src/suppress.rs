//! Inline directives: `// actiongate-ignore <rule>: <reason>` and `// actiongate-public: <reason>`.
//!
//! A directive applies to the action or sink on the line right after its comment block.

use rustc_hash::FxHashSet as HashSet;

use oxc_ast::ast::Program;

use crate::report::LineIndex;

/// One directive comment.
#[derive(Debug, Clone)]
struct Directive {
    /// 1-based line the comment ends on.
    line: usize,
    /// `public` or the rule id to ignore.
    target: String,
    /// The reason given after the colon.
    reason: String,
}

/// Every directive of a file.
#[derive(Debug)]
pub struct Directives {
    items: Vec<Directive>,
    /// Lines on which a comment ends.
    comment_lines: HashSet<usize>,
    /// Line starts of the file.
    lines: LineIndex,
}

impl Directives {
    /// Collects the directives from the program's comments.
    pub fn parse(program: &Program<'_>, source: &str, lines: &LineIndex) -> Directives {
        let mut d = Directives {
            items: Vec::new(),
            comment_lines: HashSet::default(),
            lines: lines.clone(),
        };
        for comment in &program.comments {
            let text = comment.content_span().source_text(source).trim();
            let line = d.lines.line(comment.span.end) as usize;
            d.comment_lines.insert(line);
            if let Some(rest) = text.strip_prefix("actiongate-ignore") {
                let rest = rest.trim();
                let (rule, reason) = rest.split_once(':').unwrap_or((rest, ""));
                for rule in rule.split(',') {
                    d.items.push(Directive {
                        line,
                        target: rule.trim().to_string(),
                        reason: reason.trim().to_string(),
                    });
                }
            } else if let Some(rest) = text.strip_prefix("actiongate-public") {
                let reason = rest.trim_start_matches(':').trim();
                d.items.push(Directive {
                    line,
                    target: "public".into(),
                    reason: reason.to_string(),
                });
            }
        }
        d
    }

    /// Directives in the comment block directly above the line of `offset`.
    fn above(&self, offset: u32, _source: &str) -> impl Iterator<Item = &Directive> {
        let target = self.lines.line(offset) as usize;
        // Walk up over consecutive comment lines.
        let mut first = target;
        while first > 1 && self.comment_lines.contains(&(first - 1)) {
            first -= 1;
        }
        self.items
            .iter()
            .filter(move |d| d.line >= first && d.line < target)
    }

    /// The reason an action starting at `stmt_start` is marked public, if it is.
    pub fn public_reason(&self, stmt_start: u32, source: &str) -> Option<String> {
        self.above(stmt_start, source)
            .find(|d| d.target == "public")
            .map(|d| {
                if d.reason.is_empty() {
                    "marked public".to_string()
                } else {
                    d.reason.clone()
                }
            })
    }

    /// The reason `rule` is ignored for a finding at `at` in the action starting at `stmt_start`.
    pub fn ignore_reason(
        &self,
        rule: &str,
        stmt_start: u32,
        at: u32,
        source: &str,
    ) -> Option<String> {
        self.above(stmt_start, source)
            .chain(self.above(at, source))
            .find(|d| d.target == rule || d.target == "all")
            .map(|d| {
                if d.reason.is_empty() {
                    "no reason given".to_string()
                } else {
                    d.reason.clone()
                }
            })
    }
}
