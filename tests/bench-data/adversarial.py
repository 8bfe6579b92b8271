#!/usr/bin/env python3
"""Reproducers for the performance and robustness problems found while benchmarking (see
BENCHMARKS.md, "Findings"). Writes each case to OUT_DIR (default /tmp/actiongate-adversarial)
and, with --run, times `target/release/actiongate check FILE --format json -j 1` on it.

    python3 tests/bench-data/adversarial.py [--run] [OUT_DIR]

Cases (n = repetitions), and what happens since they were fixed:
  fanout-N           7 levels of helpers that each call the next 10 times, and N one-line actions
                     that call the top helper. Was: every action spent a 1,000,000-step budget
                     (100 actions in 6 KB took ~56 s). Now: the actions of a file share one step
                     budget (`facts::walker::StepBudget`), so time is linear in the file's size.
  big-helper-N       one helper of 2,000 statements called by N actions: N x helper size, bounded
                     by the same shared budget.
  else-if-N          `if (a) {} else if (a) {} ...` N times inside an action.
  braceless-if-N     `if (a) if (a) ... a;`, the same with `while (a)` and `do ... while (a);`
  labels-N           `l: l: ... a;`
                     Were: the parser overflowed its stack at ~20,000 levels (these nest without
                     brackets, so the nesting pre-scan did not count them). Now: the pre-scan
                     counts statement heads and `else if` chains and refuses them with "Nesting
                     too deep" (`nesting.rs`).
"""

import os
import subprocess
import sys
import time

HEAD = '"use server";\nimport { db } from "@/lib/db";\nimport { auth } from "@/auth";\n'


def fanout(n):
    s = HEAD
    for k in range(7):
        s += f"async function h{k}(id) {{ " + f"await h{k + 1}(id); " * 10 + "}\n"
    s += "async function h7(id) { return db.x.findUnique({ where: { id } }); }\n"
    for i in range(n):
        s += f"export async function a{i}(id) {{ await h0(id); }}\n"
    return s


def big_helper(n, h=2000):
    s = HEAD + 'async function helper(id: string) {\n  const session = await auth();\n  if (!session) throw new Error("x");\n'
    for i in range(h):
        s += f"  const v{i} = await db.item.findUnique({{ where: {{ id }} }});\n"
    s += "  return session;\n}\n"
    for i in range(n):
        s += f"export async function act{i}(id: string) {{\n  await helper(id);\n  await db.post.delete({{ where: {{ id }} }});\n}}\n"
    return s


def in_action(body):
    return HEAD + "export async function act(a: string) {\n" + body + "\n  await db.post.delete({ where: { id: a } });\n}\n"


CASES = {
    "fanout-10": lambda: fanout(10),
    "fanout-100": lambda: fanout(100),
    "big-helper-200": lambda: big_helper(200),
    "else-if-10000": lambda: in_action(" if (a) {} else" * 10000 + " {}"),
    "braceless-if-10000": lambda: in_action("if (a) " * 10000 + "a;"),
    "braceless-while-10000": lambda: in_action("while (a) " * 10000 + "break;"),
    "do-while-10000": lambda: in_action("do " * 10000 + "a;" + " while (a);" * 10000),
    "labels-30000": lambda: in_action("l: " * 30000 + "a;"),
    # Beyond the CLI's 64 MiB worker stacks: the whole run aborts.
    "else-if-100000": lambda: in_action(" if (a) {} else" * 100000 + " {}"),
    "braceless-if-100000": lambda: in_action("if (a) " * 100000 + "a;"),
}


def main():
    args = [a for a in sys.argv[1:] if a != "--run"]
    run = "--run" in sys.argv
    out = args[0] if args else "/tmp/actiongate-adversarial"
    os.makedirs(out, exist_ok=True)
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    binary = os.path.join(root, "target", "release", "actiongate")
    for name, make in CASES.items():
        path = os.path.join(out, name + ".ts")
        with open(path, "w") as f:
            f.write(make())
        line = f"{name}: {os.path.getsize(path)} bytes -> {path}"
        if run:
            t0 = time.time()
            try:
                p = subprocess.run([binary, "check", path, "--format", "json", "-j", "1"],
                                   capture_output=True, timeout=600)
                status = f"exit {p.returncode}"
                if p.returncode not in (0, 1):
                    status += ": " + p.stderr.decode(errors="replace").strip().splitlines()[-1][:120]
            except subprocess.TimeoutExpired:
                status = "TIMEOUT (600 s)"
            line += f"  [{time.time() - t0:.2f} s, {status}]"
        print(line, flush=True)


if __name__ == "__main__":
    main()
