"""Open data: CSV and JSON made from the archive an audience may see, and the page that
describes them. Deterministic output (sorted, no clocks), so builds stay byte-identical.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from markupsafe import Markup

from .. import ledger
from ..judgements import against_comparator, against_target, direction_of_travel
from ..records.model import (
    ACTION_STATUSES,
    NO_LICENCE,
    SUPERSEDED,
    Archive,
    Indicator,
    Licence,
    Meetings,
    Schedule,
)
from . import addresses as at
from . import html as h
from .html import Column

# The Data Package that describes every data file of a build (scrutiny/site/datapackage.py);
# with the other data files' addresses in spirit, here so that this page can link to it.
DATAPACKAGE = f"{at.DATA}datapackage.json"

COMPARATOR_COLUMNS = {
    "statistical_neighbours": "the average of the council's statistical neighbours",
    "england": "the figure for England",
    "region": "the figure for the region",
}
# The columns of an indicator's CSV file, as the Open data page describes them. A
# comparator's column is there only where at least one of the indicator's figures has it.
FIGURE_COLUMNS = {
    "date": "the date the figure is as at (YYYY-MM-DD)",
    "label": "the period as the record names it, e.g. 2023/24 or Q2 2023/24",
    "period": "what span the figure covers: year, half-year, quarter, month or snapshot",
    "value": "the figure; empty when not available",
    "unit": "the unit of the value, the target and the comparators, e.g. %",
    "target": "the target for the period; empty when none",
    **COMPARATOR_COLUMNS,
    "against_target": "On target, Near target, Off target, No target, ...; \"(as reported)\" "
                      "where the source gave its judgement without a number",
    "direction_of_travel": "Improving, Worsening, No change, ... against the previous figure of "
                           "the same period (for a year-to-date figure, the one a year "
                           "before); Not comparable, and why, where there is none",
    "note": "notes on the figure",
    "provisional": "true while the figure may be revised",
    "illustrative": "true when the figure is sample data, not the council's",
    "contains_sample": "which parts of the row are sample data, not the council's: "
                       "\"indicator\" (the whole indicator is), \"figure\"; empty when none",
    "cumulative": "true when the figure is year to date",
    "reported": "on-target, near-target or off-target: the source's own judgement, where it "
                "gave no number; empty otherwise",
    "published": "the day the figure was first published, where the record gives it",
    "code": "the indicator's code; empty where the council gives it none (the file is then "
            "named by the indicator's slug)",
    "publisher": "who publishes this archive",
    "licence": f"the licence the figure is published under, or \"{NO_LICENCE}\"",
}

# Where at least one of an indicator's figures has a confidence interval: after the
# comparators (a comparator inside the interval is judged "Similar").
INTERVAL_COLUMNS = {
    "interval_lower": "the lower limit of the figure's confidence interval; empty when none",
    "interval_upper": "the upper limit of the figure's confidence interval; empty when none",
}

_IDS = list(ACTION_STATUSES)
_CLOSED = [s.id for s in ACTION_STATUSES.values() if not s.can_be_overdue]
def action_columns(m: Meetings, schedule: Schedule) -> dict[str, str]:
    """The columns of actions.csv, and what each means, in the archive's words."""
    return {
        "surgery": f"the {m.one}'s id (its folder name)",
        "surgery_date": f"the day the {m.one} met",
        "id": f"the action's id, unique within the {m.one}",
        "indicator": "the indicator the action plan answers: its code, or its file's slug "
                     "where it has no code",
        "action": "what will be done",
        "success_measure": "how the action's success will be judged; empty where the plan "
                           "does not say",
        "owner": "who will do it",
        "due": "when it is due; empty when no date was set",
        "status": f"{', '.join(_IDS[:-1])} or {_IDS[-1]}; empty when the record does not say",
        "superseded_by": f"the action, agreed at a later {m.one}, that replaced it "
                         "(<folder>#<id>); empty when none",
        "overdue": f"true when due before the as-of date and neither {', '.join(_CLOSED)} nor "
                   f"{SUPERSEDED.id}; never true without a due date or a status",
        "outcome": "what became of it as at the as-of date (the Follow-through page's "
                   "words): " + "; ".join(f"{o.id} ({o.words.lower()})"
                                          for o in ledger.OUTCOMES),
        "as_of": "the date overdue is judged at",
        "latest_update": "the date of the latest progress update",
        "latest_update_note": "what the latest progress update said; empty when there is none",
        "exempt_paragraph": "members' build only: the paragraph of an exempt action (of "
                            f"{schedule.name})",
        "illustrative": "true when the action is sample data, not the council's",
        "contains_sample": "which parts of the row are sample data, not the council's: "
                           f"\"{m.one}\" (the meeting itself), \"action\" (the action, its "
                           "plan and its updates); empty when none",
        "publisher": "who publishes this archive",
    }


def decision_columns(m: Meetings, schedule: Schedule) -> dict[str, str]:
    """The columns of decisions.csv, and what each means."""
    return {
        "surgery": f"the {m.one}'s id (its folder name)",
        "surgery_date": f"the day the {m.one} met",
        "item_number": "the minutes item's number: the council's own where the minutes give "
                       "one, else its place in the minutes",
        "item": "the minutes item's title",
        "decision": "the decision, as minuted",
        "indicator": "the indicator the item is about, where the record tells: its code, or "
                     "its title where it has none",
        "illustrative": "true when the minutes are sample data, not the council's",
        "contains_sample": "which parts of the row are sample data, not the council's: "
                           f"\"{m.one}\" (the meeting itself), \"minutes\"; empty when none",
        "exempt_paragraph": "members' build only: the paragraph of an exempt item or "
                            f"{m.one} (of {schedule.name})",
        "publisher": "who publishes this archive",
    }


def exemption_columns(m: Meetings, schedule: Schedule) -> dict[str, str]:
    """The columns of exemptions.csv (the members' build only), and what each means."""
    return {
        "kind": f"what is withheld: Indicator, {m.One}, {m.One} (scheduled), Action, "
                "Minutes item or Paper",
        "item": "its title, or an action's id and text",
        "paragraph": f"the paragraph of {schedule.name} under which it is exempt",
        "meaning": "what that paragraph covers",
        "reason": "why it is exempt, as the record says",
        "surgery_date": f"the day the {m.one} met; empty for an indicator",
        "page": "the page that shows it on the members' site, relative to the site",
        "contains_sample": "which parts of the row are sample data, not the council's: "
                           f"\"indicator\", \"{m.one}\" (the meeting itself), \"action\", "
                           "\"minutes\"; empty when none",
        "publisher": "who publishes this archive",
    }


def meeting_keys(m: Meetings) -> dict[str, str]:
    """The keys of each entry of surgeries.json, and what each means."""
    return {
        "id": f"the {m.one}'s id (its folder name)",
        "url": f"the {m.one}'s page, relative to the site",
        "title": f"the {m.one}'s title",
        "date": "the day it met",
        "chair": "who chaired it",
        "committee": "the committee its cover report went to",
        "meeting_date": "the committee's meeting date",
        "indicators": "the codes of the indicators reviewed",
        "tags": "tags",
        "actions": "how many actions were agreed (of those published)",
        "withheld_actions": "how many exempt actions agreed there are not published (the "
                            "public build; 0 on the members' site)",
        "illustrative": f"true when the {m.one} is sample data",
        "contains_sample": "which parts of its record are sample data, not the council's: "
                           f"\"{m.one}\" (the meeting itself), \"actions\" (some or all of "
                           "the actions agreed), \"minutes\"; e.g. \"actions, minutes\" where "
                           f"the {m.one} is real but its action plans and minutes are "
                           "illustrative; empty when none",
        "no_actions": "what the meeting did instead, where it agreed no actions",
        "time": "when it started (HH:MM), where the record gives it",
        "venue": "where it met, where the record gives it",
        "source": "where a transcribed record was taken from: a list of sources, each with its "
                  "title, address and note (null where the record gives none)",
    }


def _cell(value: object) -> str:
    """A CSV cell; text that a spreadsheet would run as a formula is prefixed with '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def csv_text(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return out.getvalue()


def contains_sample(m: Meetings, **parts: bool) -> str:
    """Which parts of a record are sample data, in order and in the archive's words (the
    meeting itself by what the council calls it): "actions, minutes"."""
    return ", ".join(m.one if name == "meeting" else name
                     for name, sample in parts.items() if sample)


def _publisher(archive: Archive) -> str | None:
    return archive.organisation.name if archive.organisation else None


def licence_name(licence: Licence | None) -> str:
    """The licence as the downloads name it, or that none is stated (never one not given)."""
    return licence.name if licence is not None else NO_LICENCE


def figure_columns(archive: Archive, indicator: Indicator) -> list[str]:
    """The columns of this indicator's CSV file: no comparator column that would be empty."""
    present = {key for f in indicator.figures for key in f.comparators.keys}
    return _columns(archive, present, any(f.interval for f in indicator.figures))


def figure_descriptions(archive: Archive) -> dict[str, str]:
    """What each column an indicator's CSV file may have means, the archive's comparators too."""
    return {**FIGURE_COLUMNS, **INTERVAL_COLUMNS,
            **{k: f"the figure for {name}" for k, name in archive.comparators.items()
               if k not in COMPARATOR_COLUMNS},
            **{f"against_{k}": f"the figure against {name}: Better than, Worse than, Similar "
                              f"to (within the tolerance or the interval), Same as, or Higher "
                              f"or Lower than where neither is better; Not available where "
                              f"there is no figure for {name}"
               for k, name in archive.comparators.items()}}


def _columns(archive: Archive, comparators: set[str], interval: bool) -> list[str]:
    columns = []
    for column in FIGURE_COLUMNS:
        if column not in COMPARATOR_COLUMNS:
            columns.append(column)
        if column == "target":  # then each comparator it has, in the archive's order
            columns += [key for key in archive.comparators if key in comparators]
            columns += list(INTERVAL_COLUMNS) if interval else []
        if column == "direction_of_travel":  # and the judgement against each of them
            columns += [f"against_{key}" for key in archive.comparators if key in comparators]
    return columns


def _figure_rows(archive: Archive, indicator: Indicator, publisher: str | None) -> list[dict]:
    """Every figure of the indicator as a row of its CSV file (its JSON file has the same
    figures): worked out once for both files (kept on the archive, which never changes)."""
    made = archive.__dict__.setdefault("_figure_rows", {})
    if (indicator.slug, publisher) not in made:
        made[indicator.slug, publisher] = _rows_of(archive, indicator, publisher)
    return made[indicator.slug, publisher]


def _rows_of(archive: Archive, indicator: Indicator, publisher: str | None) -> list[dict]:
    rows = []
    licence = licence_name(archive.licence(indicator))
    present = {key for f in indicator.figures for key in f.comparators.keys}
    compared = [(key, name) for key, name in archive.comparators.items() if key in present]
    for f in indicator.figures:
        rows.append({
            "code": indicator.code, "date": f.date.isoformat(), "label": f.label,
            "period": f.period, "value": f.value,
            "unit": indicator.unit, "target": f.target,
            **{key: f.comparators.get(key) for key in archive.comparators},
            "against_target": against_target(indicator, f).words,
            "direction_of_travel": direction_of_travel(indicator, f).words,
            **{f"against_{key}": against_comparator(indicator, f, key, name).words
               for key, name in compared},  # only the columns the file has
            "note": f.note, "provisional": f.provisional, "illustrative": f.illustrative,
            "contains_sample": contains_sample(archive.meetings,
                                               indicator=indicator.illustrative,
                                               figure=f.illustrative),
            "cumulative": f.cumulative, "reported": f.reported,
            "published": f.published.isoformat() if f.published else None,
            "interval_lower": f.interval[0] if f.interval else None,
            "interval_upper": f.interval[1] if f.interval else None,
            "publisher": publisher, "licence": licence,
        })
    return rows


def indicator_csv(archive: Archive, indicator: Indicator) -> str:
    rows = _figure_rows(archive, indicator, _publisher(archive))
    columns = figure_columns(archive, indicator)
    return csv_text(columns, [[r[c] for c in columns] for r in rows])


def indicator_json(archive: Archive, indicator: Indicator) -> str:
    source = indicator.source
    columns = figure_columns(archive, indicator)
    data = {
        "publisher": _publisher(archive),
        "code": indicator.code, "slug": indicator.slug, "aliases": list(indicator.aliases),
        "title": indicator.title,
        "unit": indicator.unit, "decimals": indicator.decimals, "polarity": indicator.polarity,
        "polarity_note": indicator.polarity_note, "tolerance": indicator.tolerance,
        "service": indicator.service, "definition": indicator.definition,
        "source": {"name": source.name, "url": source.url, "licence": source.licence}
        if source else None,
        "illustrative": indicator.illustrative,
        "licence": licence_name(archive.licence(indicator)),
        "comparators": {key: archive.comparators[key] for key in columns
                        if key in archive.comparators},
        "figures": [{k: row[k] for k in columns
                     if k not in ("code", "publisher", "licence", "unit")}
                    for row in _figure_rows(archive, indicator, _publisher(archive))],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def actions_csv(archive: Archive, as_of: dt.date) -> str:
    rows = []
    for surgery in archive.surgeries:
        for plan, a in surgery.planned_actions:
            code = archive.indicators[plan.indicator].reference if plan.indicator else None
            latest = a.updates[-1] if a.updates else None
            rows.append([
                surgery.folder, surgery.date.isoformat(), a.id, code,
                a.action, a.success_measure, a.owner, a.due.isoformat() if a.due else None,
                a.status,
                f"{a.superseded_by.folder}#{a.superseded_by.id}" if a.superseded_by else None,
                a.is_overdue(as_of), ledger.outcome(a, as_of).id, as_of.isoformat(),
                latest.date.isoformat() if latest else None, latest.note if latest else None,
                a.exempt.paragraph if a.exempt else None, a.illustrative,
                contains_sample(archive.meetings, meeting=surgery.illustrative,
                                action=a.illustrative),
                _publisher(archive),
            ])
    return csv_text(list(action_columns(archive.meetings, archive.schedule)), rows)


def surgeries_json(archive: Archive) -> str:
    data = [{
        "id": s.folder, "url": at.surgery(s), "title": s.title,
        "date": s.date.isoformat(), "chair": str(s.chair) if s.chair else None,
        "committee": s.report.committee if s.report else None,
        "meeting_date": s.report.meeting_date.isoformat() if s.report else None,
        "indicators": [archive.indicators[i].reference for i in s.indicators],
        "tags": list(s.tags), "actions": len(s.actions),
        "withheld_actions": s.withheld_actions,
        "illustrative": s.illustrative,
        "contains_sample": contains_sample(
            archive.meetings, meeting=s.illustrative,
            actions=any(a.illustrative for a in s.actions),
            minutes=s.minutes is not None and s.minutes.illustrative),
        "no_actions": s.no_actions,
        "time": s.time, "venue": s.venue,
        "source": [{"title": p.title, "url": p.url, "note": p.note} for p in s.sources],
    } for s in archive.surgeries]
    return json.dumps({"publisher": _publisher(archive),
                       "licence": licence_name(archive.licence()),
                       "surgeries": data}, indent=2,
                      ensure_ascii=False) + "\n"


def _licence_words(archive: Archive) -> str:
    """What the Open data page says of the licence: only what the records give."""
    licence = archive.licence()
    others = any(archive.licence(i) != licence for i in archive.indicators.values())
    if licence is None:
        return (f"{NO_LICENCE}: the archive does not say under which licence these files are "
                "published" + (", except where an indicator's source does (below)" if others
                               else "") + "; ask the publisher before reusing them.")
    name = h.esc(licence.name)
    if licence.url:
        name = f'<a href="{h.esc(licence.url)}">{name}</a>'
    terms = (": you may copy, publish and adapt them, and must acknowledge the source"
             if licence.name.startswith("Open Government Licence") else "")
    return (f"They are published under the {name}{terms}"
            + (", except where an indicator's source gives another licence (below)."
               if others else "."))


def data_page(archive: Archive, members: bool) -> h.Page:
    """The Open data page: every file, its columns, the licence."""
    def columns(caption: str, heading: str, spec: dict) -> str:
        # a name breaks only after an underscore on a phone, never inside a word
        rows = [[Markup(f"<code>{h.esc(k).replace('_', '_<wbr>')}</code>"), v]
                for k, v in spec.items()
                if members or k != "exempt_paragraph"]
        return h.table(caption, (Column(heading), Column("meaning")), rows)

    here = at.DATA
    m = archive.meetings
    figures = [f for i in archive.indicators.values() for f in i.figures]
    present = _columns(archive, {k for f in figures for k in f.comparators.keys},
                       any(f.interval for f in figures))
    described = figure_descriptions(archive)
    rows = [[i.name,
             Markup(f'<a href="{at.link(here, at.indicator_data(i, "csv"))}">CSV</a>'),
             Markup(f'<a href="{at.link(here, at.indicator_data(i, "json"))}">JSON</a>'),
             licence_name(archive.licence(i))]
            for i in archive.indicators.values()]
    indicators = (h.table("Figures for each indicator", (
        Column("Indicator"), Column("CSV"), Column("JSON"), Column("Licence")), rows)
        if rows else "<p>No indicators yet.</p>")
    return h.page(h.title("Open data") + [
        h.block(f"<p>The figures, actions and {h.esc(m.many)} in this archive, as files to "
                "download. "
                f"{_licence_words(archive)} CSV files are UTF-8 with a header "
                "row. Where a record, or part of one, is sample data, its rows say so: "
                "<code>illustrative</code> and <code>contains_sample</code>.</p>",
                f'<p><a href="{at.link(here, DATAPACKAGE)}">datapackage.json</a> lists every '
                "file here with its columns and their types, as a "
                '<a href="https://datapackage.org/">Frictionless Data Package</a> that '
                "tools can read and check the files against.</p>"),
        h.heading(2, "Indicators"),
        h.block("<p>One CSV file and one JSON file per indicator, with every figure.</p>",
                indicators,
                "<p>Columns of <code>indicators/&lt;slug&gt;.csv</code> (the JSON file has the "
                "same figures under <code>figures</code>, with the indicator's definition, "
                "unit, polarity and source):</p>",
                columns("Columns of each indicator's CSV file", "column",
                        {k: described[k] for k in present}),
                "<p>A comparator's column (and a confidence interval's) is there only where "
                "at least one of the indicator's figures has one.</p>"),
        h.heading(2, "Actions"),
        h.block(f'<p><a href="{at.link(here, at.ACTIONS_CSV)}">actions.csv</a>: every action '
                f"agreed at {h.esc(m.a)}.</p>", columns(
                    "Columns of actions.csv", "column",
                    action_columns(m, archive.schedule))),
        h.heading(2, "Decisions"),
        h.block(f'<p><a href="{at.link(here, at.DECISIONS_CSV)}">decisions.csv</a>: every '
                f"decision recorded in the minutes of every {h.esc(m.one)}.</p>", columns(
                    "Columns of decisions.csv", "column",
                    decision_columns(m, archive.schedule))),
        *([h.heading(2, "Exemptions"),
           h.block(f'<p><a href="{at.link(here, at.EXEMPTIONS_CSV)}">exemptions.csv</a>: '
                   "everything withheld from the public site, and why (this site only).</p>",
                   columns("Columns of exemptions.csv", "column",
                           exemption_columns(m, archive.schedule)))] if members else []),
        h.heading(2, m.Many),
        h.block(f'<p><a href="{at.link(here, at.SURGERIES_JSON)}">surgeries.json</a>: every '
                f"{h.esc(m.one)}'s details, under <code>surgeries</code>.</p>",
                columns(f"Keys of each {m.one} in surgeries.json", "key", meeting_keys(m))),
        h.heading(2, "Feed"),
        h.block(f"<p>To subscribe to new {h.esc(m.many)}, give your feed reader (RSS or Atom) "
                f'this address: <a href="{at.link(here, at.FEED)}">feed.xml</a>, an Atom feed '
                f"of the newest 50 {h.esc(m.many)}. Every page links to it at the foot "
                "(Subscribe).</p>"),
    ])
