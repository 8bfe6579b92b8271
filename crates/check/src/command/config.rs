//! Finding the `actiongate.toml` that applies to each checked file.
//!
//! The nearest `actiongate.toml` in the file's folder or above it wins; lookups are cached per
//! folder. `--config FILE` replaces discovery for every file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use actiongate_analyzer::Config;

use super::error::CommandError;
use super::host::{EntryKind, Host};
use super::walk::display_path;
use crate::folder::CONFIG_FILE;

/// Hands out the configuration for each checked file.
pub struct ConfigResolver<'h> {
    /// `--config FILE`, already parsed.
    fixed: Option<Arc<Config>>,
    /// Folder → the configuration that applies in it (`None`: the defaults).
    by_dir: HashMap<PathBuf, Option<Arc<Config>>>,
    /// The default configuration.
    default: Arc<Config>,
    /// The current folder, to show configuration paths relative to it.
    cwd: PathBuf,
    /// Where the files are read.
    host: &'h dyn Host,
}

impl<'h> ConfigResolver<'h> {
    /// A resolver that discovers `actiongate.toml` files, or always uses `explicit` when given.
    pub fn new(
        explicit: Option<&Path>,
        cwd: &Path,
        host: &'h dyn Host,
    ) -> Result<Self, CommandError> {
        let fixed = explicit.map(|path| load(path, cwd, host)).transpose()?;
        Ok(ConfigResolver {
            fixed,
            by_dir: HashMap::new(),
            default: Arc::new(Config::default()),
            cwd: cwd.to_path_buf(),
            host,
        })
    }

    /// The configuration for a file in folder `dir` (an absolute path).
    pub fn for_dir(&mut self, dir: &Path) -> Result<Arc<Config>, CommandError> {
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
            if matches!(self.host.kind(&candidate), Ok(EntryKind::File)) {
                found = Some(load(&candidate, &self.cwd, self.host)?);
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
fn load(path: &Path, cwd: &Path, host: &dyn Host) -> Result<Arc<Config>, CommandError> {
    let shown = || display_path(path, cwd, host);
    let read_error = |message: String| CommandError::ConfigRead {
        path: shown(),
        message,
    };
    let bytes = host
        .read(&cwd.join(path))
        .map_err(|err| read_error(err.to_string()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| read_error("stream did not contain valid UTF-8".to_string()))?;
    Config::from_toml(&text)
        .map(Arc::new)
        .map_err(|source| CommandError::ConfigInvalid {
            path: shown(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::host::tests::MemoryHost;

    #[test]
    fn nearest_config_wins_and_is_cached() {
        let host = MemoryHost::with_files(&[
            ("/r/actiongate.toml", r#"disable = ["unvalidated-input"]"#),
            ("/r/a/b/actiongate.toml", r#"disable = ["missing-authn"]"#),
            ("/r/a/b/c/x.ts", ""),
        ]);
        let mut resolver = ConfigResolver::new(None, Path::new("/"), &host).unwrap();
        let disabled =
            |r: &mut ConfigResolver, dir: &str| r.for_dir(Path::new(dir)).unwrap().disable.clone();
        assert_eq!(disabled(&mut resolver, "/r/a/b/c"), ["missing-authn"]);
        assert_eq!(disabled(&mut resolver, "/r/a"), ["unvalidated-input"]);
        // Cached: removing the file does not change the answer within one run.
        host.files
            .lock()
            .unwrap()
            .remove(Path::new("/r/a/b/actiongate.toml"));
        assert_eq!(disabled(&mut resolver, "/r/a/b/c"), ["missing-authn"]);
    }

    #[test]
    fn invalid_config_names_the_file() {
        let host = MemoryHost::with_files(&[("/r/actiongate.toml", "disable = [")]);
        let err = ConfigResolver::new(None, Path::new("/"), &host)
            .unwrap()
            .for_dir(Path::new("/r"))
            .unwrap_err();
        assert!(err.to_string().contains(CONFIG_FILE), "{err}");
    }
}
