//! Appwrite's server SDK (`node-appwrite`): a `Databases` service reads and writes documents of a
//! collection (`databases.listDocuments(db, collection, [Query.equal("userId", [id])])`,
//! `getDocument(db, collection, id)`, `createDocument(..)`, `updateDocument(..)`,
//! `deleteDocument(..)`). The document id or the queries among the arguments select what is
//! read or changed; any argument may, so every one is a key. Known by the method names, which
//! no other library uses.

use super::{Library, OwnerScope};
use crate::catalog::sinks::step::{Outcome, Step};
use crate::catalog::sinks::{ArgShape, SinkKind};

/// Methods that read documents.
const READS: &[&str] = &["listDocuments", "getDocument"];

/// Methods that write documents.
const WRITES: &[&str] = &[
    "createDocument",
    "updateDocument",
    "upsertDocument",
    "deleteDocument",
    "createDocuments",
    "deleteDocuments",
    "updateDocuments",
];

/// A fix retrieves the document the client names and compares its owner with the caller.
pub(super) const OWNER_SCOPE: OwnerScope = OwnerScope::DocumentOwner;

/// Whether `op` names one document by id as its third argument (`getDocument(db,
/// collection, id)`).
pub fn names_one_document(op: &str) -> bool {
    matches!(
        op,
        "getDocument" | "updateDocument" | "upsertDocument" | "deleteDocument"
    )
}

/// Whether a call of `path` is one of Appwrite's column conditions (`Query.equal("ownerId",
/// [id])`), a key on that column.
pub fn is_column_condition(path: &str) -> bool {
    matches!(
        path,
        "Query.equal" | "Query.notEqual" | "Query.contains" | "Query.search"
    )
}

/// A document call.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    let kind = if WRITES.contains(&step.name()) {
        SinkKind::Mutation
    } else if READS.contains(&step.name()) {
        SinkKind::Read
    } else {
        return None;
    };
    step.sink(kind, Library::Appwrite, None, ArgShape::Generic)
}
