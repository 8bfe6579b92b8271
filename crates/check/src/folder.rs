//! Which files of a folder `actiongate check` analyses, decided from a listing of the folder's
//! files alone (the browser gets exactly that from a directory picker or a dropped folder).
//!
//! The rules are the CLI's walk (`crates/cli/src/disk.rs`, the `ignore` crate): `node_modules`,
//! `.next` and `dist` are never entered; hidden entries are skipped unless a `!` line takes them
//! back; `.gitignore` and `.ignore` files apply
//! to their folder and below, a deeper file's verdict wins, and `.ignore` wins over
//! `.gitignore`; an ignored folder is not entered, so nothing under it is checked; checked files
//! are `.ts .tsx .js .jsx .mjs .cjs` but not `.d.ts`. The result is sorted by path, like the CLI.

use std::collections::{BTreeSet, HashMap};

use crate::gitignore::{IgnoreFile, Verdict};

/// Extensions checked when walking a folder.
pub const EXTENSIONS: [&str; 6] = ["ts", "tsx", "js", "jsx", "mjs", "cjs"];

/// Folder names never entered.
pub const SKIPPED_DIRS: [&str; 3] = ["node_modules", ".next", "dist"];

/// The names of ignore files, strongest first.
pub const IGNORE_FILES: [&str; 2] = [".ignore", ".gitignore"];

/// The configuration file looked for in a file's folder and above.
pub const CONFIG_FILE: &str = "actiongate.toml";

/// Whether a walked file is one actiongate checks (`.d.ts` declarations are skipped).
pub fn has_checked_extension(name: &str) -> bool {
    if name.ends_with(".d.ts") {
        return false;
    }
    match name.rfind('.') {
        Some(dot) if dot > 0 => EXTENSIONS.contains(&&name[dot + 1..]),
        _ => false,
    }
}

/// A folder's files, by path relative to the folder (forward slashes, no leading `/`).
#[derive(Debug, Clone, Default)]
pub struct Listing {
    files: BTreeSet<String>,
}

impl Listing {
    /// A listing of `paths`; backslashes become slashes, leading `./` and `/` are dropped, and
    /// empty or `..` paths are left out.
    pub fn new<S: AsRef<str>>(paths: impl IntoIterator<Item = S>) -> Listing {
        Listing {
            files: paths
                .into_iter()
                .filter_map(|p| clean(p.as_ref()))
                .collect(),
        }
    }

    /// Every file, sorted.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(String::as_str)
    }

    /// Whether a file is listed.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    /// The ignore files that can matter (outside skipped folders): read these before calling
    /// [`Listing::selection`].
    pub fn ignore_files(&self) -> Vec<&str> {
        self.files()
            .filter(|path| {
                let (dir, name) = split(path);
                IGNORE_FILES.contains(&name) && !in_skipped_folder(dir)
            })
            .collect()
    }

    /// The files to check, sorted, given the text of the ignore files (`ignore_text(path)` for
    /// each path of [`Listing::ignore_files`]; `None` when it could not be read).
    pub fn selection<'a>(&self, ignore_text: impl Fn(&str) -> Option<&'a str>) -> Vec<&str> {
        let mut parsed: HashMap<&str, IgnoreFile> = HashMap::new();
        for path in self.ignore_files() {
            if let Some(text) = ignore_text(path) {
                parsed.insert(path, IgnoreFile::parse(text));
            }
        }
        let ignores = Ignores { parsed };
        let mut entered: HashMap<&str, bool> = HashMap::new();
        entered.insert("", true);
        self.files()
            .filter(|path| {
                let (dir, name) = split(path);
                is_entered(dir, &ignores, &mut entered)
                    && has_checked_extension(name)
                    && ignores.walked(path, name, false)
            })
            .collect()
    }

    /// The nearest `actiongate.toml` above `path` (in its folder or a parent), as the CLI
    /// finds it.
    pub fn config_for(&self, path: &str) -> Option<String> {
        let (mut dir, _) = split(path);
        loop {
            let candidate = join(dir, CONFIG_FILE);
            if self.files.contains(&candidate) {
                return Some(candidate);
            }
            if dir.is_empty() {
                return None;
            }
            dir = split(dir).0;
        }
    }
}

/// The parsed ignore files of a listing, by path.
struct Ignores<'a> {
    parsed: HashMap<&'a str, IgnoreFile>,
}

impl Ignores<'_> {
    /// Whether the walk takes the entry `path` (named `name`): ignored entries are not taken,
    /// hidden ones only when a `!` line takes them back (as the `ignore` crate does).
    fn walked(&self, path: &str, name: &str, is_dir: bool) -> bool {
        match self.verdict(path, is_dir) {
            Some(verdict) => verdict == Verdict::Keep,
            None => !name.starts_with('.'),
        }
    }

    /// The verdict of the ignore files of `path`'s folders: per kind, the deepest file with a
    /// verdict decides; a `.ignore` verdict wins over a `.gitignore` one.
    fn verdict(&self, path: &str, is_dir: bool) -> Option<Verdict> {
        for kind in IGNORE_FILES {
            let mut dir = split(path).0;
            loop {
                if let Some(file) = self.parsed.get(join(dir, kind).as_str()) {
                    let relative = path[dir.len()..].trim_start_matches('/');
                    if let Some(verdict) = file.verdict(relative, is_dir) {
                        return Some(verdict);
                    }
                }
                if dir.is_empty() {
                    break;
                }
                dir = split(dir).0;
            }
        }
        None
    }
}

/// Whether the walk enters folder `dir` (and every folder above it), memoised.
fn is_entered<'a>(dir: &'a str, ignores: &Ignores, memo: &mut HashMap<&'a str, bool>) -> bool {
    if let Some(known) = memo.get(dir) {
        return *known;
    }
    let (parent, name) = split(dir);
    let entered = is_entered(parent, ignores, memo)
        && !SKIPPED_DIRS.contains(&name)
        && ignores.walked(dir, name, true);
    memo.insert(dir, entered);
    entered
}

/// Whether a folder lies in or under a skipped folder.
fn in_skipped_folder(dir: &str) -> bool {
    dir.split('/').any(|part| SKIPPED_DIRS.contains(&part))
}

/// `a/b/c.ts` → (`a/b`, `c.ts`); `c.ts` → (``, `c.ts`).
fn split(path: &str) -> (&str, &str) {
    match path.rfind('/') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => ("", path),
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

fn clean(path: &str) -> Option<String> {
    let path = path.replace('\\', "/");
    let parts: Vec<&str> = path
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    if parts.is_empty() || parts.contains(&"..") {
        return None;
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn select(paths: &[&str], ignores: &[(&str, &str)]) -> Vec<String> {
        let listing = Listing::new(paths.iter().copied());
        let texts: HashMap<&str, &str> = ignores.iter().copied().collect();
        listing
            .selection(|p| texts.get(p).copied())
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn skipped_hidden_and_declaration_files_are_left_out() {
        let got = select(
            &[
                "app/actions.ts",
                "node_modules/x/index.js",
                ".next/server/a.js",
                "dist/a.js",
                ".hidden/a.ts",
                "app/.secret.ts",
                "types/x.d.ts",
                "README.md",
                "lib/db.mjs",
            ],
            &[],
        );
        assert_eq!(got, ["app/actions.ts", "lib/db.mjs"]);
    }

    #[test]
    fn ignore_files_apply_below_their_folder_and_deeper_wins() {
        let paths = [
            ".gitignore",
            "gen/a.ts",
            "app/x.ts",
            "app/.gitignore",
            "app/keep.gen.ts",
            "app/drop.gen.ts",
            "other/drop.gen.ts",
        ];
        let got = select(
            &paths,
            &[
                (".gitignore", "gen/\n*.gen.ts\n"),
                ("app/.gitignore", "!keep.gen.ts\n"),
            ],
        );
        assert_eq!(got, ["app/keep.gen.ts", "app/x.ts"]);
    }

    #[test]
    fn dot_ignore_wins_over_gitignore_and_ignored_folders_are_not_entered() {
        let got = select(
            &[".gitignore", ".ignore", "a.ts", "b.ts", "out/c.ts"],
            &[
                (".gitignore", "a.ts\nb.ts\nout\n"),
                (".ignore", "!a.ts\n!out/c.ts\n"),
            ],
        );
        assert_eq!(got, ["a.ts"]);
    }

    #[test]
    fn paths_are_cleaned_and_configs_found() {
        let listing = Listing::new(["./app\\a.ts", "/actiongate.toml", "../x.ts", ""]);
        assert_eq!(
            listing.files().collect::<Vec<_>>(),
            ["actiongate.toml", "app/a.ts"]
        );
        assert_eq!(
            listing.config_for("app/a.ts").as_deref(),
            Some("actiongate.toml")
        );
        assert_eq!(Listing::new(["a.ts"]).config_for("a.ts"), None);
    }

    #[test]
    fn only_script_files_are_checked() {
        assert!(has_checked_extension("b.tsx"));
        assert!(has_checked_extension("b.cjs"));
        assert!(!has_checked_extension("b.d.ts"));
        assert!(!has_checked_extension(".ts"));
        assert!(!has_checked_extension("Makefile"));
    }
}
