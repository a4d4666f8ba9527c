"""The list pages: home, the archive by year, indicators, the action tracker."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .. import export
from ..compute import (
    against_target,
    direction_of_travel,
    format_value,
)
from ..model import Archive, Surgery
from ..text import esc, md_escape
from . import html as h
from .html import Column
from .parts import (
    TRACKER_COLUMNS,
    indicator_link,
    indicator_table,
    indicator_url,
    surgery_url,
    tracker_row,
)


def actions_page(archive: Archive, as_of: dt.date) -> str:
    here = "actions/"
    triples = [(s, plan, a) for s in archive.surgeries for plan, a in s.planned_actions]
    overdue = sum(a.is_overdue(as_of) for _, _, a in triples)
    rows = [tracker_row(here, archive, s, plan, a, as_of) for s, plan, a in triples]
    statuses = ["overdue", "not-started", "in-progress", "complete", "cancelled"]
    attrs = [f'data-status="{"overdue" if a.is_overdue(as_of) else a.status}"'
             for _, _, a in triples]
    options = "".join(f'<option value="{s}">{"Overdue" if s == "overdue" else h.STATUS_WORDS[s]}'
                      "</option>" for s in statuses)
    parts = h.title("Action tracker") + [h.block(
        f"<p>Every action agreed at a surgery: {len(triples)} in all, {overdue} overdue as at "
        f"{h.long_date(as_of)}. An action is overdue when its due date has passed and it is "
        "neither complete nor cancelled. Select a column heading to sort the table.</p>",
        '<div class="table-filter" hidden><label for="status-filter">Show actions that are'
        '</label> <select id="status-filter" data-filter-table="action-tracker">'
        f'<option value="">any status</option>{options}</select> '
        '<span class="table-filter__count" role="status" aria-live="polite"></span></div>'), ""]
    parts += [h.block(h.table(f"Actions, as at {h.long_date(as_of)}", TRACKER_COLUMNS, rows,
                              sortable=True, css="action-tracker", row_attrs=attrs,
                              search=False)
                      if rows else "<p>No actions yet.</p>"), ""]
    return "\n".join(parts)


def archive_page(archive: Archive) -> str:
    here = "surgeries/"
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
            f'<a href="{h.link(here, surgery_url(s))}">{esc(s.title)}</a>'
            + (' <span class="flag flag--illustrative">illustrative</span>'
               if s.illustrative else "")
            + (' <span class="flag flag--exempt">exempt</span>' if s.exempt else ""),
            esc(s.report.committee) if s.report else "—",
            ", ".join(f'<a href="{h.link(here, indicator_url(archive.indicators[i]))}">'
                      f"{esc(archive.indicators[i].code)}</a>" for i in s.indicators),
        ] for s in by_year[year]]
        parts += [f"## {year}", "", h.block(h.table(f"Surgeries in {year}", columns, rows)), ""]
    return "\n".join(parts)


def indicators_page(archive: Archive, as_of: dt.date) -> str:
    here = "indicators/"
    columns = (Column("Indicator"), Column("Latest figure", numeric=True),
               Column("Against target"), Column("Direction of travel"), Column("Surgeries",
                                                                                 numeric=True))
    rows = []
    for indicator in archive.indicators.values():
        figure = indicator.figure_as_at(as_of)
        count = sum(indicator.slug in s.indicators for s in archive.surgeries)
        rows.append([
            indicator_link(here, indicator),
            (f"{esc(format_value(indicator, figure.value))}"
             f'<br><span class="period">{esc(figure.name)}</span>' if figure else "No figures"),
            h.judgement(against_target(indicator, figure)),
            h.judgement(direction_of_travel(indicator, figure)),
            str(count),
        ])
    return "\n".join(h.title("Indicators") + [h.block(
        "<p>Every indicator in the archive, with its latest figure as at "
        f"{h.long_date(as_of)}.</p>",
        h.table(f"Indicators, latest figures as at {h.long_date(as_of)}", columns, rows)), ""])


HOME_OVERDUE = 10  # the home page lists the longest overdue; the tracker lists them all


def home_page(archive: Archive, as_of: dt.date, site_name: str) -> str:
    here = ""
    parts = h.title(site_name) + [h.block(
        "<p>Performance surgeries are meetings where the cabinet member, scrutiny members and "
        "senior officers look closely at the indicators that are going the wrong way, agree "
        "action plans with owners and dates, and report to a scrutiny committee. This site "
        "is the archive of those surgeries: the figures, the plans, the minutes and the "
        'cover reports. <a href="about/">About this archive</a>.</p>'), ""]
    latest = archive.surgeries[:5]
    parts += ["## Latest surgeries", ""]
    parts += [h.block("<ul>" + "".join(
        f'<li><a href="{h.link(here, surgery_url(s))}">{esc(s.title)}</a>, '
        f"{h.date_cell(s.date)}</li>" for s in latest) + "</ul>"
        f'<p><a href="surgeries/">All {len(archive.surgeries)} surgeries</a></p>'
        if latest else "<p>No surgeries have been published yet.</p>"), ""]
    off = [i for i in archive.indicators.values()
           if against_target(i, i.figure_as_at(as_of)).words == "Off target"]
    parts += ["## Indicators off target", ""]
    if off:
        parts += [h.block(indicator_table(
            archive, here, tuple(i.slug for i in off), as_of,
            f"Indicators whose latest figure is off target, as at {h.long_date(as_of)}",
            search=False)), ""]
    else:
        parts += [h.block(f"<p>No indicator is off target as at {h.long_date(as_of)}.</p>"), ""]
    overdue = sorted(((s, plan, a) for s in archive.surgeries for plan, a in s.planned_actions
                      if a.is_overdue(as_of)), key=lambda t: (t[2].due, t[0].folder, t[2].id))
    parts += ["## Overdue actions", ""]
    if overdue:
        shown = overdue[:HOME_OVERDUE]
        caption = (f"Actions overdue as at {h.long_date(as_of)}" if len(overdue) == len(shown)
                   else f"The {len(shown)} longest overdue of {len(overdue)} actions overdue "
                   f"as at {h.long_date(as_of)}")
        parts += [h.block(h.table(
            caption, TRACKER_COLUMNS,
            [tracker_row(here, archive, s, plan, a, as_of) for s, plan, a in shown],
            search=False),
            '<p><a href="actions/">The action tracker</a> lists every action.</p>'), ""]
    else:
        parts += [h.block(f"<p>No action is overdue as at {h.long_date(as_of)}.</p>"), ""]
    return "\n".join(parts)


def data_page(archive: Archive, members: bool) -> str:
    """The Open data page: every file, its columns, the licence."""
    def columns(spec: dict) -> str:
        return "\n".join(f"| `{k}` | {v} |" for k, v in spec.items()
                         if members or k != "exempt_paragraph")

    indicators = "\n".join(
        f"| {md_escape(i.code)} | [CSV](indicators/{i.slug}.csv) | "
        f"[JSON](indicators/{i.slug}.json) |"
        for i in archive.indicators.values())
    return "\n".join(h.title("Open data") + [
        "The figures, actions and surgeries in this archive, as files to download. They are "
        f"published under the [{export.LICENCE}]({export.LICENCE_URL}): you may copy, "
        "publish and adapt them, and must acknowledge the source. CSV files are UTF-8 with a "
        "header row.",
        "",
        "## Indicators",
        "",
        "One CSV file and one JSON file per indicator, with every figure.",
        "",
        "| indicator | CSV | JSON |",
        "|---|---|---|",
        indicators or "| (none yet) | | |",
        "",
        "Columns of `indicators/<slug>.csv` (the JSON file has the same figures under",
        "`figures`, with the indicator's definition, unit, polarity and source):",
        "",
        "| column | meaning |",
        "|---|---|",
        columns(export.FIGURE_COLUMNS),
        "",
        "## Actions",
        "",
        "[actions.csv](actions.csv): every action agreed at a surgery.",
        "",
        "| column | meaning |",
        "|---|---|",
        columns(export.ACTION_COLUMNS),
        "",
        "## Surgeries",
        "",
        "[surgeries.json](surgeries.json): every surgery's details, under `surgeries`.",
        "",
        "| key | meaning |",
        "|---|---|",
        columns(export.SURGERY_KEYS),
        "",
        "## Feed",
        "",
        "[feed.xml](../feed.xml): an Atom feed of the newest 50 surgeries.",
        "",
    ])
