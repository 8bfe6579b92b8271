//! The machine the native CLI runs on: the disk, the standard streams, a thread pool with large
//! stacks, and the `ignore` crate's walk of folders.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use actiongate_check::command::{DirEntry, EntryKind, Host, Stream, Walked};
use actiongate_check::folder::{has_checked_extension, SKIPPED_DIRS};
use actiongate_check::FileResult;

/// Stack size of the analysis threads: deep but legal code must never overflow.
const STACK_SIZE: usize = 64 * 1024 * 1024;

/// The local machine.
pub struct DiskHost;

impl Host for DiskHost {
    fn cwd(&self) -> io::Result<PathBuf> {
        std::env::current_dir()
    }

    fn kind(&self, path: &Path) -> io::Result<EntryKind> {
        let metadata = std::fs::metadata(path)?;
        Ok(if metadata.is_file() {
            EntryKind::File
        } else if metadata.is_dir() {
            EntryKind::Dir
        } else {
            EntryKind::Other
        })
    }

    fn read_dir(&self, dir: &Path) -> io::Result<Vec<DirEntry>> {
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let file_type = entry.file_type()?;
            let kind = if file_type.is_dir() {
                EntryKind::Dir
            } else if file_type.is_file() || (file_type.is_symlink() && entry.path().is_file()) {
                EntryKind::File
            } else {
                EntryKind::Other
            };
            entries.push(DirEntry {
                name: entry.file_name().to_string_lossy().into_owned(),
                kind,
            });
        }
        Ok(entries)
    }

    fn file_size(&self, path: &Path) -> io::Result<u64> {
        Ok(std::fs::metadata(path)?.len())
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        std::fs::canonicalize(path)
    }

    fn write(&self, path: &Path, text: &str) -> io::Result<()> {
        std::fs::write(path, text)
    }

    fn read_stdin(&self, limit: u64) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        io::stdin().lock().take(limit).read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    fn print(&self, stream: Stream, text: &str) -> io::Result<()> {
        match stream {
            Stream::Stdout => {
                let mut out = io::stdout().lock();
                out.write_all(text.as_bytes()).and_then(|()| out.flush())
            }
            Stream::Stderr => io::stderr().lock().write_all(text.as_bytes()),
        }
    }

    fn is_terminal(&self, stream: Stream) -> bool {
        match stream {
            Stream::Stdout => io::stdout().is_terminal(),
            Stream::Stderr => io::stderr().is_terminal(),
        }
    }

    fn env_var(&self, name: &str) -> Option<String> {
        std::env::var_os(name).map(|v| v.to_string_lossy().into_owned())
    }

    fn walk(&self, dir: &Path) -> Option<Walked> {
        Some(walk_with_ignore(dir))
    }

    fn analyse_all(
        &self,
        jobs: Option<u16>,
        count: usize,
        analyse: &(dyn Fn(usize) -> FileResult + Sync),
    ) -> io::Result<Vec<FileResult>> {
        use rayon::prelude::*;
        let mut builder = rayon::ThreadPoolBuilder::new()
            .stack_size(STACK_SIZE)
            .thread_name(|i| format!("actiongate-{i}"));
        if let Some(jobs) = jobs {
            builder = builder.num_threads(usize::from(jobs));
        }
        let pool = builder.build().map_err(io::Error::other)?;
        Ok(pool.install(|| (0..count).into_par_iter().map(analyse).collect()))
    }
}

/// Walks a folder with the `ignore` crate: `.gitignore` (also outside a Git repository),
/// `.ignore` and hidden-file rules apply, and `node_modules`, `.next` and `dist` are skipped.
fn walk_with_ignore(dir: &Path) -> Walked {
    let mut walked = Walked::default();
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
                    walked.files.push(path.to_path_buf());
                }
            }
            Err(err) => {
                let io = err.io_error().is_some();
                walked.io_failed |= io;
                let kind = if io {
                    "cannot read"
                } else {
                    "ignoring a problem in"
                };
                walked
                    .warnings
                    .push(format!("{kind} {}: {err}", shown(dir)));
            }
        }
    }
    walked
}

/// The walked folder as the user named it (relative to the current directory when inside it).
fn shown(dir: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    actiongate_check::command::display_path(dir, &cwd, &DiskHost)
}
