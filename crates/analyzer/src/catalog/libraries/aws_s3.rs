//! The AWS SDK's object and item commands (`new PutObjectCommand({ Bucket, Key, Body })`):
//! the key names the object, the body is written.

use super::{Library, OwnerScope};
use crate::catalog::sinks::{ArgShape, SinkKind, SinkMatch};

/// A client-chosen object key goes under the caller's own prefix.
pub(super) const OWNER_SCOPE: OwnerScope = OwnerScope::KeyPrefix;

/// The input fields that name the object (the keys).
pub const KEY_FIELDS: [&str; 3] = ["Key", "Bucket", "Delete"];

/// The input field that holds what is written.
pub const DATA_FIELD: &str = "Body";

/// The command `class` constructs (`PutObjectCommand`), as a sink keyed by its input's fields.
pub fn command(class: &str) -> Option<SinkMatch> {
    let kind = match class {
        "PutObjectCommand"
        | "DeleteObjectCommand"
        | "DeleteObjectsCommand"
        | "CopyObjectCommand"
        | "CreateMultipartUploadCommand"
        | "PutItemCommand"
        | "UpdateItemCommand"
        | "DeleteItemCommand" => SinkKind::Mutation,
        "GetObjectCommand" | "GetItemCommand" => SinkKind::Read,
        _ => return None,
    };
    Some(SinkMatch {
        kind,
        library: Library::AwsS3,
        op: class.to_string(),
        model: None,
        op_index: 0,
        shape: ArgShape::KeyThenData,
    })
}
