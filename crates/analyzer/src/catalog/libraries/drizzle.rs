//! Drizzle: `db.insert(t)`, `db.update(t).set(..).where(..)`, `db.delete(t)`,
//! `db.select().from(t)`, conditions built with its helpers (`and(eq(t.id, id), ..)`), and its
//! relational queries (`db.query.posts.findFirst({ where: .. })`, recognised as Prisma-shaped).

use super::kv::KV_ROOTS;
use super::{Library, OwnerScope};
use crate::catalog::sinks::step::{Outcome, Step};
use crate::catalog::sinks::{ArgShape, SinkKind};

/// The module the condition helpers are imported from.
pub const MODULE: &str = "drizzle-orm";

/// The functions that define a table (`pgTable("posts", { .. })`).
pub const TABLE_MAKERS: [&str; 3] = ["pgTable", "mysqlTable", "sqliteTable"];

/// The property of the client that holds the relational queries (`db.query.posts`).
pub const RELATIONAL_QUERIES: &str = "query";

/// A fix joins the chain's condition with the owner's: `and(<condition>, eq(t.userId, id))`.
pub(super) const OWNER_SCOPE: OwnerScope = OwnerScope::AndCondition;

/// What a condition helper builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// A comparison of a column with a value (`eq(posts.id, id)`).
    Compare,
    /// A combination of conditions (`and(..)`, `or(..)`).
    Combine,
}

/// The condition helper called `name`, if it is one.
pub fn condition_helper(name: &str) -> Option<Condition> {
    match name {
        "eq" | "ne" | "inArray" | "like" | "ilike" => Some(Condition::Compare),
        "and" | "or" => Some(Condition::Combine),
        _ => None,
    }
}

/// A write on the client (`db.update(t)`) or a `select().from(t)`.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    if step.i != 0 {
        return None;
    }
    if matches!(step.name(), "insert" | "update" | "delete")
        && !step.root.is_empty()
        && !KV_ROOTS.contains(&step.root)
    {
        return step.sink(
            SinkKind::Mutation,
            Library::Drizzle,
            None,
            ArgShape::Builder,
        );
    }
    if step.name() == "select" && step.names.get(1) == Some(&"from") {
        return step.sink(SinkKind::Read, Library::Drizzle, None, ArgShape::Builder);
    }
    None
}
