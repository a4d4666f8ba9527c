"""The list pages: the archive by year, the indicators, the action tracker."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from functools import partial

from markupsafe import Markup

from .. import ledger
from ..judgements import against_target, direction_of_travel
from ..records.model import (
    ACTION_STATUSES,
    NOT_RECORDED,
    OVERDUE,
    SUPERSEDED,
    Archive,
    Surgery,
)
from . import addresses as at
from . import html as h
from .html import Column
from .markup import esc
from .parts import figure_value, indicator_link, tracker_columns, tracker_row

ROWS_PER_PAGE = 500  # a tracker page of 500 actions is about 600 KB: no page over 1 MB


def tracker_pages(archive: Archive, as_of: dt.date) -> list[tuple[str, Callable[[], str]]]:
    """The action tracker, in pages that stay small however large the archive: the open
    actions first (actions/), then every action by the year of its surgery (actions/2025/),
    each in pages of ROWS_PER_PAGE. Returns (address, render) for each page."""
    triples = [(s, plan, a) for s in archive.surgeries for plan, a in s.planned_actions]
    years = sorted({s.date.year for s in archive.surgeries}, reverse=True)
    groups = [(at.ACTIONS, "Open actions", [t for t in triples if t[2].is_open])]
    groups += [(at.actions_year(year), f"Actions agreed in {year}",
                [t for t in triples if t[0].date.year == year]) for year in years]
    overdue = sum(a.is_overdue(as_of) for _, _, a in triples)
    superseded_late = sum(ledger.overdue_when_superseded(a) for _, _, a in triples)
    withheld = archive.withheld_actions
    unrecorded = sum(a.status is None for _, _, a in triples)  # never counted as overdue
    undated = sum(a.due is None for _, _, a in triples)
    pages = []
    for first, heading, rows in groups:
        chunks = [rows[i:i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)] or [[]]
        addresses = [first] + [at.page_of(first, n) for n in range(2, len(chunks) + 1)]
        for n, (address, chunk) in enumerate(zip(addresses, chunks, strict=True), 1):
            pages.append((address, partial(_tracker_page, archive, as_of, address, heading,
                                           chunk, len(rows), (len(triples), overdue, unrecorded, undated,
                                                              superseded_late, withheld),
                                           years,
                                           addresses, n)))
    return pages


def _tracker_page(archive: Archive, as_of: dt.date, here: str, heading: str, triples: list,
                  total: int, counts: tuple[int, ...], years: list[int], addresses: list[str],
                  number: int) -> h.Page:
    # actions in the whole archive: all, overdue, with no recorded status (never overdue,
    # nor listed as open), and with no due date (never overdue)
    m = archive.meetings
    every, overdue, unrecorded, undated, superseded_late, withheld = counts
    rows = [tracker_row(here, archive, s, plan, a, as_of) for s, plan, a in triples]
    keys = [_status_key(a, as_of) for _, _, a in triples]
    attrs = [f'data-status="{key}"' for key in keys]
    # the filter offers only what this page lists: never a choice that shows an empty table
    statuses = [s for s in (OVERDUE, *ACTION_STATUSES.values(), *ledger.SUPERSEDED_KINDS,
                            NOT_RECORDED) if s.id in keys]
    options = "".join(f'<option value="{s.id}">{s.words}</option>' for s in statuses)
    title = "Action tracker" if here == at.ACTIONS else heading
    if len(addresses) > 1:
        title += f", page {number} of {len(addresses)}"
    where = [f'<a href="{at.link(here, at.ACTIONS)}">Open actions</a>'] + [
        f'<a href="{at.link(here, at.actions_year(year))}">{year}</a>' for year in years]
    pager = h.pages_of(here, addresses, number)
    which = (f"the {total} action{'s' * (total != 1)} still open (not complete, cancelled "
             "or superseded" + ("; an action with no recorded status is listed under the "
                                f"year of its {esc(m.one)}" if unrecorded else "") + ")"
             if heading == "Open actions" else
             f"the {total} action{'s' * (total != 1)} agreed at the {esc(m.many)} of {heading[-4:]}")
    pages = "" if len(addresses) == 1 else f" ({pager})"
    parts = h.title(title, wide=True) + [h.block(
        h.search_facts("Actions"),
        f"<p>Every action agreed at {esc(m.a)}: {every} in all, {overdue} overdue as at "
        f"{h.long_date(as_of)}{_unrecorded(unrecorded)}"
        + (f", and {superseded_late} overdue when an action agreed at a later {esc(m.one)} "
           "replaced it" if superseded_late else "")
        + (f"; and {withheld} exempt action{'s' * (withheld != 1)}, not published"
           if withheld else "") +
        ". An action is overdue when its due "
        "date has passed and it is neither complete, cancelled nor superseded"
        f"{_never_overdue(unrecorded, undated)}. This page lists {which}{pages}. "
        f'<a href="{at.link(here, at.FOLLOW_THROUGH)}">Follow-through</a> counts what became '
        f"of the actions of each {esc(m.one)}, committee and indicator."
        # where the table has headings to select: not where a phone shows it as cards
        + ('<span class="sort-hint"> Select a column heading to sort the table.</span>'
           if rows else "") + "</p>",
        f'<p class="tracker-years"><strong>Actions by year of the {esc(m.one)}:</strong> '
        + " · ".join(where) + "</p>",
        f'<p class="downloads">Download this data: <a href="{at.link(here, at.ACTIONS_CSV)}">'
        "every action as CSV</a>.</p>",
        '<div class="table-filter" hidden><label for="status-filter">Show actions that are'
        '</label> <select id="status-filter" data-filter-table="action-tracker">'
        f'<option value="">any status</option>{options}</select> '
        '<span class="table-filter__count" role="status" aria-live="polite"></span></div>'
        if len(statuses) > 1 else "",
        # the open actions' page: where the others are
        f'<p class="tracker-elsewhere">Complete, cancelled and superseded actions are on the '
        f"pages for each year: {' · '.join(where[1:])}.</p>"
        if heading == "Open actions" and years else "")]
    parts += [h.block(h.table(f"{heading}, as at {h.long_date(as_of)}", tracker_columns(m), rows,
                              sortable=True, css="action-tracker", row_attrs=attrs,
                              search=False)
                      if rows else "<p>No actions here.</p>")]
    return h.page(parts)


def _unrecorded(n: int) -> str:
    """The actions whose record gives no status, counted apart: ", 2 with no recorded status"."""
    return f", {n} with no recorded status" if n else ""


def _never_overdue(unrecorded: int, undated: int) -> str:
    """Where some actions have no status or no due date: that they are never judged overdue."""
    without = [w for n, w in ((undated, "no due date"), (unrecorded, "no recorded status")) if n]
    return f"; one with {' or '.join(without)} is never judged overdue" if without else ""


def _status_key(action, as_of: dt.date) -> str:
    if action.superseded_by is not None:
        return ledger.superseded_kind(action, as_of).id  # overdue when superseded, or not
    return OVERDUE.id if action.is_overdue(as_of) else action.recorded_status.id


ON_ONE_PAGE = 300  # surgeries the archive page lists in full; beyond, a page for each year
LATEST = 50  # and on the archive page, the newest


def archive_pages(archive: Archive) -> list[tuple[str, Callable[[], str]]]:
    """The list of surgeries: surgeries/, and a page for each year (surgeries/2025/)."""
    by_year: dict[int, list[Surgery]] = defaultdict(list)
    for surgery in archive.surgeries:
        by_year[surgery.date.year].append(surgery)
    years = sorted(by_year, reverse=True)
    return [(at.SURGERIES, partial(_archive_page, archive, by_year, years)), *(
        (at.surgeries_year(year), partial(_year_page, archive, year, by_year[year]))
        for year in years)]


def _surgeries_table(archive: Archive, here: str, caption: str, surgeries: list) -> str:
    rows = [[
        h.date_cell(s.date),
        Markup(f'<a href="{at.link(here, at.surgery(s))}">{esc(s.title)}</a>')
        + h.flags(illustrative=s.illustrative, exempt=s.exempt is not None),
        s.report.committee if s.report else "—",
        Markup(", ".join(f'<a href="{at.link(here, at.indicator(archive.indicators[i]))}">'
                         f"{esc(archive.indicators[i].name)}</a>" for i in s.indicators)),
    ] for s in surgeries]
    columns = (Column("Date"), Column(archive.meetings.One), Column("Reported to"),
               Column("Indicators"))
    return h.block(h.table(caption, columns, rows))


def _year_links(here: str, by_year: dict, years: list[int]) -> str:
    return ('<p class="archive-years"><strong>By year:</strong> ' + " · ".join(
        f'<a href="{at.link(here, at.surgeries_year(y))}">{y}</a> ({len(by_year[y])})'
        for y in years) + "</p>")


def _archive_page(archive: Archive, by_year: dict, years: list[int]) -> h.Page:
    here = at.SURGERIES
    total = len(archive.surgeries)
    m = archive.meetings
    parts = h.title(m.Many) + [h.block(
        f"<p>All {esc(m.count(total))} in the archive, newest first.</p>",
        _year_links(here, by_year, years) if years else "")]
    if not archive.surgeries:
        parts += [h.block(f"<p>No {esc(m.many)} have been published yet.</p>")]
    if total <= ON_ONE_PAGE:
        for year in years:
            parts += [h.heading(2, str(year)), _surgeries_table(archive, here,
                                                                f"{m.Many} in {year}",
                                                                by_year[year])]
    else:
        parts += [h.heading(2, f"Latest {m.many}"), _surgeries_table(
            archive, here, f"The newest {LATEST} {m.many}", list(archive.surgeries[:LATEST])),
            h.block(f"<p>Every {esc(m.one)} is on the page of its year, above.</p>")]
    return h.page(parts)


def _year_page(archive: Archive, year: int, surgeries: list) -> h.Page:
    here = at.surgeries_year(year)
    m = archive.meetings
    return h.page(h.title(f"{m.Many} in {year}", wide=True) + [h.block(
        f"<p>The {esc(m.count(len(surgeries)))} held in {year}, newest first. "
        f'<a href="{at.link(here, at.SURGERIES)}">All {esc(m.many)}</a>.</p>'),
        _surgeries_table(archive, here, f"{m.Many} in {year}", surgeries)])


def indicators_page(archive: Archive, as_of: dt.date) -> h.Page:
    here = at.INDICATORS
    columns = (Column("Indicator"), Column("Latest figure", numeric=True),
               Column("Against target"), Column("Direction of travel"),
               Column(archive.meetings.Many, numeric=True))
    rows = []
    for indicator in archive.indicators.values():
        figure = indicator.figure_as_at(as_of)
        count = sum(indicator.slug in s.indicators for s in archive.surgeries)
        rows.append([
            indicator_link(here, indicator),
            (Markup(f"{figure_value(indicator, figure, unit=True)}"
                    f'<br><span class="period">{esc(figure.name)}</span>') if figure
             else "No figures"),
            h.judgement(against_target(indicator, figure)),
            h.judgement(direction_of_travel(indicator, figure)),
            str(count),
        ])
    return h.page(h.title("Indicators") + [h.block(
        "<p>Every indicator in the archive, with its latest figure as at "
        f"{h.long_date(as_of)}.</p>",
        h.table(f"Indicators, latest figures as at {h.long_date(as_of)}", columns, rows))])
