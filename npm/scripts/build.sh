#!/usr/bin/env bash
# Builds the WebAssembly engine of the npm package: crates/wasm-api compiled for
# wasm32-unknown-unknown, then wasm-bindgen into pkg/ (`--target nodejs`, what index.js and the
# `actiongate` command load) and pkg-bundler/ (`--target bundler`, for webpack, Vite, Rollup).
# Each step is skipped when its output is up to date, so running it again is fast.
#
# Needs: cargo with the wasm32-unknown-unknown target, and wasm-bindgen-cli at exactly the
# wasm-bindgen version in Cargo.lock (installed here when missing or different).
set -euo pipefail
npm_dir="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$npm_dir/.." && pwd)"
cd "$root"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

want="$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')"
if [ -z "$want" ]; then
  echo "error: no wasm-bindgen in Cargo.lock; run \`cargo generate-lockfile\` first" >&2
  exit 2
fi
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" != "$want" ]; then
  say "cargo install wasm-bindgen-cli --version $want (found: ${have:-none})"
  cargo install wasm-bindgen-cli --version "$want"
fi
if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

say "cargo build -p actiongate-wasm --target wasm32-unknown-unknown --release"
cargo build -p actiongate-wasm --target wasm32-unknown-unknown --release
target_dir="${CARGO_TARGET_DIR:-$root/target}"
wasm="$target_dir/wasm32-unknown-unknown/release/actiongate_wasm.wasm"

stamp="wasm-bindgen $want"
for pair in nodejs:pkg bundler:pkg-bundler; do
  kind="${pair%%:*}"
  out="$npm_dir/${pair#*:}"
  if [ -f "$out/actiongate_wasm_bg.wasm" ] && [ ! "$wasm" -nt "$out/actiongate_wasm_bg.wasm" ] \
    && [ "$(cat "$out/.stamp" 2>/dev/null || true)" = "$stamp" ]; then
    continue
  fi
  say "wasm-bindgen --target $kind --out-dir npm/${pair#*:}"
  rm -rf "$out"
  wasm-bindgen --target "$kind" --out-dir "$out" --out-name actiongate_wasm "$wasm"
  # npm ignores files listed in a nested .gitignore when packing; pkg/ is build output to ship.
  rm -f "$out/.gitignore"
  echo "$stamp" > "$out/.stamp"
done
