"""The site as files: every generated page as (path, Markdown), every paper and data file.

One code path for every consumer: the MkDocs hook serves these, and an export writes them.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from . import export
from .archive import load_checked, read_archive
from .audience import Audience, for_audience
from .model import Archive
from .problems import Problem
from .render import indicator, lists, surgery


@dataclass(frozen=True)
class Page:
    path: str  # in the docs tree, e.g. surgeries/2012-02-24-x/index.md
    markdown: str
    record: str | None = None  # the record file behind it, relative to the records folder


@dataclass(frozen=True)
class Asset:
    """A file copied (papers) or written (data, feed, robots.txt) into the site as it is."""

    path: str  # in the docs tree
    source: Path | None = None
    content: str | None = None


@dataclass(frozen=True)
class Site:
    pages: tuple[Page, ...]
    assets: tuple[Asset, ...]


def default_as_of() -> dt.date:
    """Today; or, for reproducible builds, the day SOURCE_DATE_EPOCH names."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def site_files(archive: Archive, records: Path, *, audience: Audience, as_of: dt.date,
               site_name: str = "Performance surgeries", site_url: str = "",
               drafts: bool = False) -> Site:
    """The pages and files `audience` may see; filtering happens here, before rendering."""
    archive = for_audience(archive, audience, drafts=drafts)
    members = audience == "members"
    pages = [
        Page("index.md", lists.home_page(archive, as_of, site_name)),
        Page("surgeries/index.md", lists.archive_page(archive)),
        Page("indicators/index.md", lists.indicators_page(archive, as_of)),
        Page("actions/index.md", lists.actions_page(archive, as_of)),
        Page("data/index.md", lists.data_page(archive, members)),
    ]
    assets = [
        Asset("data/actions.csv", content=export.actions_csv(archive, as_of)),
        Asset("data/surgeries.json", content=export.surgeries_json(archive)),
        Asset("feed.xml", content=export.atom_feed(archive, site_url, site_name)),
    ]
    for s in archive.surgeries:
        folder = records / s.folder
        pages.append(Page(f"surgeries/{s.folder}/index.md",
                          surgery.surgery_page(archive, s, as_of, folder), s.record_path))
        assets += [Asset(f"surgeries/{s.folder}/{paper.file}", folder / paper.file)
                   for paper in s.papers]
    for i in archive.indicators.values():
        pages.append(Page(f"indicators/{i.slug}/index.md",
                          indicator.indicator_page(archive, i, as_of), i.record_path))
        assets += [Asset(f"data/indicators/{i.slug}.csv", content=export.indicator_csv(i)),
                   Asset(f"data/indicators/{i.slug}.json", content=export.indicator_json(i))]
    if members:  # the intranet build is never for search engines
        assets.append(Asset("robots.txt", content="User-agent: *\nDisallow: /\n"))
    return Site(tuple(pages), tuple(assets))


def load_site(records: Path, *, audience: Audience, as_of: dt.date,
              site_name: str = "Performance surgeries", site_url: str = "",
              drafts: bool = False, checked_file: Path | None = None,
              ) -> tuple[Site | None, list[Problem]]:
    """Check the records and, when they are clean of errors, render the site.

    `checked_file` is build.py's check of the same records, used while they are unchanged.
    """
    archive = load_checked(records, checked_file)
    if archive is not None:
        return site_files(archive, records, audience=audience, as_of=as_of,
                          site_name=site_name, site_url=site_url, drafts=drafts), []
    checked = read_archive(records)
    if checked.archive is None:
        return None, checked.problems
    return site_files(checked.archive, records, audience=audience, as_of=as_of,
                      site_name=site_name, site_url=site_url, drafts=drafts), checked.problems
