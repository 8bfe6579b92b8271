//! # actiongate-check
//!
//! What one `actiongate check` run is, apart from where the files come from. The CLI (files on
//! disk, threads), the npm package (Node reads the files) and the playground's "Open folder"
//! (files the browser read) all build their results with this crate, so they refuse the same
//! files, report the same problems, print the same JSON and SARIF, and exit the same way.
//!
//! - [`text`]: a file's bytes to source text (size limit, binary and UTF-8 checks).
//! - [`result`]: one checked file ([`FileResult`]) and the analysis with a panic guard.
//! - [`run`]: the files of one run, fixes, rendering and the exit status.
//! - [`output`]: the output formats (pretty, JSON, SARIF, GitHub, compact, diff).
//! - `command` (feature `command`): the `actiongate` command line over a [`command::Host`],
//!   run by the CLI on the disk and by the npm package on Node's file system.
//! - [`folder`] and [`gitignore`]: which files of a folder listing are checked, as the CLI's
//!   walk decides on disk.

#[cfg(feature = "command")]
pub mod command;
pub mod folder;
pub mod gitignore;
pub mod output;
pub mod result;
pub mod run;
pub mod text;

pub use result::{analyze_text, FileProblem, FileResult};
pub use run::{Format, Run, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
pub use text::{decode, ReadProblem, MAX_FILE_SIZE};
