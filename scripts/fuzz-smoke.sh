#!/usr/bin/env bash
# Fuzz smoke run: builds the cargo-fuzz targets (fuzz/), replays the kept reproducers
# (fuzz/artifacts-kept/), then fuzzes each target for FUZZ_SMOKE_SECONDS (default 25) from seeds
# made of the repository's fixtures. Exits non-zero on a crash, a hang (> 10 s on one input), an
# out-of-memory (> 2 GiB) or a compile error in the fuzz targets.
#
# It skips (exit 0, with a clear message) only when the machine cannot build libFuzzer targets at
# all: cargo-fuzz missing and not installable, or the sanitizer/libFuzzer toolchain unusable.
# Works on the stable toolchain through RUSTC_BOOTSTRAP=1 (cargo-fuzz needs `-Z` flags).
#
#   bash scripts/fuzz-smoke.sh            # FUZZ_SMOKE_SECONDS=60 for a longer look
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${FUZZ_SMOKE_SECONDS:-25}"
targets=(analyze_bytes analyze_grammar permalink_decode)

say() { printf '\033[1m==> fuzz smoke: %s\033[0m\n' "$*"; }
skip() {
  printf '\033[1;33m==> fuzz smoke SKIPPED: %s\033[0m\n' "$*"
  exit 0
}

if ! cargo fuzz --version > /dev/null 2>&1; then
  say "installing cargo-fuzz"
  cargo install cargo-fuzz --locked > /tmp/actiongate-cargo-fuzz-install.log 2>&1 ||
    skip "cargo-fuzz is not installed and could not be installed (see /tmp/actiongate-cargo-fuzz-install.log)"
fi

export RUSTC_BOOTSTRAP=1
log=$(mktemp /tmp/actiongate-fuzz-build.XXXXXX)
say "building the targets (release, AddressSanitizer)"
if ! cargo fuzz build -O > "$log" 2>&1; then
  if grep -qE '^error(\[E[0-9]+\])?: ' "$log" && grep -q 'could not compile `actiongate-' "$log"; then
    tail -n 40 "$log"
    echo "fuzz smoke FAILED: the fuzz targets or the crates they use do not compile" >&2
    exit 1
  fi
  tail -n 20 "$log"
  skip "cargo fuzz cannot build libFuzzer targets on this machine (log above, full log in $log)"
fi
bin=fuzz/target/x86_64-unknown-linux-gnu/release

# Reproducers of past findings must not crash any more.
shopt -s nullglob
for t in "${targets[@]}"; do
  kept=(fuzz/artifacts-kept/"$t"-*)
  if [ ${#kept[@]} -gt 0 ]; then
    say "$t: replaying ${#kept[@]} kept reproducer(s)"
    "$bin/$t" -runs=1 "${kept[@]}" > "$log" 2>&1 || {
      tail -n 40 "$log"
      echo "fuzz smoke FAILED: a kept reproducer crashes $t again" >&2
      exit 1
    }
  fi
done

work=$(mktemp -d /tmp/actiongate-fuzz-smoke.XXXXXX)
trap 'rm -rf "$work"' EXIT
bash fuzz/seed-corpora.sh > /dev/null
status=0
for t in "${targets[@]}"; do
  mkdir -p "$work/corpus-$t" "$work/artifacts-$t"
  cp fuzz/corpus/"$t"/* "$work/corpus-$t/" 2> /dev/null || true
  extra=()
  [ "$t" = analyze_bytes ] && extra=(-max_len=16384 -dict=fuzz/dicts/ts.dict)
  say "$t: ${secs}s"
  if "$bin/$t" "$work/corpus-$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$work/artifacts-$t/" -print_final_stats=1 "${extra[@]}" \
    > "$work/$t.log" 2>&1; then
    grep -E 'stat::(number_of_executed_units|average_exec_per_sec)' "$work/$t.log" | tr '\n' ' '
    echo
  else
    status=1
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$work/$t.log" | head -n 20 || tail -n 30 "$work/$t.log"
    mkdir -p fuzz/artifacts/"$t"
    cp "$work/artifacts-$t"/* fuzz/artifacts/"$t"/ 2> /dev/null || true
    echo "fuzz smoke FAILED: $t found a problem; the input is in fuzz/artifacts/$t/" >&2
  fi
done
[ "$status" = 0 ] && say "no crash, hang or OOM"
exit "$status"
