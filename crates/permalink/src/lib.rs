//! Shareable permalinks for the actiongate playground.
//!
//! The playground keeps its whole state in the URL fragment, so a link can be
//! shared without a server. This crate turns a [`PlaygroundState`] into that
//! fragment and back. It is pure Rust with no I/O, clocks or threads, and
//! builds for `wasm32-unknown-unknown`.
//!
//! * [`lz`] is a byte-for-byte compatible port of lz-string 1.5.0's
//!   `compressToEncodedURIComponent` / `decompressFromEncodedURIComponent`,
//!   with bounded, panic-free decompression.
//! * [`state`] (re-exported here) defines the state and the versioned format.
//! * [`project`] (re-exported here) carries several files in one link (`v2`), and reads `v1`
//!   links as one-file projects.
//!
//! ```
//! use actiongate_permalink::{decode, encode, PlaygroundState, ViewOptions};
//!
//! let state = PlaygroundState {
//!     code: "'use server';\nexport async function save() {}\n".into(),
//!     file_name: "app/actions.ts".into(),
//!     selected: Some(0),
//!     options: ViewOptions { show_fixed: true },
//! };
//! let fragment = encode(&state); // "v1.N4Ig…", assign to location.hash
//! assert!(fragment.starts_with("v1."));
//! assert_eq!(decode(&format!("#{fragment}")), Ok(state));
//! ```
//!
//! # Fragment format
//!
//! ```text
//! #v1.<payload>
//! ```
//!
//! * An optional `#` (as `location.hash` returns it).
//! * A version marker: `v`, 1–9 decimal digits, `.`. [`decode`] dispatches on
//!   it; a marker it does not know gives [`DecodeError::UnknownVersion`].
//! * For `v1`, the payload is lz-string's `compressToEncodedURIComponent` of a
//!   JSON object (so JavaScript tools can read and write links too):
//!
//!   ```json
//!   {"code":"…","file":"app/actions.ts","selected":0,"options":{"show_fixed":true}}
//!   ```
//!
//!   `code` (string) is required. `file` (string) defaults to
//!   [`DEFAULT_FILE_NAME`]; `selected` (non-negative integer or `null`) and
//!   `options.show_fixed` (boolean) are optional. Unknown fields are ignored,
//!   so a field whose absence is harmless can be added to `v1` later; any
//!   other change gets a new version.
//!
//! ## Adding a `v2`
//!
//! Add private wire types and a `decode_v2` next to `decode_v1` in
//! [`state`], add a `"v2"` arm to the match in [`decode`], and switch
//! [`encode`] and [`CURRENT_VERSION`] to `v2`. Keep `decode_v1` and its wire
//! types unchanged so `v1` links keep loading.
//!
//! # File names
//!
//! A link's file name goes through [`sanitize_file_name`]: a name that fails
//! [`is_valid_file_name`] (characters other than `A–Z a–z 0–9 . _ / -`, over
//! 128 characters, `..` or empty path segments, or an extension other than
//! `ts tsx js jsx mjs cjs`) does **not** make the link fail. The code is what
//! matters, so the name silently falls back to [`DEFAULT_FILE_NAME`]
//! (`actions.ts`), keeping the original extension when it is an allowed one
//! (`"my page.tsx"` → `"actions.tsx"`), so the code is still parsed in the
//! right dialect.
//!
//! # Limits, and why
//!
//! A link is untrusted input: anyone can craft one and send it to a
//! playground user, so decoding is bounded at every step.
//!
//! | Limit | Value | Why |
//! | --- | --- | --- |
//! | [`MAX_FRAGMENT_LEN`] | 2 MiB of fragment | No browser keeps a longer URL, so a longer one cannot be a real link. Checked first, before any other work. |
//! | [`MAX_JSON_UTF16_UNITS`] | 2 Mi + 64 Ki UTF-16 units of decompressed JSON | lz-string can expand about quadratically: a few kilobytes of link can describe gigabytes of text (a "zip bomb"). Decompression stops as soon as its output would pass this limit, which also bounds the decompressor's dictionary (at most two small records per output unit). Peak memory is a few tens of MB. |
//! | [`MAX_CODE_BYTES`] | 1 MiB of code | Far beyond any real Server Action file, and keeps analysis inside a browser tab responsive. Room is left in the JSON limit for code whose every character needs a JSON escape. |
//! | [`MAX_FILE_NAME_LEN`] | 128 bytes | It is a label, not a path; it keeps the UI tidy. |
//!
//! All of these are checked without panicking; exceeding one gives a
//! [`DecodeError`] with a readable message ([`DecodeError::TooLong`] or
//! [`DecodeError::TooLarge`]).

#![warn(missing_docs)]

pub mod lz;
pub mod project;
pub mod state;

pub use project::{decode_project, encode_project, ProjectFile, ProjectState, MAX_FILES};
pub use state::{
    decode, encode, is_valid_file_name, sanitize_file_name, DecodeError, PlaygroundState,
    ViewOptions, ALLOWED_EXTENSIONS, CURRENT_VERSION, DEFAULT_FILE_NAME, MAX_CODE_BYTES,
    MAX_FILE_NAME_LEN, MAX_FRAGMENT_LEN, MAX_JSON_UTF16_UNITS,
};
