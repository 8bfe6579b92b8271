//! Encoding and decoding of playground links, including every kind of bad
//! link.

mod common;

use actiongate_permalink::lz::{
    compress_to_encoded_uri_component, compress_utf16_to_encoded_uri_component, LzError,
};
use actiongate_permalink::{
    decode, encode, is_valid_file_name, sanitize_file_name, DecodeError, PlaygroundState,
    ViewOptions, CURRENT_VERSION, DEFAULT_FILE_NAME, MAX_CODE_BYTES, MAX_FILE_NAME_LEN,
    MAX_FRAGMENT_LEN, MAX_JSON_UTF16_UNITS,
};

fn state(code: &str) -> PlaygroundState {
    PlaygroundState {
        code: code.to_owned(),
        file_name: "app/actions.ts".to_owned(),
        selected: Some(2),
        options: ViewOptions { show_fixed: true },
    }
}

/// A v1 link whose JSON text is `json` (built without going through
/// `encode`).
fn v1_link(json: &str) -> String {
    format!("v1.{}", compress_to_encoded_uri_component(json))
}

fn assert_round_trip(s: &PlaygroundState) {
    let fragment = encode(s);
    assert!(fragment.starts_with("v1."), "{fragment}");
    assert!(
        fragment[3..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-'),
        "fragment has characters that need escaping"
    );
    assert_eq!(decode(&fragment).as_ref(), Ok(s));
    assert_eq!(decode(&format!("#{fragment}")).as_ref(), Ok(s));
}

#[test]
fn round_trips() {
    assert_round_trip(&PlaygroundState::default());
    assert_round_trip(&state(""));
    assert_round_trip(&state("'use server';\nexport async function f() {}\n"));
    assert_round_trip(&state(
        "const s = \"ünïcödé — 中文 — \\\"quoted\\\" \t tab\";",
    ));
    assert_round_trip(&state("// 🚀 emoji 👩‍💻 and flags 🇯🇵\nconst x = '😀';"));
    assert_round_trip(&state("\u{0}\u{1f}\u{7f}\r\n"));
    let mut s = state("x");
    s.selected = None;
    s.options.show_fixed = false;
    s.file_name = "src/app/(group)/[id]/page.tsx".replace(['(', ')', '[', ']'], "");
    assert_round_trip(&s);
    s.selected = Some(usize::MAX);
    assert_round_trip(&s);
    for name in [
        "a.js",
        "x.jsx",
        "lib/util.mjs",
        "config.cjs",
        "my-file_v2.test.tsx",
    ] {
        s.file_name = name.to_owned();
        assert_round_trip(&s);
    }
}

#[test]
fn round_trips_large_code_up_to_the_limit() {
    let line = "export async function save(fd: FormData) { await db.save(fd.get('x')); }\n";
    let mut code = line.repeat(MAX_CODE_BYTES / line.len());
    code.push_str(&"/".repeat(MAX_CODE_BYTES - code.len()));
    assert_eq!(code.len(), MAX_CODE_BYTES);
    assert_round_trip(&state(&code));
}

#[test]
fn encode_writes_the_documented_v1_json() {
    let s = state("x");
    let fragment = encode(&s);
    let json = actiongate_permalink::lz::decompress_from_encoded_uri_component(
        fragment.strip_prefix("v1.").unwrap(),
        1000,
    )
    .unwrap();
    assert_eq!(
        json,
        r#"{"code":"x","file":"app/actions.ts","selected":2,"options":{"show_fixed":true}}"#
    );
    assert_eq!(CURRENT_VERSION, "v1");
    let mut none = s.clone();
    none.selected = None;
    let json =
        actiongate_permalink::lz::decompress_from_encoded_uri_component(&encode(&none)[3..], 1000)
            .unwrap();
    assert_eq!(
        json,
        r#"{"code":"x","file":"app/actions.ts","options":{"show_fixed":true}}"#
    );
}

#[test]
fn optional_fields_default_and_unknown_fields_are_ignored() {
    let decoded = decode(&v1_link(r#"{"code":"x"}"#)).unwrap();
    assert_eq!(
        decoded,
        PlaygroundState {
            code: "x".to_owned(),
            ..PlaygroundState::default()
        }
    );
    assert_eq!(decoded.file_name, DEFAULT_FILE_NAME);
    let decoded = decode(&v1_link(
        r#"{"code":"y","file":null,"selected":null,"options":{},"later":{"deep":[1,{"a":2}]}}"#,
    ))
    .unwrap();
    assert_eq!(decoded.code, "y");
    assert_eq!(decoded.file_name, DEFAULT_FILE_NAME);
    assert_eq!(decoded.selected, None);
    assert!(!decoded.options.show_fixed);
}

#[test]
fn empty_fragment() {
    assert_eq!(decode(""), Err(DecodeError::Empty));
    assert_eq!(decode("#"), Err(DecodeError::Empty));
}

#[test]
fn not_a_playground_link() {
    for fragment in [
        "hello",
        "#section-2",
        "V1.abc",
        "v.abc",
        "vx.abc",
        "v1x.abc",
        "v-1.abc",
        "v1234567890.abc",
        "1.abc",
        ".abc",
        "##v1.abc",
    ] {
        assert_eq!(
            decode(fragment),
            Err(DecodeError::NotAPermalink),
            "{fragment}"
        );
    }
}

#[test]
fn unknown_versions_are_named() {
    let payload = compress_to_encoded_uri_component(r#"{"code":"x"}"#);
    for version in ["v0", "v2", "v10", "v999999999"] {
        assert_eq!(
            decode(&format!("#{version}.{payload}")),
            Err(DecodeError::UnknownVersion {
                version: version.to_owned()
            })
        );
    }
    let message = decode("v2.abc").unwrap_err().to_string();
    assert!(message.contains("\u{201c}v2\u{201d}"), "{message}");
}

#[test]
fn truncated_links() {
    assert_eq!(decode("v1"), Err(DecodeError::Truncated));
    assert_eq!(decode("#v1."), Err(DecodeError::Truncated));
    let fragment = encode(&state(
        "'use server';\nexport async function f(id: string) {}\n",
    ));
    // Any cut that removes more than the final (possibly padding) character.
    for cut in 4..fragment.len() - 1 {
        assert_eq!(
            decode(&fragment[..cut]),
            Err(DecodeError::Truncated),
            "cut at {cut}"
        );
    }
    assert_eq!(
        DecodeError::Truncated.to_string(),
        "This link is incomplete \u{2014} it may have been cut off when copied."
    );
}

#[test]
fn bad_characters() {
    let fragment = encode(&state("x"));
    for bad in ['%', '=', '/', '.', '#', '?', '&', 'é', '\u{200b}'] {
        let mut broken = fragment.clone();
        broken.insert(6, bad);
        assert_eq!(
            decode(&broken),
            Err(DecodeError::InvalidCharacter { ch: bad }),
            "{bad:?}"
        );
    }
    let message = DecodeError::InvalidCharacter { ch: '%' }.to_string();
    assert!(message.contains("'%'"), "{message}");
}

#[test]
fn percent_encoded_payload_characters_are_restored() {
    // Find a state whose link contains both '+' and '-' (deterministically).
    let (s, fragment) = (0..)
        .map(|i| state(&format!("const v{i} = {};", i * 31)))
        .map(|s| {
            let f = encode(&s);
            (s, f)
        })
        .find(|(_, f)| f[3..].contains('+') && f[3..].contains('-'))
        .unwrap();
    let escaped = format!(
        "v1.{}",
        fragment[3..].replace('+', "%2B").replace('-', "%2d")
    );
    assert_ne!(escaped, fragment);
    assert_eq!(decode(&escaped), Ok(s.clone()));
    let spaced = fragment.replace('+', "%20");
    assert_eq!(decode(&spaced), Ok(s));
    // Other escapes stay invalid.
    assert_eq!(
        decode(&format!("{fragment}%41")),
        Err(DecodeError::InvalidCharacter { ch: '%' })
    );
    assert_eq!(
        decode(&format!("{fragment}%2")),
        Err(DecodeError::InvalidCharacter { ch: '%' })
    );
}

#[test]
fn huge_fragments_are_rejected_before_decoding() {
    let huge = format!("v1.{}", "A".repeat(MAX_FRAGMENT_LEN));
    assert_eq!(decode(&huge), Err(DecodeError::TooLong { len: huge.len() }));
    let huge_with_hash = format!("#{huge}");
    assert_eq!(
        decode(&huge_with_hash),
        Err(DecodeError::TooLong {
            len: huge_with_hash.len()
        })
    );
    // Exactly at the limit the fragment is read (and found incomplete: 'A'
    // is all zero bits, an endless run of literals with no end marker).
    let at_limit = format!("#v1.{}", "A".repeat(MAX_FRAGMENT_LEN - 3));
    assert_eq!(decode(&at_limit), Err(DecodeError::Truncated));
}

#[test]
fn valid_compression_of_invalid_json() {
    for json in [
        "not json",
        "{\"code\":",
        "{'code':'x'}",
        "",
        "{\"code\":\"x\"} trailing",
    ] {
        assert!(
            matches!(decode(&v1_link(json)), Err(DecodeError::InvalidData { .. })),
            "{json:?}"
        );
    }
}

#[test]
fn json_of_the_wrong_shape() {
    for json in [
        "null",
        "[1,2,3]",
        "\"code\"",
        "{}",
        r#"{"file":"a.ts"}"#,
        r#"{"code":5}"#,
        r#"{"code":null}"#,
        r#"{"code":"x","file":7}"#,
        r#"{"code":"x","selected":-1}"#,
        r#"{"code":"x","selected":1.5}"#,
        r#"{"code":"x","selected":"1"}"#,
        r#"{"code":"x","selected":1e30}"#,
        r#"["x"]"#,
        r#"["x","a.ts",1,[true]]"#,
        r#"{"code":"x","options":[]}"#,
        r#"{"code":"x","options":[true]}"#,
        r#"{"code":"x","options":null}"#,
        r#"{"code":"x","options":{"show_fixed":"yes"}}"#,
        r#"{"code":"x","code":"y"}"#,
    ] {
        match decode(&v1_link(json)) {
            Err(DecodeError::InvalidData { detail }) => assert!(!detail.is_empty()),
            other => panic!("{json}: {other:?}"),
        }
    }
    // The user sees a sentence, not the parser's detail.
    let err = decode(&v1_link(r#"{"code":5}"#)).unwrap_err();
    assert!(!err.to_string().contains("invalid type"), "{err}");
}

#[test]
fn corrupt_streams() {
    // 'w' starts with the undefined control code 3.
    assert_eq!(
        decode("v1.w"),
        Err(DecodeError::Corrupt {
            source: LzError::InvalidCode {
                code: 3,
                dict_size: 3
            }
        })
    );
    // JSON containing an unpaired surrogate (valid lz-string, invalid text).
    let mut units: Vec<u16> = r#"{"code":"x"#.encode_utf16().collect();
    units.push(0xd800);
    units.extend(r#""}"#.encode_utf16());
    let fragment = format!("v1.{}", compress_utf16_to_encoded_uri_component(&units));
    assert_eq!(
        decode(&fragment),
        Err(DecodeError::Corrupt {
            source: LzError::InvalidUtf16
        })
    );
}

#[test]
fn zip_bombs_are_stopped() {
    // Code one byte over the limit: the JSON fits, the code check catches it.
    let over = "a".repeat(MAX_CODE_BYTES + 1);
    let fragment = encode(&state(&over));
    assert!(
        fragment.len() < 10_000,
        "fragment is {} bytes",
        fragment.len()
    );
    assert_eq!(decode(&fragment), Err(DecodeError::TooLarge));
    // Multi-byte characters count in UTF-8 bytes.
    let wide = "é".repeat(MAX_CODE_BYTES / 2 + 1);
    assert_eq!(decode(&encode(&state(&wide))), Err(DecodeError::TooLarge));
    // JSON past the decompression limit: stopped while decompressing.
    let big_json = v1_link(&format!(
        r#"{{"code":"{}"}}"#,
        "a".repeat(MAX_JSON_UTF16_UNITS)
    ));
    assert!(big_json.len() < 20_000, "link is {} bytes", big_json.len());
    assert_eq!(decode(&big_json), Err(DecodeError::TooLarge));
    // A hand-made stream that would expand to ~1.8 billion UTF-16 units
    // (3.6 GB) from ~130 KB: only the decompression limit stops it.
    let bomb = format!("v1.{}", common::bomb(60_000));
    assert!(bomb.len() < 200_000, "bomb is {} bytes", bomb.len());
    assert_eq!(decode(&bomb), Err(DecodeError::TooLarge));
    assert_eq!(
        DecodeError::TooLarge.to_string(),
        "The code in this link is larger than the playground's limit of 1 MB."
    );
    assert_eq!(MAX_CODE_BYTES, 1 << 20);
}

#[test]
fn file_name_validation() {
    for valid in [
        "a.ts",
        "actions.ts",
        "page.tsx",
        "x.js",
        "x.jsx",
        "x.mjs",
        "x.cjs",
        "app/users/id/actions.ts",
        "My-File_2.test.ts",
        ".env.ts",
        "app/(shop)/[id]/actions.ts",
        "app/@modal/[...slug]/page.tsx",
    ] {
        assert!(is_valid_file_name(valid), "{valid}");
        assert_eq!(sanitize_file_name(valid), valid);
    }
    let long_ok = format!("{}.ts", "a".repeat(MAX_FILE_NAME_LEN - 3));
    assert!(is_valid_file_name(&long_ok));
    let too_long = format!("{}.ts", "a".repeat(MAX_FILE_NAME_LEN - 2));
    for (invalid, fallback) in [
        ("", "actions.ts"),
        ("actions", "actions.ts"),
        ("actions.py", "actions.ts"),
        ("actions.TS", "actions.ts"),
        (".ts", "actions.ts"),
        ("a.ts.exe", "actions.ts"),
        ("/etc/passwd.ts", "actions.ts"),
        ("../secret.ts", "actions.ts"),
        ("a/./b.ts", "actions.ts"),
        ("a//b.ts", "actions.ts"),
        ("dir/", "actions.ts"),
        ("my page.tsx", "actions.tsx"),
        ("<script>.jsx", "actions.jsx"),
        ("C:\\x.mjs", "actions.mjs"),
        ("ünï.ts", "actions.ts"),
        ("a\n.ts", "actions.ts"),
        (too_long.as_str(), "actions.ts"),
    ] {
        assert!(!is_valid_file_name(invalid), "{invalid:?}");
        assert_eq!(sanitize_file_name(invalid), fallback, "{invalid:?}");
        // A link with a bad name still loads, with the fallback name.
        let mut s = state("x");
        s.file_name = invalid.to_owned();
        let decoded = decode(&encode(&s)).unwrap();
        assert_eq!(decoded.file_name, fallback, "{invalid:?}");
        assert_eq!(decoded.code, "x");
    }
    assert_eq!(DEFAULT_FILE_NAME, "actions.ts");
}

#[test]
fn every_message_is_a_friendly_sentence() {
    let errors = [
        DecodeError::Empty,
        DecodeError::NotAPermalink,
        DecodeError::UnknownVersion {
            version: "v2".into(),
        },
        DecodeError::TooLong { len: 5 },
        DecodeError::Truncated,
        DecodeError::InvalidCharacter { ch: '%' },
        DecodeError::Corrupt {
            source: LzError::InvalidUtf16,
        },
        DecodeError::TooLarge,
        DecodeError::InvalidData {
            detail: "expected value at line 1 column 1".into(),
        },
    ];
    for err in &errors {
        let message = err.to_string();
        assert!(
            message.starts_with("This ") || message.starts_with("The "),
            "{message}"
        );
        assert!(message.ends_with('.'), "{message}");
        for jargon in ["lz", "UTF", "JSON", "code unit", "expected value", "Error"] {
            assert!(!message.contains(jargon), "{message:?} contains {jargon:?}");
        }
    }
    // The technical cause stays reachable for logging.
    let corrupt = &errors[6];
    assert!(std::error::Error::source(corrupt).is_some());
}
