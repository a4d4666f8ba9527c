"""An archive with a unique canary string in every field of every exempt and draft record.

Laid over the base archive: a whole exempt surgery, a draft surgery, an exempt indicator
(reviewed by the exempt surgery alone), and, in the published surgery, an exempt action,
an exempt minutes item and an exempt paper. Every text the
format allows is a canary ("canary" and a number), folder and file names included; only
dates, statuses, numbers and the codes of public indicators are not.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from conftest import make_archive

PUBLISHED = "2020-01-15-test-surgery"
EXEMPT = "2020-02-01-canary-exempt-surgery"
DRAFT = "2020-03-01-canary-draft-surgery"
COMING = "2020-09-01-coming-surgery"  # scheduled, public: its briefing pack is published
COMING_EXEMPT = "2020-10-01-canary-coming-surgery"  # scheduled and exempt: members only


class Canaries:
    """Hands out unique strings: canaries, or with `hostile`, markup that must stay text."""

    def __init__(self, hostile: bool = False) -> None:
        self.counter = itertools.count(1)
        self.issued: list[str] = []
        self.names: set[str] = set()  # ids and file names: never markup
        self.hostile = hostile

    def __call__(self) -> str:
        value = f"canary{next(self.counter):03d}"
        self.issued.append(value)
        if self.hostile:
            return (f'<script>alert("{value}")</script><img src=x onerror=alert(1)> '
                    f"[{value}](javascript:alert(1)) [d](data:text/html,{value}) {{: .x}}")
        return value

    def name(self) -> str:
        """For file and folder names, which are never markup."""
        value = f"canary{next(self.counter):03d}"
        self.issued.append(value)
        self.names.add(value)
        return value


def q(text: str) -> str:
    return json.dumps(text)


def _exempt(c: Canaries) -> dict:
    return {"paragraph": 1, "reason": c()}


def _person(c: Canaries) -> dict:
    return {"name": c(), "role": c(), "note": c()}


def _surgery(c: Canaries, date: str, status: str, exempt: bool, papers: list[str],
             codes: list[str]) -> dict:
    """Every key a surgery may have; a scheduled one's report names only its committee
    and day (the report is written after it meets)."""
    data = {
        "title": c(), "date": date, "status": status, "chair": _person(c),
        "attendees": [_person(c), _person(c)], "invited": [_person(c)],
        "apologies": [_person(c)], "source": [{"title": c(), "url": "https://example.org/",
                                               "note": c()}, {"title": c()}],
        "indicators": ["ALPHA 01", *codes], "summary": c(), "tags": [c(), c()],
        "papers": [{"title": c(), "file": f"papers/{papers[0]}"},
                   {"title": c(), "file": f"papers/{papers[1]}", "exempt": _exempt(c)}],
        "report": {"committee": c(), "meeting_date": date} if status == "scheduled" else {
            "committee": c(), "meeting_date": date, "item": c(), "author": c(),
            "summary": [c(), {"number": c(), "text": c()}], "recommendations": [c()],
            "reasons": [c()],
            "supporting_information": [c(), c()], "other_options": [c()],
            "approved_by": [{"role": c(), "names": [c(), c()]}],
            "contact": {"name": c(), "role": c(), "phone": c(), "email": c()},
            "background_papers": c(), "appendices": [c()], "implications": {c(): c()},
        },
        "illustrative": True, "time": "14:00", "venue": c(),
    }
    if exempt:
        data["exempt"] = _exempt(c)
    return data


def _action(c: Canaries, action_id: str, exempt: bool, successor: str | None = None) -> dict:
    data = {"id": action_id, "action": c(), "owner": c(), "due": "2020-06-30",
            "status": "in-progress", "success_measure": c(), "illustrative": True,
            "updates": [{"date": "2020-04-01", "note": c(), "status": "in-progress"}]}
    if exempt:
        data["exempt"] = _exempt(c)
    if successor:
        data["superseded_by"] = successor
    return data


def _plan(c: Canaries, actions: list[dict]) -> dict:
    return {"indicator": "ALPHA 01", "title": c(), "lead": _person(c), "context": c(),
            "actions": actions, "illustrative": True}


def _item(c: Canaries, actions: list[str], exempt: bool, public_title: str = "",
          number: str = "") -> dict:
    data = {"title": c(), "number": number or c(), "notes": c(), "decisions": [c()],
            "actions": actions}
    if exempt:
        data["exempt"] = _exempt(c)
        data["public_title"] = public_title or c()  # public only in a published surgery
    return data


def _indicator(c: Canaries, exempt: bool) -> dict:
    data = {
        "code": c(), "aliases": [c()], "title": c(), "unit": c(), "decimals": 1,
        "polarity": "lower-is-better", "polarity_note": c(), "tolerance": 1, "service": c(),
        "definition": c(), "source": {"name": c(), "url": "https://example.org/",
                                      "licence": c()},
        "values": [{"date": "2019-03-31", "label": c(), "period": "year", "value": 12.5,
                    "target": 10,
                    "comparators": {"statistical_neighbours": 11, "england": 9, "region": 10},
                    "note": c(), "provisional": True, "illustrative": True,
                    "published": "2019-09-01", "interval": {"lower": 11.5, "upper": 13.5}},
                   {"date": "2020-03-31", "label": c(), "value": None, "note": c()},
                   {"date": "2020-03-31", "label": c(), "period": "quarter", "value": None,
                    "reported": "on-target", "cumulative": True}],
        "illustrative": True,
    }
    if exempt:
        data["exempt"] = _exempt(c)
    return data


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")  # JSON is YAML


def make_canary_archive(root: Path, hostile: bool = False) -> tuple[Path, Canaries]:
    """The archive, and the canaries planted in it.

    With `hostile`, every text is markup and script instead, and nothing is exempt or a
    draft, so that all of it is published: it must all show as text.
    """
    records = make_archive(root)
    c = Canaries(hostile)
    indicator = _indicator(c, exempt=not hostile)
    later_ids: list[str] = []
    _write(records / "indicators" / f"{c.name()}.yml", indicator)
    for folder, status, exempt in ((EXEMPT, "published", True), (DRAFT, "draft", False),
                                   (COMING_EXEMPT, "scheduled", True)):
        status, exempt = ("published", False) if hostile else (status, exempt)
        surgery_dir = records / folder
        papers = [f"{c.name()}.pdf", f"{c.name()}.pdf"]
        (surgery_dir / "papers").mkdir(parents=True)
        for paper in papers:
            (surgery_dir / "papers" / paper).write_text(f"%PDF-1.4 {c.name()}\n")
        codes = [indicator["code"]] if exempt or hostile else []
        if folder == COMING_EXEMPT:  # hostile too: its pack shows every text
            status = "scheduled"
        surgery = _surgery(c, folder[:10], status, exempt, papers, codes)
        if folder == COMING_EXEMPT:  # it has not met: no plans, no minutes
            _write(surgery_dir / "surgery.yml", surgery)
            continue
        ids = [c.name(), c.name()]
        later_ids.append(ids[0])
        if folder == DRAFT and not hostile:  # a meeting that agreed no actions
            surgery["no_actions"] = c()
            ids = []
        else:
            _write(surgery_dir / "action-plans" / f"{c.name()}.yml",
                   _plan(c, [_action(c, ids[0], False), _action(c, ids[1], not hostile)]))
        _write(surgery_dir / "surgery.yml", surgery)
        _write(surgery_dir / "minutes.yml", {
            "present": [_person(c)], "apologies": [_person(c)], "illustrative": True,
            "items": [_item(c, ids[:1], False), _item(c, ids[1:], not hostile)]})

    # In the published surgery: an exempt action, an exempt item, an exempt paper.
    published = records / PUBLISHED
    secret_id = c.name()
    _write(published / "action-plans" / "public-plan.yml", {
        "title": "Public plan", "lead": {"role": "Director"},
        "actions": [{"id": "P-1", "action": "Public action.", "owner": "Owner",
                     "due": "2020-06-30", "status": "complete"},
                    # replaced by an action of the later exempt surgery: members see both
                    _action(c, secret_id, True, None if hostile else f"{EXEMPT}#{later_ids[0]}")]})
    paper = f"{c.name()}.pdf"
    (published / "papers").mkdir(exist_ok=True)
    (published / "papers" / paper).write_text(f"%PDF-1.4 {c.name()}\n")
    surgery = published / "surgery.yml"
    surgery.write_text(surgery.read_text() + "papers:\n"
                       f"  - title: {q(c())}\n    file: papers/{paper}\n"
                       f"    exempt: {{paragraph: 3, reason: {q(c())}}}\n")
    # A scheduled surgery on the indicator the exempt records are on: its public briefing
    # pack lists what is still to be done, and must hold none of them
    _write(records / COMING / "surgery.yml", {
        "title": "Coming surgery", "date": COMING[:10], "status": "scheduled",
        "time": "10:00", "venue": "Room 1", "chair": {"role": "Cabinet Member"},
        "indicators": ["ALPHA 01"], "summary": "What to ask about."})
    if hostile:  # the archive's own words, shown on every page: text, never markup
        _write(records / "archive.yml", {
            "organisation": c(), "about": c(),
            "meetings": {"name": c(), "plural": c(), "description": c()}})
    minutes = published / "minutes.yml"
    minutes.write_text(minutes.read_text().replace(
        "    actions: [A-1]", f"    actions: [A-1, {q(secret_id)}]")
        + "  - " + json.dumps(_item(c, [secret_id], True, "A staffing matter", "O&S 37/20")) + "\n")
    return records, c
