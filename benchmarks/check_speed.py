"""How much `build.py check` costs over parsing the same files with PyYAML's C loader.

    python benchmarks/check_speed.py [--surgeries 1000] [--repeat 3]

Prints the best of --repeat runs for each, and the ratio. Target: at most 3x.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.synthetic import write_archive  # noqa: E402
from scrutiny.records import read_archive  # noqa: E402


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--surgeries", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        records = write_archive(Path(tmp), args.surgeries)
        files = sorted(records.rglob("*.yml"))
        size = sum(f.stat().st_size for f in files)

        def parse_only() -> None:
            for f in files:
                with open(f, "rb") as handle:
                    yaml.load(handle.read(), Loader=yaml.CSafeLoader)

        def check() -> None:
            checked = read_archive(records)
            assert checked.archive is not None, checked.problems[:3]

        bare = best(parse_only, args.repeat)
        ours = best(check, args.repeat)
    print(f"{args.surgeries} surgeries, {len(files)} files, {size / 1e6:.1f} MB")
    print(f"PyYAML C loader alone: {bare:.2f} s")
    print(f"build.py check:        {ours:.2f} s")
    print(f"ratio:                 {ours / bare:.2f}x (target: at most 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
