//! Helpers shared by the integration tests.

/// The 64 characters lz-string's URI-safe compressor emits.
pub const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-";

/// Writes an lz-string bit stream by hand (same packing as the compressor),
/// to build inputs the compressor would never produce.
#[derive(Default)]
pub struct StreamWriter {
    out: String,
    val: u8,
    position: u32,
}

impl StreamWriter {
    /// An empty stream.
    pub fn new() -> Self {
        StreamWriter::default()
    }

    /// Appends the low `count` bits of `value`, least significant first.
    pub fn write(&mut self, mut value: u64, count: u32) {
        for _ in 0..count {
            self.val = (self.val << 1) | (value & 1) as u8;
            if self.position == 5 {
                self.out.push(char::from(ALPHABET[usize::from(self.val)]));
                self.position = 0;
                self.val = 0;
            } else {
                self.position += 1;
            }
            value >>= 1;
        }
    }

    /// Pads the last character with zero bits and returns the text.
    pub fn finish(mut self) -> String {
        while self.position != 0 {
            self.write(0, 1);
        }
        self.out
    }
}

/// A hand-made "zip bomb": the literal `a` followed by `codes`
/// back-references to the entry being defined, each one unit longer than the
/// last, so the output is quadratic in the input:
/// (codes + 1)(codes + 2) / 2 units of `a`.
pub fn bomb(codes: u64) -> String {
    let mut s = StreamWriter::new();
    s.write(0, 2);
    s.write(u64::from(b'a'), 8);
    // Mirror the decoder's code-width schedule.
    let (mut dict_size, mut enlarge_in, mut num_bits) = (4u64, 4u64, 3u32);
    for _ in 0..codes {
        s.write(dict_size, num_bits);
        dict_size += 1;
        enlarge_in -= 1;
        if enlarge_in == 0 {
            enlarge_in = 1 << num_bits;
            num_bits += 1;
        }
    }
    s.write(2, num_bits);
    s.finish()
}
