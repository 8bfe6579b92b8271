#!/usr/bin/env bash
# The playground's tests: native unit tests of the view logic, a release build, the size
# budget, and the end-to-end tests in headless Chromium against the built dist/.
# Screenshots: web/test-results/ (artifacts) and web/screenshots/ (committed references).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. "$ROOT/scripts/setup-web.sh"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/web}"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "view logic (native unit tests)"
cargo test -p actiongate-playground

step "release build (trunk + wasm-opt)"
rm -rf "$ROOT/dist"
trunk --skip-version-check build --release

step "size budget (web/size-budget.json)"
node web/tools/size-report.mjs dist web/size-budget.json

step "the CLI (the folder test compares the page's report with its output)"
cargo build -p actiongate-cli
export ACTIONGATE_BIN="$CARGO_TARGET_DIR/debug/actiongate"

step "end-to-end tests (headless Chromium)"
rm -rf "$ROOT/web/test-results"
mkdir -p "$ROOT/web/test-results"
cd "$ROOT/web/e2e"
PLAYGROUND_DIST="$ROOT/dist" node --test --test-concurrency=1 --test-reporter=spec ./*.test.mjs
