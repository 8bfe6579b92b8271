//! Prisma (`<client>.<model>.<op>(..)`, one object argument with `where` and `data`) and models
//! called directly (`Post.create(..)`: Mongoose or Sequelize style when capitalised).

use super::step::{Outcome, Step};
use super::{is_model_like, ArgShape, SinkKind};

/// Prisma model operations that write.
const PRISMA_MUTATIONS: &[&str] = &[
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
const PRISMA_READS: &[&str] = &[
    "count",
    "aggregate",
    "groupBy",
    "findUnique",
    "findUniqueOrThrow",
    "findFirst",
    "findFirstOrThrow",
    "findMany",
];

/// A model operation.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    let op = step.name();
    // Prisma: <client>.<model>.<op>(..)
    if step.i >= 1 && step.prev_is_property() && !step.prev().starts_with('$') {
        let model = Some(step.prev().to_string());
        if PRISMA_MUTATIONS.contains(&op) {
            return step.sink(SinkKind::Mutation, "Prisma", model, ArgShape::PrismaObject);
        }
        if PRISMA_READS.contains(&op) {
            return step.sink(SinkKind::Read, "Prisma", model, ArgShape::PrismaObject);
        }
    }
    if step.i == 0
        && (PRISMA_READS.contains(&op) || PRISMA_MUTATIONS.contains(&op))
        && is_model_like(step.root)
    {
        let kind = if PRISMA_READS.contains(&op) {
            SinkKind::Read
        } else {
            SinkKind::Mutation
        };
        // `Post.create(...)` on a capitalised model is Mongoose/Sequelize-style.
        let shape = if step
            .root
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase())
        {
            ArgShape::FilterThenData
        } else {
            ArgShape::PrismaObject
        };
        return step.sink(kind, "ORM", Some(step.root.to_string()), shape);
    }
    None
}
