"""The site as files: every generated page, paper and data file, each rendered when wanted.

One code path for every consumer: the MkDocs hook serves these, build.py streams them to
MkDocs as it renders them (handover.py), and an export writes them (project.py).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path

from . import export
from .archive import read_archive
from .audience import Audience, for_audience
from .model import Archive
from .problems import Problem
from .render import indicator, lists, surgery


@dataclass(frozen=True)
class Planned:
    """A page or file of the site before it is rendered: `make` renders it."""

    path: str  # in the docs tree
    make: Callable[[], str] | None = None  # None for a paper, copied from `source`
    record: str | None = None
    source: Path | None = None


@dataclass(frozen=True)
class Plan:
    """The site's layout, known before any page is rendered; `take` renders one file.

    handover.Receiver has the same shape, for pages build.py renders in its own process.
    """

    pages: tuple[Planned, ...]
    assets: tuple[Planned, ...]

    @cached_property
    def _makers(self) -> dict[str, Callable[[], str]]:
        return {p.path: p.make for p in (*self.pages, *self.assets) if p.make is not None}

    def take(self, path: str) -> str:
        """The Markdown of the page, or the text of the data file, at `path`."""
        return self._makers[path]()


def default_as_of() -> dt.date:
    """Today; or, for reproducible builds, the day SOURCE_DATE_EPOCH names."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def site_plan(archive: Archive, records: Path, *, audience: Audience, as_of: dt.date,
              site_name: str = "Performance surgeries", site_url: str = "",
              drafts: bool = False) -> Plan:
    """What `audience` may see, each file not yet rendered; filtering happens here, first."""
    archive = for_audience(archive, audience, drafts=drafts)
    members = audience == "members"
    pages = [
        Planned("index.md", partial(lists.home_page, archive, as_of, site_name)),
        Planned("surgeries/index.md", partial(lists.archive_page, archive)),
        Planned("indicators/index.md", partial(lists.indicators_page, archive, as_of)),
        Planned("actions/index.md", partial(lists.actions_page, archive, as_of)),
        Planned("data/index.md", partial(lists.data_page, archive, members)),
    ]
    assets = [
        Planned("data/actions.csv", partial(export.actions_csv, archive, as_of)),
        Planned("data/surgeries.json", partial(export.surgeries_json, archive)),
        Planned("feed.xml", partial(export.atom_feed, archive, site_url, site_name)),
    ]
    for s in archive.surgeries:
        folder = records / s.folder
        pages.append(Planned(f"surgeries/{s.folder}/index.md",
                             partial(surgery.surgery_page, archive, s, as_of, folder),
                             record=s.record_path))
        assets += [Planned(f"surgeries/{s.folder}/{paper.file}", source=folder / paper.file)
                   for paper in s.papers]
    for i in archive.indicators.values():
        pages.append(Planned(f"indicators/{i.slug}/index.md",
                             partial(indicator.indicator_page, archive, i, as_of),
                             record=i.record_path))
        assets += [Planned(f"data/indicators/{i.slug}.csv", partial(export.indicator_csv, i)),
                   Planned(f"data/indicators/{i.slug}.json", partial(export.indicator_json, i))]
    if members:  # the intranet build is never for search engines
        assets.append(Planned("robots.txt", lambda: "User-agent: *\nDisallow: /\n"))
    return Plan(tuple(pages), tuple(assets))


def load_plan(records: Path, *, audience: Audience, as_of: dt.date,
              site_name: str = "Performance surgeries", site_url: str = "",
              drafts: bool = False) -> tuple[Plan | None, list[Problem]]:
    """Check the records and, when they are clean of errors, lay out the site."""
    checked = read_archive(records)
    if checked.archive is None:
        return None, checked.problems
    return site_plan(checked.archive, records, audience=audience, as_of=as_of,
                     site_name=site_name, site_url=site_url, drafts=drafts), checked.problems
