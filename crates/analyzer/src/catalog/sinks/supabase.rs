//! Supabase: storage (`storage.from(bucket).upload(..)`), PostgREST tables
//! (`from(table).insert|update|upsert|delete|select`) and `rpc(..)`.

use super::step::{Outcome, Step};
use super::{ArgShape, SinkKind};

/// Storage operations that change a bucket.
const STORAGE_MUTATIONS: &[&str] = &[
    "upload",
    "update",
    "move",
    "remove",
    "copy",
    "uploadToSignedUrl",
];

/// Storage operations that read or hand out a bucket's files.
const STORAGE_READS: &[&str] = &[
    "createSignedUrl",
    "createSignedUrls",
    "download",
    "getPublicUrl",
];

/// A storage, table or rpc call.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    let (i, names) = (step.i, step.names);
    // Storage: storage.from(bucket).upload(..)
    if i >= 2 && names[i - 2] == "storage" && names[i - 1] == "from" {
        let bucket = step.segs[i - 1].str_arg.map(str::to_string);
        if STORAGE_MUTATIONS.contains(&step.name()) {
            return step.sink(
                SinkKind::Mutation,
                "Supabase Storage",
                bucket,
                ArgShape::KeyThenData,
            );
        }
        if STORAGE_READS.contains(&step.name()) {
            return step.sink(
                SinkKind::Read,
                "Supabase Storage",
                bucket,
                ArgShape::KeyThenData,
            );
        }
    }
    // PostgREST: from(table).insert|update|upsert|delete|select
    if i >= 1 && names[i - 1] == "from" && step.called_at(i - 1) {
        let table = step.segs[i - 1].str_arg.map(str::to_string);
        match step.name() {
            "insert" | "update" | "upsert" | "delete" => {
                return step.sink(SinkKind::Mutation, "Supabase", table, ArgShape::Builder)
            }
            "select" => return step.sink(SinkKind::Read, "Supabase", table, ArgShape::Builder),
            _ => {}
        }
    }
    if step.name() == "rpc" && i == 0 {
        let function = step.str_arg().map(str::to_string);
        return step.sink(SinkKind::Mutation, "Supabase", function, ArgShape::Generic);
    }
    None
}
