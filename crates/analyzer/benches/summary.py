#!/usr/bin/env python3
"""Turns criterion's results (target/criterion/) of `cargo bench -p actiongate-analyzer --bench
analyze` into the Markdown tables of BENCHMARKS.md: time per input, throughput, the ratios
analyze/parse and analyze/(parse+semantic), and the 10k -> 100k scaling.

    python3 crates/analyzer/benches/summary.py [TARGET_DIR]

Times are criterion's point estimates: the slope of the linear regression over the samples when
criterion computed one (many iterations per sample), else the mean. MB = 10^6 bytes.
"""

import json
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
TARGET = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
CRITERION = os.path.join(TARGET, "criterion")
INPUTS = ["seeds", "1k", "10k", "100k"]
FUNCS = ["parse", "parse_semantic", "analyze"]
# Before fixes settle (`analyze_first_round`); reported when measured.
OPTIONAL = ["first_round"]


def estimate(group, func):
    base = os.path.join(CRITERION, group, func, "new")
    try:
        with open(os.path.join(base, "estimates.json")) as f:
            est = json.load(f)
        with open(os.path.join(base, "benchmark.json")) as f:
            bench = json.load(f)
    except FileNotFoundError:
        return None
    pick = est.get("slope") or est["mean"]
    ci = pick["confidence_interval"]
    return {
        "ns": pick["point_estimate"],
        "lo": ci["lower_bound"],
        "hi": ci["upper_bound"],
        "bytes": bench.get("throughput", {}).get("Bytes"),
    }


def lines_of(group):
    if group == "seeds":
        d = os.path.join(ROOT, "tests", "fixtures", "seeds")
        files = [os.path.join(d, f) for f in sorted(os.listdir(d))]
        return len(files), sum(sum(1 for _ in open(p, encoding="utf-8")) for p in files)
    path = os.path.join(TARGET, "bench-data", f"actions-{group}.ts")
    if os.path.exists(path):
        return 1, sum(1 for _ in open(path, encoding="utf-8"))
    return 1, None


def fmt_time(ns):
    if ns >= 1e9:
        return f"{ns / 1e9:.2f} s"
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    return f"{ns / 1e3:.1f} µs"


def main():
    rows = {}
    for g in INPUTS:
        r = {f: estimate(g, f) for f in FUNCS}
        if all(r.values()):
            rows[g] = r
            r.update({f: e for f in OPTIONAL if (e := estimate(g, f))})
    if not rows:
        print(f"no criterion results under {CRITERION}", file=sys.stderr)
        return 1
    print("| input | files | lines | bytes | parse | parse + semantic | analyze | parse MB/s | parse+sem MB/s | analyze MB/s | analyze / parse | analyze / (parse+sem) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for g, r in rows.items():
        nbytes = r["analyze"]["bytes"]
        files, lines = lines_of(g)
        per_file = "" if files == 1 else " (all files)"
        mbs = lambda f: nbytes / (r[f]["ns"] / 1e9) / 1e6
        print(
            f"| {g}{per_file} | {files} | {lines if lines is not None else '?'} | {nbytes} | "
            f"{fmt_time(r['parse']['ns'])} | {fmt_time(r['parse_semantic']['ns'])} | {fmt_time(r['analyze']['ns'])} | "
            f"{mbs('parse'):.1f} | {mbs('parse_semantic'):.1f} | {mbs('analyze'):.1f} | "
            f"{r['analyze']['ns'] / r['parse']['ns']:.2f}× | {r['analyze']['ns'] / r['parse_semantic']['ns']:.2f}× |"
        )
    if any("first_round" in r for r in rows.values()):
        print()
        print("Before fixes settle (`analyze_first_round`):")
        print()
        print("| input | first round | first round / parse | analyze / first round |")
        print("| --- | ---: | ---: | ---: |")
        for g, r in rows.items():
            if "first_round" in r:
                fr = r["first_round"]["ns"]
                print(f"| {g} | {fmt_time(fr)} | {fr / r['parse']['ns']:.2f}× | {r['analyze']['ns'] / fr:.2f}× |")
    if "seeds" in rows:
        files, _ = lines_of("seeds")
        r = rows["seeds"]
        print()
        print(
            f"Seeds, per file (mean over {files} files): parse {fmt_time(r['parse']['ns'] / files)}, "
            f"parse + semantic {fmt_time(r['parse_semantic']['ns'] / files)}, analyze {fmt_time(r['analyze']['ns'] / files)}."
        )
    if "10k" in rows and "100k" in rows:
        a, b = rows["10k"], rows["100k"]
        size = b["analyze"]["bytes"] / a["analyze"]["bytes"]
        print()
        print(f"Scaling 10k → 100k lines (input {size:.2f}× larger; 10.0× = linear):")
        print()
        print("| function | 10k | 100k | ratio | ratio / size ratio |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for f in FUNCS:
            ratio = b[f]["ns"] / a[f]["ns"]
            print(f"| {f} | {fmt_time(a[f]['ns'])} | {fmt_time(b[f]['ns'])} | {ratio:.2f}× | {ratio / size:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
