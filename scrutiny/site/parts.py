"""Pieces shared by several pages: URLs, indicator cells and tables, tracker rows."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from ..judgements import (
    against_comparator,
    against_target,
    direction_of_travel,
    format_value,
)
from ..records.model import Action, ActionPlan, Archive, Figure, Indicator, Surgery
from . import addresses as at
from . import html as h
from .html import Column
from .markup import esc


def codes(indicator: Indicator) -> Markup:
    aliases = f' <span class="aliases">(also {esc(", ".join(indicator.aliases))})</span>' \
        if indicator.aliases else ""
    return Markup(f'<span class="code">{esc(indicator.code)}</span>{aliases}')


def indicator_link(here: str, indicator: Indicator, with_title: bool = True) -> Markup:
    title = f" {esc(indicator.title)}" if with_title else ""
    return (Markup(f'<a href="{at.link(here, at.indicator(indicator))}">{codes(indicator)}</a>'
                   f"{title}")
            + h.flags(illustrative=indicator.illustrative, exempt=indicator.exempt is not None))


def number(indicator: Indicator, value: float | None) -> str:
    """A figure as text (escaped where it is put on a page)."""
    return format_value(indicator, value) if value is not None else "—"


def figure_value(indicator: Indicator, figure: Figure) -> Markup:
    return Markup(esc(format_value(indicator, figure.value))) + figure_flags(figure)


def figure_flags(figure: Figure) -> Markup:
    out = Markup("")
    for word, on in (("provisional", figure.provisional), ("illustrative", figure.illustrative)):
        if on:
            out += Markup(" ") + h.tag(word, word)
    return out


def comparator_cell(indicator: Indicator, figure: Figure | None, which: str) -> Markup:
    value = getattr(figure.comparators, which) if figure is not None else None
    if value is None:
        return Markup("—")
    return Markup(f"{esc(number(indicator, value))}<br>"
                  f"{h.judgement(against_comparator(indicator, figure, which))}")


INDICATOR_COLUMNS = (
    Column("Indicator", css="wide"), Column("Latest figure", numeric=True),
    Column("Target", numeric=True),
    Column("Against target"), Column("Direction of travel"),
    Column("Statistical neighbours", numeric=True), Column("England", numeric=True),
    Column("Region", numeric=True),
)


def indicator_table(archive: Archive, here: str, slugs: tuple[str, ...], day: dt.date,
                    caption: str, search: bool = True) -> Markup:
    rows = []
    for slug in slugs:
        indicator = archive.indicators[slug]
        figure = indicator.figure_as_at(day)
        if figure is None:
            latest = "No figure yet"
        else:
            note = f'<br><span class="note">{h.cell_text(figure.note)}</span>' \
                if figure.value is None and figure.note else ""
            latest = Markup(f'{figure_value(indicator, figure)}<br><span class="period">'
                            f"{esc(figure.name)}</span>{note}")
        rows.append([
            indicator_link(here, indicator),
            latest,
            number(indicator, figure.target if figure else None),
            h.judgement(against_target(indicator, figure)),
            h.judgement(direction_of_travel(indicator, figure)),
            *(comparator_cell(indicator, figure, c) for c in
              ("statistical_neighbours", "england", "region")),
        ])
    return h.table(caption, INDICATOR_COLUMNS, rows, css="indicator-table", search=search)


TRACKER_COLUMNS = (
    Column("Surgery"), Column("Indicator", css="nowrap"), Column("ID", css="nowrap"),
    Column("Action", css="wide"), Column("Owner"), Column("Due"), Column("Status", css="status"),
)


def tracker_row(here: str, archive: Archive, surgery: Surgery, plan: ActionPlan,
                action: Action, as_of: dt.date, with_indicator: bool = True) -> list[object]:
    indicator = archive.indicators[plan.indicator] if plan.indicator else None
    row: list[object] = [Markup(f'<a href="{at.link(here, at.surgery(surgery))}">'
                                f"{h.date_cell(surgery.date)}</a>")]
    if with_indicator:
        row.append(indicator_link(here, indicator, with_title=False) if indicator else "—")
    exempt = (f'<br><span class="flag flag--exempt">Exempt (paragraph '
              f"{action.exempt.paragraph})</span>" if action.exempt else "")
    return row + [
        Markup(f'<a href="{at.link(here, at.action(surgery, action))}">{esc(action.id)}</a>'
               f"{exempt}") + h.flags(illustrative=action.illustrative),
        h.cell_text(action.action),
        action.owner,
        h.date_cell(action.due),
        h.status(action, as_of, here),
    ]
