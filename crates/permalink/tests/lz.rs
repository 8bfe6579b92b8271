//! Round trips and malformed input for the lz-string port.

use actiongate_permalink::lz::{
    compress_to_encoded_uri_component, compress_utf16_to_encoded_uri_component,
    decompress_from_encoded_uri_component, decompress_from_encoded_uri_component_utf16, LzError,
};

mod common;

use common::{bomb, StreamWriter, ALPHABET};

/// Small deterministic PRNG (xorshift64*), so tests need no extra crates.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn round_trip(text: &str) {
    let packed = compress_to_encoded_uri_component(text);
    assert!(
        packed.bytes().all(|b| ALPHABET.contains(&b)),
        "non-alphabet output for {text:?}"
    );
    let limit = text.encode_utf16().count();
    assert_eq!(
        decompress_from_encoded_uri_component(&packed, limit).as_deref(),
        Ok(text),
        "round trip of {:?}",
        text.chars().take(40).collect::<String>()
    );
}

#[test]
fn round_trips_ascii_unicode_emoji_and_empty() {
    for text in [
        "",
        "a",
        "ab",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "Hello, world!",
        "'use server';\nexport async function act(fd: FormData) {\n  return fd.get('x');\n}\n",
        "Grüße — ÆØÅ — Ελληνικά — العربية — עברית — हिन्दी — 中文 — 日本語",
        "😀😃😄😁 👩‍👩‍👧 🏳️‍🌈 🇺🇦 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐍈",
        "\u{0}\u{1}\u{ff}\u{100}\u{d7ff}\u{e000}\u{fffd}\u{ffff}\u{10000}\u{10ffff}",
    ] {
        round_trip(text);
    }
}

#[test]
fn round_trips_large_code() {
    // ~1.2 MB of realistic, repetitive TypeScript.
    let mut code = String::new();
    let mut i = 0u32;
    while code.len() < 1_200_000 {
        code.push_str(&format!(
            "export async function action{i}(id: string) {{\n  const s = await auth();\n  if (!s) throw new Error('no session {i}');\n  return db.item.update({{ where: {{ id }}, data: {{ n: {} }} }});\n}}\n",
            i * 7 % 1000
        ));
        i += 1;
    }
    round_trip(&code);
}

#[test]
fn round_trips_random_text() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..300 {
        let len = rng.below(if round < 290 { 300 } else { 60_000 });
        let text: String = (0..len)
            .map(|_| {
                let c = match rng.below(5) {
                    0 => rng.below(0x80) as u32,
                    1 => 0x80 + rng.below(0x780) as u32,
                    2 => 0x800 + rng.below(0xd000) as u32,
                    3 => 0x1_0000 + rng.below(0x1_0000) as u32,
                    _ => u32::from(b"etaoin "[rng.below(7) as usize]),
                };
                char::from_u32(c).unwrap_or('\u{fffd}')
            })
            .collect();
        round_trip(&text);
    }
}

#[test]
fn round_trips_any_utf16_including_lone_surrogates() {
    let mut rng = Rng(12345);
    for _ in 0..200 {
        let len = rng.below(200) as usize;
        let units: Vec<u16> = (0..len)
            .map(|_| match rng.below(3) {
                0 => 0xd800 + rng.below(0x800) as u16,
                1 => rng.below(8) as u16,
                _ => rng.below(0x1_0000) as u16,
            })
            .collect();
        let packed = compress_utf16_to_encoded_uri_component(&units);
        assert_eq!(
            decompress_from_encoded_uri_component_utf16(&packed, units.len()),
            Ok(units)
        );
    }
}

#[test]
fn empty_input_is_an_error() {
    assert_eq!(
        decompress_from_encoded_uri_component("", 100),
        Err(LzError::Empty)
    );
}

#[test]
fn characters_outside_the_alphabet_are_rejected_with_their_position() {
    let good = compress_to_encoded_uri_component("hello world, hello world");
    for bad in ['=', '/', '%', '.', '\0', '\n', 'é', '😀'] {
        let mut input = good.clone();
        input.insert(5, bad);
        assert_eq!(
            decompress_from_encoded_uri_component(&input, 1000),
            Err(LzError::InvalidChar { index: 5, ch: bad }),
            "char {bad:?}"
        );
        // Also after the end-of-stream marker: nothing outside the alphabet
        // is accepted anywhere.
        let mut trailing = good.clone();
        trailing.push(bad);
        assert!(matches!(
            decompress_from_encoded_uri_component(&trailing, 1000),
            Err(LzError::InvalidChar { ch, .. }) if ch == bad
        ));
    }
}

#[test]
fn space_reads_as_plus_and_dollar_as_zero_bits() {
    // Find a text whose encoding has both '+' and 'A' (deterministically).
    let (text, packed) = (0..)
        .map(|i| format!("sample {i} {}", "xyzzy".repeat(i % 7)))
        .map(|t| {
            let p = compress_to_encoded_uri_component(&t);
            (t, p)
        })
        .find(|(_, p)| p.contains('+') && p.contains('A'))
        .unwrap();
    let spaced = packed.replace('+', " ");
    assert_eq!(
        decompress_from_encoded_uri_component(&spaced, 1000).as_deref(),
        Ok(text.as_str())
    );
    let dollars = packed.replace('A', "$");
    assert_eq!(
        decompress_from_encoded_uri_component(&dollars, 1000).as_deref(),
        Ok(text.as_str())
    );
}

#[test]
fn every_truncation_is_reported() {
    for text in [
        "a",
        "Hello, world!",
        "export const x = 1;\n".repeat(50).as_str(),
        "😀 ünïcödé 😀",
    ] {
        let packed = compress_to_encoded_uri_component(text);
        for cut in 1..packed.len() {
            let result = decompress_from_encoded_uri_component(&packed[..cut], 10_000);
            if cut == packed.len() - 1 {
                // The last character may be pure padding after the end marker.
                assert!(
                    result == Err(LzError::Truncated) || result.as_deref() == Ok(text),
                    "cut {cut} of {packed}: {result:?}"
                );
            } else {
                assert_eq!(result, Err(LzError::Truncated), "cut {cut} of {packed}");
            }
        }
    }
}

#[test]
fn trailing_alphabet_characters_after_the_end_marker_are_ignored() {
    let packed = compress_to_encoded_uri_component("same as JavaScript");
    assert_eq!(
        decompress_from_encoded_uri_component(&format!("{packed}AAAAzz-+"), 100).as_deref(),
        Ok("same as JavaScript")
    );
}

#[test]
fn undefined_first_code_is_corrupt() {
    // The first code is 2 bits: 0 = 8-bit literal, 1 = 16-bit literal,
    // 2 = end of stream, 3 = undefined. 'w' is 110000: code bits 1,1 → 3.
    assert_eq!(
        decompress_from_encoded_uri_component("w", 100),
        Err(LzError::InvalidCode {
            code: 3,
            dict_size: 3
        })
    );
}

#[test]
fn reference_past_the_dictionary_is_corrupt() {
    // Literal 'a' (dictionary entries 0..=3), then code 5, one past the
    // "being defined" entry 4.
    let mut s = StreamWriter::new();
    s.write(0, 2);
    s.write(u64::from(b'a'), 8);
    s.write(5, 3);
    s.write(2, 3);
    let input = s.finish();
    assert_eq!(
        decompress_from_encoded_uri_component(&input, 100),
        Err(LzError::InvalidCode {
            code: 5,
            dict_size: 4
        })
    );
    // Same stream with code 4 (w + w[0]) instead is valid: "a" + "aa".
    let mut s = StreamWriter::new();
    s.write(0, 2);
    s.write(u64::from(b'a'), 8);
    s.write(4, 3);
    s.write(2, 3);
    assert_eq!(
        decompress_from_encoded_uri_component(&s.finish(), 100).as_deref(),
        Ok("aaa")
    );
}

#[test]
fn zip_bomb_is_stopped_at_the_limit() {
    // Sanity check of the construction on a small bomb.
    let small = bomb(10);
    assert_eq!(
        decompress_from_encoded_uri_component(&small, 1000).as_deref(),
        Ok("a".repeat(66).as_str())
    );
    // 60 000 codes ≈ 1.8 billion units from ~130 KB of input.
    let big = bomb(60_000);
    assert!(big.len() < 200_000, "bomb input is {} chars", big.len());
    assert_eq!(
        decompress_from_encoded_uri_component(&big, 1_000_000),
        Err(LzError::OutputTooLarge { limit: 1_000_000 })
    );
    // Same for a bomb made by the real compressor.
    let packed = compress_to_encoded_uri_component(&"ab".repeat(600_000));
    assert!(packed.len() < 10_000);
    assert_eq!(
        decompress_from_encoded_uri_component(&packed, 1_000_000),
        Err(LzError::OutputTooLarge { limit: 1_000_000 })
    );
    // A limit of zero only admits the empty text.
    assert_eq!(
        decompress_from_encoded_uri_component("Q", 0).as_deref(),
        Ok("")
    );
    assert_eq!(
        decompress_from_encoded_uri_component(&small, 0),
        Err(LzError::OutputTooLarge { limit: 0 })
    );
}

#[test]
fn random_garbage_never_panics_and_respects_the_limit() {
    let mut rng = Rng(0xdead_beef);
    let mut errors = 0;
    let mut successes = 0;
    for _ in 0..3000 {
        let len = 1 + rng.below(300) as usize;
        let input: String = (0..len)
            .map(|_| char::from(ALPHABET[rng.below(64) as usize]))
            .collect();
        match decompress_from_encoded_uri_component_utf16(&input, 5_000) {
            Ok(units) => {
                assert!(units.len() <= 5_000);
                successes += 1;
            }
            Err(LzError::Truncated | LzError::InvalidCode { .. }) => errors += 1,
            Err(LzError::OutputTooLarge { limit }) => {
                assert_eq!(limit, 5_000);
                errors += 1;
            }
            Err(other) => panic!("unexpected error {other:?} for {input}"),
        }
    }
    // About a quarter of random inputs start with the end-of-stream code and
    // decode to "", and some more happen to hit it later; the rest must fail.
    assert!(errors > 1500, "only {errors} errors");
    assert!(successes > 500, "only {successes} random inputs decoded");
}
