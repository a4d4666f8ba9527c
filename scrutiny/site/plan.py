"""The plan of the site: every page, paper and data file, each rendered when wanted.

One code path for every consumer: the MkDocs hook serves these pages, and an export
writes them. Filtering for the audience happens here, before anything is rendered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property, partial
from pathlib import Path

from ..audience import Audience, for_audience, organisation_for
from ..problems import Problem
from ..records import read_archive
from ..records.model import Archive, Meetings
from ..settings import Settings
from . import addresses as at
from . import (
    about,
    committees,
    datapackage,
    feed,
    follow,
    home,
    indicator,
    listings,
    open_data,
    pack,
    registers,
    surgery,
    upcoming,
)
from ..names import plain_url
from .markup import esc


@dataclass(frozen=True)
class Planned:
    """A page or file of the site before it is rendered: `make` renders it."""

    path: str  # in the docs tree
    make: Callable[[], str] | None = None  # None for a paper, copied from `source`
    record: str | None = None  # the record file it shows, relative to the records folder
    source: Path | None = None


@dataclass(frozen=True)
class Plan:
    """The site's layout, known before any page is rendered; `take` renders one file."""

    pages: tuple[Planned, ...]
    assets: tuple[Planned, ...]
    # (page, PDF) addresses: each page the build prints as a PDF once the site is written
    pdfs: tuple[tuple[str, str], ...] = ()

    @cached_property
    def _makers(self) -> dict[str, Callable[[], str]]:
        return {p.path: p.make for p in (*self.pages, *self.assets) if p.make is not None}

    def take(self, path: str) -> str:
        """The Markdown of the page, or the text of the data file, at `path`."""
        return self._makers[path]()


DEFAULT_SITE_NAME = "Performance surgeries"  # mkdocs.yml's site_name as the project gives it


def site_plan(archive: Archive, records: Path, *, audience: Audience, as_of: dt.date,
              site_name: str = DEFAULT_SITE_NAME, site_url: str = "",
              drafts: bool = False, pdfs: bool = False) -> Plan:
    """What `audience` may see, each file not yet rendered; filtering happens here, first.
    With `pdfs`, the members' briefing packs link the PDFs the build prints of them
    (Plan.pdfs)."""
    archive = for_audience(archive, audience, drafts=drafts)
    members = audience == "members"
    pages = [
        Planned(at.source(at.HOME), partial(home.home_page, archive, as_of, site_name,
                                            members)),
        *(Planned(at.source(address), make)
          for address, make in listings.archive_pages(archive)),
        Planned(at.source(at.INDICATORS), partial(listings.indicators_page, archive, as_of)),
        *(Planned(at.source(address), make)
          for address, make in listings.tracker_pages(archive, as_of)),
        Planned(at.source(at.DATA), partial(open_data.data_page, archive, members)),
    ]
    pages += [Planned(at.source(address), make) for address, make in
              (*committees.committee_pages(archive), *registers.decision_pages(archive, as_of))]
    pages.append(Planned(at.source(at.UPCOMING),
                         partial(upcoming.upcoming_page, archive, as_of, members,
                                 pdfs and members)))
    pages.append(Planned(at.source(at.FOLLOW_THROUGH),
                         partial(follow.follow_through_page, archive, as_of)))
    pages.append(Planned(about.ADDRESS, partial(about.about_page, archive)))
    assets = [
        Planned(at.CALENDAR, partial(upcoming.calendar, archive, site_url, site_name, as_of)),
        Planned(at.DECISIONS_CSV, partial(registers.decisions_csv, archive)),
        Planned(at.ACTIONS_CSV, partial(open_data.actions_csv, archive, as_of)),
        Planned(at.FOLLOW_THROUGH_CSV, partial(follow.follow_through_csv, archive, as_of)),
        Planned(at.SURGERIES_JSON, partial(open_data.surgeries_json, archive)),
        Planned(at.FEED, partial(feed.atom_feed, archive, site_url, site_name)),
    ]
    reviews = surgery.reviews_by_indicator(archive)
    for s in archive.surgeries:
        pages.append(Planned(at.source(at.surgery(s)),
                             partial(surgery.surgery_page, archive, s, as_of, reviews),
                             record=s.record_path))
        assets.append(Planned(at.surgery_feed(s),
                              partial(feed.surgery_feed, archive, s, site_url, site_name)))
    printed = []
    for s in archive.upcoming:  # a briefing pack, where its record will be once it has met
        pdf = at.pack_pdf(s) if pdfs and members else None
        pages.append(Planned(at.source(at.surgery(s)),
                             partial(pack.pack_page, archive, s, as_of, reviews, members, pdf),
                             record=s.record_path))
        if pdf:
            printed.append((at.surgery(s), pdf))
    for s in (*archive.surgeries, *archive.upcoming):
        files = dict.fromkeys(paper.file for paper in s.papers)  # a paper may be listed twice
        assets += [Planned(at.paper(s, paper), source=records / s.folder / paper.file)
                   for paper in s.papers if files.pop(paper.file, False) is None]
    for i in archive.indicators.values():
        pages.append(Planned(at.source(at.indicator(i)),
                             partial(indicator.indicator_page, archive, i, as_of),
                             record=i.record_path))
        assets.append(Planned(at.indicator_feed(i),
                              partial(feed.indicator_feed, archive, i, site_url, site_name)))
        assets += [Planned(at.indicator_data(i, "csv"),
                           partial(open_data.indicator_csv, archive, i)),
                   Planned(at.indicator_data(i, "json"),
                           partial(open_data.indicator_json, archive, i))]
    if members:  # the intranet build is never for search engines
        assets.append(Planned(at.ROBOTS, lambda: "User-agent: *\nDisallow: /\n"))
        # what is withheld from the public, and why: for the monitoring officer
        pages.append(Planned(at.source(at.EXEMPTIONS),
                             partial(registers.exemptions_page, archive)))
        assets.append(Planned(at.EXEMPTIONS_CSV, partial(registers.exemptions_csv, archive)))
    data = [a.path for a in assets if a.path.startswith(at.DATA)]  # what this build has
    assets.append(Planned(open_data.DATAPACKAGE, partial(datapackage.data_package, archive,
                                                         data, site_name, site_url)))
    return Plan(tuple(pages), tuple(assets), tuple(printed))


def with_archive(settings: Settings) -> tuple[Settings | None, list[Problem]]:
    """`settings` with their archive read and checked, unless build.py has done so; None,
    with the problems, when the records have errors."""
    if settings.checked is not None:
        return settings, []
    checked = read_archive(settings.records, as_of=settings.as_of)
    if checked.archive is None:
        return None, checked.problems
    return replace(settings, checked=checked.archive), checked.problems


def site_name(base: str, archive: Archive, audience: Audience) -> str:
    """The site's name, as text: whose archive it is, and on the intranet, that it is the
    members' site. It goes in every page's title and header, the feed and the calendar.
    The project's own name, left as it is, becomes what the archive calls its meetings."""
    if base == DEFAULT_SITE_NAME and (archive.meetings.one, archive.meetings.many) != (
            Meetings.one, Meetings.many):
        base = archive.meetings.Many
    if archive.organisation is not None:
        base = f"{base} — {archive.organisation.name}"
    # first, so that a header or tab that cuts a long name short never cuts the marker off
    return f"Members' site: {base}" if audience == "members" else base


def theme_words(archive: Archive, nav: list | None, members: bool = False
                ) -> tuple[list | None, dict[str, str]]:
    """mkdocs.yml's nav with the meetings' list named as the archive names them (escaped:
    themes print nav titles as HTML), and the words the theme's templates say
    (config.extra.archive): plain text, which they escape."""
    m = archive.meetings

    def named(entry: object) -> object:
        if not isinstance(entry, dict) or len(entry) != 1:
            return entry
        (title, value), = entry.items()
        if value == at.source(at.SURGERIES):
            return {esc(f"All {m.many}"): value}
        if isinstance(value, list):
            listed = any(isinstance(e, dict) and at.source(at.SURGERIES) in e.values()
                         for e in value)
            return {esc(m.Many) if listed else title: [named(e) for e in value]}
        return entry

    named_nav = [named(e) for e in nav] if nav is not None else None
    if members and named_nav is not None:  # the register of what is withheld, for members
        named_nav.append({"Exemptions register": at.source(at.EXEMPTIONS)})
    return named_nav, {"meetings": m.many}


def plan_for(settings: Settings, *, site_name: str, site_url: str, pdfs: bool = False
             ) -> tuple[Plan | None, list[Problem]]:
    """The plan for `settings` (None, with the problems, when the records have errors)."""
    ready, problems = with_archive(settings)
    if ready is None:
        return None, problems
    return site_plan(ready.checked, ready.records, audience=ready.audience,
                     as_of=ready.as_of, site_name=site_name, site_url=site_url,
                     drafts=ready.drafts, pdfs=pdfs), problems


def addresses(archive: Archive, site_url: str | None, repo_url: str | None,
              repo_name: str | None, edit_uri: str | None, audience: Audience = "public"
              ) -> tuple[str | None, ...]:
    """The site's address, its repository's and the edit links' base, as the archive says
    them (archive.yml `site_url`, `repository`), in place of the project's placeholders:
    without a repository, no link to one; a council's own repository has no edit links
    (its branch and layout are not known); a private one (`repository_private`) is named
    to members only. The theme prints these unescaped: only plain addresses are used
    (check refuses any other)."""
    org = organisation_for(archive.organisation, audience)
    if org is not None and org.site_url and plain_url(org.site_url):
        site_url = org.site_url.rstrip("/") + "/"
    if org is None or not org.repository or not plain_url(org.repository):
        return site_url, None, None, None
    if org.repository != repo_url:
        return site_url, org.repository, "Records", None
    return site_url, repo_url, repo_name, edit_uri
