//! Command-line arguments (clap derive).

use std::path::PathBuf;

use actiongate_analyzer::Severity;
use clap::{Args, Parser, Subcommand, ValueEnum};

use super::host::{Host, Stream};

/// The `actiongate` command line.
#[derive(Debug, Parser)]
#[command(
    name = "actiongate",
    version,
    about = "actiongate: who can call this Server Action?",
    long_about = "Finds authentication and authorization bugs in Next.js Server Actions: \
                  actions anyone can call, sessions that are looked up but never checked, \
                  records chosen by client input, identities taken from the client, and more.",
    after_help = "Examples:\n  actiongate check app/\n  actiongate check . --format sarif > actiongate.sarif\n  \
                  actiongate check app/actions.ts --diff\n  cat actions.ts | actiongate check -\n  \
                  actiongate explain missing-authz"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files and directories for auth bugs in Server Actions.
    #[command(
        after_help = "Configuration: the nearest actiongate.toml above each file applies (or --config FILE).\n\
                            Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or I/O error."
    )]
    Check(CheckArgs),
    /// List every rule with its severity and CWE.
    Rules,
    /// Explain one rule: what it reports, why it matters, how to fix it.
    Explain {
        /// The rule id, e.g. `missing-authz` (see `actiongate rules`).
        #[arg(value_name = "RULE")]
        rule: String,
    },
}

/// Arguments of `actiongate check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check (directories recursively; `-` reads standard input).
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,

    /// Exit with status 1 when a finding at or above this severity remains.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::High)]
    pub fail_on: FailOn,

    /// Write the proposed fixes into the files, then report what remains (never for standard input).
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Print the proposed fixes as a unified diff instead of a report; no file is written.
    #[arg(long)]
    pub diff: bool,

    /// Use this configuration file instead of discovering `actiongate.toml` next to the files.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Number of files analysed in parallel [default: the number of CPUs].
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// The file name standard input is reported as (its extension picks the dialect).
    #[arg(long, value_name = "NAME", default_value = "stdin.ts")]
    pub stdin_filename: String,

    /// When to colour the pretty output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

pub use crate::Format;

/// The `--fail-on` threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any finding fails.
    Low,
    /// Medium and high findings fail.
    Medium,
    /// Only high findings fail.
    High,
}

impl FailOn {
    /// The analyzer severity this threshold stands for.
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Low => Severity::Low,
            FailOn::Medium => Severity::Medium,
            FailOn::High => Severity::High,
        }
    }
}

/// The `--color` choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to emit ANSI colour codes on the host's standard output.
    pub fn enabled(self, host: &dyn Host) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                host.env_var("NO_COLOR").is_none_or(|v| v.is_empty())
                    && host.is_terminal(Stream::Stdout)
            }
        }
    }
}
