//! `actiongate check`: collect inputs, analyse them in parallel, fix or diff, print, exit.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::analysis::FsLoader;
use crate::analysis::{self, FileProblem, FileResult, Job};
use crate::args::{CheckArgs, Format};
use crate::config::ConfigResolver;
use crate::error::CliError;
use crate::input;
use crate::output::{self, pretty::Style, Totals};
use crate::walk::{self, Origin};

/// Exit status: no finding at or above `--fail-on`.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage or I/O error.
pub const EXIT_ERROR: u8 = 2;

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
            walk::EXTENSIONS.map(|e| format!(".{e}")).join(" ")
        );
    }

    let stdin_text = if collected.inputs.iter().any(|i| i.origin == Origin::Stdin) {
        Some(match input::read_limited(std::io::stdin().lock()) {
            Err(input::ReadProblem::Io(err)) => return Err(CliError::Stdin(err.to_string())),
            other => other.map_err(analysis::problem),
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
    let mut results = analysis::run_all(&pool, jobs, &FsLoader::on_disk());

    if args.fix {
        apply_fixes(&pool, &mut results);
    }

    let text = if args.diff {
        report_problems_to_stderr(&results);
        let changed = output::diff::changed_files(&results);
        eprintln!(
            "{} would be changed by --fix; {}",
            output::plural(changed, "file"),
            output::pretty::summary(&Totals::of(&results), Style::new(false)).trim_end()
        );
        output::diff::render(&results)
    } else {
        match args.format {
            Format::Pretty => output::pretty::render(&results, Style::new(args.color.enabled())),
            Format::Json => output::json::render(&results),
            Format::Sarif => output::sarif::render(&results),
            Format::Github => output::github::render(&results),
            Format::Compact => output::compact::render(&results),
        }
    };
    print(&text)?;

    let failed = collected.io_failed || results.iter().any(FileResult::failed);
    let threshold = args.fail_on.severity();
    let has_findings = results.iter().any(|r| {
        r.report
            .as_ref()
            .is_some_and(|rep| rep.has_findings_at(threshold))
    });
    Ok(if failed {
        EXIT_ERROR
    } else if has_findings {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
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
fn apply_fixes(pool: &rayon::ThreadPool, results: &mut [FileResult]) {
    let mut fixed_files = 0;
    let mut to_recheck = Vec::new();
    for (i, result) in results.iter_mut().enumerate() {
        let (Some(source), Some(report)) = (&result.source, &result.report) else {
            continue;
        };
        if *source == report.fixed_source {
            continue;
        }
        let Some(path) = &result.path else {
            eprintln!("note: --fix does not change standard input; use --diff to see the fix");
            continue;
        };
        match std::fs::write(path, &report.fixed_source) {
            Ok(()) => {
                fixed_files += 1;
                to_recheck.push(i);
            }
            Err(err) => result.problems.push(FileProblem {
                message: format!("cannot write the fixed file: {err} (check its permissions)"),
                fatal: true,
            }),
        }
    }
    // A fresh loader: the files just written must not be served from the old cache.
    let loader = FsLoader::on_disk();
    let rechecked: Vec<(usize, Result<_, FileProblem>)> = pool.install(|| {
        use rayon::prelude::*;
        to_recheck
            .par_iter()
            .map(|&i| {
                let r = &results[i];
                let fixed = r
                    .report
                    .as_ref()
                    .map(|rep| rep.fixed_source.as_str())
                    .unwrap_or_default();
                (
                    i,
                    analysis::analyze_source(fixed, &r.analysis_path, &r.config, &loader)
                        .map(|rep| (fixed.to_string(), rep)),
                )
            })
            .collect()
    });
    for (i, outcome) in rechecked {
        match outcome {
            Ok((source, report)) => {
                results[i].source = Some(source);
                results[i].report = Some(report);
            }
            Err(problem) => results[i].problems.push(problem),
        }
    }
    if fixed_files > 0 {
        eprintln!("fixed {}", output::plural(fixed_files, "file"));
    }
}

/// With `--diff` the report is not printed: file problems still go to stderr.
fn report_problems_to_stderr(results: &[FileResult]) {
    for result in results {
        for problem in &result.problems {
            eprintln!("error: {}: {}", result.display, problem.message);
        }
        for error in result.report.iter().flat_map(|r| &r.errors) {
            eprintln!(
                "error: {}:{}:{}: {}",
                result.display, error.position.line, error.position.column, error.message
            );
        }
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
