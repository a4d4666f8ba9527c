"""Build speed at scale: our build against plain MkDocs on the same exported pages.

    .venv/bin/python benchmarks/build_speed.py [--sizes 100 400 1600] [--search]

For each size N it writes a synthetic archive (benchmarks/synthetic.py) and measures:
check time, records-to-Markdown time, the whole `build.py build` (wall time and peak
memory), output and search index sizes, and the floor: `mkdocs build --strict` on the
output of `build.py export` for the same archive, which holds the same pages. With
--search it also times the first search results in Chromium. Prints a Markdown table for
BENCHMARKS.md. Build and floor run --repeat times, interleaved; the best of each counts,
and the median of each run's ratio to the floor run beside it is shown too.
Targets: t(1600)/t(400) at most 4.4; build at most 1.25x the floor;
check at most 3x bare YAML parsing; peak memory under 1 GB at 1,600 surgeries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.synthetic import write_archive  # noqa: E402
from scrutiny.records import read_archive  # noqa: E402
from scrutiny.site.plan import site_plan  # noqa: E402

AS_OF = "2026-11-26"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# Runs a command; prints its wall time and the peak of the memory (resident set) that it and
# all its child processes hold at once, sampled every 20 ms: `build.py build` and the MkDocs
# process it starts run side by side, so the peak of either alone would understate it.
MEASURE = r"""
import os, subprocess, sys, time

def tree_kb(root):
    parent, rss = {}, {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                parent[int(pid)] = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{pid}/status") as f:
                rss[int(pid)] = next((int(l.split()[1]) for l in f if l.startswith("VmRSS")), 0)
        except (OSError, StopIteration, ValueError, IndexError):
            continue
    total = 0
    for pid, kb in rss.items():
        p = pid
        while p not in (root, 0, 1) and p in parent:
            p = parent[p]
        total += kb if p == root else 0
    return total

t = time.perf_counter()
child = subprocess.Popen(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
peak = 0
while child.poll() is None:
    peak = max(peak, tree_kb(child.pid))
    time.sleep(0.02)
print(time.perf_counter() - t, peak, child.returncode)
"""


def measure(cwd: Path, *command: str) -> tuple[float, float]:
    """Wall seconds, and peak MB of the command and its children together."""
    out = subprocess.run([sys.executable, "-c", MEASURE, str(cwd), *command], env=ENV,
                         capture_output=True, text=True, check=True).stdout.split()
    seconds, peak_kb, code = float(out[0]), int(out[1]), int(out[2])
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {code}")
    return seconds, peak_kb / 1024


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def first_search(site: Path, query: str) -> float:
    """Seconds from the last keystroke to the first results, on a freshly loaded page."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import chromium, serve

    with serve(site) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url)
        page.wait_for_load_state("load")
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(query[:-1])
        started = time.perf_counter()
        box.type(query[-1])
        page.wait_for_selector(".md-search-result__item", timeout=300_000)
        return time.perf_counter() - started


def run(n: int, work: Path, search: bool, repeat: int) -> dict:
    print(f"N = {n}: writing the archive ...", file=sys.stderr)
    records = write_archive(work / f"n{n}", n)
    files = sorted(records.rglob("*.yml"))
    started = time.perf_counter()
    for f in files:
        yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)
    bare = time.perf_counter() - started
    started = time.perf_counter()
    checked = read_archive(records)
    check = time.perf_counter() - started
    assert checked.archive is not None, checked.problems[:3]
    started = time.perf_counter()
    site = site_plan(checked.archive, records, audience="public",
                     as_of=dt.date.fromisoformat(AS_OF))
    for planned in (*site.pages, *site.assets):
        if planned.make is not None:
            planned.make()
    render = time.perf_counter() - started
    out = work / f"site{n}"
    export = work / f"export{n}"
    subprocess.run([sys.executable, str(ROOT / "build.py"), "export", "--records",
                    str(records), "--out", str(export), "--as-of", AS_OF], env=ENV,
                   capture_output=True, check=True)
    builds, floors = [], []
    for attempt in range(repeat):  # interleaved, so both see the same machine
        print(f"N = {n}: build and floor, run {attempt + 1} of {repeat} ...", file=sys.stderr)
        builds.append(measure(ROOT, sys.executable, str(ROOT / "build.py"), "build",
                              "--records", str(records), "--site-dir", str(out),
                              "--as-of", AS_OF))
        floors.append(measure(export, sys.executable, "-m", "mkdocs", "build", "--strict",
                              "-q", "-d", str(work / f"floor{n}")))
    build, floor = min(t for t, _ in builds), min(t for t, _ in floors)
    build_mb, floor_mb = max(mb for _, mb in builds), max(mb for _, mb in floors)
    paired = sorted(b / f for (b, _), (f, _) in zip(builds, floors, strict=True))
    result = {
        "surgeries": n, "pages": len(site.pages), "files": len(files),
        "parse_s": bare, "check_s": check, "render_s": render, "build_s": build,
        "build_mb": build_mb, "floor_s": floor, "floor_mb": floor_mb,
        "median_pair": paired[len(paired) // 2], "runs": [builds, floors],
        "site_mb": size(out) / 1e6,
        "index_mb": (out / "search" / "search_index.json").stat().st_size / 1e6,
    }
    if search:
        print(f"N = {n}: searching in Chromium ...", file=sys.stderr)
        result["search_s"] = first_search(out, "SYN PM 012")
    print(json.dumps(result), file=sys.stderr)
    return result


def table(results: list[dict]) -> str:
    head = ("| surgeries | pages | check (s) | check / parse | records to Markdown (s) | "
            "build (s) | floor (s) | build / floor | median of paired runs | "
            "peak memory (MB) | site (MB) | "
            "search index (MB) |" + (" first search (s) |" if "search_s" in results[0] else ""))
    rows = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in results:
        rows.append(
            f"| {r['surgeries']:,} | {r['pages']:,} | {r['check_s']:.1f} | "
            f"{r['check_s'] / r['parse_s']:.2f}x | {r['render_s']:.1f} | {r['build_s']:.1f} | "
            f"{r['floor_s']:.1f} | {r['build_s'] / r['floor_s']:.2f}x | {r['median_pair']:.2f}x | "
            f"{r['build_mb']:.0f} | "
            f"{r['site_mb']:.0f} | {r['index_mb']:.1f} |"
            + (f" {r['search_s']:.2f} |" if "search_s" in r else ""))
    by_n = {r["surgeries"]: r for r in results}
    if 400 in by_n and 1600 in by_n:
        rows.append("")
        rows.append(f"Growth from 400 to 1,600 surgeries (4x): build "
                    f"{by_n[1600]['build_s'] / by_n[400]['build_s']:.2f}x, floor "
                    f"{by_n[1600]['floor_s'] / by_n[400]['floor_s']:.2f}x (target: at most 4.4x).")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 400, 1600])
    parser.add_argument("--search", action="store_true", help="also time search in Chromium")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of build and floor at each size; the best counts")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        results = [run(n, Path(tmp), args.search, args.repeat) for n in args.sizes]
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
