//! The analyzer against the floor it cannot beat (`cargo bench -p actiongate-analyzer --bench
//! analyze`, figures in BENCHMARKS.md).
//!
//! For each input (the seed examples; generated 1k-, 10k- and 100k-line action files, see
//! `common/mod.rs`) three functions are timed, each from source text to result with a fresh arena:
//!
//! * `parse`: oxc's parser alone, with the options `src/parse.rs` uses
//!   (`allow_return_outside_function`, dialect from the file name);
//! * `parse_semantic`: the parser plus `oxc_semantic` (scopes, symbols, references), the floor of
//!   any analysis that resolves names;
//! * `analyze`: `actiongate_analyzer::analyze`, the whole pipeline (nesting guard, parse,
//!   discovery, facts, rules, fixes settled over up to four more analyses of the fixed file,
//!   report);
//! * `first_round`: `actiongate_analyzer::analyze_first_round`, the same before fixes settle
//!   (the findings and each one's first-round fix).
//!
//! Throughput is reported in bytes of source. `benches/summary.py` turns criterion's output
//! into the tables of BENCHMARKS.md (ratios, 10k → 100k scaling).

mod common;

use std::hint::black_box;
use std::time::Duration;

use actiongate_analyzer::{analyze, analyze_first_round, Options};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use oxc_allocator::Allocator;
use oxc_parser::{ParseOptions, Parser};
use oxc_semantic::SemanticBuilder;
use oxc_span::SourceType;

use common::Input;

/// The same parser set-up as `src/parse.rs`.
fn parse_options() -> ParseOptions {
    ParseOptions {
        allow_return_outside_function: true,
        ..ParseOptions::default()
    }
}

fn source_type(file_name: &str) -> SourceType {
    SourceType::from_path(file_name).unwrap_or_else(|_| SourceType::tsx())
}

fn parse_only(files: &[(String, String)]) -> usize {
    let mut n = 0;
    for (name, src) in files {
        let allocator = Allocator::default();
        let ret = Parser::new(&allocator, src, source_type(name))
            .with_options(parse_options())
            .parse();
        n += ret.program.body.len();
    }
    n
}

fn parse_semantic(files: &[(String, String)]) -> usize {
    let mut n = 0;
    for (name, src) in files {
        let allocator = Allocator::default();
        let ret = Parser::new(&allocator, src, source_type(name))
            .with_options(parse_options())
            .parse();
        let semantic = SemanticBuilder::new().build(&ret.program).semantic;
        n += semantic.scoping().symbols_len();
    }
    n
}

fn analyze_all(files: &[(String, String)]) -> usize {
    let mut n = 0;
    for (name, src) in files {
        let report = analyze(src, &Options::new(name.as_str()));
        n += report.findings.len();
    }
    n
}

fn first_round_all(files: &[(String, String)]) -> usize {
    let mut n = 0;
    for (name, src) in files {
        let report = analyze_first_round(src, &Options::new(name.as_str()), None);
        n += report.findings.len();
    }
    n
}

fn describe(input: &Input) {
    let (mut actions, mut findings, mut errors) = (0, 0, 0);
    for (name, src) in &input.files {
        let report = analyze(src, &Options::new(name.as_str()));
        actions += report.actions.len();
        findings += report.findings.len();
        errors += report.errors.len();
    }
    eprintln!(
        "input {:>5}: {:>3} file(s), {:>7} lines, {:>9} bytes, {:>6} actions, {:>6} findings, {} parse errors",
        input.label,
        input.files.len(),
        input.lines(),
        input.bytes(),
        actions,
        findings,
        errors
    );
}

fn benches(c: &mut Criterion) {
    let inputs = common::all_inputs();
    for input in &inputs {
        describe(input);
    }
    for input in &inputs {
        let mut group = c.benchmark_group(&input.label);
        group.throughput(Throughput::Bytes(input.bytes() as u64));
        // Keep the whole run to a few minutes on two cores.
        match input.label.as_str() {
            "100k" => {
                group.sample_size(10);
                group.warm_up_time(Duration::from_secs(2));
                group.measurement_time(Duration::from_secs(10));
            }
            "10k" => {
                group.sample_size(20);
                group.warm_up_time(Duration::from_secs(1));
                group.measurement_time(Duration::from_secs(5));
            }
            _ => {
                group.sample_size(50);
                group.warm_up_time(Duration::from_secs(1));
                group.measurement_time(Duration::from_secs(3));
            }
        }
        let files = &input.files;
        group.bench_function("parse", |b| b.iter(|| parse_only(black_box(files))));
        group.bench_function("parse_semantic", |b| {
            b.iter(|| parse_semantic(black_box(files)))
        });
        group.bench_function("analyze", |b| b.iter(|| analyze_all(black_box(files))));
        group.bench_function("first_round", |b| {
            b.iter(|| first_round_all(black_box(files)))
        });
        group.finish();
    }
}

criterion_group!(analyzer, benches);
criterion_main!(analyzer);
