//! The browser decides which files of an opened folder to check from a listing alone
//! (`actiongate_check::folder`, with its own `.gitignore` matcher); the CLI walks the disk with
//! the `ignore` crate; the npm package walks through its host's `read_dir`
//! (`actiongate_check::command`'s own walk). On generated trees with generated ignore files, all
//! three must pick the same files, or the playground's folder report and `npx actiongate` would
//! differ from `actiongate check`.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use actiongate_check::command::{DirEntry, EntryKind, Host, Stream};
use actiongate_check::folder::Listing;
use assert_cmd::Command;

/// Folders a generated file may sit in (hidden and skipped ones included).
const DIRS: [&str; 10] = [
    "",
    "a",
    "a/b",
    "b",
    "gen",
    "out",
    "a/gen",
    ".hid",
    "node_modules/p",
    "b/dist",
];
/// File names, checked or not.
const NAMES: [&str; 8] = [
    "x.ts", "y.tsx", "z.d.ts", "w.js", "k.gen.ts", ".h.ts", "r.md", "q.mjs",
];
/// Ignore-file lines.
const LINES: [&str; 22] = [
    "*.gen.ts",
    "gen/",
    "/out",
    "a/x.ts",
    "!k.gen.ts",
    "**/y.tsx",
    "b/**",
    "[xy].ts",
    "?.js",
    "a/**/w.js",
    "!*.ts",
    "# comment",
    "x.ts/",
    "b",
    "!a/x.ts",
    "*.mjs",
    "/a/b/",
    "out/",
    "[!x].ts",
    "**/gen/**",
    "!/out",
    "w.js   ",
];

/// A small deterministic generator (no dependency needed for a test's dice).
struct Dice(u64);

impl Dice {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn write(root: &Path, path: &str, text: &str) {
    let full = root.join(path);
    std::fs::create_dir_all(full.parent().unwrap()).unwrap();
    std::fs::write(full, text).unwrap();
}

/// The files `actiongate check --format json .` reports, run inside `root`.
fn cli_files(root: &Path) -> Vec<String> {
    let output = Command::cargo_bin("actiongate")
        .unwrap()
        .current_dir(root)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect()
}

/// The disk through `Host`'s plain operations only, as the npm package sees it: folders are
/// walked by the command's own walk, not the `ignore` crate.
struct PlainDisk {
    cwd: PathBuf,
    stdout: Mutex<String>,
}

impl Host for PlainDisk {
    fn cwd(&self) -> io::Result<PathBuf> {
        Ok(self.cwd.clone())
    }
    fn kind(&self, path: &Path) -> io::Result<EntryKind> {
        let m = std::fs::metadata(path)?;
        Ok(if m.is_dir() {
            EntryKind::Dir
        } else if m.is_file() {
            EntryKind::File
        } else {
            EntryKind::Other
        })
    }
    fn read_dir(&self, dir: &Path) -> io::Result<Vec<DirEntry>> {
        std::fs::read_dir(dir)?
            .map(|entry| {
                let entry = entry?;
                let t = entry.file_type()?;
                let kind = if t.is_dir() {
                    EntryKind::Dir
                } else if t.is_file() {
                    EntryKind::File
                } else {
                    EntryKind::Other
                };
                Ok(DirEntry {
                    name: entry.file_name().to_string_lossy().into_owned(),
                    kind,
                })
            })
            .collect()
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
    fn write(&self, _path: &Path, _text: &str) -> io::Result<()> {
        Err(io::Error::other("read-only in this test"))
    }
    fn read_stdin(&self, _limit: u64) -> io::Result<Vec<u8>> {
        Ok(Vec::new())
    }
    fn print(&self, stream: Stream, text: &str) -> io::Result<()> {
        if stream == Stream::Stdout {
            self.stdout.lock().unwrap().push_str(text);
        }
        Ok(())
    }
    fn is_terminal(&self, _stream: Stream) -> bool {
        false
    }
    fn env_var(&self, _name: &str) -> Option<String> {
        None
    }
}

/// The files the command's own walk (the npm package's) reports inside `root`.
fn host_walk_files(root: &Path) -> Vec<String> {
    let host = PlainDisk {
        cwd: root.canonicalize().unwrap(),
        stdout: Mutex::new(String::new()),
    };
    actiongate_check::command::main(["actiongate", "check", "--format", "json", "."], &host);
    let json: serde_json::Value = serde_json::from_str(&host.stdout.lock().unwrap()).unwrap();
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_browser_and_npm_pick_the_files_the_cli_picks() {
    for seed in 0..300u64 {
        let mut dice = Dice(seed * 7919 + 1);
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let mut texts: HashMap<String, String> = HashMap::new();
        for _ in 0..14 {
            let folder = DIRS[dice.next(DIRS.len())];
            let name = NAMES[dice.next(NAMES.len())];
            let path = if folder.is_empty() {
                name.to_string()
            } else {
                format!("{folder}/{name}")
            };
            texts.insert(path, "export const x = 1;\n".to_string());
        }
        for _ in 0..1 + dice.next(3) {
            let folder = ["", "a", "b", "a/b"][dice.next(4)];
            let kind = [".gitignore", ".gitignore", ".ignore"][dice.next(3)];
            let path = if folder.is_empty() {
                kind.to_string()
            } else {
                format!("{folder}/{kind}")
            };
            let lines: Vec<&str> = (0..1 + dice.next(4))
                .map(|_| LINES[dice.next(LINES.len())])
                .collect();
            texts.insert(path, lines.join("\n") + "\n");
        }
        for (path, text) in &texts {
            write(root, path, text);
        }
        let listing = Listing::new(texts.keys());
        let browser: Vec<String> = listing
            .selection(|p| texts.get(p).map(String::as_str))
            .into_iter()
            .map(str::to_string)
            .collect();
        let mut ignore_files: Vec<_> = texts
            .iter()
            .filter(|(p, _)| p.ends_with("ignore"))
            .collect();
        ignore_files.sort();
        let cli = cli_files(root);
        assert_eq!(cli, browser, "seed {seed}: ignore files {ignore_files:#?}");
        assert_eq!(
            host_walk_files(root),
            cli,
            "seed {seed} (the command's own walk): ignore files {ignore_files:#?}"
        );
    }
}
