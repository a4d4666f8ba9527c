"""Publishing a folder whole: build beside the target, then swap it in."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from pathlib import Path


def staging(target: Path, kind: str) -> Path:
    """A new empty folder beside `target` (same disk, so the swap is a rename)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.{kind}-", dir=target.parent))


def staging_name(target: Path, kind: str) -> Path:
    """A free name beside `target` for a folder that whoever writes into it creates, so that
    nothing, not even `target`'s parent, exists until something is written."""
    while True:
        name = target.parent / f".{target.name}.{kind}-{os.getpid()}{secrets.token_hex(4)}"
        if not name.exists():
            return name


def swap_into_place(new: Path, target: Path) -> None:
    """Put `new` where `target` is; the old folder stays whole until the last moment."""
    if not target.exists():
        os.rename(new, target)
        return
    old = staging(target, "old")
    os.rename(target, old / target.name)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


def remove_stale(target: Path) -> None:
    """Folders left beside `target` by a build or export that was killed part-way."""
    for stale in target.parent.glob(f".{target.name}.*-*"):
        if stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)
