"""data/datapackage.json: every data file of a build, described as a Frictionless Data
Package (https://datapackage.org/) so that tools can read the files and check them.

It lists exactly the data files the audience's plan has, in the plan's order, with the
column meanings the Open data page shows. Deterministic (no clocks), like every file.
"""

from __future__ import annotations

import json

from ..names import slugify
from ..records.model import NO_LICENCE, Archive, Indicator, Licence
from . import addresses as at
from . import follow
from .open_data import (
    action_columns,
    decision_columns,
    exemption_columns,
    figure_columns,
    figure_descriptions,
    licence_name,
)

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"

# Table Schema types of the columns whose cells are not plain text, by column name: a
# name means the same in every file. Booleans are written true/false; empty is missing.
_TYPES = {
    **dict.fromkeys(("date", "published", "surgery_date", "due", "as_of", "latest_update"),
                    "date"),
    **dict.fromkeys(("value", "target", "interval_lower", "interval_upper"), "number"),
    **dict.fromkeys(("provisional", "illustrative", "cumulative", "overdue"), "boolean"),
    **dict.fromkeys(("exempt_paragraph", "paragraph"), "integer"),
}


def _field(name: str, description: str, types: dict[str, str]) -> dict[str, str]:
    return {"name": name, "type": types.get(name, _TYPES.get(name, "string")),
            "description": description}


def _table(title: str, description: str, columns: dict[str, str],
           types: dict[str, str] | None = None) -> dict:
    """A CSV file: UTF-8, a header row, then one row a record."""
    return {"type": "table", "title": title, "description": description, "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": [_field(k, v, types or {}) for k, v in columns.items()]}}


def _json(title: str, description: str) -> dict:
    return {"title": title, "description": description, "format": "json",
            "mediatype": "application/json", "encoding": "utf-8"}


def _indicator_files(archive: Archive, i: Indicator) -> dict[str, dict]:
    """An indicator's CSV file, its columns' numbers in its unit, and its JSON file."""
    numbers = {"value", "target", "interval_lower", "interval_upper", *archive.comparators}
    described = figure_descriptions(archive)
    columns = {k: described[k] + (f" (unit: {i.unit})" if k in numbers else "")
               for k in figure_columns(archive, i)}
    name = f"{i.name}: {i.title}" if i.code else i.title
    return {
        at.indicator_data(i, "csv"): _table(
            f"{name} (CSV)", f"Every figure for {name}, in {i.unit}.", columns,
            dict.fromkeys(numbers, "number")),
        at.indicator_data(i, "json"): _json(
            f"{name} (JSON)", f"Every figure for {name}, under figures, with the indicator's "
                              "definition, unit, polarity and source."),
    }


def _follow_through_columns(archive: Archive) -> dict[str, str]:
    """follow-through.csv's columns (scrutiny/site/follow.py writes the file)."""
    m = archive.meetings
    return {
        "group": f"what the row counts the actions of: meeting (a {m.one}), committee or "
                 "indicator",
        "id": f"the {m.one}'s id (its folder name), the committee's name or the indicator's "
              "code",
        "name": f"the {m.one}'s title, the committee's name or the indicator's title",
        **{key.replace("-", "_"): f"how many actions: {words}" for key, words in follow.FIGURES},
        "contains_sample": "actions, where some of the actions counted are sample data, not "
                           "the council's; empty otherwise",
        "as_of": "the date the actions are judged at",
        "publisher": "who publishes this archive",
    }


def _files(archive: Archive) -> dict[str, dict]:
    """Every data file a build may have, by its address, described."""
    m, law = archive.meetings, archive.schedule
    files = {
        at.DECISIONS_CSV: _table("Decisions", "Every decision recorded in the minutes of "
                                              f"every {m.one}.", decision_columns(m, law)),
        at.ACTIONS_CSV: _table("Actions", f"Every action agreed at {m.a}.",
                               action_columns(m, law)),
        at.FOLLOW_THROUGH_CSV: _table(
            "Follow-through", f"For each {m.one}, committee and indicator: the actions agreed, "
                              "and what became of them.", _follow_through_columns(archive),
            {key.replace("-", "_"): "integer" for key, _ in follow.FIGURES}),
        at.SURGERIES_JSON: _json(m.Many, f"Every {m.one}'s details, with the publisher "
                                         "and the licence."),
        at.EXEMPTIONS_CSV: _table("Exemptions register", "Everything withheld from the public "
                                  "site, and why: on the members' site only.",
                                  exemption_columns(m, law)),
    }
    for i in archive.indicators.values():
        files |= _indicator_files(archive, i)
    return files


def _licences(licence: Licence | None) -> list[dict[str, str]] | None:
    """The licence as a Data Package names one (by its address: an invented identifier would
    claim more than the records say), or None where it cannot."""
    if licence is None or licence.url is None:
        return None
    return [{"title": licence.name, "path": licence.url}]


def _licence_words(licence: Licence | None) -> str:
    if licence is None:
        return (f"{NO_LICENCE}: the records do not say under which licence these files are "
                "published; ask the publisher before reusing them.")
    return f"Published under the {licence_name(licence)}."


def data_package(archive: Archive, paths: list[str], site_name: str, site_url: str) -> str:
    """The Data Package of the data files at `paths` (site addresses under data/)."""
    described = _files(archive)
    undescribed = [p for p in paths if p not in described]
    if undescribed:
        raise ValueError(f"no description for the data package of {', '.join(undescribed)}: "
                         "describe each data file in scrutiny/site/datapackage.py")
    ours = archive.licence()
    by_path = {at.indicator_data(i, kind): archive.licence(i)
               for i in archive.indicators.values() for kind in ("csv", "json")}
    licences = [by_path.get(p, ours) for p in paths]
    # the archive's licence covers the package only where every file that has another can
    # say so itself: a file must never seem to inherit a licence it was not given
    shared = ours if _licences(ours) and all(
        licence == ours or _licences(licence) for licence in licences) else None
    resources = []
    for path, licence in zip(paths, licences, strict=True):
        resource = {"name": slugify(path.removeprefix(at.DATA), limit=200),
                    "path": path.removeprefix(at.DATA), **described[path]}
        if licence != shared:
            resource["description"] += " " + _licence_words(licence)
            if _licences(licence):
                resource["licenses"] = _licences(licence)
        resources.append(resource)
    package = {
        "$schema": PROFILE,
        "name": slugify(site_name, limit=200),
        "title": site_name,
        "description": f"The figures, actions and {archive.meetings.many} in this archive, as "
                       "files to download. " + _licence_words(ours)
                       + (" Some files say otherwise in their own description."
                          if shared is None and any(lic != ours for lic in licences) else ""),
        **({"homepage": site_url} if site_url else {}),
        **({"licenses": _licences(shared)} if shared else {}),
        **({"contributors": [{"title": org.name, **({"path": org.website} if org.website
                                                     else {}), "roles": ["publisher"]}]}
           if (org := archive.organisation) else {}),
        "resources": resources,
    }
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"
