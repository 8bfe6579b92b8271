#!/usr/bin/env bash
# CLI scaling: generates a tree of N source files (default 10,000) from tests/corpus and times
# `actiongate check DIR --format json` with 1 thread and with every core (-j 1, -j 2, ... up to
# nproc), with hyperfine when it is installed (else a plain loop of `date` stamps).
#
#   bash tests/bench-data/cli-scaling.sh [N] [RUNS]
#
# The tree goes to ${ACTIONGATE_TREE_DIR:-/tmp/actiongate-tree-N} (regenerated when its file count
# is wrong). Needs target/release/actiongate (built here if missing).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n="${1:-10000}"
runs="${2:-5}"
tree="${ACTIONGATE_TREE_DIR:-/tmp/actiongate-tree-$n}"
bin="$root/target/release/actiongate"

if [ ! -x "$bin" ] || [ -n "$(find "$root/crates" -newer "$bin" -name '*.rs' -print -quit)" ]; then
  (cd "$root" && cargo build --release -q -p actiongate-cli)
fi

mapfile -t sources < <(cd "$root/tests/corpus" && find . -type f \
  \( -name '*.ts' -o -name '*.tsx' -o -name '*.js' -o -name '*.jsx' \) | sort)
have=$(find "$tree" -type f 2>/dev/null | wc -l || true)
if [ "$have" != "$n" ]; then
  rm -rf "$tree"
  made=0
  copy=0
  while [ "$made" -lt "$n" ]; do
    for s in "${sources[@]}"; do
      [ "$made" -lt "$n" ] || break
      dest="$tree/app/pkg$(printf '%03d' "$copy")/${s#./}"
      mkdir -p "$(dirname "$dest")"
      cp "$root/tests/corpus/$s" "$dest"
      made=$((made + 1))
    done
    copy=$((copy + 1))
  done
fi
files=$(find "$tree" -type f | wc -l)
bytes=$(find "$tree" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
lines=$(find "$tree" -type f -exec cat {} + | wc -l)
cores=$(nproc)
echo "tree: $tree: $files files, $lines lines, $bytes bytes; $cores cores"

# Sanity: every file is checked and the run completes (exit 1 = findings, which is expected).
set +e
"$bin" check "$tree" --format json -j 1 > /tmp/actiongate-cli-scaling.json
status=$?
set -e
[ "$status" -le 1 ] || { echo "actiongate check failed with status $status" >&2; exit 1; }
python3 - <<PY
import json
d = json.load(open("/tmp/actiongate-cli-scaling.json"))
print(f"checked {len(d['files'])} files, {len(d['findings'])} findings")
PY

jobs=()
if [ -x /usr/bin/time ]; then
  for j in 1 "$cores"; do
    /usr/bin/time -f "-j $j: peak RSS %M KiB, %e s wall, %U s user, %S s system" \
      "$bin" check "$tree" --format json -j "$j" > /dev/null 2> /tmp/actiongate-cli-time.txt || true
    tail -n 1 /tmp/actiongate-cli-time.txt
  done
fi

j=1
while [ "$j" -le "$cores" ]; do jobs+=("$j"); j=$((j * 2)); done
[ "${jobs[-1]}" = "$cores" ] || jobs+=("$cores")

if command -v hyperfine > /dev/null; then
  cmds=()
  for j in "${jobs[@]}"; do
    cmds+=("$bin check $tree --format json -j $j")
  done
  # -N: no shell; -i: exit status 1 (findings) is expected; stdout goes to /dev/null.
  hyperfine -N -i --warmup 1 --runs "$runs" --export-markdown /tmp/actiongate-cli-scaling.md \
    "${cmds[@]}"
  cat /tmp/actiongate-cli-scaling.md
else
  for j in "${jobs[@]}"; do
    "$bin" check "$tree" --format json -j "$j" > /dev/null || true # warm-up
    best=""
    for _ in $(seq "$runs"); do
      t0=$(date +%s.%N)
      "$bin" check "$tree" --format json -j "$j" > /dev/null || true
      t1=$(date +%s.%N)
      t=$(echo "$t1 - $t0" | bc)
      if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    done
    echo "-j $j: best of $runs: ${best}s"
  done
fi
