"""Committee pages: each committee surgeries report to, with every surgery it received."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from markupsafe import Markup

from ..records.model import Archive, Meetings, Surgery
from . import addresses as at
from . import html as h
from .html import Column
from .markup import esc


def committees(archive: Archive) -> dict[str, tuple[str | None, list[Surgery]]]:
    """Every committee by address: its name, its own site (archive.yml), its surgeries."""
    found: dict[str, tuple[str, str | None, list[Surgery]]] = {}
    org = archive.organisation
    for committee in org.committees if org else ():
        found.setdefault(at.committee(committee.name), (committee.name, committee.url, []))
    for surgery in archive.surgeries:
        if surgery.report:
            name = surgery.report.committee
            found.setdefault(at.committee(name), (name, None, []))[2].append(surgery)
    return {address: (name, url, reports) for address, (name, url, reports)
            in sorted(found.items(), key=lambda item: item[1][0].lower())}


PER_PAGE = 500  # surgeries a committee page lists: no page over 1 MB


def committee_pages(archive: Archive) -> list[tuple[str, Callable[[], str]]]:
    found = committees(archive)
    pages = [(at.COMMITTEES, partial(_index, found, archive.meetings))]
    coming: dict[str, list[Surgery]] = {}  # scheduled surgeries, by the committee's address
    for s in archive.upcoming:
        if s.report is not None:
            coming.setdefault(at.committee(s.report.committee), []).append(s)
    for first, (name, url, reports) in found.items():
        reports = sorted(reports, key=lambda s: (s.report.meeting_date, s.folder), reverse=True)
        chunks = [reports[i:i + PER_PAGE] for i in range(0, len(reports), PER_PAGE)] or [[]]
        addresses = [first] + [at.page_of(first, n) for n in range(2, len(chunks) + 1)]
        pages += [(address, partial(_committee_page, address, name, url, chunk, addresses, n,
                                      archive.meetings, coming.get(first, []) if n == 1 else []))
                  for n, (address, chunk) in enumerate(zip(addresses, chunks, strict=True), 1)]
    return pages


def _index(found: dict, m: Meetings) -> h.Page:
    here = at.COMMITTEES
    rows = [[Markup(f'<a href="{at.link(here, address)}">{esc(name)}</a>'), str(len(reports))]
            for address, (name, _, reports) in found.items()]
    return h.page(h.title("Committees") + [h.block(
        f"<p>The scrutiny committees that {esc(m.many)} report to, each with the "
        f"{esc(m.many)} it received.</p>",
        h.table("Committees", (Column("Committee"), Column(f"{m.Many} reported to it",
                                                           numeric=True)), rows)
        if rows else f"<p>No {esc(m.one)} has been reported to a committee yet.</p>")])


def _committee_page(here: str, name: str, url: str | None, reports: list[Surgery],
                    addresses: list[str], number: int, m: Meetings,
                    coming: list[Surgery]) -> h.Page:
    own = (f'<p>The committee&rsquo;s own page: <a href="{esc(url)}">{esc(url)}</a>.</p>'
           if url else "")
    rows = [[
        h.date_cell(s.report.meeting_date),
        s.report.item or "—",
        Markup(f'<a href="{at.link(here, at.surgery(s))}">{esc(s.title)}</a>')
        + h.flags(illustrative=s.illustrative, exempt=s.exempt is not None),
        h.date_cell(s.date),
    ] for s in reports]
    columns = (Column("Meeting"), Column("Item"), Column(m.One), Column(f"{m.One} held"))
    pager = "" if len(addresses) == 1 else f" {h.pages_of(here, addresses, number)}."
    title = name + (f", page {number} of {len(addresses)}" if len(addresses) > 1 else "")
    return h.page(h.title(title, wide=True) + [h.block(
        h.search_facts("Committee"),
        f"<p>{esc(m.Many)} reported to the {esc(name)}, newest meeting first."
        f"{pager}</p>",
        own,
        h.table(f"{m.Many} reported to the {name}", columns, rows)
        if rows else f"<p>No {esc(m.one)} has been reported to this committee yet.</p>",
        _coming(here, name, coming, m),
        f'<p><a href="{at.link(here, at.COMMITTEES)}">All committees</a></p>')])


def _coming(here: str, name: str, coming: list[Surgery], m: Meetings) -> str:
    """The scheduled surgeries that are to report to the committee, soonest first."""
    if not coming:
        return ""
    rows = [[h.date_cell(s.report.meeting_date), Markup(
        f'<a href="{at.link(here, at.surgery(s))}">{esc(s.title)}</a>') + h.flags(
        illustrative=s.illustrative, exempt=s.exempt is not None), h.date_cell(s.date),
        ", ".join(x for x in (s.time, s.venue) if x) or "Not announced"] for s in coming]
    return (Markup(f'<p>To come, in <a href="{at.link(here, at.UPCOMING)}">the forward plan'
                   "</a>:</p>")
            + h.table(f"{m.Many} to report to the {name}", (
                Column("Meeting"), Column(m.One), Column(f"{m.One} to be held"),
                Column("Time and place")), rows))
