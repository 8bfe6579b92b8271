#!/usr/bin/env python3
"""What the playground's wasm is made of, by crate: runs `twiggy top` on the wasm that cargo
builds (before wasm-bindgen and wasm-opt strip the names) and adds each function's bytes to the
crate its name starts with (`<T as tachys::..>::f` counts for `tachys`). Sections without code
(names, wasm-bindgen's custom section) and wasm-bindgen's describe stubs (it removes them) are
left out; data segments are shown as `(data)`.

    python3 web/tools/wasm-breakdown.py target/web/wasm32-unknown-unknown/wasm-release/actiongate-playground.wasm

The sizes are before wasm-opt, so they are larger than what the page loads; the shares are what
to read. Needs `twiggy` (scripts/size-breakdown.sh installs it)."""
import csv
import io
import re
import subprocess
import sys
from collections import Counter

IGNORED = ('"function names" subsection', "custom section")
# wasm-bindgen's describe functions, exports and imports: read and removed by wasm-bindgen.
BINDGEN = re.compile(r'^(export "__wbindgen|__wbindgen_describe|import __wbindgen)')


def crate_of(item: str) -> str:
    if item.startswith("data segment"):
        return "(data)"
    # `<T as tachys::view::Render>::build`: a generic type's impl counts for the trait's crate.
    generic = re.match(r"<(&|&mut |\*const |\*mut )*[A-Z][A-Za-z0-9_]* as ([^>]+)>", item)
    if generic:
        item = generic.group(2)
    name = item.lstrip("<&*( ")
    name = re.sub(r"^(dyn |mut |const )", "", name)
    match = re.match(r"([A-Za-z_][A-Za-z0-9_]*)(\[[0-9a-f]+\])?::", name)
    if match:
        return match.group(1)
    return "(other)"


def main() -> None:
    wasm = sys.argv[1]
    out = subprocess.run(
        ["twiggy", "top", "-n", "1000000", "--format", "csv", wasm],
        check=True, capture_output=True, text=True,
    ).stdout
    by_crate: Counter = Counter()
    total = 0
    for row in csv.DictReader(io.StringIO(out)):
        item = row["Name"]
        size = int(row["ShallowSize"])
        if item.startswith(IGNORED) or item.startswith("Σ") or item.startswith("..."):
            continue
        if BINDGEN.match(item):
            continue
        by_crate[crate_of(item)] += size
        total += size
    print(f"{'crate':32} {'KiB':>8} {'share':>7}")
    for crate, size in by_crate.most_common(30):
        print(f"{crate:32} {size / 1024:8.1f} {100 * size / total:6.1f}%")
    print(f"{'(code and data, before wasm-opt)':32} {total / 1024:8.1f}")


if __name__ == "__main__":
    main()
