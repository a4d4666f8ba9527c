"""Build speed at scale: our build against MkDocs with Material on ordinary pages.

    .venv/bin/python benchmarks/build_speed.py [--sizes 400 1600] [--search] [--repeat 2]

For each size N it writes a synthetic archive (benchmarks/synthetic.py) and measures:
check time, records-to-Markdown time, the whole `build.py build` (wall time and peak
memory, search index included), the largest page, output and search index sizes, and the
reference: MkDocs with Material (and its own search) building the same number of ordinary
documentation pages, a few KB of prose and a small table each. With --search it also
times the first search results in Chromium, in the site's own search box, for an
indicator code and a surgery title. Prints a Markdown table for BENCHMARKS.md. Build and
reference run --repeat times, interleaved and unwatched; the best of each counts, with
the median of the paired ratios beside it. Peak memory comes from one more run of each,
sampled (sampling slows what it watches, so those runs are not timed).
Targets: build at most 2x the reference at 400 and 1,600 surgeries; first results within
0.3 s of the last keystroke; no page over 1 MB; check at most 3x bare YAML parsing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
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
# Runs a command; prints its wall time and, when asked, the peak of the memory that it and
# all its child processes hold at once, sampled every 100 ms: the build and its Pagefind
# processes run side by side, so the peak of any one alone would understate it. Memory is
# each process's proportional set size (Linux's Pss): a page two processes share counts
# once between them, not once in each. Reading it
# costs the measured processes time, so timed runs are not sampled: memory has a run of
# its own.
MEASURE = r"""
import os, subprocess, sys, time

def tree_kb(root):
    parent = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                parent[int(pid)] = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    total = 0
    for pid in parent:
        p = pid
        while p not in (root, 0, 1) and p in parent:
            p = parent[p]
        if p == root:
            try:
                with open(f"/proc/{pid}/smaps_rollup") as f:
                    total += next((int(l.split()[1]) for l in f if l.startswith("Pss:")), 0)
            except (OSError, StopIteration, ValueError):
                continue
    return total

sample = sys.argv[1] == "memory"
t = time.perf_counter()
child = subprocess.Popen(sys.argv[3:], cwd=sys.argv[2], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
peak = 0
while sample and child.poll() is None:
    peak = max(peak, tree_kb(child.pid))
    time.sleep(0.1)
child.wait()
print(time.perf_counter() - t, peak, child.returncode)
"""


def measure(cwd: Path, *command: str, memory: bool = False) -> tuple[float, float]:
    """Wall seconds; with `memory`, also peak MB of the command and its children together
    (and the seconds are then not to be compared)."""
    out = subprocess.run([sys.executable, "-c", MEASURE, "memory" if memory else "time",
                          str(cwd), *command], env=ENV,
                         capture_output=True, text=True, check=True).stdout.split()
    seconds, peak_kb, code = float(out[0]), int(out[1]), int(out[2])
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {code}")
    return seconds, peak_kb / 1024


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def first_search(site: Path, query: str) -> float:
    """Seconds from the last keystroke to the first results, on a freshly loaded page: "/"
    opens the search, as a visitor would."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import chromium, serve

    with serve(site) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url + "surgeries/")
        page.wait_for_load_state("networkidle")
        page.keyboard.press("/")
        box = page.locator("dialog[open] input.pagefind-ui__search-input")
        box.wait_for(timeout=10_000)
        box.fill(query[:-1])
        started = time.perf_counter()
        box.type(query[-1])
        page.wait_for_function(
            "q => (document.querySelector('dialog[open] .pagefind-ui__message') || {})"
            ".textContent?.includes(q)", arg=query, timeout=60_000)
        page.wait_for_selector("dialog[open] .pagefind-ui__result-link", timeout=60_000)
        return time.perf_counter() - started


PROSE = ("The council publishes its performance figures every quarter. Officers review the "
         "indicators that are going the wrong way and agree what to do about them. ")


def reference_site(work: Path, pages: int) -> Path:
    """MkDocs with Material, and its search, on `pages` ordinary documentation pages."""
    project = work / f"reference{pages}"
    docs = project / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    table = "| quarter | value | target |\n|---|---|---|\n" + "".join(
        f"| Q{q} | {50 + q}.5 | 48.0 |\n" for q in range(1, 5))
    for i in range(pages):
        body = "\n\n".join(PROSE * 3 for _ in range(6))  # about 3 KB of prose
        (docs / f"page-{i:05d}.md").write_text(
            f"# Page {i}\n\n{body}\n\n## Figures\n\n{table}\n{PROSE}\n", encoding="utf-8")
    (docs / "index.md").write_text("# Reference\n\nOrdinary pages.\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: Reference\nsite_url: https://example.org/\nnav:\n  - Home: index.md\n"
        "theme:\n  name: material\n  font: false\n  features: [navigation.tabs]\n"
        "plugins:\n  - search\n", encoding="utf-8")
    return project


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
    gc.freeze()  # as build.py does once the records are checked
    started = time.perf_counter()
    site = site_plan(checked.archive, records, audience="public",
                     as_of=dt.date.fromisoformat(AS_OF))
    for planned in (*site.pages, *site.assets):
        if planned.make is not None:
            planned.make()
    render = time.perf_counter() - started
    out = work / f"site{n}"
    pages = len(site.pages)
    reference = reference_site(work, pages)
    ours = (sys.executable, str(ROOT / "build.py"), "build", "--records", str(records),
            "--site-dir", str(out), "--as-of", AS_OF)
    theirs = (sys.executable, "-m", "mkdocs", "build", "-q", "-d",
              str(work / f"reference-site{n}"))
    builds, floors = [], []
    for attempt in range(repeat):  # interleaved, so both see the same machine
        print(f"N = {n}: build and reference, run {attempt + 1} of {repeat} ...",
              file=sys.stderr)
        builds.append(measure(ROOT, *ours))
        floors.append(measure(reference, *theirs))
    print(f"N = {n}: memory of each ...", file=sys.stderr)
    build_mb = measure(ROOT, *ours, memory=True)[1]
    floor_mb = measure(reference, *theirs, memory=True)[1]
    build, floor = min(t for t, _ in builds), min(t for t, _ in floors)
    paired = sorted(b / f for (b, _), (f, _) in zip(builds, floors, strict=True))
    largest = max((p.stat().st_size, p) for p in out.rglob("*.html"))
    result = {
        "surgeries": n, "pages": len(site.pages), "files": len(files),
        "parse_s": bare, "check_s": check, "render_s": render, "build_s": build,
        "build_mb": build_mb, "floor_s": floor, "floor_mb": floor_mb,
        "median_pair": paired[len(paired) // 2], "runs": [builds, floors],
        "site_mb": size(out) / 1e6, "index_mb": size(out / "pagefind") / 1e6,
        "largest_kb": largest[0] / 1000, "largest": str(largest[1].relative_to(out)),
    }
    if search:
        print(f"N = {n}: searching in Chromium ...", file=sys.stderr)
        title = checked.archive.surgeries[len(checked.archive.surgeries) // 2].title
        result["search_s"] = first_search(out, "SYN PM 012")
        result["search_title_s"] = first_search(out, title)
    print(json.dumps(result), file=sys.stderr)
    return result


def table(results: list[dict]) -> str:
    search = "search_s" in results[0]
    head = ("| surgeries | pages | check (s) | check / parse | records to Markdown (s) | "
            "build (s) | reference (s) | build / reference | median of paired runs | "
            "peak memory (MB) | largest page (KB) | site (MB) | search index (MB) |"
            + (" first results: code, title (s) |" if search else ""))
    rows = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in results:
        rows.append(
            f"| {r['surgeries']:,} | {r['pages']:,} | {r['check_s']:.1f} | "
            f"{r['check_s'] / r['parse_s']:.2f}x | {r['render_s']:.1f} | {r['build_s']:.1f} | "
            f"{r['floor_s']:.1f} | {r['build_s'] / r['floor_s']:.2f}x | "
            f"{r['median_pair']:.2f}x | {r['build_mb']:.0f} | {r['largest_kb']:.0f} | "
            f"{r['site_mb']:.0f} | {r['index_mb']:.1f} |"
            + (f" {r['search_s']:.2f}, {r['search_title_s']:.2f} |" if search else ""))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[400, 1600])
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
