//! A Rust port of lz-string's URI-safe codec (`compressToEncodedURIComponent`
//! and `decompressFromEncodedURIComponent` from pieroxy/lz-string 1.5.0).
//!
//! The compressor produces exactly the same text as the JavaScript library for
//! the same input, and the decompressor reads anything the JavaScript library
//! produces. Like the JavaScript code, both sides work on UTF-16 code units:
//! a `&str` is viewed through [`str::encode_utf16`], and a length limit is
//! counted in UTF-16 code units (what JavaScript calls `string.length`).
//!
//! # Differences from the JavaScript library (malformed input only)
//!
//! For every string the JavaScript compressor can produce, the results are
//! identical. On input the compressor could not have produced, the JavaScript
//! library returns `""`, `null` or garbage; this port returns an [`LzError`]
//! instead:
//!
//! * empty input → [`LzError::Empty`] (JavaScript: `null`);
//! * a character outside `A–Z a–z 0–9 + - $` → [`LzError::InvalidChar`]
//!   (JavaScript silently reads it as zero bits). A space is accepted as `+`
//!   and `$` is accepted as the all-zero digit, exactly as in JavaScript;
//! * input that ends before the end-of-stream marker → [`LzError::Truncated`]
//!   (JavaScript: `""`, or occasionally a prefix of the text);
//! * a back-reference to a dictionary entry that does not exist →
//!   [`LzError::InvalidCode`] (JavaScript: `null`);
//! * output longer than the caller's limit → [`LzError::OutputTooLarge`];
//! * output that is not valid UTF-16 (an unpaired surrogate) →
//!   [`LzError::InvalidUtf16`] from [`decompress_from_encoded_uri_component`]
//!   (the `_utf16` variant returns the raw code units instead).
//!
//! Anything after the end-of-stream marker is ignored, as in JavaScript.
//!
//! # Resource bounds
//!
//! Decompression never panics and always terminates. Every step of the
//! decoding loop appends at least one code unit to the output, and the output
//! is checked against `max_output_chars` *before* it grows, so the work done
//! and the memory used are proportional to `min(max_output_chars, output)`:
//! the output buffer holds at most `max_output_chars` units and the dictionary
//! holds at most two small `(start, len)` records per decoding step (entries
//! are stored as ranges of the output, never as separate strings).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The 65-character alphabet of lz-string's URI-safe encoding. The compressor
/// only ever emits the first 64 characters; `$` (value 64) is accepted by the
/// decompressor and, as in JavaScript, reads as six zero bits.
const URI_SAFE_ALPHABET: &[u8; 65] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$";

/// Number of payload bits carried by one output character.
const BITS_PER_CHAR: u32 = 6;

/// Value of the highest payload bit of one input character (JavaScript's
/// `resetValue`).
const RESET_MASK: u8 = 1 << (BITS_PER_CHAR - 1);

/// The one dictionary key that a plain JavaScript object cannot hold as an own
/// property: assigning `dict["__proto__"] = n` is silently ignored. lz-string
/// keeps its compression dictionary in such an object, so this phrase is never
/// added, and byte-for-byte compatibility requires the same omission.
const JS_PROTO_KEY: [u16; 9] = [
    b'_' as u16,
    b'_' as u16,
    b'p' as u16,
    b'r' as u16,
    b'o' as u16,
    b't' as u16,
    b'o' as u16,
    b'_' as u16,
    b'_' as u16,
];

/// Why an lz-string payload could not be decompressed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LzError {
    /// The compressed input was the empty string (the JavaScript library
    /// returns `null` for it).
    #[error("compressed input is empty")]
    Empty,
    /// The input contains a character outside the URI-safe alphabet
    /// (`A–Z a–z 0–9 + - $`, with a space read as `+`).
    #[error("invalid character {ch:?} at byte offset {index} of the compressed input")]
    InvalidChar {
        /// Byte offset of the character in the input `&str`.
        index: usize,
        /// The offending character.
        ch: char,
    },
    /// The input ended before the end-of-stream marker.
    #[error("compressed input ended before the end-of-stream marker")]
    Truncated,
    /// The input refers to a dictionary entry that does not exist (or uses an
    /// undefined control code), so it was not produced by lz-string.
    #[error("compressed input is corrupt: code {code} with only {dict_size} dictionary entries")]
    InvalidCode {
        /// The code that was read.
        code: u64,
        /// The number of dictionary entries (including the three reserved
        /// control codes) at the time it was read.
        dict_size: usize,
    },
    /// The decompressed text would be longer than the caller's limit.
    #[error("decompressed text would exceed the limit of {limit} UTF-16 code units")]
    OutputTooLarge {
        /// The limit that was passed in, in UTF-16 code units.
        limit: usize,
    },
    /// The decompressed code units are not valid UTF-16 (they contain an
    /// unpaired surrogate), so they cannot be represented as a Rust `String`.
    #[error("decompressed text is not valid UTF-16 (unpaired surrogate)")]
    InvalidUtf16,
}

// ---------------------------------------------------------------------------
// Compression
// ---------------------------------------------------------------------------

/// Compresses `input` exactly like lz-string's
/// `LZString.compressToEncodedURIComponent(input)`.
///
/// The result only contains `A–Z a–z 0–9 + -`, so it can be placed in a URL
/// fragment or query string without further escaping. Compressing `""`
/// yields `"Q"`, as in JavaScript.
pub fn compress_to_encoded_uri_component(input: &str) -> String {
    let units: Vec<u16> = input.encode_utf16().collect();
    compress_utf16_to_encoded_uri_component(&units)
}

/// Compresses a sequence of UTF-16 code units exactly like lz-string's
/// `compressToEncodedURIComponent` does for a JavaScript string with those
/// code units. Unlike a `&str`, `units` may contain unpaired surrogates,
/// which JavaScript strings can hold too.
pub fn compress_utf16_to_encoded_uri_component(units: &[u16]) -> String {
    Compressor::new(units.len()).run(units)
}

/// Hasher for the compressor's integer-keyed maps: one multiply-xorshift
/// round (splitmix64's finaliser). Much cheaper than SipHash, deterministic,
/// and available on `wasm32-unknown-unknown`. The keys come from the caller's
/// own input, so HashDoS resistance is not needed.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = self.0.rotate_left(32) ^ n;
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// Key of the phrase "`prefix` followed by `unit`" in the phrase map.
fn phrase_key(prefix: u64, unit: u16) -> u64 {
    (prefix << 16) | u64::from(unit)
}

/// Packs bits into URI-safe characters exactly like lz-string's `_compress`
/// with `bitsPerChar = 6`.
struct BitWriter {
    out: String,
    val: u8,
    position: u32,
}

impl BitWriter {
    /// Appends the low `count` bits of `value`, least significant first.
    fn write(&mut self, mut value: u64, count: u32) {
        for _ in 0..count {
            self.val = (self.val << 1) | (value & 1) as u8;
            if self.position == BITS_PER_CHAR - 1 {
                self.position = 0;
                self.out
                    .push(char::from(URI_SAFE_ALPHABET[usize::from(self.val)]));
                self.val = 0;
            } else {
                self.position += 1;
            }
            value >>= 1;
        }
    }

    /// Pads the last character with zero bits (always emitting one more
    /// character, as the JavaScript does) and returns the text.
    fn finish(mut self) -> String {
        loop {
            self.val <<= 1;
            if self.position == BITS_PER_CHAR - 1 {
                self.out
                    .push(char::from(URI_SAFE_ALPHABET[usize::from(self.val)]));
                break;
            }
            self.position += 1;
        }
        self.out
    }
}

/// State of one compression run; mirrors the `context_*` variables of
/// lz-string's `_compress`.
struct Compressor {
    /// Single code units seen so far: code, and whether the unit has not yet
    /// been written out as a literal (`context_dictionaryToCreate`).
    singles: KeyMap<(u64, bool)>,
    /// Multi-unit phrases: `phrase_key(code of prefix, last unit)` → code.
    phrases: KeyMap<u64>,
    dict_size: u64,
    num_bits: u32,
    enlarge_in: u64,
    bits: BitWriter,
    /// Whether to skip the phrase `__proto__` like JavaScript does (see
    /// [`JS_PROTO_KEY`]). Always `true` outside of tests.
    js_proto_quirk: bool,
}

impl Compressor {
    fn new(input_len: usize) -> Self {
        Compressor {
            singles: KeyMap::default(),
            phrases: KeyMap::default(),
            dict_size: 3,
            num_bits: 2,
            enlarge_in: 2,
            bits: BitWriter {
                out: String::with_capacity(input_len / 2 + 4),
                val: 0,
                position: 0,
            },
            js_proto_quirk: true,
        }
    }

    fn run(mut self, units: &[u16]) -> String {
        // The current phrase `w` is always `units[w_start..i]`, with code `w_code`.
        let mut w_code: Option<u64> = None;
        let mut w_start = 0usize;
        for (i, &unit) in units.iter().enumerate() {
            let unit_code = match self.singles.get(&u64::from(unit)) {
                Some(&(code, _)) => code,
                None => {
                    let code = self.dict_size;
                    self.singles.insert(u64::from(unit), (code, true));
                    self.dict_size += 1;
                    code
                }
            };
            let Some(code) = w_code else {
                w_code = Some(unit_code);
                w_start = i;
                continue;
            };
            let key = phrase_key(code, unit);
            if let Some(&extended) = self.phrases.get(&key) {
                w_code = Some(extended);
                continue;
            }
            self.emit_phrase(code, &units[w_start..i]);
            if !(self.js_proto_quirk && units[w_start..=i] == JS_PROTO_KEY) {
                self.phrases.insert(key, self.dict_size);
            }
            self.dict_size += 1;
            w_code = Some(unit_code);
            w_start = i;
        }
        if let Some(code) = w_code {
            self.emit_phrase(code, &units[w_start..]);
        }
        // End-of-stream marker.
        self.bits.write(2, self.num_bits);
        self.bits.finish()
    }

    /// Counts one emitted code, widening the code size when the dictionary
    /// has outgrown it.
    fn tick(&mut self) {
        self.enlarge_in -= 1;
        if self.enlarge_in == 0 {
            self.enlarge_in = 1u64 << self.num_bits;
            self.num_bits += 1;
        }
    }

    /// Writes the phrase `w` (whose code is `code`): as a literal the first
    /// time a single unit is written, as a dictionary code otherwise.
    fn emit_phrase(&mut self, code: u64, w: &[u16]) {
        let pending_literal = match w {
            [unit] => match self.singles.get_mut(&u64::from(*unit)) {
                Some(entry) if entry.1 => {
                    entry.1 = false;
                    Some(*unit)
                }
                _ => None,
            },
            _ => None,
        };
        match pending_literal {
            Some(unit) => {
                if unit < 256 {
                    self.bits.write(0, self.num_bits);
                    self.bits.write(u64::from(unit), 8);
                } else {
                    self.bits.write(1, self.num_bits);
                    self.bits.write(u64::from(unit), 16);
                }
                self.tick();
            }
            None => self.bits.write(code, self.num_bits),
        }
        self.tick();
    }
}

// ---------------------------------------------------------------------------
// Decompression
// ---------------------------------------------------------------------------

/// Decompresses the output of lz-string's `compressToEncodedURIComponent`
/// (like `LZString.decompressFromEncodedURIComponent`), returning it as a
/// `String`.
///
/// `max_output_chars` bounds the decompressed length in UTF-16 code units
/// (JavaScript `string.length`); decompression stops with
/// [`LzError::OutputTooLarge`] before the output would grow past it. See the
/// [module documentation](self) for how malformed input is reported.
///
/// # Errors
///
/// Any [`LzError`]; [`LzError::InvalidUtf16`] if the text contains an
/// unpaired surrogate.
pub fn decompress_from_encoded_uri_component(
    input: &str,
    max_output_chars: usize,
) -> Result<String, LzError> {
    let units = decompress_from_encoded_uri_component_utf16(input, max_output_chars)?;
    String::from_utf16(&units).map_err(|_| LzError::InvalidUtf16)
}

/// Like [`decompress_from_encoded_uri_component`], but returns the raw UTF-16
/// code units, which may include unpaired surrogates (as a JavaScript string
/// can).
///
/// # Errors
///
/// Any [`LzError`] except [`LzError::InvalidUtf16`].
pub fn decompress_from_encoded_uri_component_utf16(
    input: &str,
    max_output_chars: usize,
) -> Result<Vec<u16>, LzError> {
    if input.is_empty() {
        return Err(LzError::Empty);
    }
    let digits = input
        .char_indices()
        .map(|(index, ch)| digit_value(ch).ok_or(LzError::InvalidChar { index, ch }))
        .collect::<Result<Vec<u8>, LzError>>()?;
    Decompressor {
        reader: BitReader {
            digits: &digits,
            next: 0,
            val: 0,
            mask: 0,
        },
        out: Vec::new(),
        max_output: max_output_chars,
    }
    .run()
}

/// Value of one character of the URI-safe alphabet, as JavaScript's
/// `getBaseValue(keyStrUriSafe, …)` after replacing spaces with `+`.
fn digit_value(ch: char) -> Option<u8> {
    let ch = if ch == ' ' { '+' } else { ch };
    let byte = u8::try_from(ch).ok()?;
    // The alphabet has 65 entries, so the position always fits in a u8.
    URI_SAFE_ALPHABET
        .iter()
        .position(|&b| b == byte)
        .and_then(|p| u8::try_from(p).ok())
}

/// Reads bits from the digit values, most significant payload bit of each
/// character first (JavaScript's `data.val` / `data.position`). Characters
/// are loaded lazily, so running out of input is reported as soon as a bit
/// beyond the end is needed.
struct BitReader<'a> {
    digits: &'a [u8],
    next: usize,
    val: u8,
    mask: u8,
}

impl BitReader<'_> {
    fn read_bit(&mut self) -> Result<bool, LzError> {
        if self.mask == 0 {
            self.val = *self.digits.get(self.next).ok_or(LzError::Truncated)?;
            self.next += 1;
            self.mask = RESET_MASK;
        }
        let bit = self.val & self.mask != 0;
        self.mask >>= 1;
        Ok(bit)
    }

    /// Reads a `count`-bit number, least significant bit first.
    fn read_bits(&mut self, count: u32) -> Result<u64, LzError> {
        let mut value = 0u64;
        for i in 0..count {
            if self.read_bit()? {
                value |= 1u64 << i;
            }
        }
        Ok(value)
    }
}

/// State of one decompression run; mirrors lz-string's `_decompress`, with
/// dictionary entries stored as ranges of the output.
struct Decompressor<'a> {
    reader: BitReader<'a>,
    out: Vec<u16>,
    max_output: usize,
}

/// A dictionary entry or phrase: `len` code units of the output starting at
/// `start`.
#[derive(Clone, Copy)]
struct Span {
    start: usize,
    len: usize,
}

impl Decompressor<'_> {
    /// Fails unless `extra` more code units fit under the output limit.
    fn reserve(&self, extra: usize) -> Result<(), LzError> {
        if extra > self.max_output - self.out.len() {
            return Err(LzError::OutputTooLarge {
                limit: self.max_output,
            });
        }
        Ok(())
    }

    /// Reads the 8- or 16-bit literal that follows control code 0 or 1.
    fn read_literal(&mut self, control: u64) -> Result<u16, LzError> {
        let width = if control == 0 { 8 } else { 16 };
        // At most 16 bits were read, so the value fits.
        Ok(self.reader.read_bits(width)? as u16)
    }

    /// Appends a literal to the output and returns its span.
    fn push_literal(&mut self, unit: u16) -> Result<Span, LzError> {
        self.reserve(1)?;
        let start = self.out.len();
        self.out.push(unit);
        Ok(Span { start, len: 1 })
    }

    fn run(mut self) -> Result<Vec<u16>, LzError> {
        // Codes 0, 1 and 2 are control codes; `dict[code]` for code >= 3.
        let unused = Span { start: 0, len: 0 };
        let mut dict: Vec<Span> = vec![unused; 3];
        let mut enlarge_in: u64 = 4;
        let mut num_bits: u32 = 3;

        let first = match self.reader.read_bits(2)? {
            control @ (0 | 1) => self.read_literal(control)?,
            2 => return Ok(self.out),
            code => {
                return Err(LzError::InvalidCode {
                    code,
                    dict_size: dict.len(),
                })
            }
        };
        let mut w = self.push_literal(first)?;
        dict.push(w);

        loop {
            let code = self.reader.read_bits(num_bits)?;
            let entry = match code {
                0 | 1 => {
                    let unit = self.read_literal(code)?;
                    let span = self.push_literal(unit)?;
                    dict.push(span);
                    enlarge_in -= 1;
                    span
                }
                2 => return Ok(self.out),
                _ => {
                    let dict_size = dict.len();
                    let index = usize::try_from(code)
                        .ok()
                        .filter(|&i| i <= dict_size)
                        .ok_or(LzError::InvalidCode { code, dict_size })?;
                    let start = self.out.len();
                    if index < dict_size {
                        // A known phrase: copy it from where it first appeared.
                        let known = dict[index];
                        self.reserve(known.len)?;
                        self.out
                            .extend_from_within(known.start..known.start + known.len);
                        Span {
                            start,
                            len: known.len,
                        }
                    } else {
                        // The phrase being defined right now: w + w[0].
                        self.reserve(w.len + 1)?;
                        self.out.extend_from_within(w.start..w.start + w.len);
                        self.out.push(self.out[w.start]);
                        Span {
                            start,
                            len: w.len + 1,
                        }
                    }
                }
            };
            if enlarge_in == 0 {
                enlarge_in = 1u64 << num_bits;
                num_bits += 1;
            }
            // New entry w + entry[0]: `entry` was appended right after `w`,
            // so this phrase is the contiguous range starting at w.start.
            dict.push(Span {
                start: w.start,
                len: w.len + 1,
            });
            enlarge_in -= 1;
            w = entry;
            if enlarge_in == 0 {
                enlarge_in = 1u64 << num_bits;
                num_bits += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_string_compresses_to_q_and_back() {
        assert_eq!(compress_to_encoded_uri_component(""), "Q");
        assert_eq!(
            decompress_from_encoded_uri_component("Q", 10).as_deref(),
            Ok("")
        );
    }

    #[test]
    fn digit_values_follow_the_alphabet() {
        assert_eq!(digit_value('A'), Some(0));
        assert_eq!(digit_value('a'), Some(26));
        assert_eq!(digit_value('0'), Some(52));
        assert_eq!(digit_value('+'), Some(62));
        assert_eq!(digit_value(' '), Some(62));
        assert_eq!(digit_value('-'), Some(63));
        assert_eq!(digit_value('$'), Some(64));
        assert_eq!(digit_value('='), None);
        assert_eq!(digit_value('/'), None);
        assert_eq!(digit_value('é'), None);
    }

    #[test]
    fn proto_phrase_is_never_added_to_the_dictionary() {
        // With the phrase suppressed the compressor must still round-trip.
        let text = "__proto__".repeat(50);
        let packed = compress_to_encoded_uri_component(&text);
        assert_eq!(
            decompress_from_encoded_uri_component(&packed, text.len()).as_deref(),
            Ok(text.as_str())
        );
        // And it must differ from what an unrestricted dictionary gives; the
        // exact JavaScript output is checked by the fixture tests.
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut unrestricted = Compressor::new(units.len());
        unrestricted.js_proto_quirk = false;
        let unrestricted = unrestricted.run(&units);
        assert_eq!(
            decompress_from_encoded_uri_component(&unrestricted, text.len()).as_deref(),
            Ok(text.as_str())
        );
        assert_ne!(unrestricted, packed);
    }
}
