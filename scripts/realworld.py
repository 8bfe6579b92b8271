#!/usr/bin/env python3
"""Measures actiongate against the hand-labelled Server Actions of public repositories.

    python3 scripts/realworld.py                  # tests/realworld/labels, imports resolved
    python3 scripts/realworld.py --snippet        # each labelled file alone, as a paste
    python3 scripts/realworld.py --whole          # the CLI over every file of each repository
    python3 scripts/realworld.py --labels DIR     # another label folder (the held-out slice)

Labels are described in tests/realworld/README.md. The repositories must have been fetched
(the tool library's `fetch`, into /work/.mirror/<owner>+<name>/repo, or MIRROR_ROOT): each
labelled tree is exported at its commit into a cache folder (REALWORLD_CACHE, default
/tmp/actiongate-realworld) and the release CLI runs inside it over the labelled files, so the
project's own imports resolve as they do for a user. Not part of CI: it needs fetched code.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HIGH = ["missing-authn", "unchecked-session", "auth-after-mutation", "client-identity", "missing-authz"]
CLEAN = ["clean", "public-by-design"]
VERDICTS = HIGH + CLEAN + ["unsure"]


def read_labels(folder):
    """Yields one dict per labelled action, with its repository and mirror."""
    rows = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".tsv"):
            continue
        repo = mirror = None
        header = None
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if line.startswith("#"):
                    key, _, value = line[1:].strip().partition(":")
                    if key.strip() == "repository":
                        repo = value.strip().split()[0]
                    elif key.strip() == "mirror":
                        mirror = value.strip().split()[0]
                    continue
                if not line.strip():
                    continue
                cells = line.split("\t")
                if header is None:
                    header = cells
                    continue
                if len(cells) != len(header):
                    sys.exit(f"{name}:{n}: {len(cells)} columns, the header has {len(header)}")
                row = dict(zip(header, cells))
                if row["verdict"] not in VERDICTS:
                    sys.exit(f"{name}:{n}: unknown verdict {row['verdict']!r}")
                row["repo"] = repo or name[:-4].replace("__", "/", 1)
                row["mirror"] = mirror or row["repo"]
                row["where"] = f"{name}:{n}"
                rows.append(row)
    return rows


def git_dir(mirror):
    base = os.environ.get("MIRROR_ROOT", "/work/.mirror")
    path = os.path.join(base, mirror.replace("/", "+"), "repo")
    return path if os.path.isdir(path) else None


SOURCE_EXTENSIONS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".json", ".toml", ".prisma")
SOURCE_NAMES = (".gitignore", "pnpm-workspace.yaml")


def export(mirror, commit):
    """The repository's source files at `commit`, exported once into the cache; None if
    unavailable. Only what the CLI reads is written (a snapshot lacks its largest files, so a
    whole-tree `git archive` can fail)."""
    gd = git_dir(mirror)
    if gd is None:
        return None
    cache = os.environ.get("REALWORLD_CACHE", "/tmp/actiongate-realworld")
    out = os.path.join(cache, f"{mirror.replace('/', '__')}@{commit[:12]}")
    if os.path.isdir(out):
        return out
    tree = subprocess.run(["git", f"--git-dir={gd}", "ls-tree", "-r", "-z", commit], capture_output=True)
    if tree.returncode != 0:
        return None
    blobs = []
    for entry in tree.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.partition(b"\t")
        mode, kind, sha = meta.split()
        name = path.decode("utf-8", "replace")
        if kind == b"blob" and mode != b"120000" and (name.endswith(SOURCE_EXTENSIONS) or os.path.basename(name) in SOURCE_NAMES):
            blobs.append((sha.decode(), name))
    tmp = out + ".part"
    subprocess.run(["rm", "-rf", tmp], check=True)
    os.makedirs(tmp)
    batch = subprocess.run(["git", f"--git-dir={gd}", "cat-file", "--batch"], input="".join(f"{sha}\n" for sha, _ in blobs).encode(), capture_output=True)
    data, pos = batch.stdout, 0
    for sha, name in blobs:
        line_end = data.index(b"\n", pos)
        header = data[pos:line_end].split()
        pos = line_end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue  # missing from the snapshot
        size = int(header[2])
        body = data[pos:pos + size]
        pos += size + 1
        target = os.path.normpath(os.path.join(tmp, name))
        if not target.startswith(tmp + os.sep):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(body)
    os.rename(tmp, out)
    return out


def cli():
    """The CLI to measure: ACTIONGATE_BIN, or the workspace's release build (built here)."""
    if os.environ.get("ACTIONGATE_BIN"):
        return os.path.abspath(os.environ["ACTIONGATE_BIN"])
    exe = os.path.join(ROOT, "target", "release", "actiongate")
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "actiongate-cli"], cwd=ROOT, check=True)
    return exe


def run_json(exe, args, cwd, stdin=None, timeout=300):
    started = time.monotonic()
    p = subprocess.run([exe, "check", "--format", "json", "--fail-on", "low", *args], cwd=cwd, input=stdin,
                       capture_output=True, timeout=timeout)
    took = time.monotonic() - started
    if p.returncode not in (0, 1, 2) or not p.stdout.strip():
        return None, took, p.stderr.decode("utf-8", "replace")[-400:]
    return json.loads(p.stdout), took, p.stderr.decode("utf-8", "replace")[-400:]


def predictions(report, file_of):
    """{(file, action): [high rules]} and the set of (file, action) the CLI saw as actions."""
    seen = set()
    for f in report.get("files", []):
        for a in f.get("actions", []):
            seen.add((file_of(f["file"]), a))
    found = collections.defaultdict(list)
    for x in report.get("findings", []):
        if x["severity"] == "high":
            found[(file_of(x["file"]), x["action"])].append(x["rule"])
    return found, seen


def measure(rows, exe, snippet):
    by_tree = collections.defaultdict(list)
    for r in rows:
        by_tree[(r["mirror"], r["commit"])].append(r)
    results = []
    missing_trees = collections.Counter()
    for (mirror, commit), group in sorted(by_tree.items()):
        tree = export(mirror, commit)
        if tree is None:
            missing_trees[mirror] += len(group)
            continue
        paths = sorted({r["path"] for r in group})
        found, seen = {}, set()
        if snippet:
            for path in paths:
                full = os.path.join(tree, path)
                if not os.path.isfile(full):
                    continue
                with open(full, "rb") as f:
                    data = f.read()
                report, _, _ = run_json(exe, ["-", "--stdin-filename", os.path.basename(path)], cwd="/", stdin=data)
                if report is None:
                    continue
                fnd, sn = predictions(report, lambda _f, p=path: p)
                found.update(fnd)
                seen |= sn
        else:
            present = [p for p in paths if os.path.isfile(os.path.join(tree, p))]
            report, _, err = run_json(exe, present, cwd=tree) if present else ({}, 0, "")
            if report is None:
                print(f"  ! the CLI failed on {mirror}@{commit[:8]}: {err}", file=sys.stderr)
                report = {}
            found, seen = predictions(report, lambda f: os.path.normpath(f))
        for r in group:
            key = (os.path.normpath(r["path"]), r["action"])
            results.append((r, found.get(key, []), key in seen))
    return results, missing_trees


def report(results, missing_trees, title):
    scored = [(r, f, s) for r, f, s in results if r["verdict"] != "unsure"]
    clean = [(r, f, s) for r, f, s in scored if r["verdict"] in CLEAN]
    holes = [(r, f, s) for r, f, s in scored if r["verdict"] in HIGH]
    flagged = [x for x in clean if x[1]]
    caught = [x for x in holes if x[1]]
    exact = [x for x in holes if x[0]["verdict"] in x[1]]
    agree = len(clean) - len(flagged) + len(exact)
    repos = {r["repo"] for r, _, _ in scored}
    pct = lambda a, b: f"{a}/{b} = {a / b:.3f}" if b else "n/a"
    print(f"\n## {title}\n")
    print(f"actions scored: {len(scored)} ({len(holes)} holes, {len(clean)} clean or public) in {len(repos)} repositories; "
          f"unsure (not scored): {len(results) - len(scored)}")
    if missing_trees:
        print(f"not measured (repository not fetched here): {sum(missing_trees.values())} rows of {', '.join(sorted(missing_trees))}")
    print(f"false alarms on clean/public: {pct(len(flagged), len(clean))}")
    print(f"recall on holes:              {pct(len(caught), len(holes))}")
    print(f"exact rule on holes:          {pct(len(exact), len(holes))}")
    print(f"agreement (clean quiet, hole exact): {pct(agree, len(scored))}")
    print("\n### disagreements\n")
    for r, f, s in scored:
        if (r["verdict"] in CLEAN and not f) or (r["verdict"] in f):
            continue
        got = ",".join(f) or ("no high finding" if s else "not seen as an action")
        print(f"- {r['repo']}@{r['commit'][:8]} {r['path']} `{r['action']}`: label {r['verdict']}, got {got} — {r['reason']}")


def whole(rows, exe):
    """The CLI over every file of each repository's most-labelled commit."""
    commits = collections.defaultdict(collections.Counter)
    for r in rows:
        commits[r["mirror"]][r["commit"]] += 1
    print("\n## whole repositories\n\n| repository | commit | files | actions | high | errors | seconds |\n| --- | --- | --- | --- | --- | --- | --- |")
    for mirror, counter in sorted(commits.items()):
        commit = counter.most_common(1)[0][0]
        tree = export(mirror, commit)
        if tree is None:
            print(f"| {mirror} | {commit[:8]} | not fetched | | | | |")
            continue
        try:
            report, took, err = run_json(exe, ["-j", "2", "."], cwd=tree, timeout=600)
        except subprocess.TimeoutExpired:
            print(f"| {mirror} | {commit[:8]} | TIME-OUT | | | | >600 |")
            continue
        if report is None:
            print(f"| {mirror} | {commit[:8]} | CRASH: {err.strip()[:80]} | | | | {took:.1f} |")
            continue
        files = report.get("files", [])
        actions = sum(len(f.get("actions", [])) for f in files)
        errors = sum(len(f.get("errors", [])) for f in files)
        high = sum(1 for x in report.get("findings", []) if x["severity"] == "high")
        print(f"| {mirror} | {commit[:8]} | {len(files)} | {actions} | {high} | {errors} | {took:.2f} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", default=os.path.join(ROOT, "tests", "realworld", "labels"))
    ap.add_argument("--snippet", action="store_true", help="analyse each labelled file alone")
    ap.add_argument("--whole", action="store_true", help="run the CLI over every file of each repository")
    args = ap.parse_args()
    rows = read_labels(args.labels)
    exe = cli()
    if args.whole:
        whole(rows, exe)
        return
    results, missing = measure(rows, exe, args.snippet)
    report(results, missing, "snippet mode (each file alone)" if args.snippet else "imports resolved (the CLI inside each project)")


if __name__ == "__main__":
    main()
