"""The site's search: a Pagefind index built from the finished site.

Pagefind reads the built pages (only what the audience's site holds, so the public index
can hold nothing withheld) and writes a chunked index beside them, of which a visitor's
browser loads only the fragments a query needs, however large the archive.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

INDEX = "pagefind"  # the folder in the site


class SearchIndexError(Exception):
    """Why the index could not be built, in one line."""


def index_site(site_dir: Path) -> None:
    """Build the search index for the site in `site_dir`, into site_dir/pagefind/."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir),
               "--output-subdir", INDEX, "--exclude-selectors", "a.headerlink", "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False,
                                timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"could not run Pagefind: {error}") from None
    if result.returncode != 0:
        reason = " ".join((result.stderr or result.stdout).split())[:300]
        raise SearchIndexError(f"Pagefind could not index the site: {reason}")
