//! # actiongate-wasm
//!
//! The actiongate analyzer for JavaScript: wasm-bindgen bindings built into the `actiongate` npm
//! package (`npm/`, see `docs/integrations.md`).
//!
//! - [`analyze`](bindings::analyze)`(source, { fileName, config })` returns the findings of one
//!   file as plain objects, in the shape of the CLI's `--format json` findings, plus the actions,
//!   the syntax errors and the fixed source.
//! - [`rules`](bindings::rules)`()` returns the rule metadata.
//! - [`CheckRun`](bindings::CheckRun) backs the package's `actiongate check` command: Node walks
//!   the folders, reads the files and resolves imports; this crate analyses and renders, with
//!   the very run and renderers of the Rust CLI (`actiongate-check`), so the JSON, SARIF,
//!   pretty, GitHub and compact outputs are the same byte for byte.
//!
//! Everything except [`bindings`] is plain Rust and tested natively.

pub mod api;
pub mod bindings;
