//! Monorepo workspaces: an app imports the repository's own packages by name
//! (`@acme/notifications`), and those packages are project code like the app's own modules.
//!
//! A workspace root is the nearest folder at or above a project root with a
//! `pnpm-workspace.yaml`, or a `package.json` whose `workspaces` lists package folders (npm,
//! Yarn, Bun). Its patterns (`apps/*`, `packages/**`, `tooling/eslint`) name the folders; each
//! one with a `package.json` and a `name` is a package. A package import resolves to the file
//! its `package.json` names (`exports`, `module`, `main`, `types`; built `dist/` output is not in
//! the repository, so `src/index` and `index` are tried after), and `@acme/ui/button` to
//! `exports["./button"]` or the folder's `button` / `src/button`. Nothing in `node_modules` is
//! ever read.

use std::path::{Path, PathBuf};

use crate::{jsonc, Files};

/// Most packages read from one workspace.
const MAX_PACKAGES: usize = 2_000;

/// How deep a `**` pattern looks below its folder.
const MAX_GLOB_DEPTH: usize = 3;

/// A monorepo's root and its packages.
#[derive(Debug)]
pub struct Workspace {
    /// The workspace root (canonical).
    pub root: PathBuf,
    /// Package name → its folder and the entry files its `package.json` names, best first.
    packages: Vec<Package>,
}

#[derive(Debug)]
struct Package {
    name: String,
    dir: PathBuf,
    /// `exports["."]`, `module`, `main`, `types`, as written, best first.
    entries: Vec<String>,
    /// `exports["./sub"]` entries: subpath (without `./`) → target.
    subpaths: Vec<(String, String)>,
}

impl Workspace {
    /// The workspace `dir` is the root of, or `None` when it declares none.
    pub fn at<F: Files>(files: &F, dir: &Path) -> Option<Workspace> {
        let patterns = patterns(files, dir)?;
        let mut packages = Vec::new();
        for pattern in patterns.iter().filter(|p| !p.starts_with('!')) {
            for folder in expand(files, dir, pattern) {
                if packages.len() >= MAX_PACKAGES {
                    break;
                }
                if let Some(package) = read_package(files, &folder) {
                    packages.push(package);
                }
            }
        }
        Some(Workspace {
            root: dir.to_path_buf(),
            packages,
        })
    }

    /// Base paths an import of one of the workspace's packages may refer to, best first; empty
    /// when the specifier names no package of the workspace.
    pub fn candidates(&self, specifier: &str) -> Vec<PathBuf> {
        let Some((package, rest)) = self.packages.iter().find_map(|p| {
            let rest = specifier.strip_prefix(p.name.as_str())?;
            (rest.is_empty() || rest.starts_with('/')).then_some((p, rest.trim_start_matches('/')))
        }) else {
            return Vec::new();
        };
        let dir = &package.dir;
        let mut out = Vec::new();
        if rest.is_empty() {
            out.extend(package.entries.iter().map(|e| dir.join(e)));
            out.push(dir.join("src/index"));
            out.push(dir.join("index"));
        } else {
            out.extend(
                package
                    .subpaths
                    .iter()
                    .filter(|(sub, _)| sub == rest)
                    .map(|(_, target)| dir.join(target)),
            );
            out.push(dir.join(rest));
            out.push(dir.join("src").join(rest));
        }
        out
    }
}

/// The package patterns a folder declares, or `None` when it is no workspace root.
fn patterns<F: Files>(files: &F, dir: &Path) -> Option<Vec<String>> {
    let pnpm = dir.join("pnpm-workspace.yaml");
    if files.is_file(&pnpm) {
        return files.read_text(&pnpm).map(|text| pnpm_packages(&text));
    }
    let manifest = dir.join("package.json");
    if !files.is_file(&manifest) {
        return None;
    }
    let value = jsonc::parse(&files.read_text(&manifest)?).ok()?;
    let list = value.get("workspaces")?;
    // `"workspaces": [..]` or Yarn's `"workspaces": { "packages": [..] }`.
    let list = list
        .as_array()
        .or_else(|| list.get("packages")?.as_array())?;
    Some(
        list.iter()
            .filter_map(|p| p.as_str().map(str::to_string))
            .collect(),
    )
}

/// The `packages:` list of a `pnpm-workspace.yaml` (the one key it needs; the rest of the file
/// is not read).
fn pnpm_packages(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let code = line.split('#').next().unwrap_or("");
        if code.trim().is_empty() {
            continue;
        }
        if !code.starts_with([' ', '\t', '-']) {
            inside = code.trim_end() == "packages:";
            continue;
        }
        if let Some(item) = code.trim().strip_prefix('-').filter(|_| inside) {
            out.push(item.trim().trim_matches(['"', '\'']).to_string());
        }
    }
    out
}

/// The folders a pattern names (`apps/*`, `packages/**`, `tooling/eslint`).
fn expand<F: Files>(files: &F, root: &Path, pattern: &str) -> Vec<PathBuf> {
    let mut current = vec![root.to_path_buf()];
    for segment in pattern.trim_end_matches('/').split('/') {
        let mut next = Vec::new();
        for dir in &current {
            match segment {
                "" | "." => next.push(dir.clone()),
                "**" => {
                    let mut level = vec![dir.clone()];
                    next.push(dir.clone());
                    for _ in 0..MAX_GLOB_DEPTH {
                        level = level.iter().flat_map(|d| files.list_dirs(d)).collect();
                        next.extend(level.iter().cloned());
                    }
                }
                s if s.contains('*') => next.extend(files.list_dirs(dir).into_iter().filter(|d| {
                    d.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| wildcard(s, n))
                })),
                s => next.push(dir.join(s)),
            }
        }
        next.truncate(MAX_PACKAGES * 4);
        current = next;
    }
    current
}

/// Whether `name` matches a pattern segment with `*` wildcards (`notification-*`).
fn wildcard(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !name.starts_with(first) || name.len() < first.len() + last.len() || !name.ends_with(last) {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// A package folder's name and entry files, from its `package.json`.
fn read_package<F: Files>(files: &F, dir: &Path) -> Option<Package> {
    let manifest = dir.join("package.json");
    if !files.is_file(&manifest) {
        return None;
    }
    let value = jsonc::parse(&files.read_text(&manifest)?).ok()?;
    let name = value.get("name")?.as_str()?.to_string();
    let mut entries = Vec::new();
    let mut subpaths = Vec::new();
    match value.get("exports") {
        Some(serde_json::Value::String(s)) => entries.push(s.clone()),
        Some(serde_json::Value::Object(map)) => {
            for (key, target) in map {
                let Some(target) = export_target(target) else {
                    continue;
                };
                match key.as_str() {
                    "." => entries.push(target),
                    sub if sub.starts_with("./") && !sub.contains('*') => {
                        subpaths.push((sub[2..].to_string(), target))
                    }
                    // Conditions at the top level (`{ "import": .., "default": .. }`).
                    cond if !cond.starts_with('.') => entries.push(target),
                    _ => {}
                }
            }
        }
        _ => {}
    }
    for field in ["module", "main", "types", "typings"] {
        if let Some(s) = value.get(field).and_then(|v| v.as_str()) {
            entries.push(s.to_string());
        }
    }
    Some(Package {
        name,
        dir: dir.to_path_buf(),
        entries,
        subpaths,
    })
}

/// The file an `exports` entry points at: a string, or the first of its conditions that is
/// one (`types`, `import`, `default`, … in the order written).
fn export_target(target: &serde_json::Value) -> Option<String> {
    match target {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Object(map) => map.values().find_map(export_target),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pnpm_lists_are_read_without_the_rest_of_the_file() {
        let text = "packages:\n  - \"apps/*\"\n  - 'packages/**' # all\n  - tooling/eslint\ncatalog:\n  - react\n";
        assert_eq!(
            pnpm_packages(text),
            ["apps/*", "packages/**", "tooling/eslint"]
        );
    }

    #[test]
    fn wildcards_match_segments() {
        assert!(wildcard("*", "web"));
        assert!(wildcard("notification-*", "notification-slack"));
        assert!(!wildcard("notification-*", "notifications"));
        assert!(wildcard("*-kit", "ui-kit"));
        assert!(!wildcard("a*b*c", "abx"));
    }
}
