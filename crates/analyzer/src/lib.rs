//! # actiongate-analyzer
//!
//! Finds Next.js Server Actions that anyone can call: missing authentication, missing
//! authorization (IDOR), identity taken from client input, unchecked sessions, checks after
//! the mutation, raw records returned, and more. A pure library with no I/O; it builds for
//! `wasm32-unknown-unknown` and backs the CLI, the playground and the npm package alike.
//!
//! The data flows one way (see `DESIGN.md`):
//! source → [`parse`] → [`discover`] actions → [`facts`] per action → [`rules`] → findings →
//! [`fix`] → [`Report`].
//!
//! ```
//! use actiongate_analyzer::{analyze, Options};
//! let src = r#""use server";
//! export async function deletePost(id: string) {
//!   await db.post.delete({ where: { id } });
//! }"#;
//! let report = analyze(src, &Options::new("actions.ts"));
//! assert_eq!(report.findings[0].rule, "missing-authn");
//! ```

pub mod catalog;
pub mod config;
mod discover;
mod engine;
mod facts;
pub mod fix;
pub mod highlight;
pub mod manifest;
mod module;
mod nesting;
mod parse;
pub mod report;
pub mod rules;
pub mod schema;
pub mod sort;
mod suppress;

pub use config::{Config, ConfigError};
pub use report::{
    ActionInfo, ActionInputs, Assumption, ByteSpan, Edit, Finding, Fix, Gap, LineIndex, Position,
    Report, Severity, SourceError,
};
pub use rules::{all_rules, rule_by_id, RuleMeta};

use std::sync::Arc;

/// What to analyse and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The file's name or path; its extension picks the dialect (`.ts`, `.tsx`, `.js`, `.jsx`, ...).
    pub file_name: String,
    /// Project configuration (`actiongate.toml`).
    pub config: Config,
}

impl Options {
    /// Options with the default configuration.
    pub fn new(file_name: impl Into<String>) -> Self {
        Options {
            file_name: file_name.into(),
            config: Config::default(),
        }
    }
}

/// A module of the user's own project, found by a [`ModuleLoader`].
#[derive(Debug, Clone)]
pub struct LoadedModule {
    /// The module's path (used as its identity and for further relative imports).
    pub path: String,
    /// The module's source text.
    pub source: Arc<str>,
}

/// Resolves imports of the project's own modules so that helpers, wrappers and action clients
/// defined in other files are judged by their definitions. The CLI implements it over the file
/// system (relative paths, `tsconfig.json` `paths`); the playground has none.
pub trait ModuleLoader: Sync {
    /// Loads the module `specifier` as imported from the file `importer`, or `None` when it is
    /// not part of the project (a package, a missing file).
    fn load(&self, importer: &str, specifier: &str) -> Option<LoadedModule>;

    /// The data models of the project the file `importer` belongs to, read from its schema,
    /// when it has one (reads of models that belong to nobody are no sinks).
    fn data_models(&self, _importer: &str) -> Option<Arc<schema::DataModels>> {
        None
    }

    /// The dependencies of the project the file `importer` belongs to, from its
    /// `package.json`, when it has one (a project without accounts has public actions).
    fn manifest(&self, _importer: &str) -> Option<Arc<manifest::Manifest>> {
        None
    }
}

/// Analyses one file on its own (imports are judged by their names).
pub fn analyze(source: &str, options: &Options) -> Report {
    engine::run(source, options, None)
}

/// Analyses one file and stops before its fixes settle: the same findings as [`analyze`], each
/// with its first-round fix, and `fixed_source` with those fixes applied before they settle. For
/// a page that shows the findings first and the settled fixed version after.
pub fn analyze_first_round(
    source: &str,
    options: &Options,
    loader: Option<&dyn ModuleLoader>,
) -> Report {
    engine::first_round(source, options, loader)
}

/// Analyses one file, resolving imports of the project's own modules through `loader`.
pub fn analyze_with_loader(source: &str, options: &Options, loader: &dyn ModuleLoader) -> Report {
    engine::run(source, options, Some(loader))
}
