"""Open data and the feed: CSV, JSON and Atom made from the archive an audience may see.

Deterministic output (sorted, no clocks), so builds stay byte-identical.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from .compute import COMPARATORS, against_target, direction_of_travel
from .model import Archive, Indicator

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

FIGURE_COLUMNS = {
    "date": "the date the figure is as at (YYYY-MM-DD)",
    "label": "the period, e.g. 2011/12",
    "value": "the figure; empty when not available",
    "target": "the target for the period; empty when none",
    "statistical_neighbours": "the average of the council's statistical neighbours",
    "england": "the figure for England",
    "region": "the figure for the region",
    "against_target": "On target, Near target, Off target, No target, ...",
    "direction_of_travel": "Improving, Worsening, No change, ... against the previous figure",
    "note": "notes on the figure",
    "provisional": "true while the figure may be revised",
    "illustrative": "true when the figure is sample data",
}

ACTION_COLUMNS = {
    "surgery": "the surgery's id (its folder name)",
    "surgery_date": "the day the surgery met",
    "id": "the action's id, unique within the surgery",
    "indicator": "the code of the indicator the action plan answers",
    "action": "what will be done",
    "owner": "who will do it",
    "due": "when it is due",
    "status": "not-started, in-progress, complete or cancelled",
    "overdue": "true when due before the as-of date and neither complete nor cancelled",
    "as_of": "the date overdue is judged at",
    "latest_update": "the date of the latest progress update",
    "exempt_paragraph": "members' build only: the Schedule 12A paragraph of an exempt action",
}

SURGERY_KEYS = {
    "id": "the surgery's id (its folder name)",
    "url": "the surgery's page, relative to the site",
    "title": "the surgery's title",
    "date": "the day it met",
    "chair": "who chaired it",
    "committee": "the committee its cover report went to",
    "meeting_date": "the committee's meeting date",
    "indicators": "the codes of the indicators reviewed",
    "tags": "tags",
    "actions": "how many actions were agreed",
    "illustrative": "true when the surgery is sample data",
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


def _csv(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return out.getvalue()


def _figure_rows(indicator: Indicator) -> list[dict]:
    rows = []
    for f in indicator.figures:
        rows.append({
            "date": f.date.isoformat(), "label": f.label, "value": f.value, "target": f.target,
            **{c: getattr(f.comparators, c) for c in COMPARATORS},
            "against_target": against_target(indicator, f).words,
            "direction_of_travel": direction_of_travel(indicator, f).words,
            "note": f.note, "provisional": f.provisional, "illustrative": f.illustrative,
        })
    return rows


def indicator_csv(indicator: Indicator) -> str:
    rows = _figure_rows(indicator)
    return _csv(list(FIGURE_COLUMNS), [[r[c] for c in FIGURE_COLUMNS] for r in rows])


def indicator_json(indicator: Indicator) -> str:
    source = indicator.source
    data = {
        "code": indicator.code, "aliases": list(indicator.aliases), "title": indicator.title,
        "unit": indicator.unit, "decimals": indicator.decimals, "polarity": indicator.polarity,
        "polarity_note": indicator.polarity_note, "tolerance": indicator.tolerance,
        "service": indicator.service, "definition": indicator.definition,
        "source": {"name": source.name, "url": source.url, "licence": source.licence}
        if source else None,
        "illustrative": indicator.illustrative, "licence": LICENCE,
        "figures": _figure_rows(indicator),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def actions_csv(archive: Archive, as_of: dt.date) -> str:
    rows = []
    for surgery in archive.surgeries:
        for plan, a in surgery.planned_actions:
            code = archive.indicators[plan.indicator].code if plan.indicator else None
            rows.append([
                surgery.folder, surgery.date.isoformat(), a.id, code,
                a.action, a.owner, a.due.isoformat(), a.status, a.is_overdue(as_of),
                as_of.isoformat(), a.updates[-1].date.isoformat() if a.updates else None,
                a.exempt.paragraph if a.exempt else None,
            ])
    return _csv(list(ACTION_COLUMNS), rows)


def surgeries_json(archive: Archive) -> str:
    data = [{
        "id": s.folder, "url": f"surgeries/{s.folder}/", "title": s.title,
        "date": s.date.isoformat(), "chair": str(s.chair),
        "committee": s.report.committee if s.report else None,
        "meeting_date": s.report.meeting_date.isoformat() if s.report else None,
        "indicators": [archive.indicators[i].code for i in s.indicators],
        "tags": list(s.tags), "actions": len(s.actions), "illustrative": s.illustrative,
    } for s in archive.surgeries]
    return json.dumps({"licence": LICENCE, "surgeries": data}, indent=2,
                      ensure_ascii=False) + "\n"


def _xml(text: str) -> str:
    """Text for an XML element or attribute (what xml.sax.saxutils does, without its imports)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def atom_feed(archive: Archive, site_url: str, site_name: str, newest: int = 50) -> str:
    """An Atom feed of the newest surgeries; dates come from the records, not the clock."""
    base = site_url.rstrip("/") + "/"
    surgeries = archive.surgeries[:newest]
    updated = surgeries[0].date if surgeries else dt.date(1970, 1, 1)

    def stamp(day: dt.date) -> str:
        return f"{day.isoformat()}T00:00:00Z"

    entries = []
    for s in surgeries:
        url = f"{base}surgeries/{s.folder}/"
        summary = s.summary or f"Performance surgery of {s.date.isoformat()}: {s.title}."
        codes = ", ".join(archive.indicators[i].code for i in s.indicators)
        entries.append(
            "  <entry>\n"
            f"    <title>{_xml(s.title)}</title>\n"
            f'    <link rel="alternate" type="text/html" href="{_xml(url)}"/>\n'
            f"    <id>{_xml(url)}</id>\n"
            f"    <published>{stamp(s.date)}</published>\n"
            f"    <updated>{stamp(s.date)}</updated>\n"
            f"    <summary>{_xml(summary)} Indicators: {_xml(codes)}.</summary>\n"
            "  </entry>\n")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <title>{_xml(site_name)}</title>\n"
        f"  <subtitle>The newest performance surgeries</subtitle>\n"
        f'  <link rel="self" type="application/atom+xml" href="{_xml(base)}feed.xml"/>\n'
        f'  <link rel="alternate" type="text/html" href="{_xml(base)}"/>\n'
        f"  <id>{_xml(base)}</id>\n"
        f"  <updated>{stamp(updated)}</updated>\n"
        f"  <author><name>{_xml(site_name)}</name></author>\n"
        f"  <rights>{LICENCE}</rights>\n"
        + "".join(entries) + "</feed>\n")
