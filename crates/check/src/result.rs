//! One checked file: its text, the analyzer's report, and whatever stopped it being checked.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;

use actiongate_analyzer::{analyze, analyze_with_loader, Config, ModuleLoader, Options, Report};

use crate::text::ReadProblem;

/// A problem with a whole file (it could not be read, or the analysis failed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// What went wrong, for humans.
    pub message: String,
    /// Whether the problem is an I/O or internal failure (exit status 2).
    pub fatal: bool,
}

impl From<ReadProblem> for FileProblem {
    fn from(problem: ReadProblem) -> FileProblem {
        FileProblem {
            fatal: problem.is_io(),
            message: problem.to_string(),
        }
    }
}

impl FileProblem {
    /// The problem for an analyzer crash.
    pub fn internal_error(detail: &str) -> FileProblem {
        FileProblem {
            message: format!(
                "internal error while analysing this file ({detail}); please report it with the file"
            ),
            fatal: true,
        }
    }
}

/// Everything known about one checked file.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// The path shown to the user (relative, forward slashes).
    pub display: String,
    /// The file on disk that `--fix` may write (`None` for standard input, the API and the
    /// browser).
    pub path: Option<PathBuf>,
    /// The analysed text (`None` when it could not be read).
    pub source: Option<String>,
    /// The analyzer's report (`None` when the file was not analysed).
    pub report: Option<Report>,
    /// Whole-file problems.
    pub problems: Vec<FileProblem>,
    /// The configuration used (kept to re-analyse after `--fix`).
    pub config: Arc<Config>,
    /// The path given to the analyzer and the import resolver.
    pub analysis_path: PathBuf,
}

impl FileResult {
    /// Whether any whole-file problem is fatal, or the analyzer refused the file (too deeply
    /// nested to parse safely): a file nobody checked must not pass a security gate.
    pub fn failed(&self) -> bool {
        self.problems.iter().any(|p| p.fatal) || self.report.as_ref().is_some_and(|r| r.refused)
    }

    /// Analyses `text` (or records why there is none) into a new result, resolving imports
    /// through `loader` when given.
    pub fn new(
        display: String,
        path: Option<PathBuf>,
        analysis_path: PathBuf,
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
                let file_name = result.analysis_path.to_string_lossy();
                match analyze_text(&source, &file_name, &result.config, loader) {
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

/// Analyses one text, resolving imports through `loader` when given. A panic becomes a fatal
/// problem where unwinding exists (natively); in WebAssembly it traps and the caller reports it.
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
        FileProblem::internal_error(&detail)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn read_problems_keep_whether_they_are_fatal() {
        let binary = FileProblem::from(ReadProblem::Binary);
        assert!(!binary.fatal);
        let io = FileProblem::from(ReadProblem::Io(std::io::Error::other("gone")));
        assert!(io.fatal);
        assert_eq!(io.message, "cannot read file: gone");
    }
}
