//! Files held in memory (the playground's tabs, a folder read in the browser).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::{normalize, Files, MAX_MODULE_SIZE};

/// The aliases a project without its own `tsconfig.json` or `jsconfig.json` gets in memory:
/// create-next-app's `@/*`, with and without a `src/` folder, and the common `~/*`.
pub const DEFAULT_TSCONFIG: &str = r#"{
  "compilerOptions": {
    "paths": { "@/*": ["./*", "./src/*"], "~/*": ["./*", "./src/*"] }
  }
}"#;

/// Files held in memory, keyed by absolute path (`app/actions.ts` is `/app/actions.ts`).
#[derive(Debug, Default, Clone)]
pub struct MemoryFiles {
    files: HashMap<PathBuf, Arc<str>>,
}

impl MemoryFiles {
    /// Files from `(path, text)` pairs; relative paths are taken from `/`.
    pub fn new<P: AsRef<str>, T: Into<Arc<str>>>(files: impl IntoIterator<Item = (P, T)>) -> Self {
        MemoryFiles {
            files: files
                .into_iter()
                .map(|(path, text)| (Self::path_of(path.as_ref()), text.into()))
                .collect(),
        }
    }

    /// The files as one project rooted at `/`: when `/` has no `tsconfig.json`,
    /// `jsconfig.json` or `package.json`, a [`DEFAULT_TSCONFIG`] is added there.
    pub fn as_project(mut self) -> Self {
        let has_marker = crate::ROOT_MARKERS
            .iter()
            .any(|marker| self.files.contains_key(&Self::path_of(marker)));
        if !has_marker {
            self.files
                .insert(Self::path_of("tsconfig.json"), Arc::from(DEFAULT_TSCONFIG));
        }
        self
    }

    /// The absolute, normalized path of `name` (`app/../lib/x.ts` → `/lib/x.ts`).
    pub fn path_of(name: &str) -> PathBuf {
        normalize(&Path::new("/").join(name.trim_start_matches('/')))
    }
}

impl Files for MemoryFiles {
    fn is_file(&self, path: &Path) -> bool {
        self.files.contains_key(&normalize(path))
    }

    fn canonicalize(&self, path: &Path) -> Option<PathBuf> {
        Some(normalize(path))
    }

    fn read_text(&self, path: &Path) -> Option<Arc<str>> {
        self.files
            .get(&normalize(path))
            .filter(|text| (text.len() as u64) < MAX_MODULE_SIZE)
            .cloned()
    }

    fn list_dirs(&self, dir: &Path) -> Vec<PathBuf> {
        let dir = normalize(dir);
        let mut dirs: Vec<PathBuf> = self
            .files
            .keys()
            .filter_map(|path| {
                let mut rest = path.strip_prefix(&dir).ok()?.components();
                let first = rest.next()?;
                // A folder: something lies below the first component.
                rest.next()?;
                let name = first.as_os_str().to_str()?;
                (!name.starts_with('.') && name != "node_modules").then(|| dir.join(name))
            })
            .collect();
        actiongate_analyzer::sort::sort_by(&mut dirs, Ord::cmp);
        dirs.dedup();
        dirs
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Resolver;
    use actiongate_analyzer::ModuleLoader;

    fn resolver(files: &[(&str, &str)]) -> Resolver<MemoryFiles> {
        Resolver::new(MemoryFiles::new(files.iter().copied()).as_project())
    }

    #[test]
    fn tabs_resolve_relative_and_default_alias_imports() {
        let r = resolver(&[
            ("app/actions.ts", ""),
            ("lib/dal.ts", "export const a = 1;"),
            ("src/server/db.ts", ""),
        ]);
        let importer = Path::new("/app/actions.ts");
        assert_eq!(
            r.resolve(importer, "../lib/dal"),
            Some("/lib/dal.ts".into())
        );
        assert_eq!(r.resolve(importer, "@/lib/dal"), Some("/lib/dal.ts".into()));
        assert_eq!(
            r.resolve(importer, "~/lib/dal.js"),
            Some("/lib/dal.ts".into())
        );
        assert_eq!(
            r.resolve(importer, "@/server/db"),
            Some("/src/server/db.ts".into())
        );
        assert_eq!(r.resolve(importer, "@/lib/missing"), None);
        assert_eq!(r.resolve(importer, "next/cache"), None);
        let loaded = r.load("/app/actions.ts", "@/lib/dal").unwrap();
        assert_eq!(loaded.path, "/lib/dal.ts");
        assert_eq!(&*loaded.source, "export const a = 1;");
    }

    #[test]
    fn a_tsconfig_tab_replaces_the_default_aliases() {
        let r = resolver(&[
            (
                "tsconfig.json",
                r##"{ "compilerOptions": { "paths": { "#lib/*": ["./lib/*"] } } }"##,
            ),
            ("app/actions.ts", ""),
            ("lib/dal.ts", ""),
        ]);
        let importer = Path::new("/app/actions.ts");
        assert_eq!(r.resolve(importer, "#lib/dal"), Some("/lib/dal.ts".into()));
        assert_eq!(r.resolve(importer, "@/lib/dal"), None);
    }

    #[test]
    fn paths_cannot_climb_out_of_the_root_or_into_node_modules() {
        let r = resolver(&[("app/actions.ts", ""), ("node_modules/pkg/index.ts", "")]);
        let importer = Path::new("/app/actions.ts");
        assert_eq!(r.resolve(importer, "../../../etc/passwd"), None);
        assert_eq!(r.resolve(importer, "../node_modules/pkg"), None);
        assert_eq!(MemoryFiles::path_of("../../x.ts"), PathBuf::from("/x.ts"));
    }

    #[cfg(feature = "workspaces")]
    #[test]
    fn workspace_packages_resolve_in_memory_too() {
        let resolver = Resolver::new(MemoryFiles::new([
            (
                "pnpm-workspace.yaml",
                "packages:\n  - packages/*\n  - apps/*\n",
            ),
            ("apps/web/package.json", "{}"),
            (
                "apps/web/app/actions.ts",
                "import { x } from \"@acme/kit\";",
            ),
            (
                "packages/kit/package.json",
                r#"{ "name": "@acme/kit", "main": "dist/index.js" }"#,
            ),
            ("packages/kit/src/index.ts", "export const x = 1;"),
        ]));
        let loaded = resolver
            .load("/apps/web/app/actions.ts", "@acme/kit")
            .expect("the workspace package resolves");
        assert_eq!(loaded.path, "/packages/kit/src/index.ts");
        assert!(resolver
            .load("/apps/web/app/actions.ts", "@acme/other")
            .is_none());
    }
}
