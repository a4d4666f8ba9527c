"""The site as files: every generated page as (path, Markdown), and every paper to copy.

One code path for every consumer: the MkDocs hook serves these, and an export writes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .archive import read_archive
from .audience import Audience, for_audience
from .model import Archive
from .problems import Problem
from .render import pages


@dataclass(frozen=True)
class Page:
    path: str  # in the docs tree, e.g. surgeries/2012-02-24-x/index.md
    markdown: str
    record: str | None = None  # the record file behind it, relative to the records folder


@dataclass(frozen=True)
class Asset:
    """A file copied (papers) or written (robots.txt) into the site as it is."""

    path: str  # in the docs tree
    source: Path | None = None
    content: str | None = None


@dataclass(frozen=True)
class Site:
    pages: tuple[Page, ...]
    assets: tuple[Asset, ...]


def site_files(archive: Archive, records: Path, *, audience: Audience, as_of: dt.date,
               site_name: str = "Performance surgeries", drafts: bool = False) -> Site:
    """The pages and papers `audience` may see; filtering happens here, before rendering."""
    archive = for_audience(archive, audience, drafts=drafts)
    out = [
        Page("index.md", pages.home_page(archive, as_of, site_name)),
        Page("surgeries/index.md", pages.archive_page(archive)),
        Page("indicators/index.md", pages.indicators_page(archive, as_of)),
        Page("actions/index.md", pages.actions_page(archive, as_of)),
    ]
    assets = []
    for surgery in archive.surgeries:
        folder = records / surgery.folder
        out.append(Page(f"surgeries/{surgery.folder}/index.md",
                        pages.surgery_page(archive, surgery, as_of, folder),
                        surgery.record_path))
        assets += [Asset(f"surgeries/{surgery.folder}/{paper.file}", folder / paper.file)
                   for paper in surgery.papers]
    out += [Page(f"indicators/{i.slug}/index.md", pages.indicator_page(archive, i, as_of),
                 i.record_path) for i in archive.indicators.values()]
    if audience == "members":  # the intranet build is never for search engines
        assets.append(Asset("robots.txt", content="User-agent: *\nDisallow: /\n"))
    return Site(tuple(out), tuple(assets))


def load_site(records: Path, *, audience: Audience, as_of: dt.date,
              site_name: str = "Performance surgeries",
              drafts: bool = False) -> tuple[Site | None, list[Problem]]:
    """Check the records and, when they are clean of errors, render the site."""
    checked = read_archive(records)
    if checked.archive is None:
        return None, checked.problems
    return site_files(checked.archive, records, audience=audience, as_of=as_of,
                      site_name=site_name, drafts=drafts), checked.problems
