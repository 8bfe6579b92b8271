//! Analysing inputs in parallel, each on a thread with a large stack, never panicking the run.
//! One file's result ([`FileResult`]) and its panic guard live in `actiongate_check`.

use std::path::PathBuf;
use std::sync::Arc;

use actiongate_analyzer::Config;
use actiongate_check::{FileProblem, FileResult};
use actiongate_project::{DiskFiles, Resolver};
use rayon::prelude::*;

use crate::error::CliError;
use crate::input;
use crate::walk::{Input, Origin};

/// Project import resolution over the files on disk.
pub type FsLoader = Resolver<DiskFiles>;

/// Stack size of the analysis threads: deep but legal code must never overflow.
const STACK_SIZE: usize = 64 * 1024 * 1024;

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
        Origin::File(path) => (
            Some(path.clone()),
            input::read_file(path).map_err(FileProblem::from),
        ),
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
    let loader = loader.loader_for(&analysis_path);
    FileResult::new(input.display, path, analysis_path, text, config, loader)
}
