# actiongate — the two entry points (see README.md). Every install step lives in scripts/ and is
# skipped when already satisfied.

.PHONY: serve test setup

## Set everything up and serve the playground on http://127.0.0.1:8080
serve:
	bash scripts/serve.sh

## Set everything up and run every test (what CI runs)
test:
	bash scripts/test.sh

## Only install what is missing (Rust targets and tools, Chromium, npm packages)
setup:
	bash scripts/setup.sh
