//! Prisma: `<client>.<model>.<op>(..)` with one object argument, `where` (the key) and `data` /
//! `create` / `update` (what is written), narrowed by `select`.

use super::OwnerScope;
use crate::catalog::libraries::Library;
use crate::catalog::sinks::step::{Outcome, Step};
use crate::catalog::sinks::{ArgShape, SinkKind};

/// Prisma model operations that write.
pub(super) const PRISMA_MUTATIONS: &[&str] = &[
    "create",
    "createMany",
    "createManyAndReturn",
    "update",
    "updateMany",
    "updateManyAndReturn",
    "upsert",
    "delete",
    "deleteMany",
];

/// Prisma model operations that read.
pub(super) const PRISMA_READS: &[&str] = &[
    "count",
    "aggregate",
    "groupBy",
    "findUnique",
    "findUniqueOrThrow",
    "findFirst",
    "findFirstOrThrow",
    "findMany",
];

/// The argument's fields that hold what is written.
pub const DATA_FIELDS: [&str; 3] = ["data", "create", "update"];

/// The argument's field that selects the row(s).
pub const WHERE_FIELD: &str = "where";

/// The argument's field that narrows the columns returned.
pub const SELECT_FIELD: &str = "select";

/// A fix checks a record scoped to the caller first (`findFirst({ where: { ..where, userId } })`).
pub(super) const OWNER_SCOPE: OwnerScope = OwnerScope::CheckFirst;

/// Prisma's atomic increment (`{ views: { increment: 1 } }`).
pub const INCREMENT: &str = "increment";

/// Prisma's atomic steps of a number (`{ likes: { increment: 1 } }`, `{ decrement: 1 }`).
pub const STEP_OPS: [&str; 2] = [INCREMENT, "decrement"];

/// Nested writes that remove a link to a related row (`{ watchers: { delete: { .. } } }`).
pub const UNLINK_OPS: [&str; 3] = ["delete", "disconnect", "deleteMany"];

/// Whether operation `op` returns no row as it is stored (counts, aggregates, batch results),
/// whatever its `select`.
pub fn returns_no_row(op: &str) -> bool {
    matches!(
        op,
        "deleteMany" | "updateMany" | "createMany" | "count" | "aggregate" | "groupBy"
    )
}

/// A model operation: `<client>.<model>.<op>(..)`.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    let op = step.name();
    if step.i >= 1 && step.prev_is_property() && !step.prev().starts_with('$') {
        let model = Some(step.prev().to_string());
        if PRISMA_MUTATIONS.contains(&op) {
            return step.sink(
                SinkKind::Mutation,
                Library::Prisma,
                model,
                ArgShape::PrismaObject,
            );
        }
        if PRISMA_READS.contains(&op) {
            return step.sink(
                SinkKind::Read,
                Library::Prisma,
                model,
                ArgShape::PrismaObject,
            );
        }
    }
    None
}
