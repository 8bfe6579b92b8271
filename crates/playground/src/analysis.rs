//! What the page analyses: the active tab, resolved against the other tabs (and an opened
//! folder's files), and the other tabs that hold actions, for the findings pane's file list.
//!
//! The same functions run on the page's main thread (small inputs) and in the analysis worker
//! (big ones, `crate::worker`), so both give the same report. An analysis comes in two stages
//! (SPEC §4): [`Stage::First`] stops before the fixes settle — the final findings, each with its
//! first-round fix — and [`Stage::Settled`] is the whole analysis, whose `fixed_source` the
//! fixed pane shows.

use std::sync::Arc;

use actiongate_analyzer::{analyze, analyze_first_round, analyze_with_loader, Options, Report};
use actiongate_permalink::ProjectFile;
use actiongate_project::{MemoryFiles, Resolver};

use crate::view::OtherFile;

/// How far an analysis goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The final findings with their first-round fixes, before the fixes settle.
    First,
    /// The whole analysis: the fixes settled.
    Settled,
}

/// The files one analysis looks at.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    /// Every tab, the active one with its current text.
    pub files: &'a [ProjectFile],
    /// Index of the active tab in `files`.
    pub active: usize,
    /// An opened folder's readable files (path, text): the tabs are edits on top of them.
    pub folder: Option<&'a [(String, Arc<str>)]>,
}

impl Job<'_> {
    /// Whether imports are resolved between files (several tabs, or an opened folder).
    fn is_project(&self) -> bool {
        self.files.len() > 1 || self.folder.is_some()
    }

    /// The resolver of the job's project: an opened folder's files with the tabs on top, or
    /// the tabs alone as one project (create-next-app's aliases when no tsconfig tab says
    /// otherwise).
    fn resolver(&self) -> Resolver<MemoryFiles> {
        let tabs = self
            .files
            .iter()
            .map(|f| (f.name.as_str(), Arc::<str>::from(f.code.as_str())));
        Resolver::new(match self.folder {
            Some(folder) => MemoryFiles::new(
                folder
                    .iter()
                    .map(|(p, t)| (p.as_str(), t.clone()))
                    .chain(tabs),
            ),
            None => MemoryFiles::new(tabs).as_project(),
        })
    }

    /// The active tab's report at `stage`, and (with `others`) the other tabs that hold
    /// actions with their findings. An active index out of range analyses nothing.
    pub fn run(&self, stage: Stage, others: bool) -> (Report, Vec<OtherFile>) {
        let Some(active) = self.files.get(self.active) else {
            return (analyze("", &Options::new("actions.ts")), Vec::new());
        };
        if !self.is_project() {
            let options = Options::new(active.name.clone());
            let report = match stage {
                Stage::First => analyze_first_round(&active.code, &options, None),
                Stage::Settled => analyze(&active.code, &options),
            };
            return (report, Vec::new());
        }
        let project = self.resolver();
        let run = |file: &ProjectFile, stage: Stage| {
            let path = MemoryFiles::path_of(&file.name);
            let options = Options::new(path.to_string_lossy().into_owned());
            match (stage, project.loader_for(&path)) {
                (Stage::First, loader) => analyze_first_round(&file.code, &options, loader),
                (Stage::Settled, Some(loader)) => analyze_with_loader(&file.code, &options, loader),
                (Stage::Settled, None) => analyze(&file.code, &options),
            }
        };
        let mut listed = Vec::new();
        if others {
            for (index, file) in self.files.iter().enumerate() {
                // Only files that can hold actions (a cheap test before an analysis); the list
                // needs their findings only, which the first round already has.
                if index != self.active && file.code.contains("use server") {
                    listed.extend(OtherFile::of(index, &file.name, &run(file, Stage::First)));
                }
            }
        }
        (run(active, stage), listed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, code: &str) -> ProjectFile {
        ProjectFile {
            name: name.to_owned(),
            code: code.to_owned(),
        }
    }

    const ACTION: &str = "\"use server\";\nimport { db } from \"@/lib/db\";\nexport async function deletePost(id: string) {\n  await db.post.delete({ where: { id } });\n}\n";

    #[test]
    fn first_round_has_the_settled_findings() {
        let files = [file("app/actions.ts", ACTION)];
        let job = Job {
            files: &files,
            active: 0,
            folder: None,
        };
        let (first, _) = job.run(Stage::First, true);
        let (settled, _) = job.run(Stage::Settled, true);
        assert!(!settled.findings.is_empty());
        let rules = |r: &Report| {
            r.findings
                .iter()
                .map(|f| (f.rule, f.span))
                .collect::<Vec<_>>()
        };
        assert_eq!(rules(&first), rules(&settled));
        assert_eq!(settled, analyze(ACTION, &Options::new("app/actions.ts")));
    }

    #[test]
    fn other_tabs_with_actions_are_listed() {
        let files = [
            file("app/actions.ts", ACTION),
            file("app/more.ts", ACTION),
            file("lib/plain.ts", "export const x = 1;\n"),
        ];
        let job = Job {
            files: &files,
            active: 0,
            folder: None,
        };
        let (report, others) = job.run(Stage::Settled, true);
        assert!(!report.findings.is_empty());
        assert_eq!(others.len(), 1);
        assert_eq!(others[0].index, 1);
        assert!(others[0].high);
        let (_, none) = job.run(Stage::Settled, false);
        assert!(none.is_empty());
    }

    #[test]
    fn imports_resolve_against_an_opened_folder() {
        // The helper checks the caller: with the folder's file, the action is not flagged.
        let helper = "import { auth } from \"@/auth\";\nexport async function requireUser() {\n  const session = await auth();\n  if (!session?.user) throw new Error(\"unauthorized\");\n  return session.user;\n}\n";
        let action = "\"use server\";\nimport { requireUser } from \"@/lib/guard\";\nimport { db } from \"@/lib/db\";\nexport async function deleteAll() {\n  await requireUser();\n  await db.post.deleteMany({});\n}\n";
        let folder: Vec<(String, Arc<str>)> = vec![
            ("lib/guard.ts".to_owned(), Arc::from(helper)),
            (
                "tsconfig.json".to_owned(),
                Arc::from("{\"compilerOptions\":{\"paths\":{\"@/*\":[\"./*\"]}}}"),
            ),
        ];
        let files = [file("app/actions.ts", action)];
        let with_folder = Job {
            files: &files,
            active: 0,
            folder: Some(&folder),
        };
        let alone = Job {
            files: &files,
            active: 0,
            folder: None,
        };
        let seen = with_folder.run(Stage::Settled, true).0;
        let assumed = alone.run(Stage::Settled, true).0;
        assert!(seen.assumptions.is_empty(), "{:?}", seen.assumptions);
        assert!(!assumed.assumptions.is_empty());
    }

    #[test]
    fn an_active_index_out_of_range_analyses_nothing() {
        let files = [file("app/actions.ts", ACTION)];
        let job = Job {
            files: &files,
            active: 3,
            folder: None,
        };
        let (report, others) = job.run(Stage::First, true);
        assert!(report.findings.is_empty() && others.is_empty());
    }
}
