#!/usr/bin/env bash
# Builds and serves the playground on http://127.0.0.1:8080 (rebuilds on change).
# PORT=9000 scripts/serve.sh to use another port; RELEASE=1 for an optimised build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. "$ROOT/scripts/setup-web.sh"
# Separate target dir: the wasm build never waits on the cargo lock of native builds.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/web}"
PORT="${PORT:-8080}"
ARGS=(--skip-version-check serve --port "$PORT" --address 127.0.0.1)
[ -n "${RELEASE:-}" ] && ARGS+=(--release)
echo
echo "  actiongate playground: http://127.0.0.1:${PORT}/   (Ctrl+C to stop)"
if [ ! -d "$CARGO_TARGET_DIR/wasm32-unknown-unknown" ]; then
  echo "  First build: cargo compiles the playground and its ~300 dependencies for the browser"
  echo "  (5-10 minutes on 2 cores); the page answers when Trunk prints its address."
fi
echo
exec trunk "${ARGS[@]}"
