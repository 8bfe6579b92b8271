//! Where a file writes a property as shorthand (`{ userId }`).
//!
//! A fix that replaces a client value with the session identity must keep the key of a
//! shorthand property (`{ userId }` → `{ userId: session.user.id }`) and must not add one
//! anywhere else: inside a template (`` `prefs:${userId}` ``), an array or a call's arguments a
//! key is a syntax error. Only the syntax tree tells these apart, so they are read from it.

use oxc_ast::ast::{ObjectProperty, Program};
use oxc_ast_visit::{walk, Visit};
use oxc_span::GetSpan;
use rustc_hash::FxHashSet;

/// The start offsets of every value written as a shorthand property in `program`.
pub fn shorthand_values(program: &Program<'_>) -> FxHashSet<u32> {
    let mut finder = Finder::default();
    finder.visit_program(program);
    finder.starts
}

#[derive(Default)]
struct Finder {
    starts: FxHashSet<u32>,
}

impl<'a> Visit<'a> for Finder {
    fn visit_object_property(&mut self, prop: &ObjectProperty<'a>) {
        if prop.shorthand {
            self.starts.insert(prop.value.span().start);
        }
        walk::walk_object_property(self, prop);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxc_allocator::Allocator;
    use oxc_parser::Parser;
    use oxc_span::SourceType;

    #[test]
    fn only_shorthand_properties_are_listed() {
        let text = "f({ a, b: c }, `${d}`, [e, g], h(i, j, k), { ...l, m });";
        let allocator = Allocator::default();
        let program = Parser::new(&allocator, text, SourceType::ts())
            .parse()
            .program;
        let starts = shorthand_values(&program);
        let named: Vec<&str> = text
            .char_indices()
            .filter(|(at, _)| starts.contains(&(*at as u32)))
            .map(|(at, _)| &text[at..=at])
            .collect();
        assert_eq!(named, ["a", "m"]);
    }
}
