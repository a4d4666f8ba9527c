"""Rules that span records: names, dates and references between files.

Rules about a file's own values read only files that passed their schema, so types are
known (a file whose only schema problems are keys it can do without is read without them:
files.Records). Each file is checked whatever the state of the others: a surgery's action plans and
minutes whether or not its surgery.yml passed, for all that does not depend on it. Names
that others refer to (codes, action ids) are gathered from every file that parsed, and a
reference to a name a broken file may give is not reported as missing: one broken file
makes its own problems, not one more in every file that refers to it.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..names import SURGERY_FOLDER, did_you_mean, slugify
from ..problems import Problem, shown
from .files import Broken, Records, SurgeryFiles
from .model import BUILT_IN_COMPARATORS, JURISDICTIONS, PAPER_TYPES, SCHEDULES
from .registry import (
    BAD_INTERVAL,
    COMMITTEE_NAME,
    COMPARATOR_KEY,
    DUE_BEFORE_SURGERY,
    DUPLICATE_ACTION_ID,
    DUPLICATE_CODE,
    DUPLICATE_FIGURE_DATE,
    DUPLICATE_PAPER,
    EXEMPT_INDICATOR,
    FIGURE_PUBLISHED_IN_FUTURE,
    FOLDER_DATE,
    FOLDER_NAME,
    HARD_LINKED_PAPER,
    INDICATOR_TWICE,
    LINK_TO_WITHHELD,
    MISSING_KEY,
    MISSING_PAPER,
    NO_ACTIONS_WITH_PLANS,
    OUT_OF_RANGE,
    PAPER_NAME,
    PAPER_OUTSIDE_FOLDER,
    PAPER_PATH,
    PAPER_TYPE,
    PLACEHOLDER_LEFT,
    PLAN_INDICATOR_NOT_REVIEWED,
    PUBLISHED_EARLY,
    PUBLISHED_IN_FUTURE,
    PUBLISHED_INCOMPLETE,
    REPORT_BEFORE_SURGERY,
    REPORTED_WITH_VALUE,
    SCHEDULED_DATE_PASSED,
    SLUG_IS_A_CODE,
    STATUS_DISAGREES_WITH_UPDATE,
    SUCCESSOR_NOT_LATER,
    SYMBOLIC_LINK,
    UNKNOWN_ACTION,
    UNKNOWN_COMMITTEE,
    UNKNOWN_COMPARATOR,
    UNKNOWN_INDICATOR,
    UNKNOWN_SUCCESSOR,
    UNREADABLE_FILE,
    UPDATE_BEFORE_SURGERY,
    UPDATE_IN_FUTURE,
    UPDATES_OUT_OF_ORDER,
)
from .schema import format_path
from .source import Document
from .withheld import withheld_links

PLACEHOLDER = "To be confirmed"  # what `build.py new` writes where who took part is not known


def check(records: Records, as_of: dt.date) -> list[Problem]:
    """Every problem that spans files; dates that depend on the day are judged at `as_of`."""
    problems: list[Problem] = []
    codes = _check_indicators(records, problems)
    _check_figures(records, _check_comparators(records, problems), as_of, problems)
    indicators = _Indicators(codes, records.broken_indicators, {
        slug for slug, doc in records.indicators if doc.valid and doc.data.get("exempt")})
    for files in records.surgeries:
        action_ids = _check_plans(files, problems)
        reviewed = _check_surgery(files, indicators, as_of, problems)
        surgery = files.surgery
        day = surgery.data["date"] if surgery is not None and surgery.valid else None
        _check_plan_dates(files, day, as_of, problems)
        _check_statuses(files, problems)
        _check_plan_indicators(files, indicators, reviewed, problems)
        _check_minutes(files, action_ids, problems)
    _check_committees(records, problems)
    _check_exempt_paragraphs(records, problems)
    withheld = withheld_links(records)
    problems += withheld
    # A superseded_by into an exempt or draft surgery is one mistake: withheld_links names
    # what it points to, more plainly than _check_successors can; one problem is reported.
    named = {(p.path, p.line, p.col) for p in withheld}
    successors: list[Problem] = []
    _check_successors(records, successors)
    problems += [p for p in successors if not (
        p.rule == LINK_TO_WITHHELD and (p.path, p.line, p.col) in named)]
    return problems


def _check_exempt_paragraphs(records: Records, problems: list[Problem]) -> None:
    """An exempt paragraph is one of the archive's jurisdiction's (the schema allows any
    jurisdiction's numbers, not knowing which applies)."""
    archive = records.archive
    if records.broken_archive is not None and records.broken_archive.may_name("jurisdiction"):
        return  # which law applies is not known until archive.yml passes
    law = (archive.data.get("jurisdiction", JURISDICTIONS[0])
           if archive is not None and archive.valid else JURISDICTIONS[0])
    schedule = SCHEDULES[law]
    docs = [doc for _, doc in records.indicators]
    for files in records.surgeries:
        docs += [files.surgery, *(doc for _, doc in files.plans), files.minutes]
    for doc in docs:
        if doc is None or not doc.valid:
            continue
        for path, paragraph in _exempt_paragraphs(doc.data, ()):
            if paragraph in schedule.paragraphs:
                continue
            where = format_path(path)
            problems.append(doc.problem(
                path, f"{where}: must be between {min(schedule.paragraphs)} and "
                f"{max(schedule.paragraphs)} but received {paragraph!r}",
                ("" if law == JURISDICTIONS[0] else
                 f"archive.yml's jurisdiction is {law}, so ") + f"{schedule.short} has "
                f"paragraphs {schedule.numbers}: " + "; ".join(
                    f"{n} {short}" for n, (short, _) in schedule.paragraphs.items()),
                rule=OUT_OF_RANGE))


def _exempt_paragraphs(node: object, path: tuple) -> list[tuple[tuple, int]]:
    """Where each exempt paragraph is in a record, and its number."""
    found = []
    if isinstance(node, dict):
        exempt = node.get("exempt")
        if isinstance(exempt, dict) and isinstance(exempt.get("paragraph"), int):
            found.append(((*path, "exempt", "paragraph"), exempt["paragraph"]))
        for key, value in node.items():
            found += _exempt_paragraphs(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _exempt_paragraphs(value, (*path, i))
    return found


def _check_committees(records: Records, problems: list[Problem]) -> None:
    """Each committee has a page of its own: no two names may share its address. With
    committees listed in archive.yml, each report names one of them."""
    archive = records.archive
    listed = archive.data.get("committees", []) if archive is not None and archive.valid else []
    seen: dict[str, str] = {}  # address slug -> the name that has it
    places = [(archive, ("committees", i, "name"), c["name"]) for i, c in enumerate(listed)]
    for files in records.surgeries:
        doc = files.surgery
        report = doc.data.get("report") if doc is not None and doc.valid else None
        if report:
            places.append((doc, ("report", "committee"), report["committee"]))
    for doc, path, name in places:
        slug = slugify(name, empty="committee")
        if seen.get(slug, name) != name:
            problems.append(doc.problem(
                path, f"committee '{name}' would share its page (committees/{slug}/) with "
                f"'{seen[slug]}'", "name committees so that they differ in their first 60 "
                "letters and digits", rule=COMMITTEE_NAME))
        seen.setdefault(slug, name)
    names = [c["name"] for c in listed]
    if len(set(names)) != len(names):
        twice = next(n for n in names if names.count(n) > 1)
        problems.append(archive.problem(("committees",), f"committees: '{twice}' is listed "
                                        "twice", "list each committee once",
                                        rule=COMMITTEE_NAME))
    if archive is None or not archive.valid or "committees" not in archive.data:
        return
    for files in records.surgeries:
        doc = files.surgery
        report = doc.data.get("report") if doc is not None and doc.valid else None
        if report and report["committee"] not in names:
            problems.append(doc.problem(
                ("report", "committee"), f"report.committee: '{report['committee']}' is not "
                f"one of the committees in {archive.path}",
                did_you_mean(report["committee"], names, "add it to committees: in "
                             "archive.yml, or correct the name"), rule=UNKNOWN_COMMITTEE))


def _seen_by(data: dict) -> set[str]:
    """Which builds show a surgery: an exempt one only the members' site, a draft no
    site's pages (a scheduled one has its briefing pack at its address)."""
    if data.get("status", "published") == "draft":
        return set()
    return {"members"} if data.get("exempt") else {"public", "members"}


def _action_seen_by(surgery_seen_by: set[str], action: dict) -> set[str]:
    """Which builds show an action: its surgery's, less the public if it is exempt."""
    return surgery_seen_by - {"public"} if action.get("exempt") else surgery_seen_by


@dataclass(frozen=True)
class _Meeting:
    """What a superseded_by may point at: a surgery folder, its date and who sees it (None
    where its surgery.yml did not pass), and who sees each of its actions (None where
    unknown)."""

    day: str | None
    seen_by: set[str] | None
    actions: dict[str, set[str] | None]
    broken_plans: list[Broken]


def _meetings(records: Records) -> dict[str, _Meeting]:
    meetings = {}
    for files in records.surgeries:
        doc = files.surgery
        known = doc is not None and doc.valid
        seen_by = _seen_by(doc.data) if known else None
        # a scheduled surgery's page is its briefing pack, which shows no action of its own
        held = set() if known and doc.data["status"] == "scheduled" else seen_by
        actions: dict[str, set[str] | None] = {}
        for _, plan in files.plans:
            if plan.valid and seen_by is not None:
                actions.update((a["id"], _action_seen_by(held, a))
                               for a in plan.data["actions"])
            else:
                actions.update((action_id, None) for action_id, _ in _action_ids_of(plan))
        meetings[files.folder] = _Meeting(doc.data["date"] if known else None, seen_by,
                                          actions, files.broken_plans)
    return meetings


def _check_successors(records: Records, problems: list[Problem]) -> None:
    """superseded_by names an action of a later surgery, which the public may see wherever
    they may see the action it replaces. What a broken file leaves unknown is not judged."""
    meetings = _meetings(records)
    for files in records.surgeries:
        this = meetings[files.folder]
        for _, plan in files.plans:
            if not plan.valid:
                continue
            for i, action in enumerate(plan.data["actions"]):
                text = action.get("superseded_by")
                if text is None:
                    continue
                folder, _, action_id = text.partition("#")
                where, path = f"actions[{i}].superseded_by", ("actions", i, "superseded_by")
                later = meetings.get(folder)
                if later is None:
                    problems.append(plan.problem(
                        path, f"{where}: there is no surgery folder '{folder}'",
                        did_you_mean(folder, meetings, "write the later surgery's folder name, "
                                     "then # and the action's id"), rule=UNKNOWN_SUCCESSOR))
                elif action_id not in later.actions:
                    if any(broken.may_name(action_id) for broken in later.broken_plans):
                        continue  # in a plan that did not pass, perhaps
                    problems.append(plan.problem(
                        path, f"{where}: the surgery {folder} has no action '{action_id}'",
                        did_you_mean(action_id, later.actions, "write the id of an action in "
                                     "that surgery's action plans"), rule=UNKNOWN_SUCCESSOR))
                elif this.day is None or later.day is None:
                    continue  # a surgery.yml that did not pass: its date is not known
                elif later.day <= this.day:
                    problems.append(plan.problem(
                        path, f"{where}: {folder} met on {later.day}, not after this surgery "
                        f"({this.day})", "an action is superseded by one agreed at a later "
                        "surgery", rule=SUCCESSOR_NOT_LATER))
                elif (this.seen_by is not None and later.actions[action_id] is not None
                      and not _action_seen_by(this.seen_by, action)
                      <= later.actions[action_id]):
                    problems.append(plan.problem(
                        path, f"{where}: '{text}' is withheld from some who may see this "
                        "action (it is exempt, a draft or not yet held)", "a site must not "
                        "link to what it withholds: publish the later action, or leave "
                        "superseded_by out", rule=LINK_TO_WITHHELD))


def codes_of(doc: Document, slug: str | None = None) -> list[tuple[str, tuple]]:
    """The code and aliases of an indicator file, as far as they can be read; with `slug`
    (its file's), the slug too where the file gives no code, as records then name it."""
    data = doc.data if isinstance(doc.data, dict) else {}
    found = [(data.get("code"), ("code",))]
    if slug is not None and "code" not in data:
        found = [(slug, ())]
    aliases = data.get("aliases")
    if isinstance(aliases, list):
        found += [(alias, ("aliases", i)) for i, alias in enumerate(aliases)]
    return [(code, path) for code, path in found if isinstance(code, str)]


def _action_ids_of(doc: Document) -> list[tuple[str, int]]:
    data = doc.data if isinstance(doc.data, dict) else {}
    actions = data.get("actions")
    if not isinstance(actions, list):
        return []
    return [(a["id"], i) for i, a in enumerate(actions)
            if isinstance(a, dict) and isinstance(a.get("id"), str)]


def _check_indicators(records: Records, problems: list[Problem]) -> dict[str, str]:
    """Codes and aliases must be unique; figure dates unique. Returns code -> indicator slug."""
    codes: dict[str, tuple[str, Document, tuple]] = {}
    # codes and aliases first, then the slugs of indicators without a code: a slug that
    # is another's code is this file's to fix, whichever file comes first
    names = [(slug, doc, code, path) for slug, doc in records.indicators
             for code, path in codes_of(doc, slug) if path]
    names += [(slug, doc, code, path) for slug, doc in records.indicators
              for code, path in codes_of(doc, slug) if not path]
    for slug, doc, code, path in names:
        if code in codes:
            _, other, other_path = codes[code]
            line = other.place(other_path)[0]
            if not path:
                problems.append(doc.problem(
                    path, f"this indicator has no code, so records name it by its file name "
                    f"'{slug}', which is already a code of {other.path}:{line}",
                    "give this indicator a code:, or rename its file", rule=SLUG_IS_A_CODE))
            else:
                problems.append(doc.problem(
                    path, f"code '{code}' is already used by {other.path}:{line}",
                    "each code and alias belongs to one indicator; remove or change one",
                    rule=DUPLICATE_CODE))
        else:
            codes[code] = (slug, doc, path)
    for _, doc in records.indicators:
        if not doc.valid:
            continue
        seen: dict[tuple[str, str], int] = {}
        for i, figure in enumerate(doc.data["values"]):
            key = (figure["date"], figure.get("period", "year"))
            if key in seen:
                first = doc.place(("values", seen[key], "date"))[0]
                problems.append(doc.problem(
                    ("values", i, "date"),
                    f"values[{i}]: a figure for a {key[1]} dated {figure['date']} is already "
                    f"given on line {first}",
                    "each figure of a period needs its own date (a month and the quarter it "
                    "ends may share one); correct the date or the period, or merge the two",
                    rule=DUPLICATE_FIGURE_DATE))
            else:
                seen[key] = i
    return {code: slug for code, (slug, _, _) in codes.items()}


def _check_comparators(records: Records, problems: list[Problem]) -> list[str]:
    """archive.yml's own comparators: each key once, none a built-in one's. Returns every
    key a figure may use."""
    archive = records.archive
    listed = (archive.data.get("comparators", [])
              if archive is not None and archive.valid else [])
    keys = list(BUILT_IN_COMPARATORS)
    for i, comparator in enumerate(listed):
        key = comparator["key"]
        if key in keys:
            what = "a built-in comparator" if key in BUILT_IN_COMPARATORS else "listed twice"
            problems.append(archive.problem(
                ("comparators", i, "key"), f"comparators[{i}].key: '{key}' is {what}",
                "give each comparator its own key; statistical_neighbours, england and region "
                "need no entry here", rule=COMPARATOR_KEY))
        else:
            keys.append(key)
    return keys


def _check_figures(records: Records, comparators: list[str], as_of: dt.date,
                   problems: list[Problem]) -> None:
    """A figure's comparators are ones the archive knows; `reported` only without a value;
    published neither before its date nor after the day checked."""
    broken = records.broken_archive
    for _, doc in records.indicators:
        if not doc.valid:
            continue
        for i, figure in enumerate(doc.data["values"]):
            for key in figure.get("comparators") or {}:
                if key not in comparators and not (broken and broken.may_name(key)):
                    hint = did_you_mean(key, comparators, "add it to comparators: in "
                                        "archive.yml with its name, or correct the key")
                    problems.append(doc.problem(
                        ("values", i, "comparators", key), f"values[{i}].comparators: "
                        f"'{key}' is not a comparator this archive has", hint, key=True,
                        rule=UNKNOWN_COMPARATOR))
            if "reported" in figure and figure.get("value") is not None:
                problems.append(doc.problem(
                    ("values", i, "reported"), f"values[{i}]: reported: {figure['reported']} "
                    f"is for a figure the source gives no number for, and this one has value "
                    f"{figure['value']}", "remove reported (the site judges the value itself), "
                    "or set value: null if the source gives no number", key=True,
                    rule=REPORTED_WITH_VALUE))
            _check_interval(doc, i, figure, problems)
            published = figure.get("published")
            if published is not None and str(published) < str(figure["date"]):
                problems.append(doc.problem(
                    ("values", i, "published"), f"values[{i}]: published {published} is "
                    f"before the figure's date {figure['date']}, the end of the period it "
                    "covers", "check both dates: date is the day the figure is as at, "
                    "published the day it was first made public", key=True, severity="warning",
                    rule=PUBLISHED_EARLY))
            if published is not None and str(published) > as_of.isoformat():
                problems.append(doc.problem(
                    ("values", i, "published"), f"values[{i}]: published {published} is in "
                    f"the future (checked as at {as_of})", "check the year: published is the "
                    "day the figure was first made public", key=True, severity="warning",
                    rule=FIGURE_PUBLISHED_IN_FUTURE))


def _check_interval(doc, i: int, figure: dict, problems: list[Problem]) -> None:
    """A confidence interval runs from lower to upper and holds the figure it belongs to."""
    interval, value = figure.get("interval"), figure.get("value")
    if interval is None:
        return
    lower, upper = interval["lower"], interval["upper"]
    if lower > upper:
        problems.append(doc.problem(
            ("values", i, "interval"), f"values[{i}].interval: lower {lower} is above upper "
            f"{upper}", "swap them: lower is the smaller limit", key=True, rule=BAD_INTERVAL))
    elif value is not None and not lower <= value <= upper:
        problems.append(doc.problem(
            ("values", i, "interval"), f"values[{i}].interval: {lower} to {upper} does not "
            f"hold the figure's value {value}", "check the value and the interval against "
            "the source; a confidence interval holds the figure it belongs to", key=True,
            rule=BAD_INTERVAL))


def _near(code: str, codes: dict[str, str]) -> str:
    named = next((name for name, slug in codes.items() if slug == code), None)
    if named is not None:  # the file name of an indicator that has a code
        return (f"indicators/{code}.yml has a code: refer to it as '{named}' (only an "
                "indicator without a code is named by its file name)")
    return did_you_mean(code, codes, "add the indicator under surgeries/indicators/ first, "
                        "or correct the code")


@dataclass(frozen=True)
class _Indicators:
    """What surgeries and action plans refer to by code."""

    codes: dict[str, str]  # code, alias or (for an indicator without a code) slug -> slug
    broken: list[Broken]  # indicator files that did not pass: they may give more codes
    exempt: set[str]  # the slugs of exempt indicators

    def may_be_broken(self, code: str) -> bool:
        """Whether a code no indicator gives may be one a broken indicator file gives."""
        return any(code == broken.stem or broken.may_name(code) for broken in self.broken)


def _check_surgery(files: SurgeryFiles, indicators: _Indicators, as_of: dt.date,
                   problems: list[Problem]) -> dict[str, str] | None:
    """surgery.yml against the rest. Returns the indicators the surgery reviewed (slug ->
    code as written), or None where they are not all known."""
    doc = files.surgery
    # a name a file system can hold whatever the site adds to it (a briefing pack's PDF is
    # <folder>.pdf): the longest is refused as a wrong name
    match = SURGERY_FOLDER.match(files.folder) if len(files.folder) <= FOLDER_LONGEST else None
    if doc is None or not doc.valid:
        if not match:
            problems.append(_folder_problem(files))
        return None
    data = doc.data
    surgery_date = data["date"]
    if not match:
        problems.append(_folder_problem(files, doc))
    elif match.group(1) != data["date"]:
        problems.append(doc.problem(
            ("date",), f"date {data['date']} does not match the folder name '{files.folder}'",
            f"rename the folder to {data['date']}-{match.group(2)}, or correct the date",
            rule=FOLDER_DATE))

    codes = indicators.codes
    reviewed: dict[str, str] = {}  # indicator slug -> code as written
    all_known = True
    for i, code in enumerate(data["indicators"]):
        if code not in codes:
            all_known = False
            if not indicators.may_be_broken(code):
                problems.append(doc.problem(("indicators", i),
                                            f"indicators[{i}]: no indicator has the code "
                                            f"'{code}'", _near(code, codes),
                                            rule=UNKNOWN_INDICATOR))
        elif codes[code] in reviewed:
            problems.append(doc.problem(
                ("indicators", i), f"indicators[{i}]: '{code}' is listed twice "
                f"(as '{reviewed[codes[code]]}' too)", "list each indicator once",
                severity="warning", rule=INDICATOR_TWICE))
        else:
            reviewed[codes[code]] = code
        if codes.get(code) in indicators.exempt and not data.get("exempt"):
            problems.append(doc.problem(
                ("indicators", i), f"indicators[{i}]: '{code}' is an exempt indicator, and "
                "this surgery is not exempt", "an exempt indicator is for members only: mark "
                "the surgery exempt too, or leave the indicator out", rule=EXEMPT_INDICATOR))

    if data["status"] != "scheduled":  # a surgery that has met says who was there
        if "chair" not in data:
            problems.append(doc.problem((), "surgery record: missing required key 'chair'",
                                        "add 'chair:' with the role (and name) of who chaired "
                                        "it; only a scheduled surgery may leave it out",
                                        rule=MISSING_KEY))
        if "attendees" not in data and "invited" not in data:
            problems.append(doc.problem(
                (), "surgery record: missing required key 'attendees'",
                "add 'attendees:' (who attended), or 'invited:' where the source says only who "
                "was invited; only a scheduled surgery may leave both out", rule=MISSING_KEY))

    if data["status"] == "scheduled" and surgery_date < as_of.isoformat():
        problems.append(doc.problem(
            ("status",), f"a scheduled surgery's date ({surgery_date}) has passed",
            "set status: draft while the record is written up, or correct the date",
            severity="warning", rule=SCHEDULED_DATE_PASSED))
    if data["status"] == "published":
        if surgery_date > as_of.isoformat():
            problems.append(doc.problem(
                ("date",), f"a published surgery's date ({surgery_date}) is in the future "
                f"(checked as at {as_of})", "set status: scheduled until it has met, or "
                "correct the date", key=True, severity="warning", rule=PUBLISHED_IN_FUTURE))
        _check_placeholders(doc, problems)

    if "no_actions" in data and files.plan_files:
        problems.append(doc.problem(
            ("no_actions",), "no_actions: this surgery says it agreed no actions, but it has "
            f"{files.plan_files} action plan{'s' * (files.plan_files != 1)} in action-plans/",
            "remove no_actions if the meeting agreed actions, or remove action-plans/ if it "
            "agreed none", rule=NO_ACTIONS_WITH_PLANS))
    if data["status"] == "published":
        if not files.plan_files and "no_actions" not in data:
            problems.append(doc.problem(
                ("status",), "a published surgery needs its action plans in action-plans/",
                "add action-plans/<slug>.yml; if the meeting agreed none, add no_actions: "
                "saying what it did instead; or set status: draft until they are ready",
                rule=PUBLISHED_INCOMPLETE))
        if not (files.path / "minutes.yml").is_file():
            problems.append(doc.problem(
                ("status",), "a published surgery needs minutes.yml",
                "add the minutes, or set status: draft until they are ready",
                rule=PUBLISHED_INCOMPLETE))

    report = data.get("report")
    if report and report["meeting_date"] < data["date"]:
        problems.append(doc.problem(
            ("report", "meeting_date"), "report.meeting_date is before the surgery met",
            "a cover report goes to committee after the surgery; check both dates",
            severity="warning", rule=REPORT_BEFORE_SURGERY))

    listed: dict[str, int] = {}
    for i, paper in enumerate(data.get("papers", ())):
        found = _check_paper(doc, files.path, i, paper["file"])
        problems.extend(found)
        plain = str(PurePosixPath(paper["file"]))
        if plain in listed:
            problems.append(doc.problem(
                ("papers", i, "file"), f"papers[{i}].file: '{paper['file']}' is already "
                f"listed as papers[{listed[plain]}]", "list each paper once (an exempt paper "
                "listed again would be published)", rule=DUPLICATE_PAPER))
        listed.setdefault(plain, i)
    return reviewed if all_known else None


_WHO = {"chair": "who chaired the surgery", "attendees": "who attended (or remove the entry)",
        "invited": "who was invited (or remove the entry)",
        "apologies": "who sent apologies (or remove the entry)"}


def _check_placeholders(doc: Document, problems: list[Problem]) -> None:
    """A published surgery names who took part: `build.py new`'s placeholder is a warning."""
    data = doc.data
    people = [(("chair",), data["chair"])] if "chair" in data else []
    for key in ("attendees", "invited", "apologies"):
        people += [((key, i), person) for i, person in enumerate(data.get(key, ()))]
    for path, person in people:
        for part in ("name", "role"):
            text = person.get(part)
            if text is None or " ".join(text.split()).casefold() != PLACEHOLDER.casefold():
                continue
            problems.append(doc.problem(
                (*path, part), f"{format_path((*path, part))}: '{text}' is the placeholder "
                "that build.py new writes, and this surgery is published",
                f"write {_WHO[path[0]]}, or set status: draft until it is known", key=True,
                severity="warning", rule=PLACEHOLDER_LEFT))


def _check_minutes(files: SurgeryFiles, action_ids: set[str], problems: list[Problem]) -> None:
    """The minutes name actions of this surgery's plans (or of a plan that did not pass)."""
    minutes = files.minutes
    if minutes is None or not minutes.valid:
        return
    for i, item in enumerate(minutes.data["items"]):
        for j, action_id in enumerate(item.get("actions", ())):
            if action_id in action_ids or any(broken.may_name(action_id)
                                              for broken in files.broken_plans):
                continue
            hint = did_you_mean(action_id, action_ids,
                                "use the id of an action in this surgery's action-plans/")
            problems.append(minutes.problem(
                ("items", i, "actions", j),
                f"items[{i}].actions[{j}]: no action in this surgery has the id "
                f"'{action_id}'", hint, rule=UNKNOWN_ACTION))


FOLDER_LONGEST = 120  # characters in a surgery folder's name


def _folder_problem(files: SurgeryFiles, doc: Document | None = None) -> Problem:
    hint = "name surgery folders YYYY-MM-DD-slug, e.g. 2012-02-24-children-in-care"
    if doc is not None:
        slug = slugify(doc.data["title"], empty="surgery")
        hint = f"rename the folder to {doc.data['date']}-{slug}"
    path = doc.path if doc is not None else f"{shown(files.path)}/surgery.yml"
    if len(files.folder) > FOLDER_LONGEST:
        return Problem(path, 1, 1, f"surgery folder name is {len(files.folder)} characters "
                       f"long; at most {FOLDER_LONGEST}",
                       "give the folder a shorter slug after its date, e.g. "
                       "2012-02-24-children-in-care", rule=FOLDER_NAME)
    return Problem(path, 1, 1, f"surgery folder name '{files.folder}' is not YYYY-MM-DD-slug",
                   hint, rule=FOLDER_NAME)


def _check_paper(doc: Document, folder: Path, i: int, file: str) -> list[Problem]:
    path = ("papers", i, "file")
    where = f"papers[{i}].file"
    pure = PurePosixPath(file)
    name = _short(file)  # as the messages show it
    if "\\" in file or pure.is_absolute() or ".." in pure.parts:
        return [doc.problem(path, f"{where}: '{name}' must be a path inside this surgery's "
                            "papers/ folder", "write it as papers/<file name>",
                            rule=PAPER_OUTSIDE_FOLDER)]
    if pure.parts[:1] != ("papers",) or len(pure.parts) < 2:
        return [doc.problem(path, f"{where}: '{name}' is not in this surgery's papers/ folder",
                            f"move the file into papers/ and write papers/{pure.name}",
                            rule=PAPER_OUTSIDE_FOLDER)]
    if str(pure) != file:
        return [doc.problem(path, f"{where}: '{name}' is not written plainly",
                            f"write it as {pure}", rule=PAPER_PATH)]
    if any(part.startswith((".", "_")) for part in pure.parts):
        return [doc.problem(path, f"{where}: '{name}' has a name starting with '.' or '_', "
                            "which the site leaves out", "rename the file without it",
                            rule=PAPER_NAME)]
    if pure.suffix.lower() not in PAPER_TYPES:
        kinds = ", ".join(sorted({k.lstrip(".") for k in PAPER_TYPES}))
        return [doc.problem(path, f"{where}: '{name}' is not a document type the site "
                            "publishes", f"save it as one of: {kinds}", rule=PAPER_TYPE)]
    try:
        found, links, present = _paper_on_disk(folder, pure)
    except (OSError, ValueError) as error:  # e.g. a name longer than the file system takes
        reason = getattr(error, "strerror", None) or str(error)
        hint = ("shorten the file's name" if getattr(error, "errno", None) == errno.ENAMETOOLONG
                else "check the file's permissions")
        return [doc.problem(path, f"{where}: '{name}' cannot be read ({reason})", hint,
                            rule=UNREADABLE_FILE)]
    if found == "link":
        return [doc.problem(path, f"{where}: '{name}' is a symbolic link",
                            "put the file itself in papers/, not a link to it",
                            rule=SYMBOLIC_LINK)]
    if found == "folder":
        return [doc.problem(path, f"{where}: '{name}' is a folder, not a file",
                            f"write the path of the document inside it ({name}/<file name>), or "
                            "put the document itself in the folder's place",
                            rule=MISSING_PAPER)]
    if found == "other":
        return [doc.problem(path, f"{where}: '{name}' is not an ordinary file",
                            "put the document itself in papers/", rule=MISSING_PAPER)]
    if found == "missing":
        hint = did_you_mean(pure.name, present, "add the file to the surgery's papers/ folder, "
                            "or correct the name", shown="'papers/{}'")
        return [doc.problem(path, f"{where}: there is no file '{name}'", hint,
                            rule=MISSING_PAPER)]
    if links > 1:
        return [doc.problem(path, f"{where}: '{name}' is a hard link ({links} names for one "
                            "file), so whatever the other names hold would be published",
                            "put a copy of the file in papers/, not a link to it",
                            rule=HARD_LINKED_PAPER)]
    return []


def _short(name: str, most: int = 80) -> str:
    """A name as a message shows it: one thousands of characters long is cut."""
    return name if len(name) <= most else f"{name[:most - 3]}..."


def _paper_on_disk(folder: Path, paper: PurePosixPath) -> tuple[str, int, list[str]]:
    """What the file system holds at a paper's path: "link" (there or on the way), "folder",
    "other" (not an ordinary file), "missing" (with the names papers/ holds), or "file"
    (with how many names it has). Raises OSError where the file system refuses the path."""
    current = folder
    for part in paper.parts:
        current = current / part
        if current.is_symlink():
            return "link", 0, []
    target = folder / paper
    if target.is_dir():
        return "folder", 0, []
    if target.is_file():
        with open(target, "rb") as handle:
            handle.read(1)
            return "file", os.fstat(handle.fileno()).st_nlink, []
    if target.exists():
        return "other", 0, []
    papers = folder / "papers"
    return "missing", 0, sorted(p.name for p in papers.glob("*")) if papers.is_dir() else []


def _check_plans(files: SurgeryFiles, problems: list[Problem]) -> set[str]:
    """Action ids are unique within the surgery; returns every id that can be read."""
    ids: dict[str, tuple[Document, int]] = {}
    for _, doc in files.plans:
        for action_id, i in _action_ids_of(doc):
            if action_id in ids:
                other, line = ids[action_id]
                problems.append(doc.problem(
                    ("actions", i, "id"),
                    f"actions[{i}].id: '{action_id}' is already used by {other.path}:{line}",
                    "action ids must be unique within a surgery", rule=DUPLICATE_ACTION_ID))
            else:
                ids[action_id] = (doc, doc.place(("actions", i, "id"))[0])
    return set(ids)


def _check_plan_indicators(files: SurgeryFiles, indicators: _Indicators,
                           reviewed: dict[str, str] | None, problems: list[Problem]) -> None:
    """A plan's indicator exists, and (where the surgery's are all known) is one the surgery
    reviewed."""
    codes = indicators.codes
    for _, doc in files.plans:
        code = doc.data.get("indicator") if doc.valid else None
        if code is None:
            continue
        if code not in codes:
            if not indicators.may_be_broken(code):
                problems.append(doc.problem(("indicator",), f"indicator: no indicator has the "
                                            f"code '{code}'", _near(code, codes),
                                            rule=UNKNOWN_INDICATOR))
        elif reviewed is not None and codes[code] not in reviewed:
            listed = ", ".join(reviewed.values())
            problems.append(doc.problem(
                ("indicator",), f"indicator: '{code}' is not one this surgery reviewed "
                f"(it reviewed: {listed})",
                "add it to indicators: in surgery.yml, or correct the code",
                rule=PLAN_INDICATOR_NOT_REVIEWED))


def _check_plan_dates(files: SurgeryFiles, day: str | None, as_of: dt.date,
                      problems: list[Problem]) -> None:
    """Dues and updates against the day the surgery met (where its surgery.yml passed, so
    that day is known), updates in order and none after the day checked."""
    for _, doc in files.plans:
        if not doc.valid:
            continue
        for i, action in enumerate(doc.data["actions"]):
            where = f"actions[{i}]"
            if day is not None and "due" in action and action["due"] < day:
                problems.append(doc.problem(
                    ("actions", i, "due"), f"{where}.due: {action['due']} is before the "
                    f"surgery met ({day})", "check the year of the due date", severity="warning",
                    rule=DUE_BEFORE_SURGERY))
            previous = None
            for j, update in enumerate(action.get("updates", ())):
                if update["date"] > as_of.isoformat():
                    problems.append(doc.problem(
                        ("actions", i, "updates", j, "date"),
                        f"{where}.updates[{j}].date: {update['date']} is in the future "
                        f"(checked as at {as_of})", "check the year: an update records "
                        "progress already made", key=True, severity="warning",
                        rule=UPDATE_IN_FUTURE))
                if day is not None and update["date"] < day:
                    problems.append(doc.problem(
                        ("actions", i, "updates", j, "date"),
                        f"{where}.updates[{j}].date: {update['date']} is before the surgery "
                        f"met ({day})", "updates record progress after the surgery",
                        rule=UPDATE_BEFORE_SURGERY))
                elif previous is not None and update["date"] < previous:
                    problems.append(doc.problem(
                        ("actions", i, "updates", j, "date"),
                        f"{where}.updates[{j}].date: {update['date']} is before the update above "
                        f"it ({previous})", "list updates oldest first",
                        rule=UPDATES_OUT_OF_ORDER))
                previous = update["date"]


def _check_statuses(files: SurgeryFiles, problems: list[Problem]) -> None:
    """An action's status says what its latest update with a status says: the site shows
    the action's status, so one left behind tells readers the wrong thing (a warning)."""
    for _, doc in files.plans:
        if not doc.valid:
            continue
        for i, action in enumerate(doc.data["actions"]):
            said = [(u["date"], j, u["status"]) for j, u in enumerate(action.get("updates", ()))
                    if "status" in u]
            if not said:
                continue
            day, _, latest = max(said)  # the latest date; of two that day, the one below
            status = action.get("status")
            if status == latest:
                continue
            if status is None:
                problems.append(doc.problem(
                    ("actions", i), f"actions[{i}]: the latest update with a status ({day}) "
                    f"says {latest}, but the action gives no status, so the site shows 'Not "
                    "recorded'", f"add status: {latest} if that is where the action stands",
                    severity="warning", rule=STATUS_DISAGREES_WITH_UPDATE))
            else:
                problems.append(doc.problem(
                    ("actions", i, "status"), f"actions[{i}].status: {status}, but the latest "
                    f"update with a status ({day}) says {latest}", f"set status: {latest} if "
                    "that is where the action stands (the site shows status:, not the "
                    f"updates'); if status: is right, add an update that says {status}", key=True,
                    severity="warning", rule=STATUS_DISAGREES_WITH_UPDATE))
