"""What to build, read once and typed: from build.py's flags, or from the surgeries
plugin's settings in mkdocs.yml when MkDocs is run by itself (`mkdocs build`, `serve`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .audience import Audience
from .names import default_as_of
from .records.model import Archive

__all__ = ["Settings", "default_as_of"]


@dataclass(frozen=True)
class Settings:
    """One build's settings. `checked` is the archive build.py has already read and
    checked, so the hook need not read it again; None under a plain `mkdocs` command."""

    records: Path
    audience: Audience = "public"
    as_of: dt.date = field(default_factory=default_as_of)
    drafts: bool = False
    progress: bool = False  # a progress line on long builds (build.py's own builds)
    checked: Archive | None = field(default=None, compare=False, repr=False)
