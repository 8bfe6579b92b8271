//! `actiongate`: finds auth bugs in Next.js Server Actions.
//!
//! The command line itself (arguments, walking, configuration, the check run, output, exit
//! statuses) is `actiongate_check::command`, shared with the npm package; this binary gives it
//! the disk, threads and the terminal ([`disk::DiskHost`]).

mod disk;

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(actiongate_check::command::main(
        std::env::args_os(),
        &disk::DiskHost,
    ))
}
