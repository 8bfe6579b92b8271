//! Models called directly (`Post.create(..)`, `Post.updateMany(filter, data)`): Mongoose or
//! Sequelize style, a filter first and the data after it.

use super::prisma::{PRISMA_MUTATIONS, PRISMA_READS};
use super::{mongo, Library, OwnerScope};
use crate::catalog::sinks::step::{Outcome, Step};
use crate::catalog::sinks::{ArgShape, SinkKind};

/// A capitalised identifier (`Post`): a model class called directly.
pub(super) fn is_model_like(name: &str) -> bool {
    !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A fix adds the owner to the filter of the operations that take a MongoDB filter first.
pub(super) fn owner_scope(op: &str) -> Option<OwnerScope> {
    mongo::takes_filter_first(op).then_some(OwnerScope::FilterObject)
}

/// A model operation on a capitalised model called directly.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    let op = step.name();
    if step.i == 0
        && (PRISMA_READS.contains(&op) || PRISMA_MUTATIONS.contains(&op))
        && is_model_like(step.root)
    {
        let kind = if PRISMA_READS.contains(&op) {
            SinkKind::Read
        } else {
            SinkKind::Mutation
        };
        return step.sink(
            kind,
            Library::Model,
            Some(step.root.to_string()),
            ArgShape::FilterThenData,
        );
    }
    None
}
