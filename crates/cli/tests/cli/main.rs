//! End-to-end tests of the `actiongate` binary: formats, exit codes, inputs, fixes, rules,
//! configuration and project import resolution. One test binary keeps the build fast.

mod accounts;
mod common;

mod config;
mod exit_codes;
mod fix;
mod formats;
mod imports;
mod inputs;
mod rules;
mod sarif;
mod schema;
mod workspaces;
