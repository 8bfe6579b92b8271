//! `actiongate`: finds auth bugs in Next.js Server Actions.
//!
//! ```text
//! actiongate check [PATH|-]... [--format pretty|json|sarif] [--fail-on low|medium|high]
//!                  [--fix | --diff] [--config FILE] [--jobs N] [--stdin-filename NAME]
//! actiongate rules
//! actiongate explain <RULE>
//! ```
//!
//! Exit status: 0 when no finding reaches `--fail-on` (default `high`), 1 when one does, 2 on a
//! usage or I/O error.

mod analysis;
mod args;
mod check;
mod config;
mod error;
mod input;
mod rules_cmd;
mod walk;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules => check::print(&rules_cmd::table()).map(|()| check::EXIT_CLEAN),
        Command::Explain { rule } => rules_cmd::explain(rule)
            .and_then(|text| check::print(&text))
            .map(|()| check::EXIT_CLEAN),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(check::EXIT_ERROR)
        }
    }
}
