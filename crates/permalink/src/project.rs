//! Links that carry several files: a thin action with its session helper, its action client or
//! its data layer in other tabs (issue #12).
//!
//! # Format
//!
//! ```text
//! #v2.<payload>
//! ```
//!
//! The payload is lz-string's `compressToEncodedURIComponent` of one JSON object:
//!
//! ```json
//! {"files":[{"name":"app/actions.ts","code":"…"},{"name":"lib/dal.ts","code":"…"}],
//!  "active":0,"selected":null,"options":{"show_fixed":true}}
//! ```
//!
//! `files` (1 to [`MAX_FILES`] objects with a string `name` and a string `code`) is required;
//! `active` (the open tab, default 0), `selected` and `options` are optional, and unknown fields
//! are ignored, as in `v1`. [`encode_project`] writes a one-file project as a `v1` link, so
//! single-file links stay readable by every earlier build, and [`decode_project`] reads both.
//!
//! # Limits
//!
//! Everything [`decode`](crate::decode) bounds is bounded here too (fragment length, decompressed
//! size). In addition: at most [`MAX_FILES`] files, and [`MAX_CODE_BYTES`] of code in all of them
//! together, so a project link costs the browser no more than a single-file one. A file name that
//! fails [`is_valid_file_name`] is replaced as in `v1` ([`sanitize_file_name`]); names that then
//! collide get `-2`, `-3`, … before their extension, since imports between tabs resolve by name.

use serde::{Deserialize, Serialize};

use crate::lz;
use crate::state::{
    is_valid_file_name, object_only, sanitize_file_name, split_body, DecodeError, PlaygroundState,
    ViewOptions, WireOptionsV1, MAX_CODE_BYTES, MAX_JSON_UTF16_UNITS,
};

/// Most files one link carries.
pub const MAX_FILES: usize = 32;

/// One file of a shared project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectFile {
    /// Its path, e.g. `lib/dal.ts`; decoded names always pass [`is_valid_file_name`] and are
    /// unique within the project.
    pub name: String,
    /// Its source code.
    pub code: String,
}

/// Everything a shared multi-file playground link restores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectState {
    /// The files, in tab order (never empty when decoded).
    pub files: Vec<ProjectFile>,
    /// The open tab (always `< files.len()` when decoded).
    pub active: usize,
    /// Index of the selected finding of the open tab, if any (may be out of range for the
    /// re-analysed code; treat that as no selection).
    pub selected: Option<usize>,
    /// Display options.
    pub options: ViewOptions,
}

impl From<PlaygroundState> for ProjectState {
    /// A single-file state as a one-tab project.
    fn from(state: PlaygroundState) -> Self {
        ProjectState {
            files: vec![ProjectFile {
                name: state.file_name,
                code: state.code,
            }],
            active: 0,
            selected: state.selected,
            options: state.options,
        }
    }
}

/// Encodes `state` as a fragment body (without `#`): `v1.` for one file (readable by every
/// build), `v2.` for several. Like [`crate::encode`], it does not validate; check names, the
/// file count and the total size before offering a link.
pub fn encode_project(state: &ProjectState) -> String {
    if let [only] = state.files.as_slice() {
        return crate::encode(&PlaygroundState {
            code: only.code.clone(),
            file_name: only.name.clone(),
            selected: state.selected,
            options: state.options,
        });
    }
    let wire = WireV2Out {
        files: state
            .files
            .iter()
            .map(|f| WireFileOut {
                name: &f.name,
                code: &f.code,
            })
            .collect(),
        active: state.active as u64,
        selected: state.selected.map(|i| i as u64),
        options: WireOptionsV1 {
            show_fixed: state.options.show_fixed,
        },
    };
    // Serialising strings, integers and booleans into a String cannot fail.
    let json = serde_json::to_string(&wire).expect("serialising the v2 state cannot fail");
    format!("v2.{}", lz::compress_to_encoded_uri_component(&json))
}

/// Decodes a `v1` (one file) or `v2` (several files) fragment, with or without the leading `#`.
///
/// # Errors
///
/// A [`DecodeError`] whose message can be shown to the user, as for [`crate::decode`], plus
/// [`DecodeError::TooManyFiles`].
pub fn decode_project(fragment: &str) -> Result<ProjectState, DecodeError> {
    let (version, payload) = split_body(fragment)?;
    match version {
        "v1" => crate::decode(fragment).map(ProjectState::from),
        "v2" => decode_v2(&payload),
        other => Err(DecodeError::UnknownVersion {
            version: other.to_owned(),
        }),
    }
}

fn decode_v2(payload: &str) -> Result<ProjectState, DecodeError> {
    let json = lz::decompress_from_encoded_uri_component(payload, MAX_JSON_UTF16_UNITS)
        .map_err(crate::state::from_lz_error)?;
    let mut de = serde_json::Deserializer::from_str(&json);
    let wire: WireV2In = object_only(&mut de).map_err(|e| DecodeError::InvalidData {
        detail: e.to_string(),
    })?;
    de.end().map_err(|e| DecodeError::InvalidData {
        detail: e.to_string(),
    })?;
    if wire.files.is_empty() {
        return Err(DecodeError::InvalidData {
            detail: "`files` is empty".to_owned(),
        });
    }
    if wire.files.len() > MAX_FILES {
        return Err(DecodeError::TooManyFiles {
            count: wire.files.len(),
        });
    }
    let total: usize = wire.files.iter().map(|f| f.0.code.len()).sum();
    if total > MAX_CODE_BYTES {
        return Err(DecodeError::TooLarge);
    }
    let mut files: Vec<ProjectFile> = Vec::with_capacity(wire.files.len());
    for FileObject(file) in wire.files {
        let name = unique_name(&sanitize_file_name(&file.name), &files);
        files.push(ProjectFile {
            name,
            code: file.code,
        });
    }
    let active = usize::try_from(wire.active)
        .ok()
        .filter(|&a| a < files.len())
        .unwrap_or(0);
    Ok(ProjectState {
        files,
        active,
        selected: wire.selected.and_then(|i| usize::try_from(i).ok()),
        options: ViewOptions {
            show_fixed: wire.options.show_fixed,
        },
    })
}

/// `name`, or `name` with `-2`, `-3`, … before its extension when another file has it.
fn unique_name(name: &str, taken: &[ProjectFile]) -> String {
    let is_taken = |n: &str| taken.iter().any(|f| f.name == n);
    if !is_taken(name) {
        return name.to_owned();
    }
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, "ts"));
    (2..)
        .map(|n| format!("{stem}-{n}.{ext}"))
        .find(|candidate| !is_taken(candidate) && is_valid_file_name(candidate))
        .unwrap_or_else(|| format!("file-{}.{ext}", taken.len() + 1))
}

// The v2 wire format: private and frozen, like v1's.

#[derive(Serialize)]
struct WireV2Out<'a> {
    files: Vec<WireFileOut<'a>>,
    active: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    selected: Option<u64>,
    options: WireOptionsV1,
}

#[derive(Serialize)]
struct WireFileOut<'a> {
    name: &'a str,
    code: &'a str,
}

#[derive(Deserialize)]
struct WireV2In {
    files: Vec<FileObject>,
    #[serde(default)]
    active: u64,
    #[serde(default)]
    selected: Option<u64>,
    #[serde(default, deserialize_with = "object_only")]
    options: WireOptionsV1,
}

#[derive(Deserialize)]
struct WireFileIn {
    name: String,
    code: String,
}

/// A file read from a JSON object only (not from an array of its fields).
struct FileObject(WireFileIn);

impl<'de> Deserialize<'de> for FileObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        object_only(deserializer).map(FileObject)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(n: usize) -> ProjectState {
        ProjectState {
            files: (0..n)
                .map(|i| ProjectFile {
                    name: format!("lib/file{i}.ts"),
                    code: format!("export const x{i} = {i};\n"),
                })
                .collect(),
            active: n - 1,
            selected: Some(2),
            options: ViewOptions { show_fixed: true },
        }
    }

    fn v2(json: &str) -> String {
        format!("#v2.{}", lz::compress_to_encoded_uri_component(json))
    }

    #[test]
    fn several_files_round_trip_as_v2() {
        let state = project(3);
        let fragment = encode_project(&state);
        assert!(fragment.starts_with("v2."));
        assert_eq!(decode_project(&format!("#{fragment}")), Ok(state));
    }

    #[test]
    fn one_file_is_written_as_v1_and_old_links_open() {
        let state = project(1);
        let fragment = encode_project(&state);
        assert!(fragment.starts_with("v1."));
        assert_eq!(decode_project(&fragment), Ok(state.clone()));
        // A link of the single-file format, as earlier builds wrote it.
        let old = crate::encode(&PlaygroundState {
            code: "'use server';\n".into(),
            file_name: "app/actions.ts".into(),
            selected: None,
            options: ViewOptions::default(),
        });
        let opened = decode_project(&old).unwrap();
        assert_eq!(opened.files.len(), 1);
        assert_eq!(opened.files[0].name, "app/actions.ts");
    }

    #[test]
    fn caps_on_files_and_total_size() {
        let too_many = encode_project(&project(MAX_FILES + 1));
        assert_eq!(
            decode_project(&too_many),
            Err(DecodeError::TooManyFiles {
                count: MAX_FILES + 1
            })
        );
        let big = "x".repeat(MAX_CODE_BYTES / 2 + 1);
        let json = format!(
            r#"{{"files":[{{"name":"a.ts","code":"{big}"}},{{"name":"b.ts","code":"{big}"}}]}}"#
        );
        assert_eq!(decode_project(&v2(&json)), Err(DecodeError::TooLarge));
    }

    #[test]
    fn malformed_projects_are_refused_with_a_message() {
        for json in [
            r#"{"files":[]}"#,
            r#"{"files":{}}"#,
            r#"{"files":"a.ts"}"#,
            r#"{"files":[{"name":"a.ts"}]}"#,
            r#"{"files":[{"code":"x"}]}"#,
            r#"{"files":[{"name":1,"code":"x"}]}"#,
            r#"{"files":[["a.ts","x"]]}"#,
            r#"[{"name":"a.ts","code":"x"}]"#,
            r#"{"files":[{"name":"a.ts","code":"x"}]} trailing"#,
            r#"{"files":[{"name":"a.ts","code":"x"}],"options":[true]}"#,
            r#"{"files":[{"name":"a.ts","code":"x"}],"active":-1}"#,
            "not json",
            "",
        ] {
            let err = decode_project(&v2(json)).expect_err(json);
            assert!(
                matches!(
                    err,
                    DecodeError::InvalidData { .. } | DecodeError::Truncated
                ),
                "{json}: {err:?}"
            );
            assert!(err.to_string().ends_with('.'), "a sentence: {err}");
        }
        assert!(matches!(
            decode_project("#v2."),
            Err(DecodeError::Truncated)
        ));
        assert!(matches!(
            decode_project("#v2.!!!"),
            Err(DecodeError::InvalidCharacter { .. })
        ));
        assert!(matches!(
            decode_project("#v9.abc"),
            Err(DecodeError::UnknownVersion { .. })
        ));
    }

    #[test]
    fn names_are_sanitised_made_unique_and_the_active_tab_kept_in_range() {
        let json = r#"{"files":[{"name":"lib/dal.ts","code":"a"},{"name":"lib/dal.ts","code":"b"},{"name":"../etc/passwd","code":"c"},{"name":"my page.tsx","code":"d"}],"active":99}"#;
        let state = decode_project(&v2(json)).unwrap();
        let names: Vec<&str> = state.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            ["lib/dal.ts", "lib/dal-2.ts", "actions.ts", "actions.tsx"]
        );
        assert_eq!(state.active, 0);
        assert!(state.files.iter().all(|f| is_valid_file_name(&f.name)));
    }
}
