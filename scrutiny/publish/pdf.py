"""Pages printed as PDFs by Chromium, once the site is written: the members' briefing packs.

Chromium prints the very page members read, with the site's own print styles (cover,
contents, page numbers and the members' marking, docs/assets/archive.css and
overrides/main.html), from the files on disk: nothing is fetched from anywhere else. It is
Debian's `chromium`, which the browser tests use too; a build that needs it and cannot find
it fails, saying so, and publishes nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .engine import EngineError

TIMEOUT = 180  # seconds for one page: a page that takes longer is a fault, not a slow disk
FLAGS = ["--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--no-pdf-header-footer", "--hide-scrollbars"]


def chromium() -> str | None:
    """Debian's Chromium, or the one CHROMIUM names."""
    given = os.environ.get("CHROMIUM")
    if given:
        return given if shutil.which(given) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_pages(site: Path, pages: tuple[tuple[str, str], ...], progress: bool = False) -> None:
    """Print each (page, pdf) of `site`: the page's index.html into the PDF beside it.
    EngineError, in one line, when Chromium is missing or a PDF does not come out whole."""
    if not pages:
        return
    browser = chromium()
    if browser is None:
        raise EngineError(
            "the members' site publishes each briefing pack as a PDF, printed by Chromium, "
            "which is not installed: install Debian's chromium (sudo apt-get install "
            "chromium), or set CHROMIUM to a Chromium program")
    # Chromium refuses its sandbox to root (a container, a CI runner): the pages are the
    # site's own, made from checked records, with no script from anywhere else
    sandbox = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    for n, (page, pdf) in enumerate(pages, 1):
        if progress:
            print(f"  printing briefing pack {n} of {len(pages)} as a PDF", file=sys.stderr,
                  flush=True)
        target = site / pdf
        source = site / page / "index.html"
        with tempfile.TemporaryDirectory(prefix="pack-chromium-") as profile:
            try:
                done = subprocess.run(
                    [browser, *FLAGS, *sandbox, f"--user-data-dir={profile}",
                     f"--print-to-pdf={target}", source.as_uri()],
                    stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT, check=False)
            except subprocess.TimeoutExpired:
                raise EngineError(f"Chromium took over {TIMEOUT} s to print {page} as a "
                                  "PDF, and was stopped") from None
            except OSError as error:
                raise EngineError(f"could not start Chromium ({browser}) to print {page}: "
                                  f"{error.strerror or error}") from None
        if done.returncode != 0 or not whole(target):
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise EngineError(f"Chromium did not print {page} as a whole PDF (exit "
                              f"{done.returncode}{': ' + said[-1] if said else ''})")


def whole(pdf: Path) -> bool:
    """A PDF written to its end: its header, and its end-of-file marker last."""
    try:
        with pdf.open("rb") as f:
            head = f.read(8)
            f.seek(max(0, pdf.stat().st_size - 1024))
            tail = f.read()
    except OSError:
        return False
    return head.startswith(b"%PDF-") and tail.rstrip().endswith(b"%%EOF")


def verify(site: Path, pdfs: list[str]) -> None:
    """Nothing is published with a PDF missing or cut short."""
    for pdf in pdfs:
        if not whole(site / pdf):
            raise EngineError(f"{pdf} is missing or incomplete; nothing was published")
