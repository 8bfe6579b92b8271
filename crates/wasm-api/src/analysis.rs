//! One checked file, as the shared renderers of [`crate::output`] expect it (the same fields as
//! the CLI's `FileResult`), and the checks on a file's bytes that the CLI makes before analysing.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use actiongate_analyzer::{analyze, analyze_with_loader, Config, ModuleLoader, Options, Report};

/// Largest file checked (bytes), as in the CLI.
pub const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// How many leading bytes are searched for NUL to detect binary files.
const BINARY_SNIFF: usize = 8 * 1024;

/// A problem with a whole file (it could not be read, or the analysis failed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// What went wrong, for humans.
    pub message: String,
    /// Whether the problem is an I/O or internal failure (exit status 2).
    pub fatal: bool,
}

/// Everything known about one checked file.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// The path shown to the user.
    pub display: String,
    /// The file on disk (`None` for standard input and the API).
    pub path: Option<String>,
    /// The analysed text (`None` when it could not be read).
    pub source: Option<String>,
    /// The analyzer's report (`None` when the file was not analysed).
    pub report: Option<Report>,
    /// Whole-file problems.
    pub problems: Vec<FileProblem>,
    /// The configuration used (kept to re-analyse after `--fix`).
    pub config: Arc<Config>,
    /// The file name given to the analyzer.
    pub analysis_path: String,
}

impl FileResult {
    /// Whether any whole-file problem is fatal, or the analyzer refused the file (too deeply
    /// nested to parse safely): a file nobody checked must not pass a security gate.
    pub fn failed(&self) -> bool {
        self.problems.iter().any(|p| p.fatal) || self.report.as_ref().is_some_and(|r| r.refused)
    }

    /// Analyses `text` (or records why there is none) into a new result.
    pub fn new(
        display: String,
        path: Option<String>,
        analysis_path: String,
        text: Result<String, FileProblem>,
        config: Arc<Config>,
        loader: Option<&dyn ModuleLoader>,
    ) -> FileResult {
        let mut result = FileResult {
            display,
            path,
            source: None,
            report: None,
            problems: Vec::new(),
            config,
            analysis_path,
        };
        match text {
            Ok(source) => {
                match analyze_text(&source, &result.analysis_path, &result.config, loader) {
                    Ok(report) => result.report = Some(report),
                    Err(problem) => result.problems.push(problem),
                }
                result.source = Some(source);
            }
            Err(problem) => result.problems.push(problem),
        }
        result
    }
}

/// Analyses one text, resolving imports through `loader` when given (the CLI gives one for
/// files inside a project). A panic becomes a fatal problem where unwinding exists (natively);
/// in WebAssembly it traps and the JavaScript side reports it.
pub fn analyze_text(
    source: &str,
    file_name: &str,
    config: &Config,
    loader: Option<&dyn ModuleLoader>,
) -> Result<Report, FileProblem> {
    let options = Options {
        file_name: file_name.to_string(),
        config: config.clone(),
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| match loader {
        Some(loader) => analyze_with_loader(source, &options, loader),
        None => analyze(source, &options),
    }));
    outcome.map_err(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        internal_error(&detail)
    })
}

/// The per-file problem for an analyzer crash, worded as in the CLI.
pub fn internal_error(detail: &str) -> FileProblem {
    FileProblem {
        message: format!(
            "internal error while analysing this file ({detail}); please report it with the file"
        ),
        fatal: true,
    }
}

/// The problem for a file larger than [`MAX_FILE_SIZE`], worded as in the CLI.
pub fn too_large(size: u64) -> FileProblem {
    FileProblem {
        message: format!(
            "file too large ({size} bytes; the limit is {} MB), skipped",
            MAX_FILE_SIZE / (1024 * 1024)
        ),
        fatal: false,
    }
}

/// Checks that `bytes` are text as the CLI does: at most [`MAX_FILE_SIZE`], no NUL in the first
/// 8 KB, valid UTF-8. Refused content is a non-fatal problem (the file is skipped).
pub fn decode(bytes: Vec<u8>) -> Result<String, FileProblem> {
    let skipped = |message: String| FileProblem {
        message,
        fatal: false,
    };
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_large(bytes.len() as u64));
    }
    if bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0) {
        return Err(skipped(
            "not a text file (it contains NUL bytes), skipped".to_string(),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        skipped(format!(
            "not valid UTF-8 (invalid byte at offset {}), skipped; save the file as UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_checked_like_the_cli_does() {
        assert_eq!(decode(b"const a = 1;".to_vec()).unwrap(), "const a = 1;");
        assert_eq!(decode(Vec::new()).unwrap(), "");
        let binary = decode(b"ab\0cd".to_vec()).unwrap_err();
        assert_eq!(
            binary.message,
            "not a text file (it contains NUL bytes), skipped"
        );
        assert!(!binary.fatal);
        assert!(decode(b"ok \xff".to_vec())
            .unwrap_err()
            .message
            .contains("invalid byte at offset 3"));
        assert_eq!(
            too_large(11 * 1024 * 1024).message,
            "file too large (11534336 bytes; the limit is 10 MB), skipped"
        );
    }

    #[test]
    fn a_result_keeps_its_source_and_report() {
        let r = FileResult::new(
            "a.ts".into(),
            None,
            "a.ts".into(),
            Ok("\"use server\";\nexport async function f(id: string) { await db.post.delete({ where: { id } }); }\n".into()),
            Arc::default(),
            None,
        );
        assert!(!r.failed());
        assert_eq!(r.report.unwrap().findings[0].rule, "missing-authn");
    }
}
