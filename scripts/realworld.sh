#!/usr/bin/env bash
# Measures actiongate on the hand-labelled actions of public repositories (tests/realworld/).
# Needs the repositories fetched; not part of CI. Arguments go to scripts/realworld.py.
exec python3 "$(dirname "$0")/realworld.py" "$@"
