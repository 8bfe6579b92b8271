//! The playground's shareable state and its versioned URL-fragment format.
//!
//! See the [crate documentation](crate) for the format and the limits.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::lz::{self, LzError};

/// The format version written by [`encode`].
pub const CURRENT_VERSION: &str = "v1";

/// Longest fragment [`decode`] accepts, in bytes (leading `#` included):
/// 2 MiB, about the longest URL a browser keeps.
pub const MAX_FRAGMENT_LEN: usize = 2 * 1024 * 1024;

/// Largest `code` [`decode`] accepts, in UTF-8 bytes: 1 MiB.
// `DecodeError::TooLarge`'s message says "1 MB": keep the two in sync.
pub const MAX_CODE_BYTES: usize = 1024 * 1024;

/// Largest decompressed JSON document [`decode`] accepts for a `v1` link, in
/// UTF-16 code units: room for [`MAX_CODE_BYTES`] of code even if every
/// character needed a two-character JSON escape (`\n`, `\t`, `\"`), plus
/// 64 Ki units for the other fields.
pub const MAX_JSON_UTF16_UNITS: usize = 2 * MAX_CODE_BYTES + 64 * 1024;

/// Longest accepted file name, in bytes (file names are ASCII).
pub const MAX_FILE_NAME_LEN: usize = 128;

/// File name used when a link has none or an invalid one.
pub const DEFAULT_FILE_NAME: &str = "actions.ts";

/// File extensions a file name may have (lower case only).
pub const ALLOWED_EXTENSIONS: [&str; 6] = ["ts", "tsx", "js", "jsx", "mjs", "cjs"];

/// Everything a shared playground link restores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaygroundState {
    /// The source code in the editor.
    pub code: String,
    /// The file name the code is analysed as (its extension selects the
    /// parser dialect). [`decode`] only ever returns names that pass
    /// [`is_valid_file_name`].
    pub file_name: String,
    /// Index of the selected finding, if any. Links do not store the findings
    /// themselves, so the index may be out of range for the re-analysed code;
    /// the playground should treat an out-of-range index as "no selection".
    pub selected: Option<usize>,
    /// Display options.
    pub options: ViewOptions,
}

impl Default for PlaygroundState {
    /// Empty code, [`DEFAULT_FILE_NAME`], nothing selected, default options.
    fn default() -> Self {
        PlaygroundState {
            code: String::new(),
            file_name: DEFAULT_FILE_NAME.to_owned(),
            selected: None,
            options: ViewOptions::default(),
        }
    }
}

/// Display options saved in a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ViewOptions {
    /// Show the suggested fixed version of the code next to the findings.
    pub show_fixed: bool,
}

/// Why a fragment could not be turned into a [`PlaygroundState`].
///
/// The [`Display`](std::fmt::Display) text of every variant is a complete
/// sentence meant to be shown to the user as is. Technical details, where
/// there are any, are in the variant's fields and its
/// [`source`](std::error::Error::source), not in the message.
///
/// New variants may be added when new formats are; match with a `_` arm.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The fragment is empty (or just `#`): there is no shared state, and the
    /// playground should start with its default state rather than show an
    /// error.
    #[error("This link doesn't contain a shared playground.")]
    Empty,
    /// The fragment does not start with a version marker such as `v1.`, so it
    /// is not a playground link at all.
    #[error("This link doesn't look like a playground link.")]
    NotAPermalink,
    /// The fragment has a well-formed version marker this build does not know.
    #[error(
        "This link was made with a different version of the playground \
         (format \u{201c}{version}\u{201d}) and can't be opened here \u{2014} \
         try reloading the page to get the latest playground."
    )]
    UnknownVersion {
        /// The version marker, e.g. `"v7"`.
        version: String,
    },
    /// The fragment is longer than [`MAX_FRAGMENT_LEN`].
    #[error("This link is too long for the playground to open.")]
    TooLong {
        /// Length of the fragment in bytes.
        len: usize,
    },
    /// The compressed data ends too early.
    #[error("This link is incomplete \u{2014} it may have been cut off when copied.")]
    Truncated,
    /// The fragment contains a character that never appears in a link.
    #[error(
        "This link contains a character ({ch:?}) that doesn't belong in a playground link \
         \u{2014} it may have been changed when copied."
    )]
    InvalidCharacter {
        /// The offending character.
        ch: char,
    },
    /// The compressed data is damaged.
    #[error("This link is damaged and can't be opened \u{2014} try copying it again.")]
    Corrupt {
        /// What the decompressor found.
        #[source]
        source: LzError,
    },
    /// The shared code is larger than the playground accepts.
    #[error("The code in this link is larger than the playground's limit of 1 MB.")]
    TooLarge,
    /// A project link carries more files than the playground opens.
    #[error(
        "This link carries {count} files; the playground opens at most {max}.",
        max = crate::project::MAX_FILES
    )]
    TooManyFiles {
        /// How many files the link carries.
        count: usize,
    },
    /// The data decompressed, but is not a playground state of the expected
    /// shape (not JSON, missing `code`, wrong field types, …).
    #[error(
        "This link's contents aren't in the format the playground expects \u{2014} \
         it may be damaged or come from an incompatible version."
    )]
    InvalidData {
        /// The JSON parser's description of the problem, for logs.
        detail: String,
    },
}

/// Encodes `state` as a fragment body (without the leading `#`), in the
/// current format: `v1.` followed by lz-string-compressed JSON.
///
/// The result only contains `A–Z a–z 0–9 . + -`, so it can be assigned to
/// `location.hash` as is. `encode` does not validate: [`decode`] replaces an
/// invalid `file_name` with a default and rejects code over
/// [`MAX_CODE_BYTES`], so check those before offering a link.
pub fn encode(state: &PlaygroundState) -> String {
    let wire = WireV1Out {
        code: &state.code,
        file: &state.file_name,
        selected: state.selected.map(|i| i as u64),
        options: WireOptionsV1 {
            show_fixed: state.options.show_fixed,
        },
    };
    // Serialising strings, integers and booleans into a String cannot fail.
    let json = serde_json::to_string(&wire).expect("serialising the v1 state cannot fail");
    let mut fragment = String::with_capacity(CURRENT_VERSION.len() + 1 + json.len() / 2);
    fragment.push_str(CURRENT_VERSION);
    fragment.push('.');
    fragment.push_str(&lz::compress_to_encoded_uri_component(&json));
    fragment
}

/// Decodes a fragment produced by [`encode`] (by this or any earlier
/// version of the playground).
///
/// `fragment` may include the leading `#` (as `location.hash` returns it) or
/// not. The payload may also have been percent-encoded by an over-eager
/// copy step: `%2B`, `%2D`, `%24` and `%20` are read as `+`, `-`, `$` and a
/// space (which lz-string reads as `+`).
///
/// An out-of-range `selected` index (one that does not fit in `usize`) is
/// dropped to `None`; an invalid file name is replaced as described in
/// [`sanitize_file_name`].
///
/// # Errors
///
/// A [`DecodeError`] whose message can be shown to the user. An empty
/// fragment gives [`DecodeError::Empty`], which normally means "start with
/// the default state" rather than an error.
pub fn decode(fragment: &str) -> Result<PlaygroundState, DecodeError> {
    let (version, payload) = split_body(fragment)?;
    match version {
        "v1" => decode_v1(&payload),
        // A future format is added here, e.g. `"v2" => decode_v2(&payload)`,
        // while `"v1"` keeps its decoder so old links keep loading.
        other => Err(DecodeError::UnknownVersion {
            version: other.to_owned(),
        }),
    }
}

/// Whether `name` is acceptable as [`PlaygroundState::file_name`]:
///
/// * 1 to [`MAX_FILE_NAME_LEN`] characters from `A–Z a–z 0–9 . _ / - [ ] ( ) @ +` (the last
///   six for Next.js route folders such as `app/(shop)/[id]/` and `@modal`);
/// * `/`-separated segments, none empty, `.` or `..` (so no leading or
///   trailing `/`, no `//`);
/// * the last segment is a non-empty stem, a `.`, and one of
///   [`ALLOWED_EXTENSIONS`] (lower case), e.g. `app/actions.ts`.
pub fn is_valid_file_name(name: &str) -> bool {
    if name.is_empty() || name.len() > MAX_FILE_NAME_LEN {
        return false;
    }
    let allowed_byte = |b: u8| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'.' | b'_' | b'/' | b'-' | b'[' | b']' | b'(' | b')' | b'@' | b'+'
            )
    };
    if !name.bytes().all(allowed_byte) {
        return false;
    }
    if name
        .split('/')
        .any(|segment| segment.is_empty() || segment == "." || segment == "..")
    {
        return false;
    }
    let last = name.rsplit('/').next().unwrap_or(name);
    match last.rsplit_once('.') {
        Some((stem, ext)) => !stem.is_empty() && ALLOWED_EXTENSIONS.contains(&ext),
        None => false,
    }
}

/// Returns `name` if [`is_valid_file_name`] accepts it; otherwise
/// [`DEFAULT_FILE_NAME`] with its extension replaced by `name`'s if that is
/// one of [`ALLOWED_EXTENSIONS`] (so `"my page.tsx"` becomes
/// `"actions.tsx"` and keeps being parsed as TSX), else `DEFAULT_FILE_NAME`
/// itself.
pub fn sanitize_file_name(name: &str) -> String {
    if is_valid_file_name(name) {
        return name.to_owned();
    }
    let stem = DEFAULT_FILE_NAME
        .rsplit_once('.')
        .map_or(DEFAULT_FILE_NAME, |(stem, _)| stem);
    match name.rsplit_once('.') {
        Some((_, ext)) if ALLOWED_EXTENSIONS.contains(&ext) => format!("{stem}.{ext}"),
        _ => DEFAULT_FILE_NAME.to_owned(),
    }
}

/// Checks a fragment's length and splits it into its version marker and its payload (with
/// percent-encoding undone): the steps every format shares.
pub(crate) fn split_body(fragment: &str) -> Result<(&str, std::borrow::Cow<'_, str>), DecodeError> {
    let body = fragment.strip_prefix('#').unwrap_or(fragment);
    if body.len() > MAX_FRAGMENT_LEN {
        return Err(DecodeError::TooLong {
            len: fragment.len(),
        });
    }
    if body.is_empty() {
        return Err(DecodeError::Empty);
    }
    let (version, payload) = split_version(body)?;
    Ok((version, undo_percent_encoding(payload)))
}

/// Splits `v<digits>.<payload>` into the version marker and the payload.
fn split_version(body: &str) -> Result<(&str, &str), DecodeError> {
    let is_version = |s: &str| {
        s.strip_prefix('v')
            .is_some_and(|d| (1..=9).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
    };
    match body.split_once('.') {
        Some((version, payload)) if is_version(version) => Ok((version, payload)),
        // "v1" with nothing after it: the link was cut right after the marker.
        None if is_version(body) => Err(DecodeError::Truncated),
        _ => Err(DecodeError::NotAPermalink),
    }
}

/// Undoes percent-encoding of the few payload characters that URL-encoding
/// helpers escape (`+`, `-`, `$`, space). Anything else is left for the
/// decompressor to reject.
fn undo_percent_encoding(payload: &str) -> std::borrow::Cow<'_, str> {
    if !payload.contains('%') {
        return std::borrow::Cow::Borrowed(payload);
    }
    let mut out = String::with_capacity(payload.len());
    let mut rest = payload;
    while let Some(pos) = rest.find('%') {
        out.push_str(&rest[..pos]);
        let escape = rest.get(pos..pos + 3).unwrap_or("");
        let decoded = match escape.to_ascii_uppercase().as_str() {
            "%2B" => Some('+'),
            "%2D" => Some('-'),
            "%24" => Some('$'),
            "%20" => Some(' '),
            _ => None,
        };
        match decoded {
            Some(ch) => {
                out.push(ch);
                rest = &rest[pos + 3..];
            }
            None => {
                out.push('%');
                rest = &rest[pos + 1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Decodes the payload of a `v1` link.
fn decode_v1(payload: &str) -> Result<PlaygroundState, DecodeError> {
    let json = lz::decompress_from_encoded_uri_component(payload, MAX_JSON_UTF16_UNITS)
        .map_err(from_lz_error)?;
    let wire = parse_v1_json(&json).map_err(|detail| DecodeError::InvalidData { detail })?;
    if wire.code.len() > MAX_CODE_BYTES {
        return Err(DecodeError::TooLarge);
    }
    Ok(PlaygroundState {
        code: wire.code,
        file_name: wire
            .file
            .as_deref()
            .map_or_else(|| DEFAULT_FILE_NAME.to_owned(), sanitize_file_name),
        selected: wire.selected.and_then(|i| usize::try_from(i).ok()),
        options: ViewOptions {
            show_fixed: wire.options.show_fixed,
        },
    })
}

/// Parses `v1` JSON strictly: the document must be one JSON object with no
/// duplicate keys, and nothing may follow it.
fn parse_v1_json(json: &str) -> Result<WireV1In, String> {
    let mut de = serde_json::Deserializer::from_str(json);
    let wire = object_only(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(wire)
}

/// Deserialises a struct from a JSON object only. Derived struct
/// deserialisers also accept JSON arrays (fields read by position), which
/// would let `["…"]` pass as a state; this refuses them.
pub(crate) fn object_only<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ObjectVisitor<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map))
        }
    }

    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// Maps a decompression failure to the message the user sees.
pub(crate) fn from_lz_error(err: LzError) -> DecodeError {
    match err {
        LzError::Empty | LzError::Truncated => DecodeError::Truncated,
        LzError::InvalidChar { ch, .. } => DecodeError::InvalidCharacter { ch },
        LzError::OutputTooLarge { .. } => DecodeError::TooLarge,
        source @ (LzError::InvalidCode { .. } | LzError::InvalidUtf16) => {
            DecodeError::Corrupt { source }
        }
    }
}

// The v1 wire format. These types are private and frozen: changing
// `PlaygroundState` must not change what a v1 link means. A change that old
// builds cannot ignore needs a new version (and a `decode_v2`).

/// `v1` JSON, as written.
#[derive(Serialize)]
struct WireV1Out<'a> {
    code: &'a str,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    selected: Option<u64>,
    options: WireOptionsV1,
}

/// `v1` JSON, as read: only `code` is required; unknown fields are ignored
/// so that optional additions stay readable by older builds.
#[derive(Deserialize)]
struct WireV1In {
    code: String,
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    selected: Option<u64>,
    #[serde(default, deserialize_with = "object_only")]
    options: WireOptionsV1,
}

/// `v1` view options.
#[derive(Serialize, Deserialize, Default)]
pub(crate) struct WireOptionsV1 {
    #[serde(default)]
    pub(crate) show_fixed: bool,
}
