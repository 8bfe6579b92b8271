//! Turns the command line's paths into the list of inputs to check.
//!
//! Directories are walked recursively with the `ignore` crate, so `.gitignore` (also outside a
//! Git repository), `.ignore` and hidden-file rules apply, and `node_modules`, `.next` and `dist`
//! are skipped. Which names count is `actiongate_check::folder`, which also decides the same from
//! a folder listing in the browser (`tests/folder_selection.rs` compares the two). Files named on the command line are always checked. The result is deduplicated
//! and sorted by the path shown to the user, so output is deterministic.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use crate::error::CliError;

use actiongate_check::folder::{has_checked_extension, SKIPPED_DIRS};

/// Where an input's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk, by absolute (canonical when possible) path.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

/// One input to check.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path shown in every output: relative to the current directory when possible, with
    /// forward slashes.
    pub display: String,
    /// Where the text comes from.
    pub origin: Origin,
}

/// The inputs found, plus what went wrong on the way without stopping the walk.
#[derive(Debug, Default)]
pub struct Collected {
    /// The inputs, sorted by [`Input::display`].
    pub inputs: Vec<Input>,
    /// Problems met while walking (unreadable directories, bad ignore files), for stderr.
    pub warnings: Vec<String>,
    /// Whether one of the warnings was an I/O error (the run then exits with status 2).
    pub io_failed: bool,
}

/// Collects the inputs named by `paths` (`-` is standard input, shown as `stdin_name`).
///
/// Fails when a path does not exist or `-` is given twice.
pub fn collect(paths: &[PathBuf], cwd: &Path, stdin_name: &str) -> Result<Collected, CliError> {
    let mut collected = Collected::default();
    let mut seen = HashSet::new();
    let mut stdin_seen = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if stdin_seen {
                return Err(CliError::StdinTwice);
            }
            stdin_seen = true;
            collected.inputs.push(Input {
                display: slashes(stdin_name),
                origin: Origin::Stdin,
            });
            continue;
        }
        let metadata = std::fs::metadata(path).map_err(|_| CliError::MissingPath(path.clone()))?;
        if metadata.is_dir() {
            walk_dir(path, cwd, &mut seen, &mut collected);
        } else {
            push_file(path, cwd, &mut seen, &mut collected);
        }
    }
    collected.inputs.sort_by(|a, b| a.display.cmp(&b.display));
    Ok(collected)
}

fn walk_dir(dir: &Path, cwd: &Path, seen: &mut HashSet<PathBuf>, collected: &mut Collected) {
    let walker = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .filter_entry(|entry| {
            !(entry.depth() > 0
                && entry.file_type().is_some_and(|t| t.is_dir())
                && entry
                    .file_name()
                    .to_str()
                    .is_some_and(|name| SKIPPED_DIRS.contains(&name)))
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file())
                    || (entry.path_is_symlink() && path.is_file());
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                if is_file && has_checked_extension(name) {
                    push_file(path, cwd, seen, collected);
                }
            }
            Err(err) => {
                let io = err.io_error().is_some();
                collected.io_failed |= io;
                let kind = if io {
                    "cannot read"
                } else {
                    "ignoring a problem in"
                };
                collected
                    .warnings
                    .push(format!("{kind} {}: {err}", display_path(dir, cwd)));
            }
        }
    }
}

fn push_file(path: &Path, cwd: &Path, seen: &mut HashSet<PathBuf>, collected: &mut Collected) {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| cwd.join(path));
    if seen.insert(absolute.clone()) {
        collected.inputs.push(Input {
            display: display_path(path, cwd),
            origin: Origin::File(absolute),
        });
    }
}

/// The path shown to the user: relative to `cwd` when it is inside it, without a leading `./`,
/// with forward slashes.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let mut relative = path;
    let canonical_cwd;
    if path.is_absolute() {
        if let Ok(inside) = path.strip_prefix(cwd) {
            relative = inside;
        } else if let Ok(c) = std::fs::canonicalize(cwd) {
            // The current directory may be reached through a symlink (/tmp → /private/tmp).
            canonical_cwd = c;
            if let Ok(inside) = path.strip_prefix(&canonical_cwd) {
                relative = inside;
            }
        }
    }
    let cleaned: PathBuf = relative
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    let text = slashes(&cleaned.to_string_lossy());
    if text.is_empty() {
        ".".to_string()
    } else {
        text
    }
}

/// Replaces backslashes with forward slashes.
fn slashes(path: &str) -> String {
    path.replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_are_relative_with_forward_slashes() {
        let cwd = Path::new("/work/proj");
        assert_eq!(display_path(Path::new("./app/a.ts"), cwd), "app/a.ts");
        assert_eq!(
            display_path(Path::new("/work/proj/app/a.ts"), cwd),
            "app/a.ts"
        );
        assert_eq!(
            display_path(Path::new("/elsewhere/a.ts"), cwd),
            "/elsewhere/a.ts"
        );
        assert_eq!(display_path(Path::new("../x/a.ts"), cwd), "../x/a.ts");
    }
}
