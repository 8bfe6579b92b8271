//! Errors that stop a run (exit status 2). Each message says what went wrong and what to do.

use std::path::PathBuf;

/// A usage or I/O error that ends the run with exit status 2.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// A path given on the command line does not exist.
    #[error("path `{}` does not exist (check the spelling, or run from the project folder)", .0.display())]
    MissingPath(PathBuf),
    /// Standard input was given more than once.
    #[error("`-` (standard input) can be given only once")]
    StdinTwice,
    /// Standard input could not be read.
    #[error("cannot read standard input: {0}")]
    Stdin(String),
    /// A configuration file could not be read.
    #[error("cannot read configuration file `{path}`: {message}")]
    ConfigRead {
        /// The configuration file, as shown to the user.
        path: String,
        /// What went wrong (an I/O error, or text that is not UTF-8).
        message: String,
    },
    /// A configuration file did not parse.
    #[error("{path}: {source}\n  fix the file, or pass another one with --config")]
    ConfigInvalid {
        /// The configuration file, as shown to the user.
        path: String,
        /// The parse error.
        source: actiongate_analyzer::ConfigError,
    },
    /// `actiongate explain` was given an unknown rule id.
    #[error("unknown rule `{id}`; valid rules are: {valid}")]
    UnknownRule {
        /// What the user typed.
        id: String,
        /// Every valid id, comma-separated.
        valid: String,
    },
    /// The worker threads could not be started.
    #[error("cannot start worker threads: {0}")]
    ThreadPool(String),
    /// The current directory is unusable.
    #[error("cannot read the current directory: {0}")]
    CurrentDir(std::io::Error),
    /// Writing the output failed (other than a closed pipe).
    #[error("cannot write output: {0}")]
    Output(std::io::Error),
}
