//! Kysely: `insertInto("t")`, `updateTable("t")`, `deleteFrom("t")`, `selectFrom("t")`, with
//! camelCase columns by convention.

use super::{Library, OwnerScope};
use crate::catalog::sinks::step::{Outcome, Step};
use crate::catalog::sinks::{ArgShape, SinkKind};

/// A fix appends `.where("userId", "=", id)`.
pub(super) const OWNER_SCOPE: OwnerScope = OwnerScope::AppendCondition {
    template: ".where(\"{col}\", \"=\", {id})",
    snake_case: false,
};

/// A query on a named table.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    let table = step.str_arg().map(str::to_string);
    match step.name() {
        "insertInto" | "updateTable" | "deleteFrom" | "replaceInto" | "mergeInto" => step.sink(
            SinkKind::Mutation,
            Library::Kysely,
            table,
            ArgShape::Builder,
        ),
        "selectFrom" => step.sink(SinkKind::Read, Library::Kysely, table, ArgShape::Builder),
        _ => None,
    }
}
