//! Peak memory (`cargo bench -p actiongate-analyzer --bench peak_memory`, figures in
//! BENCHMARKS.md).
//!
//! Writes the generated inputs to `target/bench-data/actions-{1k,10k,100k}.ts` (also handy for
//! `perf` and the CLI), then, for each input and each stage, runs this same binary again in a
//! fresh child process that does only that stage once and reports its peak resident set size
//! (`VmHWM` from `/proc/self/status`). `baseline` only reads the file, so `stage − baseline` is
//! what the stage itself costs at its peak.
//!
//! Linux only (it reads `/proc`).

mod common;

use std::path::PathBuf;
use std::process::Command;

use actiongate_analyzer::{analyze, analyze_first_round, Options};
use oxc_allocator::Allocator;
use oxc_parser::{ParseOptions, Parser};
use oxc_semantic::SemanticBuilder;
use oxc_span::SourceType;

const CHILD_ENV: &str = "ACTIONGATE_PEAK_CHILD";
/// `first_round` is `analyze` before fixes settle (SPEC §4): the findings and first-round fixes
/// only, as a page shows them first. Not run by default (see `main`); for instruction counts.
const STAGES: [&str; 4] = ["baseline", "parse", "parse_semantic", "analyze"];

fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Child: run one stage on one file and print the peak RSS in KiB.
fn child(stage: &str, path: &str) {
    let source = std::fs::read_to_string(path).expect("read input");
    let options = ParseOptions {
        allow_return_outside_function: true,
        ..ParseOptions::default()
    };
    let keep = match stage {
        "baseline" => source.len(),
        "parse" => {
            let allocator = Allocator::default();
            let ret = Parser::new(&allocator, &source, SourceType::ts())
                .with_options(options)
                .parse();
            ret.program.body.len()
        }
        "parse_semantic" => {
            let allocator = Allocator::default();
            let ret = Parser::new(&allocator, &source, SourceType::ts())
                .with_options(options)
                .parse();
            let semantic = SemanticBuilder::new().build(&ret.program).semantic;
            semantic.scoping().symbols_len()
        }
        "analyze" => analyze(&source, &Options::new(path)).findings.len(),
        "first_round" => analyze_first_round(&source, &Options::new(path), None)
            .findings
            .len(),
        other => panic!("unknown stage {other}"),
    };
    std::hint::black_box(keep);
    println!("{}", vm_hwm_kib());
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::repo_root().join("target"))
}

fn main() {
    if let Ok(spec) = std::env::var(CHILD_ENV) {
        let (stage, path) = spec.split_once(':').expect("stage:path");
        child(stage, path);
        return;
    }
    // `cargo bench` passes `--bench`; a filter such as `100k` picks inputs.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let dir = target_dir().join("bench-data");
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    let exe = std::env::current_exe().expect("current exe");
    println!("Peak RSS (VmHWM) of a fresh process running one stage once; KiB = 1024 bytes.");
    println!(
        "| input | lines | bytes | stage | peak RSS (MiB) | over baseline (MiB) | over baseline / input size |"
    );
    println!("| --- | ---: | ---: | --- | ---: | ---: | ---: |");
    for (label, lines) in [("1k", 1_000), ("10k", 10_000), ("100k", 100_000)] {
        if !filter.is_empty() && !filter.iter().any(|f| f == label) {
            continue;
        }
        let input = common::generated(label, lines);
        let (name, source) = &input.files[0];
        let path = dir.join(name);
        std::fs::write(&path, source).expect("write input");
        let mut baseline = 0u64;
        for stage in STAGES {
            let out = Command::new(&exe)
                .env(CHILD_ENV, format!("{stage}:{}", path.display()))
                .output()
                .expect("run child");
            assert!(out.status.success(), "child {stage} failed: {out:?}");
            let kib: u64 = String::from_utf8_lossy(&out.stdout)
                .trim()
                .parse()
                .expect("child output");
            if stage == "baseline" {
                baseline = kib;
            }
            let over = kib.saturating_sub(baseline);
            println!(
                "| {label} | {} | {} | {stage} | {:.1} | {:.1} | {:.1}× |",
                input.lines(),
                input.bytes(),
                kib as f64 / 1024.0,
                over as f64 / 1024.0,
                (over * 1024) as f64 / input.bytes() as f64
            );
        }
    }
    println!("inputs written to {}", dir.display());
}
