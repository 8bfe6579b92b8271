//! The file system (`fs.writeFile(path, data)`, `fs.promises.rm(path)`, a bare `writeFile`).

use super::{Library, OwnerScope};
use crate::catalog::sinks::step::{Outcome, Step};
use crate::catalog::sinks::{ArgShape, SinkKind};

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

/// A client-chosen file name goes under the caller's own folder.
pub(super) const OWNER_SCOPE: OwnerScope = OwnerScope::ConfinePath;

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
            Library::FileSystem,
            None,
            ArgShape::KeyThenData,
        );
    }
    None
}
