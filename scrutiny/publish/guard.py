"""The one guard on output folders, and the one lock on them.

A build or export replaces its output folder whole, so a flag pointing it at the wrong
place would destroy that place: the records, docs/, the project, or any folder that is
not an earlier site or export. And two builds into one folder would publish a mix: the
second waits for nothing and says so.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..problems import printable, shown

MARKER = ".build-py-output"  # written into every site and export: safe to replace
MARKER_TEXT = ("This folder was written by build.py (build or export), which replaces it "
               "whole on the next run. Keep nothing else in it.\n")


class OutputError(Exception):
    """Why an output folder may not be used, worded for the person who gave the flag."""


def _earlier_output(folder: Path) -> bool:
    """A folder build.py wrote: it carries the marker. Nothing else is, whatever it holds."""
    return (folder / MARKER).is_file() and not (folder / MARKER).is_symlink()


def check_output(target: Path, *, records: Path, project: Path, docs: Path,
                 flag: str) -> Path:
    """`target` resolved, if build.py may replace it whole; OutputError otherwise."""
    try:
        return _checked(target, records=records, project=project, docs=docs, flag=flag)
    except OSError as error:  # a name too long, a folder that cannot be read
        raise OutputError(f"refusing {flag} {printable(str(target))}: "
                          f"{error.strerror or error}; choose another folder") from None


_RESERVED = re.compile(r"\..+\.(building|old)")  # a build's own names beside its folder


def _checked(target: Path, *, records: Path, project: Path, docs: Path, flag: str) -> Path:
    if target.is_symlink():
        raise OutputError(f"refusing {flag} {printable(str(target))}: it is a symbolic link; "
                          "give the folder itself")
    target = target.resolve()
    for folder in (target, *target.parents):
        if _RESERVED.fullmatch(folder.name):
            raise OutputError(f"refusing {flag} {shown(target)}: {folder.name} is a name "
                              "build.py keeps for a build's own use beside its folder; "
                              "choose another folder")
        if folder != target and _earlier_output(folder):
            raise OutputError(f"refusing {flag} {shown(target)}: it is inside "
                              f"{shown(folder)}, an earlier site or export, which its next "
                              "build replaces whole; choose a folder outside it")
    guarded = {records.resolve(): "the records", docs.resolve(): "the site's docs/ folder",
               project.resolve(): "the project folder", (project / ".git").resolve(): ".git"}
    for place, name in guarded.items():
        if target == place:
            raise OutputError(f"refusing {flag} {shown(target)}: it is {name}; choose a "
                              "folder of its own, e.g. site/")
    for place, name in guarded.items():
        if target in place.parents:
            raise OutputError(f"refusing {flag} {shown(target)}: it holds {name}; choose a "
                              "folder of its own, e.g. site/")
        if place != project.resolve() and place in target.parents:
            raise OutputError(f"refusing {flag} {shown(target)}: it is inside {name}; choose "
                              "a folder outside it, e.g. site/")
    above = next((p for p in target.parents if p.exists()), None)
    if above is not None and not above.is_dir():
        raise OutputError(f"refusing {flag} {shown(target)}: {shown(above)} is a file, not a "
                          "folder; choose a folder")
    if target.exists() or target.is_symlink():
        if target.is_symlink() or not target.is_dir():
            raise OutputError(f"refusing {flag} {shown(target)}: it is not a folder; choose "
                              "a new folder")
        if any(target.iterdir()) and not _earlier_output(target):
            raise OutputError(f"refusing {flag} {shown(target)}: it is not empty and build.py "
                              f"did not write it (it has no {MARKER} file), so it will not be "
                              "replaced; choose a new folder, or empty this one yourself")
    return target


@contextlib.contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold the lock on `target` (a file beside it) while it is built and swapped in."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, as before
        yield
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target.parent / f".{target.name}.lock",
                 os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"another build is writing {shown(target)}/ now; wait for it "
                              "to finish, then run this again") from None
        yield
    finally:
        os.close(fd)  # closing releases the lock
