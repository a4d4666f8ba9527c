"""Edit-to-reload in `build.py serve`: seconds from saving a record to the page changing.

    .venv/bin/python benchmarks/serve_reload.py [--repeat 5] [--surgeries N]

Serves a copy of the sample archive (or a synthetic one of N surgeries) on 127.0.0.1,
edits a surgery's title, and times until the served page shows it. Target: within 3 s
on the sample.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.synthetic import write_archive  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, text: str, limit: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode():
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{text!r} did not appear within {limit} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--surgeries", type=int, default=0,
                        help="a synthetic archive of this size instead of the sample")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.surgeries:
            records = write_archive(Path(tmp), args.surgeries)
        else:
            records = Path(tmp) / "surgeries"
            shutil.copytree(ROOT / "surgeries", records)
        surgery = sorted(p for p in records.glob("*/surgery.yml")
                         if "status: published" in p.read_text(encoding="utf-8"))[-1]
        url_path = f"surgeries/{surgery.parent.name}/"
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--records", str(records),
             "--dev-addr", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/{url_path}"
        try:
            first = _wait_for(url, "<h1", 600)
            times = []
            for i in range(args.repeat):
                text = surgery.read_text(encoding="utf-8")
                marker = f"Reload marker {i}"
                lines = text.splitlines(keepends=True)
                title = next(n for n, line in enumerate(lines) if line.startswith("title:"))
                lines[title] = f"title: {marker}\n"
                surgery.write_text("".join(lines), encoding="utf-8")
                times.append(_wait_for(url, marker, 120))
                time.sleep(1)
        finally:
            server.terminate()
            server.wait(10)
    size = f"{args.surgeries} synthetic surgeries" if args.surgeries else "the sample archive"
    print(f"serve on {size}: first page after {first:.1f} s; edit to reload: median "
          f"{statistics.median(times):.2f} s, worst {max(times):.2f} s over {len(times)} edits "
          "(target: within 3 s on the sample)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
