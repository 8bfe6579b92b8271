//! The actiongate playground.
//!
//! The view logic (everything but `ui`) is plain Rust that runs natively in tests: the render
//! model of the editor ([`lines`]), challenges ([`challenge`]), position conversions ([`offsets`]), the fixed pane's diff
//! ([`diff`]), what the panels show ([`view`]), the URL state ([`state`]) and the gallery
//! ([`examples`]) and the check of an opened folder ([`folder`]); what the page analyses
//! ([`analysis`]), the analysis worker's side ([`worker`]) and the bytes between the page and
//! that worker ([`wire`]). The browser UI (`ui`, wasm only) is a Leptos app that only renders what these
//! modules compute; it contains no analysis logic.

pub mod analysis;
pub mod challenge;
pub mod diff;
pub mod examples;
pub mod folder;
pub mod lines;
pub mod offsets;
pub mod state;
pub mod view;
pub mod wire;
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub mod ui;
