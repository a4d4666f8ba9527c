"""Pieces shared by several pages: URLs, indicator cells and tables, tracker rows."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from .. import ledger
from ..judgements import (
    against_comparator,
    against_target,
    direction_of_travel,
    format_value,
    with_unit,
)
from ..records.model import Action, ActionPlan, Archive, Figure, Indicator, Meetings, Surgery
from . import addresses as at
from . import html as h
from .html import Column
from .markup import esc


def codes(indicator: Indicator) -> Markup:
    """Its code and aliases; without a code, its title (never an invented code)."""
    aliases = f' <span class="aliases">(also {esc(", ".join(indicator.aliases))})</span>' \
        if indicator.aliases else ""
    if indicator.code is None:
        return Markup(f"{esc(indicator.title)}{aliases}")
    return Markup(f'<span class="code">{esc(indicator.code)}</span>{aliases}')


def indicator_link(here: str, indicator: Indicator, with_title: bool = True) -> Markup:
    with_title = with_title and indicator.code is not None  # else the link is its title
    title = f" {esc(indicator.title)}" if with_title else ""
    return (Markup(f'<a href="{at.link(here, at.indicator(indicator))}">{codes(indicator)}</a>'
                   f"{title}")
            + h.flags(illustrative=indicator.illustrative, exempt=indicator.exempt is not None))


def number(indicator: Indicator, value: float | None, unit: bool = False) -> str:
    """A figure as text (escaped where it is put on a page); with `unit`, the unit beside
    it, for a table of several indicators (one of one indicator has it in its headings)."""
    if value is None:
        return "—"
    return with_unit(indicator, value) if unit else format_value(indicator, value)


def figure_value(indicator: Indicator, figure: Figure, unit: bool = False) -> Markup:
    shown = (number(indicator, figure.value, unit) if figure.value is not None
             else format_value(indicator, None))
    return Markup(esc(shown)) + figure_flags(figure)


def figure_flags(figure: Figure) -> Markup:
    out = Markup("")
    for kind, word, on in (("year-to-date", "year to date", figure.cumulative),
                           ("provisional", "provisional", figure.provisional),
                           ("illustrative", "illustrative", figure.illustrative)):
        if on:
            out += Markup(" ") + h.tag(kind, word)
    return out


def comparator_cell(indicator: Indicator, figure: Figure | None, which: str,
                    name: str | None = None, unit: bool = False,
                    why: str | None = None) -> Markup:
    """A comparator's figure and the judgement against it; `name` names one of
    archive.yml's own comparators."""
    value = figure.comparators.get(which) if figure is not None else None
    if value is None:
        return Markup("—")
    return Markup(f"{esc(number(indicator, value, unit))}<br>"
                  f"{h.judgement(against_comparator(indicator, figure, which, name), why)}")


def comparators_shown(archive: Archive, figures) -> list[tuple[str, str]]:
    """(key, name) of each comparator at least one of `figures` has, in the archive's
    order: a table has no column that would be empty."""
    present = {key for f in figures if f is not None for key in f.comparators.keys}
    return [(key, name) for key, name in archive.comparators.items() if key in present]


def comparator_column(name: str, unit: str = "") -> Column:
    return Column(name[0].upper() + name[1:] + unit, numeric=True)


INDICATOR_COLUMNS = (
    Column("Indicator", css="wide"), Column("Latest figure", numeric=True),
    Column("Target", numeric=True),
    Column("Against target"), Column("Direction of travel"),
)


def indicator_table(archive: Archive, here: str, slugs: tuple[str, ...], day: dt.date,
                    caption: str, search: bool = True) -> Markup:
    rows = []
    latest_figures = {slug: archive.indicators[slug].figure_as_at(day) for slug in slugs}
    shown = comparators_shown(archive, latest_figures.values())
    for slug in slugs:
        indicator = archive.indicators[slug]
        figure = latest_figures[slug]
        if figure is None:
            latest = "No figure yet"
        else:
            note = f'<br><span class="note">{h.cell_text(figure.note)}</span>' \
                if figure.value is None and figure.note else ""
            latest = Markup(f'{figure_value(indicator, figure, unit=True)}<br>'
                            f'<span class="period">{esc(figure.name)}</span>{note}')
        why = h.polarity_id(indicator)
        rows.append([
            indicator_link(here, indicator),
            latest,
            number(indicator, figure.target if figure else None, unit=True),
            h.judgement(against_target(indicator, figure), why),
            h.judgement(direction_of_travel(indicator, figure), why),
            *(comparator_cell(indicator, figure, key, name, unit=True, why=why)
              for key, name in shown),
        ])
    columns = INDICATOR_COLUMNS + tuple(comparator_column(name) for _, name in shown)
    return h.table(caption, columns, rows, css="indicator-table", search=search) + Markup(
        h.polarity_notes(archive.indicators[slug] for slug in slugs))


def tracker_columns(meetings: Meetings, with_indicator: bool = True) -> tuple[Column, ...]:
    """The columns of a table of actions (tracker_row's cells)."""
    return (Column(meetings.One), *([Column("Indicator")] * with_indicator),  # codes: .code
            Column("ID", css="nowrap"), Column("Action", css="wide"), Column("Owner"),
            Column("Due"), Column("Status", css="status"))


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
        h.due_cell(action),
        h.status(action, as_of, here, ledger.of(archive).now(action, as_of)),
    ]
