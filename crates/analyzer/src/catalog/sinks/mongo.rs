//! MongoDB and Mongoose: `Model.updateOne(filter, update)`, `findByIdAndDelete(id)`,
//! `db.collection("c").insertOne(..)`.

use super::step::{Outcome, Step};
use super::{is_model_like, ArgShape, SinkKind};

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
        return step.sink(SinkKind::Mutation, "MongoDB", model, shape);
    }
    if MONGO_READS.contains(&op)
        && (step.i == 0 && is_model_like(step.root) || step.i >= 1 && step.prev_is_property())
    {
        let shape = if op == "findById" {
            ArgShape::KeyThenData
        } else {
            ArgShape::FilterThenData
        };
        return step.sink(SinkKind::Read, "MongoDB", model, shape);
    }
    None
}
