#!/usr/bin/env bash
# A long fuzz campaign: each target in turn, one at a time (one core), for SECONDS each (default
# 1860 s = 31 min), with the binaries already built by `cargo fuzz build -O` (so edits made to the
# sources meanwhile do not trigger rebuilds). Keeps going after a crash (fork mode), so one
# finding does not end the run; crashes, timeouts (> 10 s per input) and OOMs land in
# fuzz/artifacts/<target>/. Logs: fuzz/logs/<target>.log; a summary line per target in
# fuzz/logs/summary.txt.
#
#   RUSTC_BOOTSTRAP=1 cargo fuzz build -O && nohup bash fuzz/run-campaign.sh [SECONDS] [TARGET...] &
set -uo pipefail
cd "$(dirname "$0")"
secs="${1:-1860}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(analyze_bytes analyze_grammar permalink_decode)
bin=target/x86_64-unknown-linux-gnu/release
mkdir -p logs
bash seed-corpora.sh > /dev/null
for t in "${targets[@]}"; do
  mkdir -p "artifacts/$t"
  args=(-max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
    -artifact_prefix="artifacts/$t/" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  case "$t" in
    analyze_bytes) args+=(-max_len=16384 -dict=dicts/ts.dict) ;;
    analyze_grammar) args+=(-max_len=4096) ;;
    permalink_decode) args+=(-max_len=65536) ;;
  esac
  start=$(date -u +%FT%TZ)
  t0=$(date +%s)
  "$bin/$t" "corpus/$t" "${args[@]}" > "logs/$t.log" 2>&1
  rc=$?
  t1=$(date +%s)
  last=$(grep -E '^#[0-9]+: cov:' "logs/$t.log" | tail -1)
  found=$(find "artifacts/$t" -type f | wc -l)
  echo "$t start=$start wall=$((t1 - t0))s rc=$rc artifacts=$found last: $last" >> logs/summary.txt
done
