//! The view logic stays fast on a 5,000-line file (guards against quadratic behaviour).

use std::time::Instant;

use actiongate_analyzer::highlight::highlight;
use actiongate_analyzer::{analyze, Options};
use actiongate_playground::examples::default_example;
use actiongate_playground::lines::{render_lines, MarkId};
use actiongate_playground::view::{finding_rows, fixed_view, marks_of, remap_marks};

fn big_file(lines: usize) -> String {
    let body = default_example()
        .code
        .trim_start_matches("\"use server\";\n");
    let mut out = String::from("\"use server\";\n");
    let mut i = 0;
    while out.lines().count() < lines {
        out.push_str(
            &body
                .replace("function deletePost", &format!("function deletePost{i}"))
                .replace("function updatePost", &format!("function updatePost{i}")),
        );
        i += 1;
    }
    out
}

#[test]
fn the_view_of_a_5000_line_file_is_computed_quickly() {
    let code = big_file(5000);
    let report = analyze(&code, &Options::new("actions.ts"));
    assert!(report.findings.len() > 100);
    let start = Instant::now();
    let tokens = highlight(&code, "actions.ts");
    let t_highlight = start.elapsed();
    let marks = marks_of(&report);
    let typed = format!("{}x{}", &code[..code.len() / 2], &code[code.len() / 2..]);
    let moved = remap_marks(&marks, &code, &typed);
    let lines = render_lines(
        &typed,
        &highlight(&typed, "actions.ts"),
        &moved,
        Some(MarkId::Finding(3)),
    );
    let t_lines = start.elapsed();
    let (fixed, stats) = fixed_view(
        &code,
        &tokens,
        &report.fixed_source,
        &highlight(&report.fixed_source, "a.ts"),
    );
    let t_fixed = start.elapsed();
    let rows = finding_rows(&report);
    eprintln!(
        "highlight {:?}, +render {:?}, +fixed view {:?} ({} lines, +{} -{}), {} rows",
        t_highlight,
        t_lines,
        t_fixed,
        fixed.len(),
        stats.added,
        stats.removed,
        rows.len()
    );
    assert!(lines.len() >= 5000);
    assert!(t_fixed.as_secs_f64() < 5.0, "too slow: {t_fixed:?}");
}
