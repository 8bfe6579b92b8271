//! A file's bytes to source text, refusing what is not a source file.
//!
//! Binary files, invalid UTF-8 and huge files become per-file problems; the run goes on.

/// Largest file checked (bytes).
pub const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// How many leading bytes are searched for NUL to detect binary files.
const BINARY_SNIFF: usize = 8 * 1024;

/// Why an input's text could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ReadProblem {
    /// Larger than [`MAX_FILE_SIZE`].
    #[error("file too large ({size} bytes; the limit is {} MB), skipped", MAX_FILE_SIZE / (1024 * 1024))]
    TooLarge {
        /// Size in bytes (at least the limit + 1).
        size: u64,
    },
    /// NUL bytes near the start: a binary file.
    #[error("not a text file (it contains NUL bytes), skipped")]
    Binary,
    /// Not UTF-8.
    #[error("not valid UTF-8 (invalid byte at offset {offset}), skipped; save the file as UTF-8")]
    NotUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The file could not be read at all.
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
}

impl ReadProblem {
    /// Whether the problem is an I/O failure (exit status 2) rather than unsuitable content.
    pub fn is_io(&self) -> bool {
        matches!(self, ReadProblem::Io(_))
    }
}

/// Checks that `bytes` are source text: at most [`MAX_FILE_SIZE`], no NUL in the first 8 KB,
/// valid UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadProblem> {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(ReadProblem::TooLarge {
            size: bytes.len() as u64,
        });
    }
    if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return Err(ReadProblem::Binary);
    }
    String::from_utf8(bytes).map_err(|e| ReadProblem::NotUtf8 {
        offset: e.utf8_error().valid_up_to(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_binary_and_invalid_utf8_are_told_apart() {
        assert_eq!(decode(b"const a = 1;".to_vec()).unwrap(), "const a = 1;");
        assert_eq!(decode(Vec::new()).unwrap(), "");
        assert!(matches!(
            decode(b"ab\0cd".to_vec()),
            Err(ReadProblem::Binary)
        ));
        assert!(matches!(
            decode(b"ok \xff".to_vec()),
            Err(ReadProblem::NotUtf8 { offset: 3 })
        ));
        assert_eq!(
            ReadProblem::TooLarge {
                size: 11 * 1024 * 1024
            }
            .to_string(),
            "file too large (11534336 bytes; the limit is 10 MB), skipped"
        );
    }
}
