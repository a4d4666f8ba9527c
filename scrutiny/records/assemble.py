"""The model, from record files that have passed every check."""

from __future__ import annotations

import datetime as dt

from ..names import parse_date, slugify
from . import model
from .files import Records, SurgeryFiles


def _person(data: dict) -> model.Person:
    return model.Person(role=data["role"], name=data.get("name"), note=data.get("note"))


def _people(items: list | None) -> tuple[model.Person, ...]:
    return tuple(_person(p) for p in items or ())


def _exempt(data: dict | None, law: str) -> model.Exempt | None:
    """`law`: archive.yml's jurisdiction, which says what the paragraph means."""
    return model.Exempt(int(data["paragraph"]), data["reason"], law) if data else None


def assemble(records: Records) -> model.Archive:
    """The model, from records that have passed every check."""
    law = (records.archive.data.get("jurisdiction", model.JURISDICTIONS[0])
           if records.archive is not None else model.JURISDICTIONS[0])
    indicators = {slug: _indicator(slug, doc.data, law) for slug, doc in records.indicators}
    by_code = {code: ind.slug for ind in indicators.values() for code in ind.codes}
    present = [files for files in records.surgeries if files.surgery is not None]
    anchors = {files.folder: action_anchors(a["id"] for _, doc in files.plans
                                            for a in doc.data["actions"]) for files in present}
    met = {files.folder: parse_date(files.surgery.data["date"]) for files in present}
    surgeries = [_surgery(files, by_code, anchors, met, law) for files in present]
    surgeries.sort(key=lambda s: (s.date, s.folder), reverse=True)
    organisation = _organisation(records.archive.data) if records.archive is not None else None
    return model.Archive(indicators=dict(sorted(indicators.items())), surgeries=tuple(surgeries),
                         organisation=organisation)


def _organisation(data: dict) -> model.Organisation:
    contact = data.get("contact")
    meetings = data.get("meetings")
    return model.Organisation(
        name=data["organisation"],
        website=data.get("website"),
        site_url=data.get("site_url"),
        members_site_url=data.get("members_site_url"),
        repository=data.get("repository"),
        repository_private=data.get("repository_private", False),
        region=data.get("region"),
        statistical_neighbours=tuple(data.get("statistical_neighbours", ())),
        committees=tuple(model.Committee(c["name"], c.get("url"))
                         for c in data.get("committees", ())),
        contact=model.ArchiveContact(**contact) if contact else None,
        licence=model.Licence(data["licence"]["name"], data["licence"].get("url"))
        if "licence" in data else None,
        comparators=tuple((c["key"], c["name"]) for c in data.get("comparators", ())),
        meetings=model.Meetings.named(meetings["name"], meetings.get("plural"),
                                      meetings.get("description"))
        if meetings else model.Meetings(),
        about=data.get("about"),
        jurisdiction=data.get("jurisdiction", model.JURISDICTIONS[0]),
    )


def _indicator(slug: str, data: dict, law: str) -> model.Indicator:
    figures = []
    for f in data["values"]:
        comparators = f.get("comparators") or {}
        built_in = {k: v for k, v in comparators.items() if k in model.BUILT_IN_COMPARATORS}
        named = tuple((k, v) for k, v in comparators.items() if k not in built_in)
        figures.append(model.Figure(
            date=parse_date(f["date"]),
            value=f.get("value"),
            label=f.get("label"),
            target=f.get("target"),
            comparators=model.Comparators(**built_in, named=named),
            note=f.get("note"),
            provisional=f.get("provisional", False),
            illustrative=f.get("illustrative", False) or data.get("illustrative", False),
            period=f.get("period", "year"),
            cumulative=f.get("cumulative", False),
            reported=f.get("reported"),
            published=parse_date(f["published"]) if "published" in f else None,
            interval=(f["interval"]["lower"], f["interval"]["upper"]) if "interval" in f else None,
        ))
    # oldest first; where a month and the quarter it ends share a date, the shorter first
    figures.sort(key=lambda f: (f.date, -model.PERIODS.index(f.period)))
    source = data.get("source")
    return model.Indicator(
        slug=slug,
        code=data.get("code"),
        title=data["title"],
        unit=data["unit"],
        polarity=data["polarity"],
        figures=tuple(figures),
        aliases=tuple(data.get("aliases", ())),
        decimals=int(data.get("decimals", 1)),  # 1.0 is a whole number to the schema
        polarity_note=data.get("polarity_note"),
        tolerance=data.get("tolerance"),
        service=data.get("service"),
        definition=data.get("definition"),
        source=model.Source(**source) if source else None,
        illustrative=data.get("illustrative", False),
        exempt=_exempt(data.get("exempt"), law),
    )


def _surgery(files: SurgeryFiles, by_code: dict[str, str],
             anchors: dict[str, dict[str, str]], met: dict[str, dt.date],
             law: str) -> model.Surgery:
    data = files.surgery.data  # type: ignore[union-attr]
    sample = data.get("illustrative", False)  # everything in a sample surgery is sample
    plans = tuple(_plan(slug, doc.data, by_code, files.folder, anchors, met, sample, law)
                  for slug, doc in files.plans)
    minutes = (_minutes(files.minutes.data, sample, law) if files.minutes is not None else None)
    source = data.get("source")
    slugs = tuple(dict.fromkeys(by_code[code] for code in data["indicators"]))
    return model.Surgery(
        folder=files.folder,
        title=data["title"],
        date=parse_date(data["date"]),
        status=data["status"],
        chair=_person(data["chair"]) if "chair" in data else None,
        attendees=_people(data.get("attendees")),
        invited=_people(data.get("invited")),
        indicators=slugs,
        apologies=_people(data.get("apologies")),
        summary=data.get("summary"),
        tags=tuple(data.get("tags", ())),
        papers=tuple(model.Paper(p["title"], p["file"], (files.path / p["file"]).stat().st_size,
                                 _exempt(p.get("exempt"), law))
                     for p in data.get("papers", ())),
        report=_report(data["report"]) if "report" in data else None,
        exempt=_exempt(data.get("exempt"), law),
        illustrative=sample,
        action_plans=plans,
        minutes=minutes,
        sources=tuple(model.Provenance(s["title"], s.get("url"), s.get("note"))
                      for s in (source if isinstance(source, list) else [source] if source
                                else [])),
        no_actions=data.get("no_actions"),
        time=data.get("time"),
        venue=data.get("venue"),
    )


def action_anchors(ids) -> dict[str, str]:
    """Each action's id on the page: its slug, and where two slugs meet ("A.1", "a-1"),
    a number after the later one. Worked out before any audience filter, so an action's
    link is the same in every build."""
    anchors: dict[str, str] = {}
    taken: set[str] = set()
    for action_id in ids:
        anchor = base = "action-" + slugify(action_id, limit=80)
        n = 1
        while anchor in taken:
            n += 1
            anchor = f"{base}-{n}"
        anchors[action_id] = anchor
        taken.add(anchor)
    return anchors


def _successor(text: str | None, anchors: dict[str, dict[str, str]],
               met: dict[str, dt.date]) -> model.Successor | None:
    if text is None:
        return None
    folder, action_id = text.split("#", 1)
    return model.Successor(folder, action_id, anchors[folder][action_id], met[folder])


def _plan(slug: str, data: dict, by_code: dict[str, str], folder: str,
          anchors: dict[str, dict[str, str]], met: dict[str, dt.date],
          sample: bool, law: str) -> model.ActionPlan:
    sample = sample or data.get("illustrative", False)
    actions = tuple(
        model.Action(
            id=a["id"],
            anchor=anchors[folder][a["id"]],
            action=a["action"],
            owner=a["owner"],
            due=parse_date(a["due"]) if "due" in a else None,
            status=a.get("status"),
            success_measure=a.get("success_measure"),
            updates=tuple(model.Update(parse_date(u["date"]), u["note"], u.get("status"))
                          for u in a.get("updates", ())),
            exempt=_exempt(a.get("exempt"), law),
            superseded_by=_successor(a.get("superseded_by"), anchors, met),
            illustrative=sample or a.get("illustrative", False),
        )
        for a in data["actions"]
    )
    return model.ActionPlan(
        slug=slug,
        title=data["title"],
        lead=_person(data["lead"]),
        actions=actions,
        indicator=by_code.get(data["indicator"]) if "indicator" in data else None,
        context=data.get("context"),
        illustrative=sample,
    )


def _minutes(data: dict, sample: bool, law: str) -> model.Minutes:
    return model.Minutes(
        present=_people(data["present"]),
        items=tuple(
            model.Item(
                title=i["title"],
                notes=i.get("notes"),
                decisions=tuple(i.get("decisions", ())),
                actions=tuple(i.get("actions", ())),
                exempt=_exempt(i.get("exempt"), law),
                public_title=i.get("public_title"),
                number=i.get("number"),
            )
            for i in data["items"]
        ),
        apologies=_people(data.get("apologies")),
        illustrative=sample or data.get("illustrative", False),
    )


def _report(data: dict) -> model.Report:
    contact = data.get("contact")
    item = data.get("item")
    return model.Report(
        committee=data["committee"],
        meeting_date=parse_date(data["meeting_date"]),
        item=None if item is None else (str(int(item)) if isinstance(item, float)
                                        and item.is_integer() else str(item)),
        author=data.get("author"),
        summary=_paragraphs(data.get("summary")),
        recommendations=_paragraphs(data.get("recommendations")),
        reasons=_paragraphs(data.get("reasons")),
        supporting_information=_paragraphs(data.get("supporting_information")),
        other_options=_paragraphs(data.get("other_options")),
        approved_by=tuple(model.SignOff(s["role"], tuple(s["names"]))
                          for s in data.get("approved_by", ())),
        contact=model.Contact(**contact) if contact else None,
        background_papers=data.get("background_papers"),
        appendices=tuple(data.get("appendices", ())),
        implications=tuple((data["implications"] or {}).items())
        if "implications" in data else (),
    )


def _paragraphs(items: list | None) -> tuple[model.Paragraph, ...]:
    """A report's paragraphs: text, or {number, text} where the report numbers its own."""
    return tuple(model.Paragraph(p["text"], p["number"]) if isinstance(p, dict)
                 else model.Paragraph(p) for p in items or ())
