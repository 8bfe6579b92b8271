#!/usr/bin/env bash
# The npm package's tests: builds the WebAssembly engine (npm/scripts/build.sh, skipped when up
# to date) and the Rust CLI the package is compared with, installs the dev dependencies
# (`npm ci`, skipped when node_modules matches package-lock.json), then runs Node's test runner
# on npm/test/: parity with the Rust CLI on every fixture, the API and its types, the SARIF
# 2.1.0 schema, the packed tarball and the bundler build.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "node and npm are missing: install Node.js 18 or newer and re-run." >&2
  exit 1
fi

bash npm/scripts/build.sh

say "cargo build -p actiongate-cli"
cargo build -p actiongate-cli

# `npm ci` only when node_modules is missing or older than the lockfile.
if [ ! -f npm/node_modules/.package-lock.json ] \
  || [ npm/package-lock.json -nt npm/node_modules/.package-lock.json ]; then
  say "npm ci (npm/)"
  (cd npm && npm ci --no-audit --no-fund)
fi

say "node --test npm/test/"
node --test npm/test/
