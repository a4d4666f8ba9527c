"""`build.py new`: start a surgery folder with a draft surgery.yml that passes check."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from ..names import did_you_mean, slugify
from ..problems import init_command, shown
from . import modeline
from .files import read_records
from .rules import codes_of
from .schema import validate, write_schemas
from .source import CONTROL, parse_document


class ScaffoldError(Exception):
    """A reason the surgery cannot be started, worded for the officer."""


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


def refuse_unsafe(text: str, what: str) -> None:
    """ScaffoldError for text typed on the command line that no record may hold."""
    if any("\udc80" <= c <= "\udcff" for c in text):  # bytes that were not UTF-8
        raise ScaffoldError(f"the {what} is not UTF-8 text; type it again (nothing was "
                            "written)")
    if CONTROL.search(text):
        raise ScaffoldError(f"the {what} holds an invisible control character "
                            f"({repr(CONTROL.search(text).group())[1:-1]}); type it again "
                            "(nothing was written)")


def new_surgery(records: Path, day: dt.date, title: str, codes: list[str]) -> tuple[Path, bool]:
    """Write <records>/<date>-<slug>/surgery.yml as a draft; returns the file written, and
    whether the schemas for editors were copied beside the records too."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the title is empty; give it with --title \"...\"")
    for text, what in ((title, "title"), *((code, "indicator code") for code in codes)):
        refuse_unsafe(text, what)
    if not os.path.isdir(records):  # `new` adds to a records folder; `init` starts one
        raise ScaffoldError(f"there is no records folder at {shown(records)}/; nothing was "
                            f"written (start one with: {init_command(records)})")
    known = {code: doc for slug, doc in read_records(records).indicators
             for code, _ in codes_of(doc, slug)}
    for code in codes:
        if code not in known:
            hint = did_you_mean(code, sorted(known), "add the indicator under indicators/ "
                                "first; codes are listed on each indicator file's code: line")
            raise ScaffoldError(f"no indicator has the code '{code}' ({hint})")
        data = known[code].data
        if isinstance(data, dict) and data.get("exempt"):  # check would refuse the draft
            raise ScaffoldError(
                f"'{code}' is an exempt indicator ({known[code].path}): a surgery that reviews "
                "it must be exempt too, and new writes a public draft; nothing was written "
                "(leave the indicator out, or write the surgery.yml yourself with exempt: "
                "as the officers' reference shows)")
    folder = records / f"{day.isoformat()}-{slugify(title, empty='surgery')}"
    target = folder / "surgery.yml"
    if os.path.lexists(folder):
        raise ScaffoldError(f"{shown(folder)}/ already exists; nothing was written "
                            "(choose another title or date, or edit the existing record)")
    indicators = "\n".join(f"  - {_q(code)}" for code in dict.fromkeys(codes))
    # the schemas beside the records, or the project's: copied beside them if neither is there
    reference = modeline.working_reference(records, folder, "surgery")
    text = f"""\
{modeline.MODELINE}{reference or "../.schemas/surgery.schema.json"}
# A new meeting's record, started by `build.py new` (the records format calls each
# meeting a surgery, whatever the council calls it). It stays out of every site while it
# is a draft. Before you set status: published, add minutes.yml and action-plans/ (or, if
# the meeting agreed no actions, a line such as
#   no_actions: The committee noted the report.
# ), and replace each "To be confirmed" below. See the records reference in the officers'
# guide.
title: {_q(title)}
date: {day.isoformat()}
# time: "14:00"
# venue: Committee Room 1
status: draft
chair:
  role: To be confirmed
attendees:
  - role: To be confirmed
indicators:
{indicators}
"""
    doc, problems = parse_document(text, shown(target))  # what is written passes check
    problems += validate(doc, "surgery") if doc is not None else []
    if problems:
        raise ScaffoldError(f"the record would not pass check, so nothing was written: "
                            f"{problems[0].message}")
    try:
        if reference is None:
            write_schemas(records)
        folder.mkdir(parents=True)
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ScaffoldError(f"could not write {shown(target)}: {error.strerror or error}") \
            from None
    return target, reference is None
