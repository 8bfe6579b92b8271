//! SQL query builders: Drizzle (`db.insert(t)`, `db.select().from(t)`), Kysely
//! (`insertInto("t")`, `selectFrom("t")`) and Knex (`knex("t").where(..).update(..)`).

use super::kv::KV_ROOTS;
use super::step::{Outcome, Step};
use super::{ArgShape, SinkKind};

/// Drizzle: db.insert(t) / db.update(t) / db.delete(t) / db.select().from(t)
pub(super) fn drizzle(step: &Step) -> Option<Outcome> {
    if step.i != 0 {
        return None;
    }
    if matches!(step.name(), "insert" | "update" | "delete")
        && !step.root.is_empty()
        && !KV_ROOTS.contains(&step.root)
    {
        return step.sink(SinkKind::Mutation, "Drizzle", None, ArgShape::Builder);
    }
    if step.name() == "select" && step.names.get(1) == Some(&"from") {
        return step.sink(SinkKind::Read, "Drizzle", None, ArgShape::Builder);
    }
    None
}

/// Kysely: insertInto / updateTable / deleteFrom / selectFrom(table)
pub(super) fn kysely(step: &Step) -> Option<Outcome> {
    let table = step.str_arg().map(str::to_string);
    match step.name() {
        "insertInto" | "updateTable" | "deleteFrom" | "replaceInto" | "mergeInto" => {
            step.sink(SinkKind::Mutation, "Kysely", table, ArgShape::Builder)
        }
        "selectFrom" => step.sink(SinkKind::Read, "Kysely", table, ArgShape::Builder),
        _ => None,
    }
}

/// Knex: knex("t").where(..).update(..) / .del()
pub(super) fn knex(step: &Step) -> Option<Outcome> {
    let writes = matches!(
        step.name(),
        "del" | "insert" | "update" | "delete" | "increment" | "decrement"
    );
    if writes && step.i >= 1 && matches!(step.root, "knex" | "db" | "trx" | "pg" | "sql") {
        return step.sink(SinkKind::Mutation, "Knex", None, ArgShape::Builder);
    }
    None
}
