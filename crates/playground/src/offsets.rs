//! Position conversions between the analyzer's UTF-8 byte offsets and the UTF-16 code units that
//! the browser's `<textarea>` selection API counts.
//!
//! Every function clamps out-of-range input and snaps offsets that fall inside a character back
//! to its start, so a stale or crafted span can never panic.

/// Largest char boundary of `source` that is `<= byte` (clamped to the source length).
pub fn floor_char_boundary(source: &str, byte: usize) -> usize {
    let mut b = byte.min(source.len());
    while b > 0 && !source.is_char_boundary(b) {
        b -= 1;
    }
    b
}

/// Number of UTF-16 code units in `s`.
pub fn utf16_len(s: &str) -> u32 {
    s.chars().map(|c| c.len_utf16() as u32).sum()
}

/// Converts a UTF-8 byte offset into `source` to a UTF-16 offset.
pub fn byte_to_utf16(source: &str, byte: u32) -> u32 {
    let b = floor_char_boundary(source, byte as usize);
    utf16_len(&source[..b])
}

/// Converts a UTF-16 offset into `source` (as the textarea reports its caret) to a UTF-8 byte
/// offset. An offset inside a surrogate pair snaps back to the character's start.
pub fn utf16_to_byte(source: &str, unit: u32) -> u32 {
    let mut units = 0u32;
    for (i, c) in source.char_indices() {
        let next = units + c.len_utf16() as u32;
        if next > unit {
            return i as u32;
        }
        units = next;
    }
    source.len() as u32
}

/// The part of two versions of a text that changed: everything before `prefix` and everything
/// after `old_end` / `new_end` is identical. Boundaries are char boundaries in both texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditRegion {
    /// Length of the common prefix, in bytes.
    pub prefix: u32,
    /// End of the changed region in the old text (start of the common suffix).
    pub old_end: u32,
    /// End of the changed region in the new text (start of the common suffix).
    pub new_end: u32,
}

impl EditRegion {
    /// Computes the changed region between `old` and `new`.
    pub fn between(old: &str, new: &str) -> EditRegion {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        while !(old.is_char_boundary(prefix) && new.is_char_boundary(prefix)) {
            prefix -= 1;
        }
        let max_suffix = a.len().min(b.len()) - prefix;
        let mut suffix = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(max_suffix)
            .take_while(|(x, y)| x == y)
            .count();
        while !(old.is_char_boundary(a.len() - suffix) && new.is_char_boundary(b.len() - suffix)) {
            suffix -= 1;
        }
        EditRegion {
            prefix: prefix as u32,
            old_end: (a.len() - suffix) as u32,
            new_end: (b.len() - suffix) as u32,
        }
    }

    /// Whether the two texts are equal.
    pub fn is_empty(&self) -> bool {
        self.prefix == self.old_end && self.prefix == self.new_end
    }

    /// Moves a span of the old text into the new text: spans before the edit stay, spans after
    /// it shift, spans that touch the edited region are dropped (`None`).
    pub fn map_span(&self, start: u32, end: u32) -> Option<(u32, u32)> {
        if end <= self.prefix {
            return Some((start, end));
        }
        if start >= self.old_end {
            let shift = |x: u32| (x as i64 + self.new_end as i64 - self.old_end as i64) as u32;
            return Some((shift(start), shift(end)));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_surrogate_pairs_and_multibyte_chars() {
        let src = "a😀é\nb";
        assert_eq!(byte_to_utf16(src, 0), 0);
        assert_eq!(byte_to_utf16(src, 1), 1);
        assert_eq!(byte_to_utf16(src, 5), 3); // after the emoji (4 bytes, 2 units)
        assert_eq!(byte_to_utf16(src, 7), 4); // after é (2 bytes, 1 unit)
        assert_eq!(byte_to_utf16(src, 3), 1); // inside the emoji snaps back
        assert_eq!(byte_to_utf16(src, 999), utf16_len(src));
        assert_eq!(utf16_to_byte(src, 3), 5);
        assert_eq!(utf16_to_byte(src, 2), 1); // inside the surrogate pair snaps back
        assert_eq!(utf16_to_byte(src, 999), src.len() as u32);
    }

    #[test]
    fn edit_region_finds_the_typed_character() {
        let r = EditRegion::between("abcdef", "abcXdef");
        assert_eq!(
            r,
            EditRegion {
                prefix: 3,
                old_end: 3,
                new_end: 4
            }
        );
        assert_eq!(r.map_span(0, 2), Some((0, 2)));
        assert_eq!(r.map_span(4, 6), Some((5, 7)));
        assert_eq!(r.map_span(2, 5), None);
    }

    #[test]
    fn edit_region_respects_char_boundaries() {
        let r = EditRegion::between("xé", "xè");
        assert!("xé".is_char_boundary(r.prefix as usize));
        assert_eq!(r.prefix, 1);
        let r = EditRegion::between("aa", "a");
        assert_eq!((r.prefix, r.old_end, r.new_end), (1, 2, 1));
        assert!(EditRegion::between("same", "same").is_empty());
    }
}
