"""Find the record files, read and check them, and build the Archive model.

`read_archive` is the one entry point: every problem in every file, and the model
when there are no errors.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import crossref, model
from .crossref import SLUG
from .load import Document, read_document
from .problems import Problem, errors
from .schema import validate

IGNORED = {"README.md", "README", ".gitkeep", ".DS_Store"}


@dataclass
class SurgeryFiles:
    """One surgery folder's record files, parsed and schema-checked."""

    folder: str
    path: Path
    surgery: Document | None = None
    plans: list[tuple[str, Document]] = field(default_factory=list)
    minutes: Document | None = None
    plan_files: int = 0  # .yml files in action-plans/, whether or not they passed


@dataclass
class Records:
    """Every record file that could be parsed; `doc.valid` says whether it passed its schema."""

    root: Path
    shown_root: str = ""  # shown(root), worked out once: shown() resolves paths, slowly
    indicators: list[tuple[str, Document]] = field(default_factory=list)
    surgeries: list[SurgeryFiles] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def shown(path: Path) -> str:
    """A path as the officer would type it: relative to where they ran the command."""
    relative = os.path.relpath(path).replace(os.sep, "/")
    outside = relative == ".." or relative.startswith("../")
    return str(path.resolve()) if outside else relative


@dataclass(frozen=True)
class Checked:
    """The outcome of reading an archive: the model only when nothing is in error."""

    archive: model.Archive | None
    problems: list[Problem]
    files: int


def read_archive(root: Path) -> Checked:
    """Read, check and model the records under `root` (the surgeries/ folder)."""
    records = read_records(root)
    problems = sorted(records.problems + crossref.check(records))
    archive = None if errors(problems) else build(records)
    return Checked(archive, problems, records.files)


def read_records(root: Path) -> Records:
    records = Records(root, shown(root))
    if not root.is_dir():
        records.problems.append(Problem(
            shown(root), 1, 1, "the records folder does not exist",
            "run the command from the project folder, or pass --records"))
        return records
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.name in IGNORED:
            continue
        if entry.is_symlink():
            records.problems.append(Problem(
                shown(entry), 1, 1, f"'{entry.name}' is a symbolic link",
                "keep records and papers inside surgeries/ as real files and folders"))
        elif entry.name == "indicators" and entry.is_dir():
            _read_indicators(records, entry)
        elif entry.is_dir():
            records.surgeries.append(_read_surgery(records, entry))
        else:
            records.problems.append(_unexpected(entry, "surgeries/ holds indicators/ and one "
                                                "folder per surgery, named YYYY-MM-DD-slug"))
    return records


def _read(records: Records, file: Path, kind: str) -> Document | None:
    if file.is_symlink():
        records.problems.append(Problem(shown(file), 1, 1, "record files may not be symbolic links",
                                        "replace the link with the file itself"))
        return None
    records.files += 1
    doc, problems = read_document(file, _shown_under(records, file))
    records.problems.extend(problems)
    if doc is None:
        return None
    schema_problems = validate(doc, kind)
    # A value the loader already refused (e.g. an unquoted 'no') is reported once.
    refused = {(p.line, p.col) for p in problems}
    records.problems.extend(p for p in schema_problems if (p.line, p.col) not in refused)
    doc.valid = not problems and not schema_problems
    return doc


def _shown_under(records: Records, file: Path) -> str:
    """shown(file) for a file found under the records folder, without resolving it again."""
    inside = file.relative_to(records.root).as_posix()
    return inside if records.shown_root == "." else f"{records.shown_root}/{inside}"


def _unexpected(entry: Path, hint: str) -> Problem:
    if entry.suffix == ".yaml":
        hint = f"record files end in .yml: rename it to {entry.stem}.yml"
    return Problem(shown(entry), 1, 1, f"unexpected {'folder' if entry.is_dir() else 'file'} "
                   f"'{entry.name}'", hint)


def _read_indicators(records: Records, folder: Path) -> None:
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.name in IGNORED:
            continue
        if entry.suffix != ".yml" or not entry.is_file():
            records.problems.append(_unexpected(entry, "indicators/ holds one <slug>.yml per "
                                                "indicator"))
            continue
        if not SLUG.match(entry.stem):
            records.problems.append(Problem(
                shown(entry), 1, 1, f"indicator file name '{entry.name}' is not a slug",
                "use lower-case letters, digits and single hyphens, e.g. children-in-care.yml"))
            continue
        doc = _read(records, entry, "indicator")
        if doc is not None:
            records.indicators.append((entry.stem, doc))


def _read_surgery(records: Records, folder: Path) -> SurgeryFiles:
    files = SurgeryFiles(folder.name, folder)
    expected = {"surgery.yml", "minutes.yml", "action-plans", "papers"}
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.name in IGNORED or entry.name in expected:
            continue
        close = [n for n in expected if n.split(".")[0] == entry.stem or n == entry.name + "s"]
        hint = f"did you mean '{close[0]}'?" if close else (
            "a surgery folder holds surgery.yml, minutes.yml, action-plans/ and papers/")
        records.problems.append(_unexpected(entry, hint))
    surgery_file = folder / "surgery.yml"
    if not surgery_file.is_file():
        records.problems.append(Problem(shown(folder) + "/", 1, 1,
                                        "this surgery folder has no surgery.yml",
                                        "every surgery folder needs a surgery.yml"))
    else:
        files.surgery = _read(records, surgery_file, "surgery")
    plans = folder / "action-plans"
    if plans.is_dir():
        for entry in sorted(plans.iterdir()):
            if entry.name.startswith(".") or entry.name in IGNORED:
                continue
            if entry.suffix != ".yml" or not entry.is_file() or not SLUG.match(entry.stem):
                records.problems.append(_unexpected(
                    entry, "action-plans/ holds one <slug>.yml per plan, e.g. pm-04.yml"))
                continue
            files.plan_files += 1
            doc = _read(records, entry, "action-plan")
            if doc is not None:
                files.plans.append((entry.stem, doc))
    minutes = folder / "minutes.yml"
    if minutes.is_file():
        files.minutes = _read(records, minutes, "minutes")
    return files


# Building the model from checked documents ---------------------------------------------


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _person(data: dict) -> model.Person:
    return model.Person(role=data["role"], name=data.get("name"))


def _people(items: list | None) -> tuple[model.Person, ...]:
    return tuple(_person(p) for p in items or ())


def _exempt(data: dict | None) -> model.Exempt | None:
    return model.Exempt(data["paragraph"], data["reason"]) if data else None


def build(records: Records) -> model.Archive:
    """The model, from records that have passed every check."""
    indicators = {slug: _indicator(slug, doc.data) for slug, doc in records.indicators}
    by_code = {code: ind.slug for ind in indicators.values() for code in ind.codes}
    surgeries = [
        _surgery(files, by_code) for files in records.surgeries if files.surgery is not None
    ]
    surgeries.sort(key=lambda s: (s.date, s.folder), reverse=True)
    return model.Archive(indicators=dict(sorted(indicators.items())), surgeries=tuple(surgeries))


def _indicator(slug: str, data: dict) -> model.Indicator:
    figures = []
    for f in data["values"]:
        comparators = f.get("comparators") or {}
        figures.append(model.Figure(
            date=_date(f["date"]),
            value=f.get("value"),
            label=f.get("label"),
            target=f.get("target"),
            comparators=model.Comparators(**comparators),
            note=f.get("note"),
            provisional=f.get("provisional", False),
            illustrative=f.get("illustrative", False) or data.get("illustrative", False),
        ))
    figures.sort(key=lambda f: f.date)
    source = data.get("source")
    return model.Indicator(
        slug=slug,
        code=data["code"],
        title=data["title"],
        unit=data["unit"],
        polarity=data["polarity"],
        figures=tuple(figures),
        aliases=tuple(data.get("aliases", ())),
        decimals=data.get("decimals", 1),
        polarity_note=data.get("polarity_note"),
        tolerance=data.get("tolerance"),
        service=data.get("service"),
        definition=data.get("definition"),
        source=model.Source(**source) if source else None,
        illustrative=data.get("illustrative", False),
    )


def _surgery(files: SurgeryFiles, by_code: dict[str, str]) -> model.Surgery:
    data = files.surgery.data  # type: ignore[union-attr]
    plans = tuple(_plan(slug, doc.data, by_code) for slug, doc in files.plans)
    minutes = _minutes(files.minutes.data) if files.minutes is not None else None
    slugs = tuple(dict.fromkeys(by_code[code] for code in data["indicators"]))
    return model.Surgery(
        folder=files.folder,
        title=data["title"],
        date=_date(data["date"]),
        status=data["status"],
        chair=_person(data["chair"]),
        attendees=_people(data["attendees"]),
        indicators=slugs,
        apologies=_people(data.get("apologies")),
        summary=data.get("summary"),
        tags=tuple(data.get("tags", ())),
        papers=tuple(model.Paper(p["title"], p["file"], _exempt(p.get("exempt")))
                     for p in data.get("papers", ())),
        report=_report(data["report"]) if "report" in data else None,
        exempt=_exempt(data.get("exempt")),
        illustrative=data.get("illustrative", False),
        action_plans=plans,
        minutes=minutes,
    )


def _plan(slug: str, data: dict, by_code: dict[str, str]) -> model.ActionPlan:
    actions = tuple(
        model.Action(
            id=a["id"],
            action=a["action"],
            owner=a["owner"],
            due=_date(a["due"]),
            status=a["status"],
            success_measure=a.get("success_measure"),
            updates=tuple(model.Update(_date(u["date"]), u["note"], u.get("status"))
                          for u in a.get("updates", ())),
            exempt=_exempt(a.get("exempt")),
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
        illustrative=data.get("illustrative", False),
    )


def _minutes(data: dict) -> model.Minutes:
    return model.Minutes(
        present=_people(data["present"]),
        items=tuple(
            model.Item(
                title=i["title"],
                notes=i.get("notes"),
                decisions=tuple(i.get("decisions", ())),
                actions=tuple(i.get("actions", ())),
                exempt=_exempt(i.get("exempt")),
            )
            for i in data["items"]
        ),
        apologies=_people(data.get("apologies")),
        illustrative=data.get("illustrative", False),
    )


def _report(data: dict) -> model.Report:
    contact = data.get("contact")
    item = data.get("item")
    return model.Report(
        committee=data["committee"],
        meeting_date=_date(data["meeting_date"]),
        item=None if item is None else (str(int(item)) if isinstance(item, float)
                                        and item.is_integer() else str(item)),
        author=data.get("author"),
        summary=tuple(data.get("summary", ())),
        recommendations=tuple(data.get("recommendations", ())),
        reasons=tuple(data.get("reasons", ())),
        supporting_information=tuple(data.get("supporting_information", ())),
        other_options=tuple(data.get("other_options", ())),
        approved_by=tuple(model.SignOff(s["role"], tuple(s["names"]))
                          for s in data.get("approved_by", ())),
        contact=model.Contact(**contact) if contact else None,
        background_papers=data.get("background_papers"),
        appendices=tuple(data.get("appendices", ())),
        implications=tuple((data["implications"] or {}).items())
        if "implications" in data else (),
    )
