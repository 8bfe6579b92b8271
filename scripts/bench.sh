#!/usr/bin/env bash
# Runs every benchmark of BENCHMARKS.md:
#   1. criterion: parse vs parse+semantic vs analyze on the seeds and on generated 1k/10k/100k-line
#      action files (crates/analyzer/benches/analyze.rs), summarised into Markdown tables;
#   2. peak memory (VmHWM) per stage (crates/analyzer/benches/peak_memory.rs);
#   3. the CLI over a generated tree of 10,000 files with 1..N threads
#      (tests/bench-data/cli-scaling.sh).
# About 10 minutes on 2 cores. Arguments are passed to criterion as a filter (e.g. `100k`).
#
#   bash scripts/bench.sh [FILTER]
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

say "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
say "criterion: parse / parse+semantic / analyze"
cargo bench -p actiongate-analyzer --bench analyze -- "$@"
say "summary"
python3 crates/analyzer/benches/summary.py
say "peak memory"
cargo bench -p actiongate-analyzer --bench peak_memory
say "CLI scaling over 10,000 files"
bash tests/bench-data/cli-scaling.sh 10000 5
say "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
