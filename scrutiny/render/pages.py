"""Each kind of page as Markdown: headings in Markdown, everything else as safe HTML blocks.

Every function takes the archive already filtered for its audience and returns the page
source; URLs are site-relative with directory URLs (surgeries/<folder>/).
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

from ..compute import (
    COMPARATORS,
    against_comparator,
    against_target,
    direction_of_travel,
    format_value,
)
from ..model import Action, ActionPlan, Archive, Figure, Indicator, Surgery
from ..text import esc, md_escape, rich
from . import html as h
from .chart import trend_chart
from .html import Column


def surgery_url(surgery: Surgery) -> str:
    return f"surgeries/{surgery.folder}/"


def indicator_url(indicator: Indicator) -> str:
    return f"indicators/{indicator.slug}/"


def _codes(indicator: Indicator) -> str:
    aliases = f' <span class="aliases">(also {esc(", ".join(indicator.aliases))})</span>' \
        if indicator.aliases else ""
    return f'<span class="code">{esc(indicator.code)}</span>{aliases}'


def _indicator_link(here: str, indicator: Indicator, with_title: bool = True) -> str:
    title = f" {esc(indicator.title)}" if with_title else ""
    return f'<a href="{h.link(here, indicator_url(indicator))}">{_codes(indicator)}</a>{title}'


def _number(indicator: Indicator, value: float | None) -> str:
    return esc(format_value(indicator, value)) if value is not None else "—"


def _figure_value(indicator: Indicator, figure: Figure) -> str:
    return esc(format_value(indicator, figure.value)) + _figure_flags(figure)


def _figure_flags(figure: Figure) -> str:
    flags = [w for w, on in (("provisional", figure.provisional),
                             ("illustrative", figure.illustrative)) if on]
    return "".join(f' <span class="flag flag--{w}">{w}</span>' for w in flags)


def _comparator_cell(indicator: Indicator, figure: Figure | None, which: str) -> str:
    value = getattr(figure.comparators, which) if figure is not None else None
    if value is None:
        return "—"
    return (f"{_number(indicator, value)}<br>"
            f"{h.judgement(against_comparator(indicator, figure, which))}")


# Surgery ------------------------------------------------------------------------------


INDICATOR_COLUMNS = (
    Column("Indicator", css="wide"), Column("Latest figure", numeric=True),
    Column("Target", numeric=True),
    Column("Against target"), Column("Direction of travel"),
    Column("Statistical neighbours", numeric=True), Column("England", numeric=True),
    Column("Region", numeric=True),
)


def indicator_table(archive: Archive, here: str, slugs: tuple[str, ...], day: dt.date,
                    caption: str) -> str:
    rows = []
    for slug in slugs:
        indicator = archive.indicators[slug]
        figure = indicator.figure_as_at(day)
        if figure is None:
            latest = "No figure yet"
        else:
            note = f'<br><span class="note">{h.cell_text(figure.note)}</span>' \
                if figure.value is None and figure.note else ""
            latest = (f'{_figure_value(indicator, figure)}<br><span class="period">'
                      f"{esc(figure.name)}</span>{note}")
        rows.append([
            _indicator_link(here, indicator),
            latest,
            _number(indicator, figure.target if figure else None),
            h.judgement(against_target(indicator, figure)),
            h.judgement(direction_of_travel(indicator, figure)),
            *(_comparator_cell(indicator, figure, c) for c in
              ("statistical_neighbours", "england", "region")),
        ])
    return h.table(caption, INDICATOR_COLUMNS, rows, css="indicator-table")


ACTION_COLUMNS = (
    Column("ID", css="nowrap"), Column("Action", css="wide"), Column("Owner"), Column("Due"),
    Column("Status"), Column("Latest update", css="wide"),
)


def _action_row(action: Action, as_of: dt.date) -> list[str]:
    latest = action.updates[-1] if action.updates else None
    update = (f"{h.date_cell(latest.date)}: {h.cell_text(latest.note)}" if latest else "None yet")
    what = h.cell_text(action.action)
    if action.success_measure:
        what += f'<br><span class="measure"><strong>Success measure:</strong> ' \
                f"{h.cell_text(action.success_measure)}</span>"
    if action.exempt:
        what += (f'<br><span class="flag flag--exempt">Exempt — not for publication '
                 f"(paragraph {action.exempt.paragraph})</span>")
    return [esc(action.id), what, esc(action.owner), h.date_cell(action.due),
            h.status(action, as_of), update]


def _action_plan(archive: Archive, here: str, plan: ActionPlan, as_of: dt.date,
                 ids: dict[str, str]) -> list[str]:
    parts = [f"### {md_escape(plan.title)}", ""]
    info = [f"<p><strong>Lead:</strong> {esc(str(plan.lead))}</p>"]
    if plan.indicator:
        info.append("<p><strong>Indicator:</strong> "
                    f"{_indicator_link(here, archive.indicators[plan.indicator])}</p>")
    if plan.illustrative:
        info.append(h.illustrative("action plan"))
    if plan.context:
        info.append('<div class="context"><p><strong>Context:</strong></p>'
                    f"{rich(plan.context)}</div>")
    parts += [h.block(*info), ""]
    if plan.actions:
        attrs = [f'id="{ids[a.id]}"' for a in plan.actions]
        parts += [h.block(h.table(f"Actions: {plan.title}", ACTION_COLUMNS,
                                  [_action_row(a, as_of) for a in plan.actions],
                                  row_attrs=attrs)), ""]
    if plan.withheld_actions:
        n = plan.withheld_actions
        parts += [h.block(f"<p>{n} exempt action{'s' * (n != 1)} in this plan "
                          f"{'are' if n != 1 else 'is'} not published.</p>"), ""]
    updates = []
    for action in plan.actions:
        if action.exempt:
            updates.append(f'<div class="exempt-action"><p><strong>{esc(action.id)}</strong></p>'
                           f'{h.exempt(action.exempt, "action")}</div>')
        if action.updates:
            items = "".join(
                f"<li>{h.date_cell(u.date)}"
                f"{' (' + h.STATUS_WORDS[u.status].lower() + ')' if u.status else ''}: "
                f"{h.cell_text(u.note)}</li>" for u in action.updates)
            updates.append(f"<p><strong>{esc(action.id)}</strong> progress updates:</p>"
                           f'<ul class="updates">{items}</ul>')
    if updates:
        parts += [h.block('<div class="action-updates">', *updates, "</div>"), ""]
    return parts


def _minutes(surgery: Surgery, ids: dict[str, str]) -> list[str]:
    minutes = surgery.minutes
    if minutes is None:
        return []
    parts = ["## Minutes", ""]
    info = []
    if minutes.illustrative:
        info.append(h.illustrative("record of the minutes"))
    info += ["<p><strong>Present:</strong></p>", h.people(minutes.present)]
    if minutes.apologies:
        info += ["<p><strong>Apologies:</strong></p>", h.people(minutes.apologies)]
    parts += [h.block(*info), ""]
    for number, item in enumerate(minutes.items, 1):
        parts += [f"### {number}. {md_escape(item.title)}", ""]
        body = []
        if item.exempt:
            body.append(h.exempt(item.exempt, "minutes item"))
        if item.notes:
            body.append(rich(item.notes))
        if item.decisions:
            body.append("<p><strong>Decisions:</strong></p><ul>"
                        + "".join(f"<li>{h.cell_text(d)}</li>" for d in item.decisions)
                        + "</ul>")
        if item.actions or item.withheld_actions:
            links = [f'<a href="#{ids[a]}">{esc(a)}</a>' for a in item.actions if a in ids]
            if item.withheld_actions:
                n = item.withheld_actions
                links.append(f"{n} exempt action{'s' * (n != 1)}, not published")
            body.append(f"<p><strong>Actions:</strong> {', '.join(links)}</p>")
        if body:
            parts += [h.block(*body), ""]
    return parts


def _report(surgery: Surgery) -> list[str]:
    report = surgery.report
    if report is None:
        return []
    item = f", item {esc(report.item)}" if report.item else ""
    parts = ["## Cover report", ""]
    intro = [f"<p>Report to the {esc(report.committee)}, "
             f"{h.date_cell(report.meeting_date)}{item}.</p>"]
    if report.author:
        intro.append(f"<p>Report of the {esc(report.author)}.</p>")
    parts += [h.block(*intro), ""]
    sections = (("Summary", report.summary), ("Recommendations", report.recommendations),
                ("Reasons for recommendations", report.reasons),
                ("Supporting information", report.supporting_information),
                ("Other options considered", report.other_options))
    number = 0
    for title, paragraphs in sections:
        if not paragraphs:
            continue
        number += 1
        if title == "Recommendations" and len(paragraphs) == 1:
            title = "Recommendation"
        if title == "Reasons for recommendations" and len(report.recommendations) == 1:
            title = "Reasons for recommendation"
        parts += [f"### {title}", ""]
        parts += [h.block(*(
            f'<div class="para"><span class="para__number">{number}.{i}</span>'
            f'<div class="para__text">{rich(p)}</div></div>'
            for i, p in enumerate(paragraphs, 1))), ""]
    if report.approved_by:
        rows = [[esc(s.role), "<br>".join(esc(n) for n in s.names)] for s in report.approved_by]
        parts += ["### Sign-off", "", h.block(h.table(
            "This report has been approved by the following officers",
            (Column("Role"), Column("Officers")), rows)), ""]
    extra = []
    if report.contact:
        c = report.contact
        bits = [f"{esc(c.name)}, {esc(c.role)}"]
        if c.phone:
            bits.append(f"Tel: {esc(c.phone)}")
        if c.email:
            bits.append(f'<a href="mailto:{esc(c.email)}">{esc(c.email)}</a>')
        extra.append(f"<p><strong>For more information contact:</strong> {'. '.join(bits)}</p>")
    if report.background_papers:
        extra.append(f"<p><strong>Background papers:</strong> "
                     f"{h.cell_text(report.background_papers)}</p>")
    if report.appendices:
        extra.append("<p><strong>List of appendices:</strong></p><ul>"
                     + "".join(f"<li>{esc(a)}</li>" for a in report.appendices) + "</ul>")
    if extra:
        parts += ["### Contact and papers", "", h.block(*extra), ""]
    if report.implications:
        parts += ["### Implications", ""]
        for number, (heading, text) in enumerate(report.implications, 1):
            parts += [h.block(f'<div class="implication"><p class="implication__heading">'
                              f"<strong>{esc(heading)}</strong></p>"
                              f'<div class="para"><span class="para__number">{number}.1</span>'
                              f'<div class="para__text">{rich(text)}</div></div></div>'), ""]
    return parts


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, size // 1000)} KB"


def _file_kind(name: str) -> str:
    kind = {".pdf": "PDF", ".docx": "Word document", ".xlsx": "Excel spreadsheet",
            ".csv": "CSV", ".odt": "OpenDocument text", ".ods": "OpenDocument spreadsheet"}
    suffix = Path(name).suffix.lower()
    return kind.get(suffix) or (mimetypes.guess_type(name)[0] or suffix.lstrip(".").upper()
                                or "file")


def surgery_page(archive: Archive, surgery: Surgery, as_of: dt.date, folder: Path) -> str:
    here = surgery_url(surgery)
    ids: dict[str, str] = {}
    for action in surgery.actions:
        anchor = h.anchor("action", action.id)
        while anchor in ids.values():
            anchor += "-2"
        ids[action.id] = anchor
    parts = h.title(surgery.title)
    top = []
    if surgery.status == "draft":
        top.append(h.notice("draft", "Draft", "This surgery is a draft, shown for preview only."))
    if surgery.exempt:
        top.append(h.exempt(surgery.exempt, "surgery"))
    if surgery.illustrative:
        top.append(h.illustrative("surgery"))
    facts = [("Date", h.date_cell(surgery.date)), ("Chair", esc(str(surgery.chair)))]
    if surgery.report:
        facts.append(("Reported to", f"{esc(surgery.report.committee)}, "
                      f"{h.date_cell(surgery.report.meeting_date)}"))
    if surgery.tags:
        facts.append(("Tags", esc(", ".join(surgery.tags))))
    top.append('<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
               + "</dl>")
    if surgery.summary:
        top.append(f'<div class="summary">{rich(surgery.summary)}</div>')
    top += ["<p><strong>Attendees:</strong></p>", h.people(surgery.attendees)]
    if surgery.apologies:
        top += ["<p><strong>Apologies:</strong></p>", h.people(surgery.apologies)]
    parts += [h.block(*top), ""]

    parts += ["## Indicators reviewed", "", h.block(indicator_table(
        archive, here, surgery.indicators, surgery.date,
        f"Indicators reviewed, with the latest figures as at {h.long_date(surgery.date)}")), ""]

    if surgery.action_plans:
        parts += ["## Action plans", ""]
        for plan in surgery.action_plans:
            parts += _action_plan(archive, here, plan, as_of, ids)
    parts += _minutes(surgery, ids)
    parts += _report(surgery)
    if surgery.papers:
        items = []
        for paper in surgery.papers:
            mark = h.exempt(paper.exempt, "paper") if paper.exempt else ""
            items.append(f'<li><a href="{esc(quote(paper.file))}">{esc(paper.title)}</a> '
                         f"({_file_kind(paper.file)}, {_size(folder / paper.file)}){mark}</li>")
        parts += ["## Papers", "", h.block("<ul class=\"papers\">" + "".join(items) + "</ul>"), ""]
    return "\n".join(parts)


# Indicator ----------------------------------------------------------------------------


FIGURE_COLUMNS = (
    Column("Period", css="nowrap"), Column("Value", numeric=True), Column("Target", numeric=True),
    Column("Against target"), Column("Direction of travel"),
    Column("Statistical neighbours", numeric=True), Column("England", numeric=True),
    Column("Region", numeric=True), Column("Notes"),
)


def indicator_page(archive: Archive, indicator: Indicator, as_of: dt.date) -> str:
    here = indicator_url(indicator)
    parts = h.title(f"{indicator.code}: {indicator.title}")
    top = []
    if indicator.illustrative:
        top.append(h.illustrative("indicator"))
    polarity = {"lower-is-better": "Lower is better", "higher-is-better": "Higher is better",
                "none": "No judgement is made (neither higher nor lower is better)"}
    facts = [("Code", esc(indicator.code))]
    if indicator.aliases:
        facts.append(("Also known as", esc(", ".join(indicator.aliases))))
    facts += [("Unit", esc(indicator.unit)),
              ("Polarity", polarity[indicator.polarity]
               + (f"<br>{h.cell_text(indicator.polarity_note)}" if indicator.polarity_note
                  else ""))]
    if indicator.tolerance is not None:
        facts.append(("Near target", f"within {esc(format_value(indicator, indicator.tolerance))}"
                      " of the target"))
    if indicator.service:
        facts.append(("Service", esc(indicator.service)))
    if indicator.source:
        source = esc(indicator.source.name)
        if indicator.source.url:
            source = f'<a href="{esc(indicator.source.url)}">{source}</a>'
        if indicator.source.licence:
            source += f" ({esc(indicator.source.licence)})"
        facts.append(("Source", source))
    top.append('<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
               + "</dl>")
    if indicator.definition:
        top.append(f'<div class="definition"><p><strong>Definition:</strong></p>'
                   f"{rich(indicator.definition)}</div>")
    parts += [h.block(*top), ""]

    latest = indicator.figure_as_at(as_of)
    parts += ["## Latest figure", ""]
    if latest is None:
        parts += [h.block("<p>No figures yet.</p>"), ""]
    else:
        parts += [h.block(
            f"<p>As at {h.long_date(as_of)}, the latest figure is for {esc(latest.name)}: "
            f"<strong>{esc(format_value(indicator, latest.value))}</strong> "
            f"({esc(indicator.unit)}){_figure_flags(latest)}.</p>",
            "<ul class=\"judgements\">"
            f"<li>{h.judgement(against_target(indicator, latest))}</li>"
            f"<li>{h.judgement(direction_of_travel(indicator, latest))}</li>"
            + "".join(f"<li>{h.judgement(against_comparator(indicator, latest, c))}</li>"
                      for c in COMPARATORS if getattr(latest.comparators, c) is not None)
            + "</ul>"), ""]

    chart = trend_chart(indicator, f"chart-{indicator.slug}")
    if chart:
        parts += ["## Trend", "", h.block(chart), ""]

    rows = []
    for figure in reversed(indicator.figures):
        notes = h.cell_text(figure.note) if figure.note else ""
        rows.append([
            f"{esc(figure.name)}<br>{h.date_cell(figure.date)}",
            _figure_value(indicator, figure),
            _number(indicator, figure.target),
            h.judgement(against_target(indicator, figure)),
            h.judgement(direction_of_travel(indicator, figure)),
            *(_comparator_cell(indicator, figure, c) for c in
              ("statistical_neighbours", "england", "region")),
            notes or "—",
        ])
    parts += ["## Figures", ""]
    parts += [h.block(h.table(f"Every figure for {indicator.code}, newest first "
                              f"({indicator.unit})", FIGURE_COLUMNS, rows)
                      if rows else "<p>No figures yet.</p>"), ""]

    reviewed = [s for s in archive.surgeries if indicator.slug in s.indicators]
    parts += ["## Surgeries that reviewed it", ""]
    if not reviewed:
        parts += [h.block("<p>No surgery has reviewed this indicator yet.</p>"), ""]
    else:
        parts += [h.block("<ul>" + "".join(
            f'<li><a href="{h.link(here, surgery_url(s))}">{esc(s.title)}</a>, '
            f"{h.date_cell(s.date)}</li>" for s in reviewed) + "</ul>"), ""]
        actions = [(s, a) for s in reviewed for plan in s.action_plans
                   if plan.indicator == indicator.slug for a in plan.actions]
        if actions:
            columns = tuple(c for c in TRACKER_COLUMNS if c.title != "Indicator")
            parts += ["## Actions agreed", "", h.block(h.table(
                f"Actions agreed for {indicator.code}", columns,
                [_tracker_row(here, archive, s, a, as_of, with_indicator=False)
                 for s, a in actions])), ""]
    return "\n".join(parts)


# Lists ----------------------------------------------------------------------------------


TRACKER_COLUMNS = (
    Column("Surgery"), Column("Indicator", css="nowrap"), Column("ID", css="nowrap"),
    Column("Action", css="wide"), Column("Owner"), Column("Due"), Column("Status"),
)


def _tracker_row(here: str, archive: Archive, surgery: Surgery, action: Action,
                 as_of: dt.date, with_indicator: bool = True) -> list[str]:
    plan = next(p for p in surgery.action_plans if action in p.actions)
    indicator = archive.indicators[plan.indicator] if plan.indicator else None
    row = [f'<a href="{h.link(here, surgery_url(surgery))}">{h.date_cell(surgery.date)}</a>']
    if with_indicator:
        row.append(_indicator_link(here, indicator, with_title=False) if indicator else "—")
    return row + [
        f'<a href="{h.link(here, surgery_url(surgery))}#{h.anchor("action", action.id)}">'
        f"{esc(action.id)}</a>" + (f'<br><span class="flag flag--exempt">Exempt (paragraph '
                                   f"{action.exempt.paragraph})</span>" if action.exempt else ""),
        h.cell_text(action.action),
        esc(action.owner),
        h.date_cell(action.due),
        h.status(action, as_of),
    ]


def actions_page(archive: Archive, as_of: dt.date) -> str:
    here = "actions/"
    pairs = [(s, a) for s in archive.surgeries for a in s.actions]
    overdue = sum(a.is_overdue(as_of) for _, a in pairs)
    rows = [_tracker_row(here, archive, s, a, as_of) for s, a in pairs]
    statuses = ["overdue", "not-started", "in-progress", "complete", "cancelled"]
    attrs = [f'data-status="{"overdue" if a.is_overdue(as_of) else a.status}"' for _, a in pairs]
    options = "".join(f'<option value="{s}">{"Overdue" if s == "overdue" else h.STATUS_WORDS[s]}'
                      "</option>" for s in statuses)
    parts = h.title("Action tracker") + [h.block(
        f"<p>Every action agreed at a surgery: {len(pairs)} in all, {overdue} overdue as at "
        f"{h.long_date(as_of)}. An action is overdue when its due date has passed and it is "
        "neither complete nor cancelled. Select a column heading to sort the table.</p>",
        '<div class="table-filter" hidden><label for="status-filter">Show actions that are'
        '</label> <select id="status-filter" data-filter-table="action-tracker">'
        f'<option value="">any status</option>{options}</select> '
        '<span class="table-filter__count" role="status" aria-live="polite"></span></div>'), ""]
    parts += [h.block(h.table(f"Actions, as at {h.long_date(as_of)}", TRACKER_COLUMNS, rows,
                              sortable=True, css="action-tracker", row_attrs=attrs)
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
            _indicator_link(here, indicator),
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
            f"Indicators whose latest figure is off target, as at {h.long_date(as_of)}")), ""]
    else:
        parts += [h.block(f"<p>No indicator is off target as at {h.long_date(as_of)}.</p>"), ""]
    overdue = [(s, a) for s in archive.surgeries for a in s.actions if a.is_overdue(as_of)]
    parts += ["## Overdue actions", ""]
    if overdue:
        parts += [h.block(h.table(
            f"Actions overdue as at {h.long_date(as_of)}", TRACKER_COLUMNS,
            [_tracker_row(here, archive, s, a, as_of) for s, a in overdue]),
            '<p><a href="actions/">The action tracker</a> lists every action.</p>'), ""]
    else:
        parts += [h.block(f"<p>No action is overdue as at {h.long_date(as_of)}.</p>"), ""]
    return "\n".join(parts)
