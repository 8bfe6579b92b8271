//! One `actiongate check` run, minus where the files come from: the caller adds each input,
//! applies fixes, then renders and takes the exit status. The CLI, the npm package and the
//! playground's folder report all go through it.

use std::fmt::Write as _;

use actiongate_analyzer::{ModuleLoader, Severity};

use crate::output::{self, pretty::Style, Totals};
use crate::result::{FileProblem, FileResult};

/// Exit status: no finding at or above `--fail-on`.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage or I/O error.
pub const EXIT_ERROR: u8 = 2;

/// The output formats of `actiongate check` (with the `clap` feature, the CLI's `--format`
/// values; the doc comments are its help).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    /// Human-readable code frames.
    Pretty,
    /// The stable JSON contract (version 1).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// One `file:line:col: severity rule message` line per problem, for editors.
    Compact,
}

impl Format {
    /// Every format name, in `--help` order.
    pub const NAMES: [&'static str; 5] = ["pretty", "json", "sarif", "github", "compact"];

    /// Parses a `--format` value.
    pub fn parse(name: &str) -> Option<Format> {
        Some(match name {
            "pretty" => Format::Pretty,
            "json" => Format::Json,
            "sarif" => Format::Sarif,
            "github" => Format::Github,
            "compact" => Format::Compact,
            _ => return None,
        })
    }
}

/// The files of one run, in the order they were added (the caller sorts them like the CLI).
#[derive(Debug, Default)]
pub struct Run {
    /// One result per input.
    pub results: Vec<FileResult>,
}

impl Run {
    /// An empty run.
    pub fn new() -> Run {
        Run::default()
    }

    /// Adds one analysed (or unreadable) input.
    pub fn push(&mut self, result: FileResult) {
        self.results.push(result);
    }

    /// The fixed text of input `index`, when fixes change it.
    pub fn fixed_source(&self, index: usize) -> Option<&str> {
        let r = self.results.get(index)?;
        match (&r.source, &r.report) {
            (Some(source), Some(report)) if *source != report.fixed_source => {
                Some(&report.fixed_source)
            }
            _ => None,
        }
    }

    /// Adds a whole-file problem to input `index` (e.g. the fixed file could not be written).
    pub fn add_problem(&mut self, index: usize, problem: FileProblem) {
        if let Some(r) = self.results.get_mut(index) {
            r.problems.push(problem);
        }
    }

    /// After `--fix` wrote input `index`: the analysis of its fixed text, to replace it.
    pub fn reanalyse(&self, index: usize, loader: Option<&dyn ModuleLoader>) -> Option<FileResult> {
        let r = self.results.get(index)?;
        let fixed = r.report.as_ref()?.fixed_source.clone();
        let mut again = FileResult::new(
            r.display.clone(),
            r.path.clone(),
            r.analysis_path.clone(),
            Ok(fixed),
            r.config.clone(),
            loader,
        );
        // Keep the problems met so far, as the CLI does.
        let mut problems = r.problems.clone();
        problems.append(&mut again.problems);
        again.problems = problems;
        if again.report.is_none() {
            // The CLI keeps the old report when re-analysis fails.
            again.report = r.report.clone();
            again.source = r.source.clone();
        }
        Some(again)
    }

    /// Replaces input `index`.
    pub fn replace(&mut self, index: usize, result: FileResult) {
        if let Some(slot) = self.results.get_mut(index) {
            *slot = result;
        }
    }

    /// The report in `format`.
    pub fn render(&self, format: Format, color: bool) -> String {
        match format {
            Format::Pretty => output::pretty::render(&self.results, Style::new(color)),
            Format::Json => output::json::render(&self.results),
            Format::Sarif => output::sarif::render(&self.results),
            Format::Github => output::github::render(&self.results),
            Format::Compact => output::compact::render(&self.results),
        }
    }

    /// `--diff`: the unified diff of the fixes.
    pub fn diff(&self) -> String {
        output::diff::render(&self.results)
    }

    /// `--diff`: what goes to standard error (file problems, syntax errors, then the count of
    /// changed files and the summary), as in the CLI.
    pub fn diff_stderr(&self) -> String {
        let mut out = String::new();
        for result in &self.results {
            for problem in &result.problems {
                let _ = writeln!(out, "error: {}: {}", result.display, problem.message);
            }
            for error in result.report.iter().flat_map(|r| &r.errors) {
                let _ = writeln!(
                    out,
                    "error: {}:{}:{}: {}",
                    result.display, error.position.line, error.position.column, error.message
                );
            }
        }
        let _ = writeln!(
            out,
            "{} would be changed by --fix; {}",
            output::plural(output::diff::changed_files(&self.results), "file"),
            output::pretty::summary(&Totals::of(&self.results), Style::new(false)).trim_end()
        );
        out
    }

    /// The exit status: 2 on a fatal problem (or `io_failed`), 1 when a finding reaches
    /// `fail_on`, else 0.
    pub fn exit_code(&self, fail_on: Severity, io_failed: bool) -> u8 {
        if io_failed || self.results.iter().any(FileResult::failed) {
            EXIT_ERROR
        } else if self.results.iter().any(|r| {
            r.report
                .as_ref()
                .is_some_and(|rep| rep.has_findings_at(fail_on))
        }) {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    const VULNERABLE: &str = "\"use server\";\nexport async function deletePost(id: string) { await db.post.delete({ where: { id } }); }\n";

    fn run_of(files: &[(&str, &str)]) -> Run {
        let mut run = Run::new();
        for (name, text) in files {
            run.push(FileResult::new(
                name.to_string(),
                Some(name.into()),
                name.into(),
                Ok(text.to_string()),
                Arc::default(),
                None,
            ));
        }
        run
    }

    #[test]
    fn formats_render_and_exit_codes_follow_fail_on() {
        let run = run_of(&[("a.ts", VULNERABLE), ("b.ts", "export const x = 1;\n")]);
        assert!(run
            .render(Format::Json, false)
            .contains("\"missing-authn\""));
        assert!(run.render(Format::Sarif, false).contains("\"2.1.0\""));
        assert!(run.render(Format::Compact, false).starts_with("a.ts:2:"));
        assert!(run
            .render(Format::Github, false)
            .starts_with("::error file=a.ts"));
        assert!(run
            .render(Format::Pretty, false)
            .contains("high[missing-authn]"));
        assert_eq!(run.exit_code(Severity::High, false), EXIT_FINDINGS);
        assert_eq!(run.exit_code(Severity::High, true), EXIT_ERROR);
        let clean = run_of(&[("b.ts", "export const x = 1;\n")]);
        assert_eq!(clean.exit_code(Severity::Low, false), EXIT_CLEAN);
        for name in Format::NAMES {
            assert!(Format::parse(name).is_some());
        }
        assert_eq!(Format::parse("xml"), None);
    }

    #[test]
    fn fixes_are_offered_then_reanalysed() {
        let mut run = run_of(&[("a.ts", VULNERABLE)]);
        assert!(run.diff().starts_with("--- a/a.ts\n+++ b/a.ts\n"));
        assert!(run
            .diff_stderr()
            .starts_with("1 file would be changed by --fix; "));
        let fixed = run.fixed_source(0).unwrap().to_string();
        assert!(fixed.contains("auth()"));
        let again = run.reanalyse(0, None).unwrap();
        run.replace(0, again);
        assert_eq!(run.results[0].source.as_deref(), Some(fixed.as_str()));
        let report = run.results[0].report.as_ref().unwrap();
        assert!(!report.findings.iter().any(|f| f.rule == "missing-authn"));
    }
}
