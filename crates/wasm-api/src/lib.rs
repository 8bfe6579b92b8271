//! # actiongate-wasm
//!
//! The actiongate analyzer for JavaScript: wasm-bindgen bindings built into the `actiongate` npm
//! package (`npm/`, see `docs/integrations.md`).
//!
//! - [`analyze`](bindings::analyze)`(source, { fileName, config })` returns the findings of one
//!   file as plain objects, in the shape of the CLI's `--format json` findings, plus the actions,
//!   the syntax errors and the fixed source.
//! - [`rules`](bindings::rules)`()` returns the rule metadata.
//! - [`runCli`](node_host::run_cli)`(args, host)` is the package's `actiongate` command: the
//!   Rust CLI's own command line (`actiongate_check::command`: arguments, walking,
//!   `actiongate.toml` discovery, import resolution, fixes, every output format, exit statuses)
//!   on Node's file system, so both print the same bytes and exit the same way.
//!
//! Everything except [`bindings`] is plain Rust and tested natively.

pub mod api;
pub mod bindings;
pub mod node_host;
