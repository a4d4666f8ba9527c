"""Text kept on disk, by name, until it is wanted back.

MkDocs reads every page before it writes any, and would hold every page's HTML in memory
in between: about 700 MB at 6,400 surgeries, more than the archive itself. The hook puts
each generated page's HTML on a shelf when MkDocs has read the page, and takes it back
when MkDocs writes it.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from pathlib import Path


class Shelf:
    """Texts by name, in a temporary folder that goes when the shelf is closed (or, at the
    latest, when the program ends)."""

    def __init__(self) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="archive-pages-"))
        self._names: dict[str, Path] = {}
        self._remove = weakref.finalize(self, shutil.rmtree, self._folder, ignore_errors=True)

    def put(self, name: str, text: str) -> None:
        self._names[name] = self._folder / f"{len(self._names)}.html"
        self._names[name].write_text(text, encoding="utf-8")

    def take(self, name: str) -> str | None:
        """The text put under `name`, once; None if there is none."""
        path = self._names.pop(name, None)
        if path is None:
            return None
        text = path.read_text(encoding="utf-8")
        path.unlink()
        return text

    def close(self) -> None:
        self._remove()
