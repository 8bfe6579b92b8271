//! `actiongate check`: collect inputs, analyse them in parallel, fix or diff, print, exit.

use std::io::Write;
use std::path::{Path, PathBuf};

use actiongate_check::{output, FileProblem, Run};

use crate::analysis::{self, FsLoader, Job};
use crate::args::CheckArgs;
use crate::config::ConfigResolver;
use crate::error::CliError;
use crate::input;
use crate::walk::{self, Origin};

pub use actiongate_check::{EXIT_CLEAN, EXIT_ERROR};

/// Runs `actiongate check` and returns the exit status.
pub fn run(args: &CheckArgs) -> Result<u8, CliError> {
    let cwd = std::env::current_dir().map_err(CliError::CurrentDir)?;
    let collected = walk::collect(&args.paths, &cwd, &args.stdin_filename)?;
    for warning in &collected.warnings {
        eprintln!("warning: {warning}");
    }
    if collected.inputs.is_empty() {
        eprintln!(
            "warning: no files to check: the given paths hold no {} files (outside ignored folders)",
            actiongate_check::folder::EXTENSIONS.map(|e| format!(".{e}")).join(" ")
        );
    }

    let stdin_text = if collected.inputs.iter().any(|i| i.origin == Origin::Stdin) {
        Some(match input::read_limited(std::io::stdin().lock()) {
            Err(actiongate_check::ReadProblem::Io(err)) => {
                return Err(CliError::Stdin(err.to_string()))
            }
            other => other.map_err(FileProblem::from),
        })
    } else {
        None
    };

    let mut configs = ConfigResolver::new(args.config.as_deref(), &cwd)?;
    let mut jobs = Vec::with_capacity(collected.inputs.len());
    for input in collected.inputs {
        let (analysis_path, stdin) = match &input.origin {
            Origin::File(path) => (path.clone(), None),
            Origin::Stdin => (stdin_path(&cwd, &args.stdin_filename), stdin_text.clone()),
        };
        let dir = analysis_path.parent().unwrap_or(&cwd).to_path_buf();
        let config = configs.for_dir(&dir)?;
        jobs.push(Job {
            input,
            stdin_text: stdin,
            config,
            analysis_path,
        });
    }

    let pool = analysis::pool(args.jobs)?;
    let mut run = Run {
        results: analysis::run_all(&pool, jobs, &FsLoader::on_disk()),
    };

    if args.fix {
        apply_fixes(&pool, &mut run);
    }

    let text = if args.diff {
        eprint!("{}", run.diff_stderr());
        run.diff()
    } else {
        run.render(args.format, args.color.enabled())
    };
    print(&text)?;
    Ok(run.exit_code(args.fail_on.severity(), collected.io_failed))
}

/// Where standard input "lives" for configuration discovery and import resolution.
fn stdin_path(cwd: &Path, name: &str) -> PathBuf {
    let path = cwd.join(name);
    match (
        path.parent().and_then(|p| std::fs::canonicalize(p).ok()),
        path.file_name(),
    ) {
        (Some(dir), Some(file)) => dir.join(file),
        _ => path,
    }
}

/// Writes each file's fixed text back (never standard input), then re-analyses the written
/// files so the report shows what remains.
fn apply_fixes(pool: &rayon::ThreadPool, run: &mut Run) {
    let mut to_recheck = Vec::new();
    for i in 0..run.results.len() {
        let Some(fixed) = run.fixed_source(i) else {
            continue;
        };
        let Some(path) = &run.results[i].path else {
            eprintln!("note: --fix does not change standard input; use --diff to see the fix");
            continue;
        };
        match std::fs::write(path, fixed) {
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
    // A fresh loader: the files just written must not be served from the old cache.
    let loader = FsLoader::on_disk();
    let rechecked: Vec<_> = pool.install(|| {
        use rayon::prelude::*;
        to_recheck
            .par_iter()
            .filter_map(|&i| {
                let result = &run.results[i];
                let loader = loader.loader_for(&result.analysis_path);
                run.reanalyse(i, loader).map(|again| (i, again))
            })
            .collect()
    });
    for (i, again) in rechecked {
        run.replace(i, again);
    }
    if !to_recheck.is_empty() {
        eprintln!("fixed {}", output::plural(to_recheck.len(), "file"));
    }
}

/// Prints to stdout; a closed pipe (`| head`) is not an error.
pub fn print(text: &str) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Output(err)),
        _ => Ok(()),
    }
}
