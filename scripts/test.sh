#!/usr/bin/env bash
# Runs every test: formatting, lints, the Rust test suites (analyzer fixtures, corpus accuracy,
# CLI), the wasm32 build of the engine, and the browser end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

bash scripts/setup.sh

say "cargo fmt --check"
cargo fmt --all -- --check

say "cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

say "cargo test --workspace"
cargo test --workspace

say "the engine builds for the browser (wasm32-unknown-unknown)"
cargo build -p actiongate-analyzer --target wasm32-unknown-unknown --release

say "npm package: wasm build, parity with the CLI, API types, SARIF schema"
bash scripts/test-npm.sh

say "fixes type-check: tsc on every fixed fixture and gallery example"
bash scripts/test-typecheck.sh

if [ -f scripts/fuzz-smoke.sh ]; then
  say "fuzz smoke run"
  bash scripts/fuzz-smoke.sh
fi

if [ -f scripts/test-web.sh ]; then
  say "playground: build, size budget, end-to-end tests in headless Chromium"
  bash scripts/test-web.sh
fi

say "all tests passed"
