//! A project folder opened in the browser ("Open folder" or a dropped folder), checked as
//! `actiongate check .` checks it inside that folder: the same files (`actiongate_check::folder`),
//! the same import resolution (`crates/project` over the files in memory) and the same JSON and
//! SARIF (`actiongate_check::output`). One difference, said on screen: `actiongate.toml` is not
//! applied ([`FolderCheck`]).
//!
//! The browser reads the files ([`wanted`] says which), then [`FolderCheck::step`] analyses one
//! file at a time so the page can yield between files and show progress. Nothing leaves the
//! machine: the texts live in this tab's memory only.

use std::collections::HashMap;
use std::sync::Arc;

use actiongate_analyzer::Config;
use actiongate_check::folder::{Listing, IGNORE_FILES, SKIPPED_DIRS};
use actiongate_check::{FileProblem, FileResult, Run};
use actiongate_project::{MemoryFiles, Resolver, ROOT_MARKERS};

/// Script extensions the resolver may read (checked files and the modules they import).
const SCRIPT_EXTENSIONS: [&str; 6] = ["ts", "tsx", "js", "jsx", "mjs", "cjs"];

/// Most files read from one folder: beyond this the page would hold too much text.
pub const MAX_FOLDER_FILES: usize = 20_000;

/// Whether the browser should read the file at `path` (relative to the folder): files the check
/// may analyse or import, ignore files, project markers (`tsconfig.json`) and Prisma schemas. Never `node_modules`, `.next`, `dist` or `.git`.
pub fn wanted(path: &str) -> bool {
    let mut parts = path.split('/').peekable();
    let mut name = "";
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            name = part;
        } else if SKIPPED_DIRS.contains(&part) || part == ".git" {
            return false;
        }
    }
    IGNORE_FILES.contains(&name)
        || ROOT_MARKERS.contains(&name)
        || name.ends_with(".prisma")
        || name
            .rsplit_once('.')
            .is_some_and(|(stem, ext)| !stem.is_empty() && SCRIPT_EXTENSIONS.contains(&ext))
}

/// `my-app/app/actions.ts` (a picked folder's relative path) → `app/actions.ts`.
pub fn strip_folder_name(relative: &str) -> &str {
    relative.split_once('/').map_or(relative, |(_, rest)| rest)
}

/// The files of an opened folder that the browser read.
#[derive(Debug, Default, Clone)]
pub struct OpenedFolder {
    /// The folder's name (shown, and used for download names).
    pub name: String,
    /// Every file of the folder, read or not.
    pub listing: Listing,
    /// The files read: their text, or why there is none (too large, binary, not UTF-8).
    pub texts: HashMap<String, Result<Arc<str>, FileProblem>>,
}

impl OpenedFolder {
    /// The texts that read as source, for the resolver and for the editor's context.
    pub fn sources(&self) -> impl Iterator<Item = (&str, &Arc<str>)> {
        self.texts
            .iter()
            .filter_map(|(path, text)| text.as_ref().ok().map(|t| (path.as_str(), t)))
    }

    fn text(&self, path: &str) -> Option<&str> {
        self.texts.get(path)?.as_ref().ok().map(|t| &**t)
    }
}

/// A check of an opened folder in progress, one file per [`FolderCheck::step`].
///
/// `actiongate.toml` files are not read in the browser: a TOML parser would add about 110 KiB
/// to the wasm every reader of an embedding post downloads (measured with
/// `web/tools/wasm-breakdown.py`), for a file few pasted projects have. The report names each
/// one it did not apply, so a configured project is never silently checked differently.
pub struct FolderCheck {
    queue: Vec<String>,
    next: usize,
    texts: HashMap<String, Result<Arc<str>, FileProblem>>,
    resolver: Resolver<MemoryFiles>,
    run: Run,
    /// The `actiongate.toml` files that apply to checked files and were not read.
    pub unread_configs: Vec<String>,
}

impl FolderCheck {
    /// Plans the check of `folder`.
    pub fn new(folder: OpenedFolder) -> FolderCheck {
        let queue: Vec<String> = folder
            .listing
            .selection(|path| folder.text(path))
            .into_iter()
            .map(str::to_string)
            .collect();
        let mut unread_configs: Vec<String> = queue
            .iter()
            .filter_map(|path| folder.listing.config_for(path))
            .collect();
        actiongate_analyzer::sort::sort_by(&mut unread_configs, Ord::cmp);
        unread_configs.dedup();
        let resolver = Resolver::new(MemoryFiles::new(
            folder.sources().map(|(path, text)| (path, text.clone())),
        ));
        FolderCheck {
            queue,
            next: 0,
            texts: folder.texts,
            resolver,
            run: Run::new(),
            unread_configs,
        }
    }

    /// How many files are checked so far, and how many there are.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.queue.len())
    }

    /// Analyses the next file; `false` when every file is done.
    pub fn step(&mut self) -> bool {
        let Some(path) = self.queue.get(self.next) else {
            return false;
        };
        self.next += 1;
        let analysis_path = MemoryFiles::path_of(path);
        let text = match self.texts.get(path) {
            Some(Ok(text)) => Ok(text.to_string()),
            Some(Err(problem)) => Err(problem.clone()),
            None => Err(FileProblem {
                message: "cannot read file: the browser did not give its contents".into(),
                fatal: true,
            }),
        };
        let config = Arc::new(Config::default());
        let loader = self.resolver.loader_for(&analysis_path);
        let result = FileResult::new(path.clone(), None, analysis_path, text, config, loader);
        self.run.push(result);
        true
    }

    /// The finished run (files in the CLI's order).
    pub fn finish(mut self) -> Run {
        while self.step() {}
        self.run
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actiongate_check::Format;

    fn folder(files: &[(&str, &str)]) -> OpenedFolder {
        OpenedFolder {
            name: "demo".into(),
            listing: Listing::new(files.iter().map(|(p, _)| *p)),
            texts: files
                .iter()
                .filter(|(p, _)| wanted(p))
                .map(|(p, t)| (p.to_string(), Ok(Arc::from(*t))))
                .collect(),
        }
    }

    #[test]
    fn only_useful_files_are_read() {
        assert!(wanted("app/actions.ts"));
        assert!(wanted("tsconfig.json"));
        assert!(wanted("prisma/schema.prisma"));
        assert!(wanted("app/.gitignore"));
        // Configurations are named in the report, not read (see FolderCheck).
        assert!(!wanted("lib/actiongate.toml"));
        assert!(!wanted("node_modules/x/index.js"));
        assert!(!wanted("a/dist/x.js"));
        assert!(!wanted(".git/config"));
        assert!(!wanted("public/logo.png"));
        assert!(!wanted(".ts"));
        assert_eq!(strip_folder_name("my-app/app/a.ts"), "app/a.ts");
    }

    #[test]
    fn imports_resolve_between_the_folder_files() {
        let helper_checks_nothing = "export async function removeNote(id: string) { await db.note.delete({ where: { id } }); }\n";
        let action = "\"use server\";\nimport { removeNote } from \"@/lib/notes\";\nexport async function deleteNote(id: string) { await removeNote(id); }\n";
        let files = [
            (
                "tsconfig.json",
                r#"{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }"#,
            ),
            ("app/actions.ts", action),
            ("lib/notes.ts", helper_checks_nothing),
            (".gitignore", "generated/\n"),
            ("generated/actions.ts", action),
        ];
        let run = FolderCheck::new(folder(&files)).finish();
        let shown: Vec<&str> = run.results.iter().map(|r| r.display.as_str()).collect();
        assert_eq!(shown, ["app/actions.ts", "lib/notes.ts"]);
        let report = run.results[0].report.as_ref().unwrap();
        assert!(report.assumptions.is_empty());
        assert_eq!(report.findings[0].rule, "missing-authn");
        assert!(run
            .render(Format::Json, false)
            .contains("\"app/actions.ts\""));
    }

    #[test]
    fn configs_that_apply_are_named_as_not_read() {
        let files = [
            ("actiongate.toml", "disable = [\"missing-authn\"]"),
            ("app/actiongate.toml", "disable = ["),
            ("app/a.ts", "export {}"),
            ("b.ts", "export {}"),
        ];
        let check = FolderCheck::new(folder(&files));
        assert_eq!(
            check.unread_configs,
            ["actiongate.toml", "app/actiongate.toml"]
        );
    }

    #[test]
    fn unreadable_files_are_problems_not_crashes() {
        let mut opened = folder(&[("a.ts", "export {}")]);
        opened.texts.insert(
            "a.ts".into(),
            Err(FileProblem {
                message: "not a text file (it contains NUL bytes), skipped".into(),
                fatal: false,
            }),
        );
        let mut check = FolderCheck::new(opened);
        assert_eq!(check.progress(), (0, 1));
        assert!(check.step());
        assert!(!check.step());
        let run = check.finish();
        assert_eq!(run.results[0].problems.len(), 1);
    }
}
