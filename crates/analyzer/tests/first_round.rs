//! `analyze_first_round` reports what `analyze` reports, before fixes settle: the same findings,
//! actions and assumptions; only the fixes (and so the fixed version) may differ.

use actiongate_analyzer::{analyze, analyze_first_round, Options};
use std::path::Path;

fn fixture_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("fixture folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            fixture_files(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "ts" || e == "tsx" || e == "js")
        {
            out.push(path);
        }
    }
}

#[test]
fn first_round_findings_are_the_settled_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut files = Vec::new();
    fixture_files(&root, &mut files);
    assert!(files.len() > 100, "fixtures found: {}", files.len());
    let mut with_fixes = 0;
    for path in files {
        let source = std::fs::read_to_string(&path).expect("fixture text");
        let options = Options::new(path.file_name().unwrap().to_string_lossy());
        let settled = analyze(&source, &options);
        let first = analyze_first_round(&source, &options, None);
        assert_eq!(first.actions, settled.actions, "{}", path.display());
        assert_eq!(first.assumptions, settled.assumptions, "{}", path.display());
        let strip = |r: &actiongate_analyzer::Report| {
            r.findings
                .iter()
                .map(|f| (f.rule, f.span, f.message.clone(), f.help.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(&first), strip(&settled), "{}", path.display());
        with_fixes += usize::from(settled.fixed_source != source);
    }
    assert!(with_fixes > 50, "files whose fix settles: {with_fixes}");
}
