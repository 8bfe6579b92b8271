//! Analysing inputs in parallel, each on a thread with a large stack, never panicking the run.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Arc;

use actiongate_analyzer::{analyze, analyze_with_loader, Config, Options, Report};
use rayon::prelude::*;

use crate::error::CliError;
use crate::input::{self, ReadProblem};
use actiongate_project::{DiskFiles, Resolver};

/// Project import resolution over the files on disk.
pub type FsLoader = Resolver<DiskFiles>;
use crate::walk::{Input, Origin};

/// Stack size of the analysis threads: deep but legal code must never overflow.
const STACK_SIZE: usize = 64 * 1024 * 1024;

/// A problem with a whole file (it could not be read, or the analysis failed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// What went wrong, for humans.
    pub message: String,
    /// Whether the problem is an I/O or internal failure (exit status 2).
    pub fatal: bool,
}

/// An input ready to analyse, with its configuration.
#[derive(Debug)]
pub struct Job {
    /// The input.
    pub input: Input,
    /// For standard input: its text (read up front), or the problem reading it. Files are read
    /// by the worker that analyses them.
    pub stdin_text: Option<Result<String, FileProblem>>,
    /// The configuration that applies to it.
    pub config: Arc<Config>,
    /// The path the analyzer and the loader see (absolute; for standard input, the
    /// `--stdin-filename` under the current directory).
    pub analysis_path: PathBuf,
}

/// Everything known about one checked file.
#[derive(Debug)]
pub struct FileResult {
    /// The path shown to the user.
    pub display: String,
    /// The file on disk (`None` for standard input).
    pub path: Option<PathBuf>,
    /// The analysed text (`None` when it could not be read).
    pub source: Option<String>,
    /// The analyzer's report (`None` when the file was not analysed).
    pub report: Option<Report>,
    /// Whole-file problems.
    pub problems: Vec<FileProblem>,
    /// The configuration used (kept to re-analyse after `--fix`).
    pub config: Arc<Config>,
    /// The path given to the analyzer.
    pub analysis_path: PathBuf,
}

impl FileResult {
    /// Whether any whole-file problem is fatal, or the analyzer refused the file (too deeply
    /// nested to parse safely): a file nobody checked must not pass a security gate.
    pub fn failed(&self) -> bool {
        self.problems.iter().any(|p| p.fatal) || self.report.as_ref().is_some_and(|r| r.refused)
    }
}

/// Turns a read problem into a [`FileProblem`].
pub fn problem(problem: ReadProblem) -> FileProblem {
    FileProblem {
        fatal: problem.is_io(),
        message: problem.to_string(),
    }
}

/// The worker pool: `jobs` threads (default: one per CPU) with large stacks.
pub fn pool(jobs: Option<u16>) -> Result<rayon::ThreadPool, CliError> {
    let mut builder = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .thread_name(|i| format!("actiongate-{i}"));
    if let Some(jobs) = jobs {
        builder = builder.num_threads(usize::from(jobs));
    }
    builder
        .build()
        .map_err(|e| CliError::ThreadPool(e.to_string()))
}

/// Analyses every job in parallel; results come back in the jobs' order.
pub fn run_all(pool: &rayon::ThreadPool, jobs: Vec<Job>, loader: &FsLoader) -> Vec<FileResult> {
    pool.install(|| {
        jobs.into_par_iter()
            .map(|job| run_one(job, loader))
            .collect()
    })
}

/// Analyses one job.
pub fn run_one(job: Job, loader: &FsLoader) -> FileResult {
    let Job {
        input,
        stdin_text,
        config,
        analysis_path,
    } = job;
    let (path, text) = match &input.origin {
        Origin::File(path) => (Some(path.clone()), input::read_file(path).map_err(problem)),
        Origin::Stdin => (
            None,
            stdin_text.unwrap_or_else(|| {
                Err(FileProblem {
                    message: "standard input was not read".into(),
                    fatal: true,
                })
            }),
        ),
    };
    let mut result = FileResult {
        display: input.display,
        path,
        source: None,
        report: None,
        problems: Vec::new(),
        config,
        analysis_path,
    };
    match text {
        Ok(source) => {
            match analyze_source(&source, &result.analysis_path, &result.config, loader) {
                Ok(report) => result.report = Some(report),
                Err(problem) => result.problems.push(problem),
            }
            result.source = Some(source);
        }
        Err(problem) => result.problems.push(problem),
    }
    result
}

/// Analyses one text, with project import resolution when the file belongs to a project.
/// A panic inside the analyzer becomes a fatal per-file problem.
pub fn analyze_source(
    source: &str,
    path: &std::path::Path,
    config: &Config,
    loader: &FsLoader,
) -> Result<Report, FileProblem> {
    let options = Options {
        file_name: path.to_string_lossy().into_owned(),
        config: config.clone(),
    };
    let in_project = loader.project_for_file(path).is_some();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        if in_project {
            analyze_with_loader(source, &options, loader)
        } else {
            analyze(source, &options)
        }
    }));
    outcome.map_err(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        FileProblem {
            message: format!("internal error while analysing this file ({detail}); please report it with the file"),
            fatal: true,
        }
    })
}
