//! Reading an input's text from disk or standard input; what counts as source text is decided by
//! `actiongate_check::text`, the same for the CLI, npm and the browser.

use std::io::Read;
use std::path::Path;

use actiongate_check::text::{decode, ReadProblem, MAX_FILE_SIZE};

/// Reads a file as source text.
pub fn read_file(path: &Path) -> Result<String, ReadProblem> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_FILE_SIZE {
        return Err(ReadProblem::TooLarge { size });
    }
    read_limited(file)
}

/// Reads a stream (standard input, or a file) as source text, at most [`MAX_FILE_SIZE`] bytes.
pub fn read_limited(reader: impl Read) -> Result<String, ReadProblem> {
    let mut bytes = Vec::new();
    reader.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes)?;
    decode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_over_the_limit_are_refused() {
        let big = std::io::repeat(b'a').take(MAX_FILE_SIZE + 10);
        assert!(matches!(
            read_limited(big),
            Err(ReadProblem::TooLarge { .. })
        ));
    }
}
