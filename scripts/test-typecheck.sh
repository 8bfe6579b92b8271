#!/usr/bin/env bash
# Type-checks every fix (issue #14): each fixture and gallery example is fixed with the CLI and
# checked by the TypeScript compiler against the library declarations in tests/typecheck/;
# a fix may not introduce a type error its original file does not have.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "node and npm are missing: install Node.js 18 or newer and re-run." >&2
  exit 1
fi

# `npm ci` only when node_modules is missing or older than the lockfile.
if [ ! -f tests/typecheck/node_modules/.package-lock.json ] \
  || [ tests/typecheck/package-lock.json -nt tests/typecheck/node_modules/.package-lock.json ]; then
  say "npm ci (tests/typecheck/: the TypeScript compiler)"
  (cd tests/typecheck && npm ci --no-audit --no-fund)
fi

cargo build -q -p actiongate-cli
node tests/typecheck/check.mjs
