from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
sys.path.insert(0, str(ROOT))


def make_archive(dest: Path, case: Path | None = None) -> Path:
    """The base archive under dest/surgeries, with a case's files laid over it."""
    shutil.copytree(CASES / "base" / "surgeries", dest / "surgeries")
    if case is not None:
        if (case / "surgeries").is_dir():
            shutil.copytree(case / "surgeries", dest / "surgeries", dirs_exist_ok=True)
        if (case / "delete").is_file():
            for rel in (case / "delete").read_text().split():
                (dest / "surgeries" / rel).unlink()
    return dest / "surgeries"


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the base archive; the working directory is its parent."""
    monkeypatch.chdir(tmp_path)
    return make_archive(tmp_path)
