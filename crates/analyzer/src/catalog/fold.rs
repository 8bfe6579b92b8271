//! Case- and separator-insensitive names without allocating: the catalog compares names such as
//! `user_id`, `userId` and `USERID` on every identifier the walker sees, so folding them must not
//! cost a heap allocation.

/// Names up to this many bytes fold on the stack; longer ones (rare) go to the heap.
const INLINE: usize = 48;

/// Calls `f` with `name` in ASCII lower case and without the bytes in `drop` (for example
/// `b"_"`, or `b""` to only lower the case).
pub fn with_folded<R>(name: &str, drop: &[u8], f: impl FnOnce(&str) -> R) -> R {
    if name.len() > INLINE {
        let mut s = name.to_ascii_lowercase();
        s.retain(|c| !(c.is_ascii() && drop.contains(&(c as u8))));
        return f(&s);
    }
    let mut buf = [0u8; INLINE];
    let mut len = 0;
    for &b in name.as_bytes() {
        if !drop.contains(&b) {
            buf[len] = b.to_ascii_lowercase();
            len += 1;
        }
    }
    // Only ASCII bytes were changed or removed, which never splits a multi-byte character.
    f(std::str::from_utf8(&buf[..len]).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_separators() {
        let folded = |n: &str, d: &[u8]| with_folded(n, d, str::to_string);
        assert_eq!(folded("User_Id", b"_"), "userid");
        assert_eq!(folded("sign-in_Action", b"_-"), "signinaction");
        assert_eq!(folded("ÄbC", b""), "Äbc");
        assert_eq!(folded(&"A_".repeat(40), b"_"), "a".repeat(40));
    }
}
