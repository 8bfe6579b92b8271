//! What the command needs from the machine it runs on: files, folders, standard streams, the
//! environment. The Rust CLI gives it the disk (`crates/cli/src/disk.rs`); the npm package gives
//! it Node's file system through WebAssembly (`crates/wasm-api/src/node_host.rs`).
//!
//! Paths are absolute or relative to [`Host::cwd`], as the user typed them. Errors are
//! `std::io::Error`s whose message is what the user reads (`Permission denied (os error 13)`).

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use actiongate_project::{Files, MAX_MODULE_SIZE};

use crate::FileResult;

/// What a path is, links followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A regular file.
    File,
    /// A folder.
    Dir,
    /// Anything else (a device, a socket, a dangling link).
    Other,
}

/// One entry of a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirEntry {
    /// The entry's name.
    pub name: String,
    /// What it is. A link to a folder is [`EntryKind::Other`] (folders are not entered through
    /// links, as the `ignore` crate does); a link to a file is [`EntryKind::File`].
    pub kind: EntryKind,
}

/// The files found under a folder by a host that walks folders itself.
#[derive(Debug, Default)]
pub struct Walked {
    /// The checked files, as paths under the walked folder (the folder joined with the rest).
    pub files: Vec<PathBuf>,
    /// Problems met on the way, for stderr.
    pub warnings: Vec<String>,
    /// Whether one of them was an I/O error.
    pub io_failed: bool,
}

/// The standard streams the command writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output: the report.
    Stdout,
    /// Standard error: warnings, notes and errors.
    Stderr,
}

/// The machine a command runs on.
pub trait Host: Sync {
    /// The current folder (absolute).
    fn cwd(&self) -> io::Result<PathBuf>;
    /// What `path` is, links followed.
    fn kind(&self, path: &Path) -> io::Result<EntryKind>;
    /// The entries of a folder.
    fn read_dir(&self, dir: &Path) -> io::Result<Vec<DirEntry>>;
    /// The size of a file in bytes.
    fn file_size(&self, path: &Path) -> io::Result<u64>;
    /// A file's bytes.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// The path with links resolved.
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf>;
    /// Replaces a file's contents.
    fn write(&self, path: &Path, text: &str) -> io::Result<()>;
    /// Standard input, at most `limit` bytes (reading stops there).
    fn read_stdin(&self, limit: u64) -> io::Result<Vec<u8>>;
    /// Writes to a standard stream.
    fn print(&self, stream: Stream, text: &str) -> io::Result<()>;
    /// Whether a standard stream is a terminal (colours, clap's styled errors).
    fn is_terminal(&self, stream: Stream) -> bool;
    /// An environment variable (`NO_COLOR`).
    fn env_var(&self, name: &str) -> Option<String>;

    /// The checked files under `dir`, when this host walks folders itself (the CLI, with the
    /// `ignore` crate); `None` walks through [`Host::read_dir`] with `crate::command::walk`.
    fn walk(&self, dir: &Path) -> Option<Walked> {
        let _unused = dir;
        None
    }

    /// Runs `count` analyses, `analyse(i)` for each `i`, in parallel where the host can (with
    /// `jobs` workers when given); results in order. By default one after the other.
    fn analyse_all(
        &self,
        jobs: Option<u16>,
        count: usize,
        analyse: &(dyn Fn(usize) -> FileResult + Sync),
    ) -> io::Result<Vec<FileResult>> {
        let _sequential = jobs;
        Ok((0..count).map(analyse).collect())
    }

    /// Told before a file is analysed (`Some`) and when the analyses are over (`None`), so a
    /// host that cannot catch a crash can name the file (the npm package, whose WebAssembly
    /// traps on a panic).
    fn analysing(&self, path: Option<&Path>) {
        let _unused = path;
    }

    /// Analysis paths that crashed the engine in an earlier attempt of this run, with the panic
    /// message: they are reported as internal errors without being analysed again.
    fn known_crashes(&self) -> Vec<(PathBuf, String)> {
        Vec::new()
    }
}

/// A [`Host`]'s files as a project's [`Files`], for import resolution.
#[derive(Clone, Copy)]
pub struct HostFiles<'h> {
    /// The host the files are read from.
    pub host: &'h dyn Host,
}

impl Files for HostFiles<'_> {
    fn is_file(&self, path: &Path) -> bool {
        matches!(self.host.kind(path), Ok(EntryKind::File))
    }

    fn canonicalize(&self, path: &Path) -> Option<PathBuf> {
        self.host.canonicalize(path).ok()
    }

    fn read_text(&self, path: &Path) -> Option<Arc<str>> {
        if self.host.file_size(path).ok()? >= MAX_MODULE_SIZE {
            return None;
        }
        let bytes = self.host.read(path).ok()?;
        if bytes.len() as u64 >= MAX_MODULE_SIZE {
            return None;
        }
        String::from_utf8(bytes).ok().map(Arc::from)
    }

    fn list_dirs(&self, dir: &Path) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = self
            .host
            .read_dir(dir)
            .unwrap_or_default()
            .into_iter()
            .filter(|e| {
                e.kind == EntryKind::Dir && !e.name.starts_with('.') && e.name != "node_modules"
            })
            .map(|e| dir.join(e.name))
            .collect();
        actiongate_analyzer::sort::sort_by(&mut dirs, Ord::cmp);
        dirs
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    /// Files in memory with captured output, for the command's tests.
    #[derive(Default)]
    pub(crate) struct MemoryHost {
        /// Absolute path → text.
        pub files: Mutex<BTreeMap<PathBuf, String>>,
        /// Everything printed, per stream.
        pub out: Mutex<(String, String)>,
        /// Standard input.
        pub stdin: String,
        /// What [`Host::known_crashes`] answers.
        pub crashes: Vec<(PathBuf, String)>,
    }

    impl MemoryHost {
        pub(crate) fn with_files(files: &[(&str, &str)]) -> MemoryHost {
            MemoryHost {
                files: Mutex::new(
                    files
                        .iter()
                        .map(|(p, t)| (PathBuf::from(p), t.to_string()))
                        .collect(),
                ),
                ..MemoryHost::default()
            }
        }

        fn missing() -> io::Error {
            io::Error::new(
                io::ErrorKind::NotFound,
                "No such file or directory (os error 2)",
            )
        }
    }

    impl Host for MemoryHost {
        fn cwd(&self) -> io::Result<PathBuf> {
            Ok(PathBuf::from("/"))
        }
        fn kind(&self, path: &Path) -> io::Result<EntryKind> {
            let path = actiongate_project::normalize(path);
            let files = self.files.lock().unwrap();
            if files.contains_key(&path) {
                Ok(EntryKind::File)
            } else if files.keys().any(|f| f.starts_with(&path)) {
                Ok(EntryKind::Dir)
            } else {
                Err(Self::missing())
            }
        }
        fn read_dir(&self, dir: &Path) -> io::Result<Vec<DirEntry>> {
            let dir = actiongate_project::normalize(dir);
            let mut entries: BTreeMap<String, EntryKind> = BTreeMap::new();
            for file in self.files.lock().unwrap().keys() {
                if let Ok(rest) = file.strip_prefix(&dir) {
                    let mut parts = rest.components();
                    let first = parts.next().unwrap().as_os_str().to_string_lossy().into();
                    let kind = if parts.next().is_some() {
                        EntryKind::Dir
                    } else {
                        EntryKind::File
                    };
                    entries.insert(first, kind);
                }
            }
            Ok(entries
                .into_iter()
                .map(|(name, kind)| DirEntry { name, kind })
                .collect())
        }
        fn file_size(&self, path: &Path) -> io::Result<u64> {
            self.read(path).map(|b| b.len() as u64)
        }
        fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
            let path = actiongate_project::normalize(path);
            self.files
                .lock()
                .unwrap()
                .get(&path)
                .map(|t| t.clone().into_bytes())
                .ok_or_else(Self::missing)
        }
        fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
            self.kind(path)?;
            Ok(actiongate_project::normalize(path))
        }
        fn write(&self, path: &Path, text: &str) -> io::Result<()> {
            let path = actiongate_project::normalize(path);
            self.files.lock().unwrap().insert(path, text.to_string());
            Ok(())
        }
        fn read_stdin(&self, _limit: u64) -> io::Result<Vec<u8>> {
            Ok(self.stdin.clone().into_bytes())
        }
        fn print(&self, stream: Stream, text: &str) -> io::Result<()> {
            let mut out = self.out.lock().unwrap();
            match stream {
                Stream::Stdout => out.0.push_str(text),
                Stream::Stderr => out.1.push_str(text),
            }
            Ok(())
        }
        fn is_terminal(&self, _stream: Stream) -> bool {
            false
        }
        fn env_var(&self, _name: &str) -> Option<String> {
            None
        }
        fn known_crashes(&self) -> Vec<(PathBuf, String)> {
            self.crashes.clone()
        }
    }
}
