//! Project import resolution (SPEC §1), shared by the CLI (files on disk) and the playground
//! (files held in memory), so both resolve every import the same way.
//!
//! A file belongs to a project when a folder above it holds `tsconfig.json`, `jsconfig.json` or
//! `package.json`; the nearest such folder is the project root. Within a project, imports are
//! resolved like TypeScript does for the project's own modules: relative specifiers, and
//! `compilerOptions.paths` aliases (with `baseUrl`, following relative `extends`), trying the
//! extensions `.ts .tsx .js .jsx .mjs .cjs` and `/index.*`. Nothing outside the project root or
//! inside `node_modules` is ever read, nor any file of 2 MB or more. Bare package specifiers
//! resolve to nothing, except the packages of the project's monorepo workspace
//! (`pnpm-workspace.yaml` or `workspaces` in a `package.json` above it; see [`Workspace`]), whose
//! folders count as project code (the `workspaces` feature, on by default; the playground's
//! page builds without it to stay small). Every lookup and read is cached and safe to share between threads.
//!
//! Where the files come from is a [`Files`]: [`DiskFiles`] (native builds) or [`MemoryFiles`].

pub mod jsonc;
mod memory;
#[cfg(feature = "workspaces")]
mod workspace;

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use actiongate_analyzer::manifest::Manifest;
use actiongate_analyzer::schema::DataModels;
use actiongate_analyzer::{LoadedModule, ModuleLoader};

pub use memory::MemoryFiles;
#[cfg(feature = "workspaces")]
pub use workspace::Workspace;

/// Without the `workspaces` feature (the playground), no folder is a workspace root.
#[cfg(not(feature = "workspaces"))]
#[derive(Debug)]
pub struct Workspace {
    /// The workspace root.
    pub root: PathBuf,
}

#[cfg(not(feature = "workspaces"))]
impl Workspace {
    /// Never a workspace without the feature.
    pub fn at<F: Files>(_files: &F, _dir: &Path) -> Option<Workspace> {
        None
    }

    /// No package to resolve.
    pub fn candidates(&self, _specifier: &str) -> Vec<PathBuf> {
        Vec::new()
    }
}

/// Files that mark a project root.
pub const ROOT_MARKERS: [&str; 3] = ["tsconfig.json", "jsconfig.json", "package.json"];

/// Where a project keeps its Prisma schema, relative to the project root, in the order looked at.
pub const PRISMA_SCHEMAS: [&str; 4] = [
    "prisma/schema.prisma",
    "schema.prisma",
    "src/prisma/schema.prisma",
    "prisma/schema/schema.prisma",
];

/// Extensions tried, in order, for an import without one.
const EXTENSIONS: [&str; 6] = ["ts", "tsx", "js", "jsx", "mjs", "cjs"];

/// Largest module read through an import (bytes, exclusive).
pub const MAX_MODULE_SIZE: u64 = 2 * 1024 * 1024;

/// How many `extends` links are followed in a tsconfig chain.
const MAX_EXTENDS: usize = 8;

/// Where a project's files come from: absolute paths in, text out.
pub trait Files: Sync {
    /// Whether `path` is a file.
    fn is_file(&self, path: &Path) -> bool;
    /// The path with links resolved, or `None` when it does not exist.
    fn canonicalize(&self, path: &Path) -> Option<PathBuf>;
    /// The file's text, or `None` when it is missing, [`MAX_MODULE_SIZE`] or larger, or not
    /// UTF-8.
    fn read_text(&self, path: &Path) -> Option<Arc<str>>;
    /// The folders directly inside `dir` (none inside `node_modules` or hidden ones), for
    /// finding a workspace's packages.
    fn list_dirs(&self, dir: &Path) -> Vec<PathBuf>;
}

/// The files on disk.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Default, Clone, Copy)]
pub struct DiskFiles;

#[cfg(not(target_arch = "wasm32"))]
impl Files for DiskFiles {
    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }

    fn canonicalize(&self, path: &Path) -> Option<PathBuf> {
        std::fs::canonicalize(path).ok()
    }

    fn read_text(&self, path: &Path) -> Option<Arc<str>> {
        let size = std::fs::metadata(path).ok()?.len();
        if size >= MAX_MODULE_SIZE {
            return None;
        }
        let bytes = std::fs::read(path).ok()?;
        if bytes.len() as u64 >= MAX_MODULE_SIZE {
            return None;
        }
        String::from_utf8(bytes).ok().map(Arc::from)
    }

    fn list_dirs(&self, dir: &Path) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut dirs: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter(|e| {
                let name = e.file_name();
                let name = name.to_string_lossy();
                !name.starts_with('.') && name != "node_modules"
            })
            .map(|e| e.path())
            .collect();
        actiongate_analyzer::sort::sort_by(&mut dirs, Ord::cmp);
        dirs
    }
}

/// A project: its root and its import aliases.
#[derive(Debug)]
pub struct Project {
    /// The project root (canonical).
    pub root: PathBuf,
    /// `compilerOptions.paths` and `baseUrl` from `tsconfig.json` / `jsconfig.json`.
    aliases: Aliases,
    /// The monorepo workspace the project is part of: its packages are imported by name.
    workspace: Option<Arc<Workspace>>,
}

/// The alias part of a tsconfig.
#[derive(Debug, Default, Clone)]
struct Aliases {
    /// `compilerOptions.baseUrl`, absolute.
    base_url: Option<PathBuf>,
    /// The folder `paths` targets are relative to (`baseUrl`, else the tsconfig's folder).
    paths_base: Option<PathBuf>,
    /// `compilerOptions.paths`: pattern → targets, in file order.
    paths: Vec<(String, Vec<String>)>,
}

type Cache<K, V> = Mutex<HashMap<K, V>>;

/// A [`ModuleLoader`] over a project's [`Files`], with caches shared by every analysis of a run.
#[derive(Debug, Default)]
pub struct Resolver<F> {
    files_source: F,
    /// Folder → the project it belongs to.
    projects: Cache<PathBuf, Option<Arc<Project>>>,
    /// File → its text (`None`: unreadable, too large or not UTF-8).
    files: Cache<PathBuf, Option<Arc<str>>>,
    /// Project root → the data models of its schema.
    data_models: Cache<PathBuf, Option<Arc<DataModels>>>,
    /// Each project's `package.json` dependencies, read once.
    manifests: Cache<PathBuf, Option<Arc<Manifest>>>,
    /// Folder → the workspace rooted there, if any.
    workspaces: Cache<PathBuf, Option<Arc<Workspace>>>,
}

impl<F: Files> Resolver<F> {
    /// A resolver over `files`, with empty caches.
    pub fn new(files: F) -> Self {
        Resolver {
            files_source: files,
            projects: Mutex::default(),
            files: Mutex::default(),
            data_models: Mutex::default(),
            manifests: Mutex::default(),
            workspaces: Mutex::default(),
        }
    }

    /// The project that the folder `dir` (absolute) belongs to, if any.
    pub fn project_for_dir(&self, dir: &Path) -> Option<Arc<Project>> {
        if let Some(known) = lock(&self.projects).get(dir) {
            return known.clone();
        }
        let mut visited = Vec::new();
        let mut found = None;
        for ancestor in dir.ancestors() {
            if let Some(known) = lock(&self.projects).get(ancestor) {
                found = known.clone();
                break;
            }
            visited.push(ancestor.to_path_buf());
            if ROOT_MARKERS
                .iter()
                .any(|marker| self.files_source.is_file(&ancestor.join(marker)))
            {
                let root = self
                    .files_source
                    .canonicalize(ancestor)
                    .unwrap_or_else(|| ancestor.to_path_buf());
                let aliases = self.read_aliases(&root);
                let workspace = self.workspace_above(&root);
                found = Some(Arc::new(Project {
                    root,
                    aliases,
                    workspace,
                }));
                break;
            }
        }
        let mut projects = lock(&self.projects);
        for dir in visited {
            projects.insert(dir, found.clone());
        }
        found
    }

    /// The nearest workspace rooted at or above a project root, if any.
    fn workspace_above(&self, root: &Path) -> Option<Arc<Workspace>> {
        root.ancestors().find_map(|dir| {
            if let Some(known) = lock(&self.workspaces).get(dir) {
                return known.clone();
            }
            let found = Workspace::at(&self.files_source, dir).map(Arc::new);
            lock(&self.workspaces).insert(dir.to_path_buf(), found.clone());
            found
        })
    }

    /// The project the file `path` (absolute) belongs to, if any.
    pub fn project_for_file(&self, path: &Path) -> Option<Arc<Project>> {
        self.project_for_dir(path.parent()?)
    }

    /// The loader for the file `path`: this resolver when the file belongs to a project (as
    /// the CLI decides), `None` when it stands alone.
    pub fn loader_for(&self, path: &Path) -> Option<&(dyn ModuleLoader + '_)> {
        self.project_for_file(path)
            .is_some()
            .then_some(self as &(dyn ModuleLoader + '_))
    }

    /// Resolves `specifier` imported from `importer` to a readable project file.
    pub fn resolve(&self, importer: &Path, specifier: &str) -> Option<PathBuf> {
        let project = self.project_for_file(importer)?;
        let dir = importer.parent()?;
        let candidates: Vec<PathBuf> = if is_relative(specifier) {
            vec![dir.join(specifier)]
        } else if specifier.starts_with('/') || specifier.contains(':') || specifier.is_empty() {
            // Absolute paths, URLs and `node:` built-ins are never project modules.
            Vec::new()
        } else {
            let mut found = project.aliases.candidates(specifier);
            if let Some(workspace) = &project.workspace {
                found.extend(workspace.candidates(specifier));
            }
            found
        };
        candidates
            .iter()
            .find_map(|base| self.find_file(&project, base))
    }

    /// The first existing file for an import base path: as is, with a TypeScript extension in
    /// place of a JavaScript one, with each extension appended, then as a folder's `index`.
    fn find_file(&self, project: &Project, base: &Path) -> Option<PathBuf> {
        let base = normalize(base);
        let mut tries = Vec::new();
        if let Some(ext) = base.extension().and_then(|e| e.to_str()) {
            let swapped: &[&str] = match ext {
                "js" => &["ts", "tsx"],
                "jsx" => &["tsx"],
                "mjs" => &["mts"],
                "cjs" => &["cts"],
                _ => &[],
            };
            for to in swapped {
                tries.push(base.with_extension(to));
            }
            if EXTENSIONS.contains(&ext) {
                tries.push(base.clone());
            }
        }
        for ext in EXTENSIONS {
            tries.push(append_extension(&base, ext));
        }
        for ext in EXTENSIONS {
            tries.push(base.join(format!("index.{ext}")));
        }
        tries
            .into_iter()
            .find(|p| allowed(project, p) && self.files_source.is_file(p))
    }

    /// Reads a project file once, or `None` when it is too large, not UTF-8, escapes the
    /// project through a symlink, or cannot be read.
    fn read(&self, project: &Project, path: &Path) -> Option<(PathBuf, Arc<str>)> {
        let canonical = self.files_source.canonicalize(path)?;
        if !allowed(project, &canonical) {
            return None;
        }
        if let Some(known) = lock(&self.files).get(&canonical) {
            return known.clone().map(|text| (canonical, text));
        }
        let text = self.files_source.read_text(&canonical);
        lock(&self.files).insert(canonical.clone(), text.clone());
        text.map(|text| (canonical, text))
    }

    /// Reads `tsconfig.json` (else `jsconfig.json`) at the project root, following relative
    /// `extends` for `baseUrl` and `paths`. Unreadable or invalid files give no aliases.
    fn read_aliases(&self, root: &Path) -> Aliases {
        let config = ["tsconfig.json", "jsconfig.json"]
            .iter()
            .map(|name| root.join(name))
            .find(|p| self.files_source.is_file(p));
        let mut aliases = Aliases::default();
        let mut have_paths = false;
        let mut have_base = false;
        let mut next = config;
        for _ in 0..MAX_EXTENDS {
            let Some(path) = next.take() else { break };
            let Some(value) = self
                .files_source
                .read_text(&path)
                .and_then(|t| jsonc::parse(&t).ok())
            else {
                break;
            };
            let dir = path.parent().unwrap_or(root).to_path_buf();
            let options = &value["compilerOptions"];
            if !have_base {
                if let Some(base) = options["baseUrl"].as_str() {
                    aliases.base_url = Some(normalize(&dir.join(base)));
                    have_base = true;
                }
            }
            if !have_paths {
                if let Some(paths) = options["paths"].as_object() {
                    aliases.paths = paths
                        .iter()
                        .map(|(pattern, targets)| {
                            let targets = targets
                                .as_array()
                                .map(|a| {
                                    a.iter()
                                        .filter_map(|t| t.as_str().map(str::to_string))
                                        .collect()
                                })
                                .unwrap_or_default();
                            (pattern.clone(), targets)
                        })
                        .collect();
                    // Without a baseUrl, paths are relative to the tsconfig that declares them.
                    aliases.paths_base = Some(dir.clone());
                    have_paths = true;
                }
            }
            if have_paths && have_base {
                break;
            }
            next = extends_target(&value["extends"], &dir)
                .filter(|target| self.files_source.is_file(target));
        }
        if have_paths {
            if let Some(base) = &aliases.base_url {
                aliases.paths_base = Some(base.clone());
            }
        }
        aliases
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Resolver<DiskFiles> {
    /// A resolver over the files on disk.
    pub fn on_disk() -> Self {
        Resolver::new(DiskFiles)
    }
}

impl<F: Files> ModuleLoader for Resolver<F> {
    fn load(&self, importer: &str, specifier: &str) -> Option<LoadedModule> {
        let importer = Path::new(importer);
        let project = self.project_for_file(importer)?;
        let found = self.resolve(importer, specifier)?;
        let (path, source) = self.read(&project, &found)?;
        Some(LoadedModule {
            path: path.to_string_lossy().into_owned(),
            source,
        })
    }

    fn data_models(&self, importer: &str) -> Option<Arc<DataModels>> {
        let project = self.project_for_file(Path::new(importer))?;
        if let Some(known) = lock(&self.data_models).get(&project.root) {
            return known.clone();
        }
        // The first schema found at one of the usual places, read like any project file.
        let models = PRISMA_SCHEMAS
            .iter()
            .find_map(|relative| {
                let path = project.root.join(relative);
                if !self.files_source.is_file(&path) {
                    return None;
                }
                self.files_source.read_text(&path)
            })
            .map(|text| DataModels::from_prisma(&text))
            .filter(|models| !models.is_empty())
            .map(Arc::new);
        lock(&self.data_models).insert(project.root.clone(), models.clone());
        models
    }

    fn manifest(&self, importer: &str) -> Option<Arc<Manifest>> {
        let project = self.project_for_file(Path::new(importer))?;
        if let Some(known) = lock(&self.manifests).get(&project.root) {
            return known.clone();
        }
        let path = project.root.join("package.json");
        let manifest = self
            .files_source
            .is_file(&path)
            .then(|| self.files_source.read_text(&path))
            .flatten()
            .and_then(|text| manifest_from_package_json(&text))
            .map(Arc::new);
        lock(&self.manifests).insert(project.root.clone(), manifest.clone());
        manifest
    }
}

/// The dependencies a `package.json` lists, or `None` when it is not a JSON object.
pub fn manifest_from_package_json(text: &str) -> Option<Manifest> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let mut manifest = Manifest::default();
    for section in ["dependencies", "devDependencies"] {
        let Some(deps) = value.get(section).and_then(|d| d.as_object()) else {
            continue;
        };
        for (name, spec) in deps {
            manifest.dependencies.push(name.clone());
            let spec = spec.as_str().unwrap_or("");
            manifest.workspace_links |= ["workspace:", "file:", "link:", "portal:"]
                .iter()
                .any(|p| spec.starts_with(p));
        }
    }
    Some(manifest)
}

/// Whether `path` (normalized) lies inside the project root or its workspace, outside
/// `node_modules`.
fn allowed(project: &Project, path: &Path) -> bool {
    let inside = path.strip_prefix(&project.root).or_else(|_| {
        path.strip_prefix(
            project
                .workspace
                .as_ref()
                .map_or(&project.root, |w| &w.root),
        )
    });
    let Ok(inside) = inside else {
        return false;
    };
    !inside
        .components()
        .any(|c| matches!(c, Component::Normal(n) if n == "node_modules"))
}

impl Aliases {
    /// Base paths an aliased (non-relative) specifier may refer to, best match first: `paths`
    /// patterns (exact, then the longest prefix before `*`), then `baseUrl`.
    fn candidates(&self, specifier: &str) -> Vec<PathBuf> {
        let mut out = Vec::new();
        if let Some(paths_base) = &self.paths_base {
            let mut best: Option<(usize, &str, &[String])> = None;
            for (pattern, targets) in &self.paths {
                let captured = match pattern.split_once('*') {
                    None if pattern == specifier => Some(""),
                    None => None,
                    Some((prefix, suffix)) => specifier
                        .strip_prefix(prefix)
                        .and_then(|rest| rest.strip_suffix(suffix))
                        .filter(|_| specifier.len() >= prefix.len() + suffix.len()),
                };
                let Some(captured) = captured else { continue };
                // An exact pattern beats any wildcard; among wildcards the longest prefix wins.
                let score = if pattern.contains('*') {
                    pattern.find('*').unwrap_or(0)
                } else {
                    usize::MAX
                };
                if best.is_none_or(|(s, _, _)| score > s) {
                    best = Some((score, captured, targets));
                }
            }
            if let Some((_, captured, targets)) = best {
                for target in targets {
                    out.push(paths_base.join(target.replacen('*', captured, 1)));
                }
            }
        }
        if let Some(base_url) = &self.base_url {
            out.push(base_url.join(specifier));
        }
        out
    }
}

/// The first relative `extends` of a tsconfig (a string or an array), as a file path (not yet
/// known to exist).
fn extends_target(extends: &serde_json::Value, dir: &Path) -> Option<PathBuf> {
    let first = match extends {
        serde_json::Value::String(s) => Some(s.as_str()),
        serde_json::Value::Array(items) => items
            .iter()
            .filter_map(|v| v.as_str())
            .find(|s| is_relative(s)),
        _ => None,
    }?;
    if !is_relative(first) {
        return None;
    }
    let path = dir.join(first);
    let path = if path.extension().is_some_and(|e| e == "json") {
        path
    } else {
        append_extension(&path, "json")
    };
    Some(path)
}

/// `./x`, `../x`, `.` and `..`.
pub fn is_relative(specifier: &str) -> bool {
    specifier == "."
        || specifier == ".."
        || specifier.starts_with("./")
        || specifier.starts_with("../")
}

/// `a/b` + `ts` → `a/b.ts` (keeping any dots already in the name).
fn append_extension(path: &Path, ext: &str) -> PathBuf {
    let mut os = path.as_os_str().to_owned();
    os.push(".");
    os.push(ext);
    PathBuf::from(os)
}

/// Removes `.` and resolves `..` lexically (the path is absolute; `..` at the root stays there).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Locks a cache, recovering from a poisoned lock (a cache is always consistent).
fn lock<K, V>(cache: &Cache<K, V>) -> std::sync::MutexGuard<'_, HashMap<K, V>> {
    cache.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, path: &str, text: &str) {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }

    fn project() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        write(
            &root,
            "tsconfig.json",
            r#"{ // comment
  "compilerOptions": { "paths": { "@/*": ["./src/*"], "~lib": ["./src/lib/index.ts"], }, },
}"#,
        );
        write(&root, "src/lib/auth.ts", "export const a = 1;");
        write(&root, "src/lib/index.ts", "export const b = 1;");
        write(&root, "src/app/actions.ts", "");
        write(&root, "src/app/util.js", "");
        write(&root, "node_modules/pkg/index.ts", "");
        (dir, root)
    }

    #[test]
    fn resolves_relative_alias_and_index_imports() {
        let (_dir, root) = project();
        let loader = Resolver::on_disk();
        let importer = root.join("src/app/actions.ts");
        assert_eq!(
            loader.resolve(&importer, "../lib/auth"),
            Some(root.join("src/lib/auth.ts"))
        );
        assert_eq!(
            loader.resolve(&importer, "@/lib/auth"),
            Some(root.join("src/lib/auth.ts"))
        );
        assert_eq!(
            loader.resolve(&importer, "@/lib"),
            Some(root.join("src/lib/index.ts"))
        );
        assert_eq!(
            loader.resolve(&importer, "~lib"),
            Some(root.join("src/lib/index.ts"))
        );
        assert_eq!(
            loader.resolve(&importer, "./util.js"),
            Some(root.join("src/app/util.js"))
        );
        assert_eq!(
            loader.resolve(&importer, "../lib/auth.js"),
            Some(root.join("src/lib/auth.ts"))
        );
    }

    #[test]
    fn never_leaves_the_project_or_enters_node_modules() {
        let (_dir, root) = project();
        let loader = Resolver::on_disk();
        let importer = root.join("src/app/actions.ts");
        assert_eq!(loader.resolve(&importer, "pkg"), None);
        assert_eq!(loader.resolve(&importer, "../../node_modules/pkg"), None);
        assert_eq!(loader.resolve(&importer, "../../../outside"), None);
        assert_eq!(loader.resolve(&importer, "/etc/passwd"), None);
        assert_eq!(loader.resolve(&importer, "node:fs"), None);
        assert_eq!(loader.resolve(&importer, "./missing"), None);
    }

    #[test]
    fn loads_text_and_refuses_large_files() {
        let (_dir, root) = project();
        write(
            &root,
            "src/lib/big.ts",
            &"x".repeat(MAX_MODULE_SIZE as usize),
        );
        let loader = Resolver::on_disk();
        let importer = root.join("src/app/actions.ts");
        let importer = importer.to_str().unwrap();
        let loaded = loader.load(importer, "@/lib/auth").unwrap();
        assert_eq!(&*loaded.source, "export const a = 1;");
        assert!(loader.load(importer, "@/lib/big").is_none());
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_project_are_not_followed() {
        let (_dir, root) = project();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.ts"), "export const s = 1;").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.ts"),
            root.join("src/lib/link.ts"),
        )
        .unwrap();
        let importer = root.join("src/app/actions.ts");
        assert!(Resolver::on_disk()
            .load(importer.to_str().unwrap(), "@/lib/link")
            .is_none());
    }

    #[test]
    fn base_url_and_extends_are_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        write(
            &root,
            "tsconfig.base.json",
            r##"{"compilerOptions": {"baseUrl": "src", "paths": {"#/*": ["lib/*"]}}}"##,
        );
        write(
            &root,
            "tsconfig.json",
            r#"{"extends": "./tsconfig.base", "compilerOptions": {"strict": true}}"#,
        );
        write(&root, "src/lib/auth.tsx", "");
        write(&root, "src/app/a.ts", "");
        let loader = Resolver::on_disk();
        let importer = root.join("src/app/a.ts");
        assert_eq!(
            loader.resolve(&importer, "#/auth"),
            Some(root.join("src/lib/auth.tsx"))
        );
        assert_eq!(
            loader.resolve(&importer, "lib/auth"),
            Some(root.join("src/lib/auth.tsx"))
        );
    }

    #[test]
    fn a_lone_file_has_no_project() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        write(&root, "a.ts", "");
        // Only meaningful when no marker exists above the temp dir, as on a clean machine.
        if root
            .ancestors()
            .skip(1)
            .all(|a| ROOT_MARKERS.iter().all(|m| !a.join(m).is_file()))
        {
            assert!(Resolver::on_disk()
                .project_for_file(&root.join("a.ts"))
                .is_none());
        }
    }
}
