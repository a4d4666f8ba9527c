"""Publishing a folder whole: build beside the target, then swap it in.

Each target has exactly two names of its own beside it, used only under its lock
(guard.locked): `.<name>.building`, where the new folder is made, and `.<name>.old`, where
the old one waits during the swap. Nothing else beside the target is ever touched: not a
sibling's folders, not anything a person keeps there.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..problems import shown
from .guard import MARKER, MARKER_TEXT, OutputError


def building(target: Path) -> Path:
    """`target`'s own staging folder, new and empty, marked as build.py's."""
    folder = target.parent / f".{target.name}.building"
    _remove_ours(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    folder.mkdir()
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return folder


def _old(target: Path) -> Path:
    return target.parent / f".{target.name}.old"


def swap_into_place(new: Path, target: Path) -> None:
    """Put `new` where `target` is; the old folder stays whole until the last moment.

    Between the two renames there is no `target`, only `.<name>.old`: if the process is
    killed there, `recover` puts the old folder back first thing next time.
    """
    old = _old(target)
    _remove_ours(old)
    if target.exists():
        os.rename(target, old)
    os.rename(new, target)
    if old.exists():
        shutil.rmtree(old)  # moved there just now, under the lock


def leftovers(target: Path) -> bool:
    """Whether a build or export killed part-way left anything beside `target`."""
    return any(p.exists() or p.is_symlink() for p in (
        _old(target), target.parent / f".{target.name}.building"))


def recover(target: Path) -> None:
    """Undo what a build or export killed part-way left: an old site caught between the
    two renames of a swap is put back; an unfinished staging folder is removed. Only
    folders of these exact names that carry build.py's marker are touched."""
    old = _old(target)
    if not target.exists() and not target.is_symlink() and _is_ours(old):
        os.rename(old, target)
    _remove_ours(old)
    _remove_ours(target.parent / f".{target.name}.building")


def _is_ours(folder: Path) -> bool:
    """Marked by build.py, or empty (a target may start as an empty folder)."""
    return folder.is_dir() and not folder.is_symlink() and (
        (folder / MARKER).is_file() or not any(folder.iterdir()))


def _remove_ours(folder: Path) -> None:
    if _is_ours(folder):
        shutil.rmtree(folder)
    elif folder.exists() or folder.is_symlink():
        raise OutputError(f"{shown(folder)} is in the way: build.py keeps that name for its "
                          "own use beside the output folder, and did not make it; move it "
                          "aside, then run this again")
