//! `--diff`: the proposed fixes as a unified diff, one section per file, ready for `git apply`.

use similar::TextDiff;

use crate::FileResult;

/// The unified diff of every file whose fixed version differs (empty when nothing would change).
pub fn render(results: &[FileResult]) -> String {
    let mut out = String::new();
    for result in results {
        let (Some(source), Some(report)) = (&result.source, &result.report) else {
            continue;
        };
        out.push_str(&file_diff(&result.display, source, &report.fixed_source));
    }
    out
}

/// The unified diff of one file (`--- a/path`, `+++ b/path`), empty when the texts are equal.
pub fn file_diff(display: &str, original: &str, fixed: &str) -> String {
    if original == fixed {
        return String::new();
    }
    TextDiff::from_lines(original, fixed)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{display}"), &format!("b/{display}"))
        .to_string()
}

/// How many files `--diff` or `--fix` would change.
pub fn changed_files(results: &[FileResult]) -> usize {
    results
        .iter()
        .filter(
            |r| matches!((&r.source, &r.report), (Some(s), Some(rep)) if *s != rep.fixed_source),
        )
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_has_git_style_headers() {
        let diff = file_diff("app/a.ts", "a\nb\n", "a\nc\n");
        assert!(
            diff.starts_with("--- a/app/a.ts\n+++ b/app/a.ts\n@@"),
            "{diff}"
        );
        assert!(diff.contains("-b\n+c\n"));
        assert_eq!(file_diff("x", "same", "same"), "");
    }
}
