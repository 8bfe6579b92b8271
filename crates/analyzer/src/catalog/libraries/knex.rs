//! Knex: `knex("t").where(..).update(..)`, `.del()`, and reads of a named table
//! (`knex("users").select(..)`), with snake_case columns by convention.

use super::{Library, OwnerScope};
use crate::catalog::sinks::step::{Outcome, Step};
use crate::catalog::sinks::{ArgShape, Seg, SinkKind, SinkMatch};

/// Root names of Knex instances.
const ROOTS: &[&str] = &["knex", "db", "trx", "pg", "sql"];

/// Chained calls that write.
const WRITES: &[&str] = &[
    "del",
    "insert",
    "update",
    "delete",
    "increment",
    "decrement",
];

/// The writes that rule out a read of the table (`knex("t").select(..).update(..)`).
const TABLE_WRITES: &[&str] = &["insert", "update", "del", "delete"];

/// Chained calls that read.
const READS: &[&str] = &["select", "first", "pluck"];

/// A fix appends `.where("user_id", id)`.
pub(super) const OWNER_SCOPE: OwnerScope = OwnerScope::AppendCondition {
    template: ".where(\"{col}\", {id})",
    snake_case: true,
};

/// A write on a Knex instance's query.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    if WRITES.contains(&step.name()) && step.i >= 1 && ROOTS.contains(&step.root) {
        return step.sink(SinkKind::Mutation, Library::Knex, None, ArgShape::Builder);
    }
    None
}

/// A read of the table a called root names (`knex("users").select(..)`): `segs` start with the
/// root's call (an empty name, the table its string argument); the match's `op_index` counts
/// the named segments only.
pub fn table_read(segs: &[Seg<'_>]) -> Option<SinkMatch> {
    let table = segs.first().filter(|s| s.name.is_empty())?.str_arg?;
    let named: Vec<&str> = segs
        .iter()
        .map(|s| s.name)
        .filter(|n| !n.is_empty())
        .collect();
    if !named.iter().any(|n| READS.contains(n)) || named.iter().any(|n| TABLE_WRITES.contains(n)) {
        return None;
    }
    Some(SinkMatch {
        kind: SinkKind::Read,
        library: Library::Knex,
        op: "select".into(),
        model: Some(table.to_string()),
        op_index: named.iter().position(|n| READS.contains(n)).unwrap_or(0),
        shape: ArgShape::Builder,
    })
}
