//! Reading an input's text from a file or standard input; what counts as source text is decided
//! by [`crate::text`], the same for the CLI, npm and the browser.

use std::path::Path;

use super::host::Host;
use crate::text::{decode, ReadProblem, MAX_FILE_SIZE};

/// Reads a file as source text (refused unread when it is over [`MAX_FILE_SIZE`]).
pub fn read_file(path: &Path, host: &dyn Host) -> Result<String, ReadProblem> {
    let size = host.file_size(path)?;
    if size > MAX_FILE_SIZE {
        return Err(ReadProblem::TooLarge { size });
    }
    decode(host.read(path)?)
}

/// Reads standard input as source text, at most [`MAX_FILE_SIZE`] bytes and one more (to know
/// it is too large).
pub fn read_stdin(host: &dyn Host) -> Result<String, ReadProblem> {
    decode(host.read_stdin(MAX_FILE_SIZE + 1)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::host::tests::MemoryHost;

    #[test]
    fn input_over_the_limit_is_refused() {
        let host = MemoryHost {
            stdin: "a".repeat(MAX_FILE_SIZE as usize + 10),
            ..MemoryHost::default()
        };
        assert!(matches!(
            read_stdin(&host),
            Err(ReadProblem::TooLarge { .. })
        ));
    }
}
