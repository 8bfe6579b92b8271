#!/usr/bin/env python3
"""Linearity sweep: every "use server" fixture repeated as a big pasted file would be (its body
copied n times, functions and constants renamed per copy, imports included), at two sizes,
and the whole-process instructions of `actiongate check --format json -j 1` compared. A shape
whose instructions grow faster than its input (ratio well above the size ratio) has a step
that scans the whole file per action, per fix or per import: BENCHMARKS.md, finding 6.

    python3 tests/bench-data/scaling.py [--small 20] [--large 80] [--top 15] [FIXTURE_DIR ...]

Needs valgrind (callgrind counts instructions, so the figures do not depend on machine load)
and a release build (`cargo build --release -p actiongate-cli`). Defaults to
tests/fixtures/{seeds,real-world,libraries,missing-authz,client-identity,fixes}.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, "target", "release", "actiongate")
DEFAULT_DIRS = ["seeds", "real-world", "libraries", "missing-authz", "client-identity", "fixes"]
DIRECTIVE = re.compile(r"^(//[^\n]*\n)*['\"]use server['\"];?\n")


def repeated(text: str, copies: int) -> str:
    """The module body `copies` times under one directive, each copy's names made unique."""
    body = DIRECTIVE.sub("", text, count=1)
    out = ['"use server";']
    for i in range(copies):
        copy = re.sub(r"function (\w+)", lambda m: f"function {m.group(1)}{i}", body)
        copy = re.sub(r"const (\w+) = ", lambda m: f"const {m.group(1)}{i} = ", copy)
        out.append(copy)
    return "\n".join(out)


def instructions(path: str) -> int:
    """Whole-process instructions of one check (callgrind)."""
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         BIN, "check", "--format", "json", "-j", "1", path],
        capture_output=True, text=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
    if not found:
        sys.exit(f"scaling: no instruction count for {path}:\n{run.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", type=int, default=20)
    parser.add_argument("--large", type=int, default=80)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("dirs", nargs="*")
    args = parser.parse_args()
    if not os.path.exists(BIN):
        sys.exit("scaling: build the CLI first: cargo build --release -p actiongate-cli")
    dirs = args.dirs or [os.path.join(ROOT, "tests", "fixtures", d) for d in DEFAULT_DIRS]
    rows = []
    with tempfile.TemporaryDirectory() as out:
        for folder in dirs:
            for name in sorted(os.listdir(folder)):
                if not name.endswith((".ts", ".tsx")):
                    continue
                text = open(os.path.join(folder, name), encoding="utf-8").read()
                if not DIRECTIVE.match(text):
                    continue
                counts = []
                for copies in (args.small, args.large):
                    path = os.path.join(out, f"x{copies}-{name}")
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(repeated(text, copies))
                    counts.append(instructions(path))
                label = f"{os.path.basename(folder)}/{name}"
                rows.append((counts[1] / counts[0], label, counts[0], counts[1]))
                print(f"{label:60s} {counts[0] / 1e6:9.1f} M {counts[1] / 1e6:9.1f} M  "
                      f"{counts[1] / counts[0]:5.2f}x", flush=True)
    size = args.large / args.small
    print(f"\nsteepest {args.top} (input {size:.1f}x larger; {size:.1f}x = linear):")
    for ratio, label, small, large in sorted(rows, reverse=True)[: args.top]:
        print(f"  {ratio:5.2f}x  {label}  ({small / 1e6:.1f} M -> {large / 1e6:.1f} M)")


if __name__ == "__main__":
    main()
