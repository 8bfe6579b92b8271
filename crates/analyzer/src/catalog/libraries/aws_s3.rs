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
    sink(class, class)
}

/// The same operations as methods of the aggregated client (`new S3(..)`, and the S3-compatible
/// stores that reuse it): `s3.putObject({ Bucket, Key, Body })`.
pub fn client_method(method: &str) -> Option<SinkMatch> {
    let class = match method {
        "putObject" => "PutObjectCommand",
        "deleteObject" => "DeleteObjectCommand",
        "deleteObjects" => "DeleteObjectsCommand",
        "copyObject" => "CopyObjectCommand",
        "createMultipartUpload" => "CreateMultipartUploadCommand",
        "getObject" => "GetObjectCommand",
        _ => return None,
    };
    sink(class, method)
}

fn sink(class: &str, op: &str) -> Option<SinkMatch> {
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
        op: op.to_string(),
        model: None,
        op_index: 0,
        shape: ArgShape::KeyThenData,
    })
}
