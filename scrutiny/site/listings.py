"""The list pages: the archive by year, the indicators, the action tracker."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from markupsafe import Markup

from ..judgements import against_target, direction_of_travel, format_value
from ..records.model import Archive, Surgery
from . import addresses as at
from . import html as h
from .html import Column
from .markup import esc
from .parts import TRACKER_COLUMNS, figure_flags, indicator_link, tracker_row


def actions_page(archive: Archive, as_of: dt.date) -> str:
    here = at.ACTIONS
    triples = [(s, plan, a) for s in archive.surgeries for plan, a in s.planned_actions]
    overdue = sum(a.is_overdue(as_of) for _, _, a in triples)
    rows = [tracker_row(here, archive, s, plan, a, as_of) for s, plan, a in triples]
    statuses = ["overdue", "not-started", "in-progress", "complete", "cancelled", "superseded"]
    words = {**h.STATUS_WORDS, "overdue": "Overdue", "superseded": "Superseded"}
    attrs = [f'data-status="{_status_key(a, as_of)}"' for _, _, a in triples]
    options = "".join(f'<option value="{s}">{words[s]}</option>' for s in statuses)
    parts = h.title("Action tracker") + [h.block(
        f"<p>Every action agreed at a surgery: {len(triples)} in all, {overdue} overdue as at "
        f"{h.long_date(as_of)}. An action is overdue when its due date has passed and it is "
        "neither complete nor cancelled. Select a column heading to sort the table.</p>",
        f'<p class="downloads">Download this data: <a href="{at.link(here, at.ACTIONS_CSV)}">'
        "every action as CSV</a>.</p>",
        '<div class="table-filter" hidden><label for="status-filter">Show actions that are'
        '</label> <select id="status-filter" data-filter-table="action-tracker">'
        f'<option value="">any status</option>{options}</select> '
        '<span class="table-filter__count" role="status" aria-live="polite"></span></div>'), ""]
    parts += [h.block(h.table(f"Actions, as at {h.long_date(as_of)}", TRACKER_COLUMNS, rows,
                              sortable=True, css="action-tracker", row_attrs=attrs,
                              search=False)
                      if rows else "<p>No actions yet.</p>"), ""]
    return "\n".join(parts)


def _status_key(action, as_of: dt.date) -> str:
    if action.superseded_by is not None:
        return "superseded"
    return "overdue" if action.is_overdue(as_of) else action.status


def archive_page(archive: Archive) -> str:
    here = at.SURGERIES
    by_year: dict[int, list[Surgery]] = defaultdict(list)
    for surgery in archive.surgeries:
        by_year[surgery.date.year].append(surgery)
    parts = h.title("Surgeries") + [h.block(
        f"<p>All {len(archive.surgeries)} performance surgeries in the archive, newest first."
        "</p>"), ""]
    if not archive.surgeries:
        parts += [h.block("<p>No surgeries have been published yet.</p>"), ""]
    columns = (Column("Date"), Column("Surgery"), Column("Reported to"), Column("Indicators"))
    for year in sorted(by_year, reverse=True):
        rows = [[
            h.date_cell(s.date),
            Markup(f'<a href="{at.link(here, at.surgery(s))}">{esc(s.title)}</a>')
            + h.flags(illustrative=s.illustrative, exempt=s.exempt is not None),
            s.report.committee if s.report else "—",
            Markup(", ".join(f'<a href="{at.link(here, at.indicator(archive.indicators[i]))}">'
                             f"{esc(archive.indicators[i].code)}</a>" for i in s.indicators)),
        ] for s in by_year[year]]
        parts += [f"## {year}", "", h.block(h.table(f"Surgeries in {year}", columns, rows)), ""]
    return "\n".join(parts)


def indicators_page(archive: Archive, as_of: dt.date) -> str:
    here = at.INDICATORS
    columns = (Column("Indicator"), Column("Latest figure", numeric=True),
               Column("Against target"), Column("Direction of travel"), Column("Surgeries",
                                                                                 numeric=True))
    rows = []
    for indicator in archive.indicators.values():
        figure = indicator.figure_as_at(as_of)
        count = sum(indicator.slug in s.indicators for s in archive.surgeries)
        rows.append([
            indicator_link(here, indicator),
            (Markup(f"{esc(format_value(indicator, figure.value))}{figure_flags(figure)}"
                    f'<br><span class="period">{esc(figure.name)}</span>') if figure
             else "No figures"),
            h.judgement(against_target(indicator, figure)),
            h.judgement(direction_of_travel(indicator, figure)),
            str(count),
        ])
    return "\n".join(h.title("Indicators") + [h.block(
        "<p>Every indicator in the archive, with its latest figure as at "
        f"{h.long_date(as_of)}.</p>",
        h.table(f"Indicators, latest figures as at {h.long_date(as_of)}", columns, rows)), ""])
