"""Publishing a folder whole: build beside the target, then swap it in.

Each target has exactly two names of its own beside it, used only under its lock
(guard.locked): `.<name>.building`, where the new folder is made, and `.<name>.old`, where
the old one waits during the swap. Nothing else beside the target is ever touched: not a
sibling's folders, not anything a person keeps there. A folder of build.py's loses its
marker last when it is deleted, so one stopped part-way is still known as build.py's.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..problems import printable
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


def swap_into_place(new: Path, target: Path) -> str | None:
    """Put `new` where `target` is; the old folder stays whole until the last moment.

    Between the two renames there is no `target`, only `.<name>.old`: if the process is
    killed there, `recover` puts the old folder back first thing next time. Once `new` is
    in place the swap has happened, whatever follows: a note, not an error, says so if the
    old folder could not be removed (the next build tries again).
    """
    old = _old(target)
    _remove_ours(old)
    if target.exists():
        os.rename(target, old)
    os.rename(new, target)
    try:
        _remove_ours(old)
    except OSError as error:
        return (f"the new site is in place, but the old one could not be removed from "
                f"{printable(str(old))} ({error.strerror or error}); the next build tries "
                "again")
    return None


def leftovers(target: Path) -> bool:
    """Whether a build or export killed part-way left anything beside `target`."""
    return any(p.exists() or p.is_symlink() for p in (
        _old(target), target.parent / f".{target.name}.building"))


def recover(target: Path) -> None:
    """Undo what a build or export killed part-way left: an old site caught between the
    two renames of a swap is put back (over an empty folder made in its place since);
    an unfinished staging folder is removed. Only folders of these exact names that
    carry build.py's marker are touched."""
    old = _old(target)
    if _is_ours(old) and (old / MARKER).is_file() and not target.is_symlink() and (
            not target.exists() or (target.is_dir() and not any(target.iterdir()))):
        if target.exists():
            target.rmdir()
        os.rename(old, target)
    _remove_ours(old)
    _remove_ours(target.parent / f".{target.name}.building")


def remove(folder: Path) -> None:
    """Delete a folder of build.py's, its marker last."""
    for child in folder.iterdir():
        if child.name == MARKER:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    (folder / MARKER).unlink(missing_ok=True)
    folder.rmdir()


def _is_ours(folder: Path) -> bool:
    """Marked by build.py, or empty (a target may start as an empty folder)."""
    return folder.is_dir() and not folder.is_symlink() and (
        (folder / MARKER).is_file() or not any(folder.iterdir()))


def _remove_ours(folder: Path) -> None:
    if _is_ours(folder):
        remove(folder)
    elif folder.exists() or folder.is_symlink():
        raise OutputError(f"{printable(str(folder))} is in the way: build.py keeps that name "
                          "for its own use beside the output folder, and did not make it; "
                          "move it aside, then run this again")
