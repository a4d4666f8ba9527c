"""Regenerate the README's screenshots of the real product from the sample archive.

    .venv/bin/python scripts/screenshots.py

Builds the sample site into a temporary folder, serves it on 127.0.0.1, and saves small
PNGs of a surgery page and an indicator page with Debian's Chromium into .github/screenshots/.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser import chromium, serve  # noqa: E402

import build  # noqa: E402

SHOTS = {
    "surgery.png": ("surgeries/2012-02-24-children-with-safeguarding-plans-and-children-in-care/"
                    "#indicators-reviewed", "light"),
    "indicator.png": ("indicators/children-in-care/#trend", "dark"),
}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        if build.main(["build", "--site-dir", str(site), "--as-of", "2026-11-26"]) != 0:
            return 1
        with serve(site) as url, chromium() as browser:
            for name, (path, scheme) in SHOTS.items():
                context = browser.new_context(viewport={"width": 1100, "height": 640},
                                              color_scheme=scheme, device_scale_factor=1)
                page = context.new_page()
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                target = ROOT / ".github" / "screenshots" / name
                page.screenshot(path=str(target))
                context.close()
                print(f"Saved {target.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
