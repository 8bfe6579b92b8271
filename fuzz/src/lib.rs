//! Shared code of the fuzz targets: the invariants every analysis must keep, and a generator of
//! grammar-shaped Server Action code driven by the fuzzer's bytes.

pub mod grammar;

use actiongate_analyzer::{analyze, highlight::highlight, Options, Report};

/// File names the byte-level target chooses from with its first byte.
pub const FILE_NAMES: [&str; 4] = ["actions.ts", "page.tsx", "actions.js", "page.jsx"];

/// Analyses `source` as `file_name`, and highlights it as the playground does, checking that
/// neither panics and that every reported offset lies inside the source.
pub fn check(source: &str, file_name: &str) -> Report {
    let report = analyze(source, &Options::new(file_name));
    let len = source.len() as u32;
    for f in report.findings.iter().chain(&report.suppressed) {
        assert!(
            f.span.start <= f.span.end && f.span.end <= len,
            "finding span {:?} outside the source ({len} bytes)",
            f.span
        );
        assert!(f.position.line >= 1 && f.position.end_line >= f.position.line);
        if let Some(fix) = &f.fix {
            for e in &fix.edits {
                assert!(
                    e.start <= e.end
                        && e.end <= len
                        && source.is_char_boundary(e.start as usize)
                        && source.is_char_boundary(e.end as usize),
                    "fix edit {}..{} outside the source or inside a character",
                    e.start,
                    e.end
                );
            }
            // The playground applies one finding's fix on its own.
            let edits: Vec<_> = fix.edits.iter().collect();
            let _ = actiongate_analyzer::fix::apply_edits(source, &edits);
        }
    }
    for a in &report.actions {
        assert!(
            a.span.start <= a.span.end && a.span.end <= len,
            "action span {:?}",
            a.span
        );
    }
    for e in &report.errors {
        assert!(e.span.start <= e.span.end, "error span {:?}", e.span);
    }
    let tokens = highlight(source, file_name);
    let mut last_end = 0;
    for t in &tokens {
        assert!(
            t.start >= last_end && t.start <= t.end && t.end <= len,
            "highlight tokens overlap or leave the source: {t:?} after {last_end}"
        );
        last_end = t.end;
    }
    report
}
