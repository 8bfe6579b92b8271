//! Accuracy on the labelled corpus of realistic action files (`tests/corpus`): precision and
//! recall of the primary rules must stay at or above 0.9 (issue #2).
//!
//! Run `cargo test -p actiongate-analyzer --test corpus -- --nocapture` to see the table.

mod common;

use common::{evaluate_file, root, source_files, PRIMARY};

#[test]
fn primary_rules_reach_precision_and_recall_of_0_9_on_the_corpus() {
    let files = source_files(&root().join("tests/corpus"));
    assert!(files.len() >= 40, "the corpus must have at least 40 files");
    let mut outcomes = Vec::new();
    for file in &files {
        outcomes.extend(evaluate_file(file).1);
    }
    assert!(
        outcomes.len() >= 100,
        "the corpus must have at least 100 actions"
    );

    // Detection (any primary finding vs clean) and per-rule precision/recall.
    let mut tp = 0;
    let mut fp = 0;
    let mut fn_ = 0;
    let mut exact = 0;
    println!(
        "\n{:<22} {:>5} {:>5} {:>5} {:>9} {:>7}",
        "rule", "tp", "fp", "fn", "precision", "recall"
    );
    for rule in PRIMARY {
        let t = outcomes
            .iter()
            .filter(|o| o.expected == rule && o.actual == rule)
            .count();
        let f = outcomes
            .iter()
            .filter(|o| o.expected != rule && o.actual == rule)
            .count();
        let n = outcomes
            .iter()
            .filter(|o| o.expected == rule && o.actual != rule)
            .count();
        tp += t;
        fp += f;
        fn_ += n;
        let p = if t + f == 0 {
            1.0
        } else {
            t as f64 / (t + f) as f64
        };
        let r = if t + n == 0 {
            1.0
        } else {
            t as f64 / (t + n) as f64
        };
        println!("{rule:<22} {t:>5} {f:>5} {n:>5} {p:>9.3} {r:>7.3}");
    }
    for o in &outcomes {
        if o.expected == o.actual {
            exact += 1;
        } else {
            println!(
                "MISMATCH {}:{} {} expected {} got {}",
                o.file, o.line, o.action, o.expected, o.actual
            );
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let flagged_ok = outcomes
        .iter()
        .filter(|o| o.expected != "clean" && o.actual != "clean")
        .count();
    let flagged = outcomes.iter().filter(|o| o.actual != "clean").count();
    let vulnerable = outcomes.iter().filter(|o| o.expected != "clean").count();
    println!(
        "\n{} files, {} actions; exact label agreement {}/{}\nprimary rules (micro-averaged): precision {precision:.3}, recall {recall:.3}\nvulnerable-vs-clean: precision {:.3}, recall {:.3}",
        files.len(),
        outcomes.len(),
        exact,
        outcomes.len(),
        flagged_ok as f64 / flagged.max(1) as f64,
        flagged_ok as f64 / vulnerable.max(1) as f64,
    );
    assert!(precision >= 0.9, "precision {precision:.3} < 0.9");
    assert!(recall >= 0.9, "recall {recall:.3} < 0.9");
}
