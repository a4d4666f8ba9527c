"""What to build, read once and typed: from build.py's flags, or from mkdocs.yml's
`extra.archive` when MkDocs is run by itself (`mkdocs build`, `mkdocs serve`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .audience import AUDIENCES, Audience
from .names import default_as_of, parse_date
from .records.model import Archive

__all__ = ["Settings", "SettingsError", "default_as_of"]


class SettingsError(Exception):
    """A setting that cannot be used, worded for the person who gave it."""


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

    @classmethod
    def from_mapping(cls, given: Mapping | None, project: Path) -> Settings:
        """mkdocs.yml's `extra: archive:` mapping; folders are relative to `project`."""
        given = dict(given or {})
        unknown = sorted(set(given) - {"records", "audience", "as_of", "drafts"})
        if unknown:
            raise SettingsError(f"extra.archive in mkdocs.yml: unknown setting '{unknown[0]}' "
                                "(expected records, audience, as_of, drafts)")
        records = given.get("records") or "surgeries"
        audience = given.get("audience") or "public"
        if audience not in AUDIENCES:
            raise SettingsError(f"extra.archive.audience in mkdocs.yml: expected one of: "
                                f"{', '.join(AUDIENCES)} but received: {audience!r}")
        as_of = given.get("as_of") or None
        if as_of is not None and not isinstance(as_of, dt.date):
            try:
                as_of = parse_date(str(as_of))
            except ValueError as error:
                raise SettingsError(f"extra.archive.as_of in mkdocs.yml: {error}") from None
        drafts = given.get("drafts", False)
        if not isinstance(drafts, bool):
            raise SettingsError("extra.archive.drafts in mkdocs.yml: expected true or false "
                                f"but received: {drafts!r}")
        return cls(records=(project / str(records)).resolve(), audience=audience,
                   as_of=as_of or default_as_of(), drafts=drafts)
