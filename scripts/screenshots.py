"""Regenerate the screenshots of every page kind, at phone and desktop widths, light and dark.

    .venv/bin/python scripts/screenshots.py

Builds the sample site (and the members' site, and the second sample's: a district
council's committee, tests/samples/district) into a temporary folder, serves it on
127.0.0.1, and saves the top of each page kind at 390 px and 1366 px wide, in the light
and dark palettes, with Debian's Chromium, into .github/screenshots/<kind>-<width>-<scheme>.png.
The README shows two of them. Look at every one after a change to the pages.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser import chromium, serve  # noqa: E402

import build  # noqa: E402

SURGERY = "surgeries/2012-02-24-children-with-safeguarding-plans-and-children-in-care/"
PAGES = {  # kind: (address, the part of the page to show first)
    "home": ("", ""),
    "archive": ("surgeries/", ""),
    "surgery": (SURGERY, "#indicators-reviewed"),
    "surgery-minutes": ("surgeries/2025-06-20-children-in-care-and-re-referrals/", "#minutes"),
    "indicator": ("indicators/children-in-care/", "#trend"),
    "indicators": ("indicators/", ""),
    "actions": ("actions/", ""),
    "search": ("search/?q=children", ""),
    "open-data": ("data/", ""),
    "follow-through": ("follow-through/", ""),
    "about": ("about/", ""),
    "members-surgery": ("surgeries/2025-06-20-children-in-care-and-re-referrals/", ""),
    "briefing-pack": ("surgeries/2027-02-12-children-in-care-a-year-on/", ""),
    "members-briefing-pack": ("surgeries/2027-02-12-children-in-care-a-year-on/", "#annex"),
    # the second sample, a district council's committee (tests/samples/district)
    "district-meeting": ("surgeries/2023-12-07-quarter-2-performance-report/", ""),
    "district-indicator": ("indicators/council-tax-collected/", "#trend"),
}
DISTRICT = ROOT / "tests" / "samples" / "district"
WIDTHS = {390: 844, 1366: 800}
OUT = ROOT / ".github" / "screenshots"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        sites = {audience: Path(tmp) / audience for audience in ("public", "members")}
        for audience, site in sites.items():
            if build.main(["build", "--site-dir", str(site), "--as-of", "2026-11-26",
                           "--audience", audience]) != 0:
                return 1
        sites["district"] = Path(tmp) / "district"
        if build.main(["build", "--records", str(DISTRICT), "--site-dir",
                       str(sites["district"]), "--as-of", "2026-11-26"]) != 0:
            return 1
        OUT.mkdir(parents=True, exist_ok=True)
        with serve(sites["public"]) as public, serve(sites["members"]) as members, \
                serve(sites["district"]) as district, chromium() as browser:
            for kind, (path, part) in PAGES.items():
                base = members if kind.startswith("members") else (
                    district if kind.startswith("district") else public)
                for width, height in WIDTHS.items():
                    for scheme in ("light", "dark"):
                        context = browser.new_context(viewport={"width": width, "height": height},
                                                      color_scheme=scheme, device_scale_factor=1)
                        page = context.new_page()
                        page.goto(base + path + part)
                        page.wait_for_load_state("networkidle")
                        if path.startswith("search/"):  # its results, not its loading
                            page.locator(".pagefind-ui__result").first.wait_for()
                        target = OUT / f"{kind}-{width}-{scheme}.png"
                        page.screenshot(path=str(target))
                        context.close()
                        print(f"Saved {target.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
