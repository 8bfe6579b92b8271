//! MongoDB and Mongoose: `Model.updateOne(filter, update)`, `findByIdAndDelete(id)`,
//! `db.collection("c").insertOne(..)`.

use super::models::is_model_like;
use super::{Library, OwnerScope};
use crate::catalog::sinks::step::{Outcome, Step};
use crate::catalog::sinks::{ArgShape, SinkKind};

/// Operations that write.
const MONGO_MUTATIONS: &[&str] = &[
    "findByIdAndUpdate",
    "findByIdAndDelete",
    "findByIdAndRemove",
    "findOneAndUpdate",
    "findOneAndDelete",
    "findOneAndReplace",
    "findOneAndRemove",
    "updateOne",
    "updateMany",
    "deleteOne",
    "deleteMany",
    "insertOne",
    "insertMany",
    "replaceOne",
    "bulkWrite",
];

/// Operations that read.
const MONGO_READS: &[&str] = &["findById", "findOne", "find", "exists", "countDocuments"];

/// Operations whose first argument is a MongoDB filter (Sequelize's `update(data, { where })`
/// takes the data first).
const FILTER_FIRST: &[&str] = &[
    "deleteMany",
    "deleteOne",
    "updateMany",
    "updateOne",
    "replaceOne",
    "findOneAndUpdate",
    "findOneAndDelete",
    "findOneAndReplace",
];

/// Operations whose arguments are all new documents (no filter).
const CREATES: &[&str] = &["create", "insertOne", "insertMany"];

/// Chained calls that narrow the fields a query returns.
pub const PROJECTIONS: [&str; 2] = ["select", "projection"];

/// Whether `op` takes a MongoDB filter as its first argument.
pub fn takes_filter_first(op: &str) -> bool {
    FILTER_FIRST.contains(&op)
}

/// Whether `op` only creates documents: its arguments are data, none of them a key.
pub fn only_creates(op: &str) -> bool {
    CREATES.contains(&op)
}

/// A fix checks that the record keyed by an id exists with the caller as owner
/// (`findByIdAndUpdate(id, ..)`), or adds the owner to a filter.
pub(super) fn owner_scope(op: &str, shape: ArgShape) -> Option<OwnerScope> {
    match shape {
        ArgShape::KeyThenData => Some(OwnerScope::ExistsFirst),
        _ => takes_filter_first(op).then_some(OwnerScope::FilterObject),
    }
}

/// A collection or model operation.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    let op = step.name();
    let model = Some(step.prev().to_string());
    if MONGO_MUTATIONS.contains(&op) {
        let shape = if op.starts_with("findById") {
            ArgShape::KeyThenData
        } else {
            ArgShape::FilterThenData
        };
        return step.sink(SinkKind::Mutation, Library::MongoDb, model, shape);
    }
    if MONGO_READS.contains(&op)
        && (step.i == 0 && is_model_like(step.root) || step.i >= 1 && step.prev_is_property())
    {
        let shape = if op == "findById" {
            ArgShape::KeyThenData
        } else {
            ArgShape::FilterThenData
        };
        return step.sink(SinkKind::Read, Library::MongoDb, model, shape);
    }
    None
}
