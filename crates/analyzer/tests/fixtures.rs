//! Fixture tests (`tests/fixtures/**`), one named test per fixture file and check:
//!
//! * `<folder>::<file>::labels` — every labelled action gets exactly its expected primary rule;
//! * `<folder>::<file>::snapshot` — its diagnostics and fixed source match the insta snapshot;
//! * `<folder>::<file>::fix` — the fix harness: the fixed file parses, re-analysis reports no
//!   high finding the fix did not declare as remaining, and no action gets a new one.
//!
//! Files under `tests/fixtures/known-gaps/` pin what the analyzer says today where a careful
//! reader of real code says otherwise: each action also carries `// label: <verdict> (why)`, and
//! `<file>::gap` fails once the two agree (the gap closed: move the case to `real-world/`). They
//! do not count in the fully fixed share (their findings may be false alarms).
//!
//! The gallery examples (`crates/playground/examples`) get the fix harness too, as
//! `gallery::<file>::fix`, and `fully_fixed_share` measures how many vulnerable actions the
//! fixes close completely. `cargo test -p actiongate-analyzer --test fixtures missing_authz`
//! runs one folder's cases; a failing case names itself.

mod common;

use std::path::{Path, PathBuf};

use actiongate_analyzer::{analyze, Options, Report, Severity};
use common::{evaluate_file, root, source_files};
use libtest_mimic::{Arguments, Failed, Trial};

fn fixtures() -> Vec<PathBuf> {
    source_files(&root().join("tests/fixtures"))
}

fn gallery() -> Vec<PathBuf> {
    source_files(&root().join("crates/playground/examples"))
}

/// `missing-authz/cases.ts` → `missing_authz::cases`.
fn test_name(prefix: &str, file: &Path) -> String {
    let rel = file.strip_prefix(root().join(prefix)).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().replace(['-', '.'], "_"))
        .collect();
    if let Some(last) = parts.last_mut() {
        for ext in ["_ts", "_tsx", "_js", "_jsx", "_mjs", "_cjs"] {
            if let Some(stem) = last.strip_suffix(ext) {
                *last = stem.to_string();
                break;
            }
        }
    }
    parts.join("::")
}

fn analyse(file: &Path) -> (String, String, Report) {
    let source = std::fs::read_to_string(file).unwrap();
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    let report = analyze(&source, &Options::new(&name));
    (source, name, report)
}

/// Every labelled action of the file gets exactly its expected primary rule.
fn check_labels(file: &Path) -> Result<(), Failed> {
    let failures: Vec<String> = evaluate_file(file)
        .1
        .into_iter()
        .filter(|o| o.expected != o.actual)
        .map(|o| {
            format!(
                "{}:{} `{}`: expected {}, got {}",
                o.file, o.line, o.action, o.expected, o.actual
            )
        })
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n").into())
    }
}

/// The file's diagnostics and fixed source, as the snapshot records them.
fn check_snapshot(file: &Path) -> Result<(), Failed> {
    let (source, _, report) = analyse(file);
    let mut out = String::new();
    for f in report.findings.iter().chain(report.suppressed.iter()) {
        let text = &source[f.span.start as usize..f.span.end as usize];
        out.push_str(&format!(
            "{}:{} {} [{}] {}{}\n  | {}\n  = {}\n",
            f.position.line,
            f.position.column,
            f.rule,
            f.action,
            f.message,
            f.suppressed
                .as_ref()
                .map(|r| format!(" (suppressed: {r})"))
                .unwrap_or_default(),
            text.lines().next().unwrap_or(""),
            f.help
        ));
        if let Some(fix) = &f.fix {
            out.push_str(&format!("  fix: {}\n", fix.description));
        }
    }
    if report.fixed_source != source {
        out.push_str("\n----- fixed source -----\n");
        out.push_str(&report.fixed_source);
    }
    let rel = file
        .strip_prefix(root().join("tests/fixtures"))
        .unwrap()
        .display()
        .to_string()
        .replace(['/', '.'], "__");
    // insta panics on a mismatch; the harness turns the panic into this case's failure.
    insta::with_settings!({ snapshot_path => root().join("tests/snapshots"), prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(rel, out);
    });
    Ok(())
}

/// How one file's vulnerable actions fare under their fixes.
#[derive(Default)]
struct FixOutcome {
    vulnerable: usize,
    complete: usize,
    partial: Vec<String>,
}

/// The fix harness (SPEC §4) for one file: the fixed source parses; analysing it again reports
/// no high finding for an action that the fix does not declare as remaining; actions that had
/// no high finding get none from a fix.
fn fix_outcome(file: &Path) -> Result<FixOutcome, String> {
    let (source, name, report) = analyse(file);
    let again = analyze(&report.fixed_source, &Options::new(&name));
    if report.fixed_source != source && !again.errors.is_empty() {
        return Err(format!(
            "{name}: the fixed source does not parse: {:?}\n{}",
            again.errors, report.fixed_source
        ));
    }
    if report.actions.len() != again.actions.len() {
        return Err(format!(
            "{name}: the fixed file has a different number of actions"
        ));
    }
    let mut outcome = FixOutcome::default();
    // Actions are matched by position: an inline action's name carries its line.
    for (action, fixed_action) in report.actions.iter().zip(&again.actions) {
        let high = |r: &Report, name: &str| {
            r.findings
                .iter()
                .filter(|f| f.action == name && f.severity == Severity::High)
                .map(|f| f.rule)
                .collect::<Vec<_>>()
        };
        let (before, after) = (
            high(&report, &action.name),
            high(&again, &fixed_action.name),
        );
        if before.is_empty() {
            if !after.is_empty() {
                return Err(format!(
                    "{name}: a fix gave `{}` a high finding it did not have: {after:?}\n{}",
                    action.name, report.fixed_source
                ));
            }
            continue;
        }
        outcome.vulnerable += 1;
        let fix = report
            .findings
            .iter()
            .filter(|f| f.action == action.name && f.severity == Severity::High)
            .find_map(|f| f.fix.as_ref());
        let Some(fix) = fix else {
            outcome.partial.push(format!(
                "{name}: {} — no safe fix ({before:?})",
                action.name
            ));
            continue;
        };
        if let Some(rule) = after
            .iter()
            .find(|rule| !fix.remaining.iter().any(|g| g.rule == **rule))
        {
            return Err(format!(
                "{name}: `{}` still reports {rule} after its fix, which declared {:?}:\n{}",
                action.name, fix.remaining, report.fixed_source
            ));
        }
        if let Some(rule) = fix.closes.iter().find(|rule| after.contains(rule)) {
            return Err(format!("{name}: `{}` claims to close {rule}", action.name));
        }
        if after.is_empty() {
            outcome.complete += 1;
        } else {
            let left: Vec<&str> = fix.remaining.iter().map(|g| g.rule).collect();
            outcome.partial.push(format!(
                "{name}: {} — closes {:?}, declares {left:?}",
                action.name, fix.closes
            ));
        }
    }
    Ok(outcome)
}

/// Whether a fixture file pins a known gap (see the module documentation).
fn is_known_gap(file: &Path) -> bool {
    file.starts_with(root().join("tests/fixtures/known-gaps"))
}

/// A known-gap file: every action has a `// label:` verdict, and it still differs from what the
/// analyzer says (the `// expect:` line the labels check holds it to).
fn check_gap(file: &Path) -> Result<(), Failed> {
    let source = std::fs::read_to_string(file).unwrap();
    let lines: Vec<&str> = source.lines().collect();
    let mut problems = Vec::new();
    for outcome in evaluate_file(file).1 {
        // The `// label:` line sits in the comment block above the action.
        let label = lines[..outcome.line as usize - 1]
            .iter()
            .rev()
            .take_while(|l| l.trim_start().starts_with("//"))
            .find_map(|l| l.trim_start().strip_prefix("// label:"))
            .and_then(|rest| rest.split_whitespace().next())
            // A public-by-design action is one the analyzer is right to leave quiet.
            .map(|label| {
                if label == "public-by-design" {
                    "clean"
                } else {
                    label
                }
            });
        match label {
            None => problems.push(format!(
                "{}:{} `{}` has no `// label:` verdict",
                outcome.file, outcome.line, outcome.action
            )),
            Some(label) if label == outcome.actual => problems.push(format!(
                "{}:{} `{}`: the analyzer now agrees with the label ({label}): the gap is closed, \
                 move the case to tests/fixtures/real-world/",
                outcome.file, outcome.line, outcome.action
            )),
            Some(_) => {}
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

/// The share of vulnerable fixture actions whose fix closes every high gap (README quotes it).
fn fully_fixed_share() -> Result<(), Failed> {
    let mut total = FixOutcome::default();
    let mut gallery_total = FixOutcome::default();
    let fixtures: Vec<PathBuf> = fixtures()
        .into_iter()
        .filter(|f| !is_known_gap(f))
        .collect();
    for (files, sum) in [(fixtures, &mut total), (gallery(), &mut gallery_total)] {
        for file in files {
            let o = fix_outcome(&file)?;
            sum.vulnerable += o.vulnerable;
            sum.complete += o.complete;
            sum.partial.extend(o.partial);
        }
    }
    let share = total.complete as f64 / total.vulnerable as f64;
    println!(
        "fully fixed: {} of {} vulnerable fixture actions ({share:.3}); gallery {} of {}\npartial (each declared):\n{}\n{}",
        total.complete,
        total.vulnerable,
        gallery_total.complete,
        gallery_total.vulnerable,
        total.partial.join("\n"),
        gallery_total.partial.join("\n")
    );
    if total.vulnerable <= 50 {
        return Err(format!("only {} vulnerable actions", total.vulnerable).into());
    }
    // It may only go up.
    if share < 0.95 {
        return Err(format!("fully fixed share fell to {share:.3}").into());
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let fixtures = fixtures();
    assert!(fixtures.len() > 40, "fixtures not found");
    let gallery = gallery();
    assert!(gallery.len() >= 10, "gallery examples not found");
    let mut trials = Vec::new();
    for file in fixtures {
        let name = test_name("tests/fixtures", &file);
        let f = file.clone();
        trials.push(Trial::test(format!("{name}::labels"), move || {
            check_labels(&f)
        }));
        let f = file.clone();
        trials.push(Trial::test(format!("{name}::snapshot"), move || {
            check_snapshot(&f)
        }));
        if is_known_gap(&file) {
            let f = file.clone();
            trials.push(Trial::test(format!("{name}::gap"), move || check_gap(&f)));
        }
        trials.push(Trial::test(format!("{name}::fix"), move || {
            fix_outcome(&file).map(|_| ()).map_err(Failed::from)
        }));
    }
    for file in gallery {
        let name = test_name("crates/playground/examples", &file);
        trials.push(Trial::test(format!("gallery::{name}::fix"), move || {
            fix_outcome(&file).map(|_| ()).map_err(Failed::from)
        }));
    }
    trials.push(Trial::test("fully_fixed_share", fully_fixed_share));
    libtest_mimic::run(&args, trials).exit();
}
