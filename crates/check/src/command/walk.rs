//! Turns the command line's paths into the list of inputs to check.
//!
//! Folders are walked recursively: `.gitignore` and `.ignore` files apply (also outside a Git
//! repository, in the walked folders and the folders above them), hidden entries are skipped
//! unless a `!` line takes them back, and `node_modules`, `.next` and `dist` are never entered —
//! the rules of the `ignore` crate, which the Rust CLI walks with ([`Host::walk`]); other hosts
//! are walked here through [`Host::read_dir`] (`crates/cli/tests/folder_selection.rs` compares
//! both, and `actiongate_check::folder` on listings). Files named on the command line are always
//! checked. The result is deduplicated and sorted by the path shown to the user, so output is
//! deterministic.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use super::error::CommandError;
use super::host::{EntryKind, Host, Walked};
use crate::folder::{has_checked_extension, IGNORE_FILES, SKIPPED_DIRS};
use crate::gitignore::{IgnoreFile, Verdict};

/// Where an input's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file, by absolute (canonical when possible) path.
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
pub fn collect(
    paths: &[PathBuf],
    cwd: &Path,
    stdin_name: &str,
    host: &dyn Host,
) -> Result<Collected, CommandError> {
    let mut collected = Collected::default();
    let mut seen = HashSet::new();
    let mut stdin_seen = false;
    let mut ignores = IgnoreCache::default();
    for path in paths {
        if path.as_os_str() == "-" {
            if stdin_seen {
                return Err(CommandError::StdinTwice);
            }
            stdin_seen = true;
            collected.inputs.push(Input {
                display: slashes(stdin_name),
                origin: Origin::Stdin,
            });
            continue;
        }
        let absolute = cwd.join(path);
        let kind = host
            .kind(&absolute)
            .map_err(|_| CommandError::MissingPath(path.clone()))?;
        if kind == EntryKind::Dir {
            let walked = match host.walk(path) {
                Some(walked) => walked,
                None => walk_dir(path, cwd, host, &mut ignores),
            };
            collected.warnings.extend(walked.warnings);
            collected.io_failed |= walked.io_failed;
            for file in walked.files {
                push_file(&file, cwd, host, &mut seen, &mut collected);
            }
        } else {
            push_file(path, cwd, host, &mut seen, &mut collected);
        }
    }
    collected.warnings.append(&mut ignores.warnings);
    actiongate_analyzer::sort::sort_by(&mut collected.inputs, |a, b| a.display.cmp(&b.display));
    Ok(collected)
}

/// Walks `dir` through [`Host::read_dir`], depth first, entries in name order.
fn walk_dir(dir: &Path, cwd: &Path, host: &dyn Host, ignores: &mut IgnoreCache) -> Walked {
    let mut walked = Walked::default();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(shown) = stack.pop() {
        let absolute = cwd.join(&shown);
        let mut entries = match host.read_dir(&absolute) {
            Ok(entries) => entries,
            Err(err) => {
                walked.io_failed = true;
                walked.warnings.push(format!(
                    "cannot read {}: IO error for operation on {}: {err}",
                    display_path(dir, cwd, host),
                    shown.display()
                ));
                continue;
            }
        };
        actiongate_analyzer::sort::sort_by(&mut entries, |a, b| a.name.cmp(&b.name));
        let mut folders = Vec::new();
        for entry in entries {
            let is_dir = entry.kind == EntryKind::Dir;
            if is_dir && SKIPPED_DIRS.contains(&entry.name.as_str()) {
                continue;
            }
            let child = absolute.join(&entry.name);
            let taken = match ignores.verdict(&child, is_dir, host) {
                Some(verdict) => verdict == Verdict::Keep,
                None => !entry.name.starts_with('.'),
            };
            if !taken {
                continue;
            }
            if is_dir {
                folders.push(shown.join(&entry.name));
            } else if entry.kind == EntryKind::File && has_checked_extension(&entry.name) {
                walked.files.push(shown.join(&entry.name));
            }
        }
        stack.extend(folders.into_iter().rev());
    }
    walked
}

/// The ignore files of folders, read once each.
#[derive(Default)]
struct IgnoreCache {
    /// Folder → its `.ignore` and `.gitignore` (in [`IGNORE_FILES`] order).
    by_dir: HashMap<PathBuf, [Option<IgnoreFile>; 2]>,
    /// Problems reading ignore files.
    warnings: Vec<String>,
}

impl IgnoreCache {
    /// The verdict on an absolute path from the ignore files of its folder and every folder
    /// above it: per kind the deepest file with a verdict decides; `.ignore` wins over
    /// `.gitignore`.
    fn verdict(&mut self, path: &Path, is_dir: bool, host: &dyn Host) -> Option<Verdict> {
        let dirs: Vec<&Path> = path.ancestors().skip(1).collect();
        for dir in &dirs {
            if !self.by_dir.contains_key(*dir) {
                let files = IGNORE_FILES.map(|name| self.read(&dir.join(name), host));
                self.by_dir.insert(dir.to_path_buf(), files);
            }
        }
        (0..IGNORE_FILES.len()).find_map(|kind| {
            dirs.iter().find_map(|dir| {
                let file = self.by_dir[*dir][kind].as_ref()?;
                let relative = path.strip_prefix(dir).ok()?;
                file.verdict(&slashes(&relative.to_string_lossy()), is_dir)
            })
        })
    }

    fn read(&mut self, path: &Path, host: &dyn Host) -> Option<IgnoreFile> {
        if host.kind(path).ok()? != EntryKind::File {
            return None;
        }
        match host.read(path) {
            Ok(bytes) => Some(IgnoreFile::parse(&String::from_utf8_lossy(&bytes))),
            Err(err) => {
                self.warnings
                    .push(format!("ignoring a problem in {}: {err}", path.display()));
                None
            }
        }
    }
}

fn push_file(
    path: &Path,
    cwd: &Path,
    host: &dyn Host,
    seen: &mut HashSet<PathBuf>,
    collected: &mut Collected,
) {
    let joined = cwd.join(path);
    let absolute = host.canonicalize(&joined).unwrap_or(joined);
    if seen.insert(absolute.clone()) {
        collected.inputs.push(Input {
            display: display_path(path, cwd, host),
            origin: Origin::File(absolute),
        });
    }
}

/// The path shown to the user: relative to `cwd` when it is inside it, without a leading `./`,
/// with forward slashes.
pub fn display_path(path: &Path, cwd: &Path, host: &dyn Host) -> String {
    let mut relative = path;
    let canonical_cwd;
    // `has_root`, not `is_absolute`: in `wasm32-unknown-unknown` (the npm package) no path is
    // "absolute" by std's rule, yet Node's paths start at `/`.
    if path.has_root() {
        if let Ok(inside) = path.strip_prefix(cwd) {
            relative = inside;
        } else if let Ok(c) = host.canonicalize(cwd) {
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
    use crate::command::host::tests::MemoryHost;

    #[test]
    fn display_paths_are_relative_with_forward_slashes() {
        let host = MemoryHost::default();
        let cwd = Path::new("/work/proj");
        let shown = |p: &str| display_path(Path::new(p), cwd, &host);
        assert_eq!(shown("./app/a.ts"), "app/a.ts");
        assert_eq!(shown("/work/proj/app/a.ts"), "app/a.ts");
        assert_eq!(shown("/elsewhere/a.ts"), "/elsewhere/a.ts");
        assert_eq!(shown("../x/a.ts"), "../x/a.ts");
    }

    #[test]
    fn walks_like_the_ignore_crate() {
        let host = MemoryHost::with_files(&[
            ("/p/.gitignore", "gen/\n*.gen.ts\n!.kept.ts\n"),
            ("/.ignore", "p/app/secret.ts\n"),
            ("/p/app/a.ts", ""),
            ("/p/app/x.gen.ts", ""),
            ("/p/app/.kept.ts", ""),
            ("/p/app/.other.ts", ""),
            ("/p/app/secret.ts", ""),
            ("/p/app/types.d.ts", ""),
            ("/p/gen/g.ts", ""),
            ("/p/node_modules/m/index.ts", ""),
            ("/p/.cache/c.ts", ""),
        ]);
        let collected = collect(&["p".into()], Path::new("/"), "stdin.ts", &host).unwrap();
        let shown: Vec<&str> = collected
            .inputs
            .iter()
            .map(|i| i.display.as_str())
            .collect();
        assert_eq!(shown, ["p/app/.kept.ts", "p/app/a.ts"]);
        assert!(collected.warnings.is_empty());
    }

    #[test]
    fn missing_paths_and_stdin_twice_are_usage_errors() {
        let host = MemoryHost::default();
        let cwd = Path::new("/");
        assert!(matches!(
            collect(&["nope.ts".into()], cwd, "stdin.ts", &host),
            Err(CommandError::MissingPath(_))
        ));
        assert!(matches!(
            collect(&["-".into(), "-".into()], cwd, "stdin.ts", &host),
            Err(CommandError::StdinTwice)
        ));
    }
}
