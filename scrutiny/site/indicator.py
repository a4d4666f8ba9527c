"""An indicator's page: definition, latest figure, trend chart, every figure, actions."""

from __future__ import annotations

import datetime as dt

from ..judgements import (
    against_comparator,
    against_target,
    difference_with_unit,
    direction_of_travel,
    format_value,
    with_unit,
)
from markupsafe import Markup

from ..records.model import NO_LICENCE, Archive, Indicator, Licence
from . import addresses as at
from . import html as h
from .chart import trend_chart
from .html import Column
from .markup import esc, rich
from .parts import (
    comparator_cell,
    comparator_column,
    comparators_shown,
    figure_flags,
    figure_value,
    number,
    tracker_columns,
    tracker_row,
)

ON_A_PHONE = 4  # figures a phone shows before "Show all"
MOST_FIGURES = 80  # on the page; the CSV and JSON files hold every figure
MOST_ACTIONS = 300  # the open ones, when an indicator has more actions than this

KEY = h.details("How to read the judgements", Markup(
    "<p>▲ and ▼ show which way the number moved since the previous figure of the same "
    "period, or whether it is above or below the comparator; = means the same, and ≈ "
    "similar: within the indicator's near-target band (its tolerance), or inside the "
    "figure's confidence interval, too close to call. The words "
    "say whether that is better or worse for this indicator (and the colour repeats them). "
    "Where neither higher nor lower is better, the words only say higher or lower.</p>"))

def unit_heading(indicator: Indicator) -> str:
    """The unit in a column heading, for a table of one indicator's figures."""
    return f" ({indicator.unit})"


def figure_columns(indicator: Indicator, comparators: list[tuple[str, str]]) -> tuple:
    unit = unit_heading(indicator)
    return (Column("Period", css="nowrap"), Column("Value" + unit, numeric=True),
            Column("Target" + unit, numeric=True), Column("Against target"),
            Column("Direction of travel"),
            *(comparator_column(name, unit) for _, name in comparators), Column("Notes"))


def licence_html(licence: Licence | None) -> str:
    """A licence's name, linked where its address is known; or that none is stated."""
    if licence is None:
        return esc(NO_LICENCE)
    if licence.url:
        return f'<a href="{esc(licence.url)}">{esc(licence.name)}</a>'
    return esc(licence.name)


def indicator_page(archive: Archive, indicator: Indicator, as_of: dt.date) -> h.Page:
    here = at.indicator(indicator)
    m = archive.meetings
    heading = (f"{indicator.code}: {indicator.title}" if indicator.code is not None
               else indicator.title)
    parts = h.title(heading, feed=at.indicator_feed(indicator))
    latest = indicator.figure_as_at(as_of)
    top = [h.search_facts("Indicator", day=latest.date if latest else None,
                          indicators=[indicator.name], sample=indicator.illustrative),
           h.code_terms([c for c in (indicator.code, *indicator.aliases) if c])]
    if indicator.exempt:
        top.append(h.exempt(indicator.exempt, "indicator"))
    if indicator.illustrative:
        top.append(h.illustrative("indicator"))
    polarity = {"lower-is-better": "Lower is better", "higher-is-better": "Higher is better",
                "none": "No judgement is made (neither higher nor lower is better)"}
    facts: list[tuple[str, object]] = [("Code", indicator.code)] if indicator.code else []
    if indicator.aliases:
        facts.append(("Also known as", ", ".join(indicator.aliases)))
    facts += [("Unit", indicator.unit),
              ("Polarity", Markup(esc(polarity[indicator.polarity])
                                  + (f"<br>{h.cell_text(indicator.polarity_note)}"
                                     if indicator.polarity_note else "")))]
    if indicator.tolerance is not None:
        facts.append(("Near target", f"within {difference_with_unit(indicator, indicator.tolerance)}"
                      " of the target"))
    if indicator.service:
        facts.append(("Service", indicator.service))
    if indicator.source:
        source = esc(indicator.source.name)
        if indicator.source.url:
            source = f'<a href="{esc(indicator.source.url)}">{source}</a>'
        facts.append(("Source", Markup(source)))
    licence = archive.licence(indicator)
    facts.append(("Licence", Markup(licence_html(licence))))
    org = archive.organisation
    if org and org.region:
        facts.append(("Region", f"{org.region} (the region figures are for it)"))
    if org and org.statistical_neighbours:
        facts.append(("Statistical neighbours",
                      "The average of: " + ", ".join(org.statistical_neighbours)))
    top.append(h.summary_list(facts))
    top.append(h.subscribe(here, at.indicator_feed(indicator),
                           "this indicator's new figures, reviews and actions"))
    if indicator.definition:
        top.append(f'<div class="definition"><p><strong>Definition:</strong></p>'
                   f"{rich(indicator.definition)}</div>")
    parts += [h.block(*top)]

    latest = indicator.figure_as_at(as_of)
    why = h.polarity_id(indicator)  # a † beside each better-or-worse judgement, to its note
    parts += [h.heading(2, "Latest figure")]
    if latest is None:
        parts += [h.block("<p>No figures yet.</p>")]
    else:
        parts += [h.block(
            f"<p>As at {h.long_date(as_of)}, the latest figure is for {esc(latest.name)}: "
            f"<strong>{esc(with_unit(indicator, latest.value))}</strong>"
            f"{figure_flags(latest)}.</p>",
            "<ul class=\"judgements\">"
            f"<li>{h.judgement(against_target(indicator, latest), why)}</li>"
            f"<li>{h.judgement(direction_of_travel(indicator, latest), why)}</li>"
            + "".join(f"<li>{h.judgement(against_comparator(indicator, latest, c, name), why)}"
                      "</li>" for c, name in comparators_shown(archive, [latest]))
            + "</ul>", h.polarity_notes([indicator]), KEY)]

    reviewed = [s for s in archive.surgeries if indicator.slug in s.indicators]
    chart = trend_chart(indicator, f"chart-{indicator.slug}", [s.date for s in reviewed],
                        org.region if org else None, m)
    if chart:
        parts += [h.heading(2, "Trend"), h.block(chart)]

    rows = []
    figures = list(reversed(indicator.figures))[:MOST_FIGURES]
    shown = comparators_shown(archive, figures)
    for figure in figures:
        notes = h.cell_text(figure.note) if figure.note else ""
        rows.append([
            Markup(f"{esc(figure.name)}<br>{h.date_cell(figure.date)}"),
            figure_value(indicator, figure) + (Markup(
                f'<br><span class="interval">interval {format_value(indicator, figure.interval[0])} to '
                f"{format_value(indicator, figure.interval[1])}</span>")
                if figure.interval else ""),
            number(indicator, figure.target),
            h.judgement(against_target(indicator, figure), why),
            h.judgement(direction_of_travel(indicator, figure), why),
            *(comparator_cell(indicator, figure, c, name, why=why) for c, name in shown),
            notes or "—",
        ])
    parts += [h.heading(2, "Figures")]
    csv = at.link(here, at.indicator_data(indicator, "csv"))
    json = at.link(here, at.indicator_data(indicator, "json"))
    parts += [h.block(f'<p class="downloads">Download every figure: <a href="{csv}" '
                      f'download>CSV</a>, <a href="{json}" download>JSON</a> ('
                      f"{licence_html(licence)}; "
                      '<a href="' + at.link(here, at.DATA) +
                      '">about the open data</a>).</p>')]
    caption = (f"Every figure for {indicator.name}, newest first ({indicator.unit})"
               if len(indicator.figures) <= MOST_FIGURES else
               f"The newest {MOST_FIGURES} of {len(indicator.figures)} figures for "
               f"{indicator.name} ({indicator.unit}); every one is in the CSV")
    # on a phone, the newest few; the rest one tap away (tables.js), and all on paper
    folded = ['class="older"' if n >= ON_A_PHONE else "" for n in range(len(rows))]
    parts += [h.block(*_how_compared(indicator),
                      h.table(caption, figure_columns(indicator, shown), rows, search=False,
                              css="foldable" if len(rows) > ON_A_PHONE else "",
                              row_attrs=folded)
                      if rows else "<p>No figures yet.</p>")]

    parts += [h.heading(2, f"{m.Many} that reviewed it")]
    if not reviewed:
        parts += [h.block(f"<p>No {esc(m.one)} has reviewed this indicator yet.</p>")]
    else:
        parts += [h.block("<ul>" + "".join(
            f'<li><a href="{at.link(here, at.surgery(s))}">{esc(s.title)}</a>, '
            f"{h.date_cell(s.date)}</li>" for s in reviewed) + "</ul>")]
        actions = [(s, plan, a) for s in reviewed for plan, a in s.planned_actions
                   if plan.indicator == indicator.slug]
        withheld = sum(plan.withheld_actions for s in reviewed for plan in s.action_plans
                       if plan.indicator == indicator.slug)
        if withheld:  # said, without id or content, wherever a list leaves them out
            parts += ([h.heading(2, "Actions agreed")] if not actions else [])
            parts += [h.block(f"<p>{withheld} exempt action{'s' * (withheld != 1)} agreed "
                              f"for {esc(indicator.name)} {'are' if withheld != 1 else 'is'} "
                              "not published.</p>")] if not actions else []
        if actions:  # a long history: the open ones, and the rest in the tracker's years
            shown = actions if len(actions) <= MOST_ACTIONS else [
                t for t in actions if t[2].is_open][:MOST_ACTIONS]
            columns = tracker_columns(m, with_indicator=False)
            note = "" if shown is actions else (
                f"<p>{len(actions)} actions have been agreed for {esc(indicator.name)}; the "
                f"{len(shown)} shown here are those still open (at most {MOST_ACTIONS}). The "
                f'<a href="{at.link(here, at.ACTIONS)}">action tracker</a> lists every action '
                f"by the year of its {esc(m.one)}.</p>")
            if withheld:
                note += (f"<p>{withheld} more exempt action{'s' * (withheld != 1)} agreed "
                         f"for {esc(indicator.name)} {'are' if withheld != 1 else 'is'} not "
                         "published.</p>")
            parts += [h.heading(2, "Actions agreed"), h.block(note, h.table(
                f"Actions agreed for {indicator.name}", columns,
                [tracker_row(here, archive, s, plan, a, as_of, with_indicator=False)
                 for s, plan, a in shown], search=False))]
    return h.page(parts)


def _how_compared(indicator: Indicator) -> list[str]:
    """What a reader needs to read the table's judgements where they are not the usual
    ones: year-to-date figures, and judgements the source gave without a number."""
    notes = []
    if any(f.cumulative for f in indicator.figures):
        notes.append("<p>Figures marked “year to date” count from the start of the year, so "
                     "they rise through it: each is compared with the figure for the same "
                     "point a year before, never with the one just before it.</p>")
    if any(f.value is None and f.reported is not None for f in indicator.figures):
        notes.append("<p>Where the source gave a judgement but no number, the judgement is "
                     "shown “as reported”; it is not worked out here, and it is not drawn on "
                     "the chart.</p>")
    return notes
