//! Finding the `actiongate.toml` that applies to each checked file.
//!
//! The nearest `actiongate.toml` in the file's folder or above it wins; lookups are cached per
//! folder. `--config FILE` replaces discovery for every file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use actiongate_analyzer::Config;

use crate::error::CliError;
use crate::walk::display_path;

pub use actiongate_check::folder::CONFIG_FILE;

/// Hands out the configuration for each checked file.
#[derive(Debug)]
pub struct ConfigResolver {
    /// `--config FILE`, already parsed.
    fixed: Option<Arc<Config>>,
    /// Folder → the configuration that applies in it (`None`: the defaults).
    by_dir: HashMap<PathBuf, Option<Arc<Config>>>,
    /// The default configuration.
    default: Arc<Config>,
    /// The current folder, to show configuration paths relative to it.
    cwd: PathBuf,
}

impl ConfigResolver {
    /// A resolver that discovers `actiongate.toml` files, or always uses `explicit` when given.
    pub fn new(explicit: Option<&Path>, cwd: &Path) -> Result<Self, CliError> {
        let fixed = explicit.map(|path| load(path, cwd)).transpose()?;
        Ok(ConfigResolver {
            fixed,
            by_dir: HashMap::new(),
            default: Arc::new(Config::default()),
            cwd: cwd.to_path_buf(),
        })
    }

    /// The configuration for a file in folder `dir` (an absolute path).
    pub fn for_dir(&mut self, dir: &Path) -> Result<Arc<Config>, CliError> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        let mut visited = Vec::new();
        let mut found = None;
        for ancestor in dir.ancestors() {
            if let Some(cached) = self.by_dir.get(ancestor) {
                found = cached.clone();
                break;
            }
            visited.push(ancestor.to_path_buf());
            let candidate = ancestor.join(CONFIG_FILE);
            if candidate.is_file() {
                found = Some(load(&candidate, &self.cwd)?);
                break;
            }
        }
        for dir in visited {
            self.by_dir.insert(dir, found.clone());
        }
        Ok(found.unwrap_or_else(|| self.default.clone()))
    }
}

/// Reads and parses one configuration file.
fn load(path: &Path, cwd: &Path) -> Result<Arc<Config>, CliError> {
    let shown = || display_path(path, cwd);
    let text = std::fs::read_to_string(path).map_err(|source| CliError::ConfigRead {
        path: shown(),
        source,
    })?;
    Config::from_toml(&text)
        .map(Arc::new)
        .map_err(|source| CliError::ConfigInvalid {
            path: shown(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_config_wins_and_is_cached() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b/c")).unwrap();
        std::fs::write(root.join(CONFIG_FILE), r#"disable = ["unvalidated-input"]"#).unwrap();
        std::fs::write(
            root.join("a/b").join(CONFIG_FILE),
            r#"disable = ["missing-authn"]"#,
        )
        .unwrap();
        let mut resolver = ConfigResolver::new(None, Path::new("/")).unwrap();
        assert_eq!(
            resolver.for_dir(&root.join("a/b/c")).unwrap().disable,
            ["missing-authn"]
        );
        assert_eq!(
            resolver.for_dir(&root.join("a")).unwrap().disable,
            ["unvalidated-input"]
        );
        // Cached: removing the file does not change the answer within one run.
        std::fs::remove_file(root.join("a/b").join(CONFIG_FILE)).unwrap();
        assert_eq!(
            resolver.for_dir(&root.join("a/b/c")).unwrap().disable,
            ["missing-authn"]
        );
    }

    #[test]
    fn invalid_config_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "disable = [").unwrap();
        let err = ConfigResolver::new(None, Path::new("/"))
            .unwrap()
            .for_dir(dir.path())
            .unwrap_err();
        assert!(err.to_string().contains(CONFIG_FILE), "{err}");
    }
}
