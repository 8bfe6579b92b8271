#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs from the repository's own test files (idempotent;
# libFuzzer adds what it finds to the same directories). Used by scripts/fuzz-smoke.sh and before
# the long runs recorded in BENCHMARKS.md.
#
#   analyze_bytes     every tests/fixtures and tests/corpus source file, prefixed with the byte
#                     that selects its dialect ('0' .ts, '1' .tsx, '2' .js, '3' .jsx)
#   analyze_grammar   the same files' bytes (read as generator choices) plus a few byte ramps
#   permalink_decode  fuzz/seeds/permalink_decode/ (permalinks of real files and edge cases,
#                     made by `cargo run --release --example permalink_seeds`)
set -euo pipefail
cd "$(dirname "$0")"
root=..
mkdir -p corpus/analyze_bytes corpus/analyze_grammar corpus/permalink_decode

n=0
while IFS= read -r -d '' f; do
  case "$f" in
    *.tsx) sel=1 ;; *.js | *.mjs | *.cjs) sel=2 ;; *.jsx) sel=3 ;; *) sel=0 ;;
  esac
  id=$(printf '%s' "$f" | cksum | cut -d' ' -f1)
  { printf '%s' "$sel"; cat "$f"; } > "corpus/analyze_bytes/seed-$id"
  cp "$f" "corpus/analyze_grammar/seed-$id"
  n=$((n + 1))
done < <(find "$root/tests/fixtures" "$root/tests/corpus" -type f \
  \( -name '*.ts' -o -name '*.tsx' -o -name '*.js' -o -name '*.jsx' \) -print0)
for i in 1 2 3 4 5 6 7 8; do
  # Ramps and repeats: every choice value, long and short.
  python3 -c "import sys; sys.stdout.buffer.write(bytes((j * $i) % 256 for j in range(64 * $i)))" \
    > "corpus/analyze_grammar/ramp-$i"
done
cp seeds/permalink_decode/* corpus/permalink_decode/
echo "seeded: $n source files; $(ls seeds/permalink_decode | wc -l) permalink seeds"
