//! `actiongate check`: collect inputs, analyse them, fix or diff, print, exit.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use actiongate_analyzer::Config;
use actiongate_project::Resolver;

use super::args::CheckArgs;
use super::config::ConfigResolver;
use super::error::CommandError;
use super::host::{Host, HostFiles, Stream};
use super::input;
use super::walk::{self, Input, Origin};
use crate::output;
use crate::{FileProblem, FileResult, ReadProblem, Run};

/// An input ready to analyse, with its configuration.
#[derive(Debug)]
struct Job {
    /// The input.
    input: Input,
    /// The configuration that applies to it.
    config: Arc<Config>,
    /// The path the analyzer and the loader see (absolute; for standard input, the
    /// `--stdin-filename` under the current directory).
    analysis_path: PathBuf,
}

/// Runs `actiongate check` and returns the exit status.
pub fn run(args: &CheckArgs, host: &dyn Host) -> Result<u8, CommandError> {
    let cwd = host.cwd().map_err(CommandError::CurrentDir)?;
    let collected = walk::collect(&args.paths, &cwd, &args.stdin_filename, host)?;
    for warning in &collected.warnings {
        warn(host, &format!("warning: {warning}\n"));
    }
    if collected.inputs.is_empty() {
        warn(
            host,
            &format!(
                "warning: no files to check: the given paths hold no {} files (outside ignored folders)\n",
                crate::folder::EXTENSIONS.map(|e| format!(".{e}")).join(" ")
            ),
        );
    }

    let stdin_text = if collected.inputs.iter().any(|i| i.origin == Origin::Stdin) {
        Some(match input::read_stdin(host) {
            Err(ReadProblem::Io(err)) => return Err(CommandError::Stdin(err.to_string())),
            other => other.map_err(FileProblem::from),
        })
    } else {
        None
    };

    let mut configs = ConfigResolver::new(args.config.as_deref(), &cwd, host)?;
    let mut jobs = Vec::with_capacity(collected.inputs.len());
    for input in collected.inputs {
        let analysis_path = match &input.origin {
            Origin::File(path) => path.clone(),
            Origin::Stdin => stdin_path(&cwd, &args.stdin_filename, host),
        };
        let dir = analysis_path.parent().unwrap_or(&cwd).to_path_buf();
        let config = configs.for_dir(&dir)?;
        jobs.push(Job {
            input,
            config,
            analysis_path,
        });
    }

    let crashes = host.known_crashes();
    let resolver = Resolver::new(HostFiles { host });
    let analyse = |i: usize| {
        let job = &jobs[i];
        let (path, text) = match &job.input.origin {
            Origin::File(path) => (
                Some(path.clone()),
                input::read_file(path, host).map_err(FileProblem::from),
            ),
            Origin::Stdin => (
                None,
                stdin_text.clone().unwrap_or_else(|| {
                    Err(FileProblem {
                        message: "standard input was not read".into(),
                        fatal: true,
                    })
                }),
            ),
        };
        let text = match crashes.iter().find(|(p, _)| *p == job.analysis_path) {
            Some((_, detail)) => Err(FileProblem::internal_error(detail)),
            None => text,
        };
        host.analysing(Some(&job.analysis_path));
        let loader = resolver.loader_for(&job.analysis_path);
        FileResult::new(
            job.input.display.clone(),
            path,
            job.analysis_path.clone(),
            text,
            job.config.clone(),
            loader,
        )
    };
    let results = host
        .analyse_all(args.jobs, jobs.len(), &analyse)
        .map_err(|err| CommandError::ThreadPool(err.to_string()))?;
    host.analysing(None);
    let mut run = Run { results };

    if args.fix {
        apply_fixes(args, host, &mut run)?;
    }

    let text = if args.diff {
        warn(host, &run.diff_stderr());
        run.diff()
    } else {
        run.render(args.format, args.color.enabled(host))
    };
    print(host, &text)?;
    Ok(run.exit_code(args.fail_on.severity(), collected.io_failed))
}

/// Where standard input "lives" for configuration discovery and import resolution.
fn stdin_path(cwd: &Path, name: &str, host: &dyn Host) -> PathBuf {
    let path = cwd.join(name);
    match (
        path.parent().and_then(|p| host.canonicalize(p).ok()),
        path.file_name(),
    ) {
        (Some(dir), Some(file)) => dir.join(file),
        _ => path,
    }
}

/// Writes each file's fixed text back (never standard input), then re-analyses the written
/// files so the report shows what remains.
fn apply_fixes(args: &CheckArgs, host: &dyn Host, run: &mut Run) -> Result<(), CommandError> {
    let mut to_recheck = Vec::new();
    for i in 0..run.results.len() {
        let Some(fixed) = run.fixed_source(i) else {
            continue;
        };
        let Some(path) = &run.results[i].path else {
            warn(
                host,
                "note: --fix does not change standard input; use --diff to see the fix\n",
            );
            continue;
        };
        match host.write(path, fixed) {
            Ok(()) => to_recheck.push(i),
            Err(err) => run.add_problem(
                i,
                FileProblem {
                    message: format!("cannot write the fixed file: {err} (check its permissions)"),
                    fatal: true,
                },
            ),
        }
    }
    // A fresh resolver: the files just written must not be served from the old cache.
    let resolver = Resolver::new(HostFiles { host });
    let reanalyse = |k: usize| {
        let i = to_recheck[k];
        let result = &run.results[i];
        host.analysing(Some(&result.analysis_path));
        let loader = resolver.loader_for(&result.analysis_path);
        run.reanalyse(i, loader)
            .unwrap_or_else(|| run.results[i].clone())
    };
    let rechecked = host
        .analyse_all(args.jobs, to_recheck.len(), &reanalyse)
        .map_err(|err| CommandError::ThreadPool(err.to_string()))?;
    host.analysing(None);
    for (again, &i) in rechecked.into_iter().zip(&to_recheck) {
        run.replace(i, again);
    }
    if !to_recheck.is_empty() {
        warn(
            host,
            &format!("fixed {}\n", output::plural(to_recheck.len(), "file")),
        );
    }
    Ok(())
}

/// Prints to standard output; a closed pipe (`| head`) is not an error.
pub fn print(host: &dyn Host, text: &str) -> Result<(), CommandError> {
    match host.print(Stream::Stdout, text) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(CommandError::Output(err)),
        _ => Ok(()),
    }
}

/// Prints to standard error; a failure there has nowhere to be reported.
pub fn warn(host: &dyn Host, text: &str) {
    if !text.is_empty() {
        let _ignored = host.print(Stream::Stderr, text);
    }
}
