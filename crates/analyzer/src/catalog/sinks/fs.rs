//! The file system (`fs.writeFile(path, data)`, `fs.promises.rm(path)`, a bare `writeFile`).

use super::step::{Outcome, Step};
use super::{ArgShape, SinkKind};

/// Calls that write, move or remove files.
const FS_MUTATIONS: &[&str] = &[
    "writeFile",
    "writeFileSync",
    "appendFile",
    "appendFileSync",
    "unlink",
    "unlinkSync",
    "rm",
    "rmSync",
    "rmdir",
    "rename",
    "renameSync",
    "copyFile",
    "mkdir",
    "createWriteStream",
];

/// A file-system write.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    let on_fs = step.i == 0 && matches!(step.root, "fs" | "fsp" | "promises" | "")
        || step.i >= 1
            && step.names[..step.i]
                .iter()
                .all(|n| matches!(*n, "promises"));
    if FS_MUTATIONS.contains(&step.name()) && on_fs {
        return step.sink(
            SinkKind::Mutation,
            "file system",
            None,
            ArgShape::KeyThenData,
        );
    }
    None
}
