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
    """Put `new` where `target` is; the old folder stays whole until the last moment.

    Between the two renames there is no `target`, only `.<target>.old-*/<target>`: if the
    process is killed there, `remove_stale` puts the old folder back first thing next time.
    """
    if not target.exists():
        os.rename(new, target)
        return
    old = staging(target, "old")
    os.rename(target, old / target.name)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


def remove_stale(target: Path) -> None:
    """Folders left beside `target` by a build or export that was killed part-way; an old
    site caught between the two renames of a swap is put back, not deleted."""
    stale = sorted(p for p in target.parent.glob(f".{target.name}.*-*") if p.is_dir())
    if not target.exists():
        backups = [p / target.name for p in stale
                   if p.name.startswith(f".{target.name}.old-") and (p / target.name).is_dir()]
        if backups:
            os.rename(backups[-1], target)
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
