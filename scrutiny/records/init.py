"""`build.py init`: start a records folder for a council, with files that pass check.

It writes archive.yml (the organisation, and every optional key as a commented example),
one indicator to copy, and the schemas beside the records (.schemas/), so that each file's
$schema line resolves wherever the folder is kept.
"""

from __future__ import annotations

from pathlib import Path

from ..problems import command, shown
from . import modeline
from .new import ScaffoldError, _q, refuse_unsafe
from .schema import validate, write_schemas
from .source import parse_document


class WriteError(ScaffoldError):
    """The folder could not be written (a full or read-only disk): not a bad flag."""


EXAMPLE_INDICATOR = "example-indicator"  # indicators/<this>.yml: rename it, or copy it

ARCHIVE = """\
{modeline}
# Who publishes this archive. Only organisation is required; to use another key, remove the
# "# " before its lines. The officers' records reference ("Who publishes the archive")
# says what each key means.
organisation: {organisation}
# website: https://www.example.gov.uk/
#
# Where this archive's site will be published (its feeds, calendar and sitemap give this
# address), where the members' site is served, and where its records are kept (every
# page's header links there):
# site_url: https://scrutiny.example.gov.uk/
# members_site_url: https://members.scrutiny.example.gov.uk/
# repository: https://github.com/example-council/scrutiny-records
# If that repository is private (it holds exempt records, say), the public site
# should not link to it, since residents could not open it:
# repository_private: true
#
# What the council calls the meetings this archive holds (default: surgery, surgeries):
# meetings:
#   name: overview and scrutiny committee meeting
#   plural: overview and scrutiny committee meetings
#   description: The committee reviews the council's performance each quarter.
#
# The About page's own text: whose records these are, and what is sample data.
# about: |
#   These are the council's performance scrutiny records since April 2023.
#
# The licence the records and figures are published under. Without one, the site and the
# downloads say "No licence stated".
# licence:
#   name: Open Government Licence v3.0
#   url: https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/
#
# Comparators beyond the built-in statistical_neighbours, england and region:
# comparators:
#   - key: national-target
#     name: National target
# region: South East
# statistical_neighbours: [Another District Council, A Third District Council]
#
# Which law an exempt item's paragraph refers to: england (the default), wales or scotland.
# jurisdiction: england
#
# The committees the meetings report to (a report's committee: names one of these):
# committees:
#   - name: Overview and Scrutiny Committee
#     url: https://www.example.gov.uk/committees/overview-and-scrutiny
#
# Who to contact about the archive:
# contact:
#   name: Democratic Services
#   email: democratic.services@example.gov.uk
#   phone: 01234 567890
"""

INDICATOR = """\
{modeline}
# One indicator: its definition and its figures over time. Give it your council's title,
# unit and polarity, then add figures under values. A code is optional: without one, a
# meeting's record (its surgery.yml) lists it by this file's name ({slug}). Rename or copy
# this file for each indicator.
title: Example indicator (replace with one of the council's own)
unit: "%"
polarity: higher-is-better
# code: PI 01          # only if the council's reports give the measure a code
# tolerance: 0.5       # "Near target" when within this much of the target
values: []
# values:
#   - date: 2024-03-31
#     label: 2023/24
#     value: 97.5
#     target: 98
#   - date: 2024-06-30   # a year-to-date figure for a quarter
#     label: Q1 2024/25
#     period: quarter
#     cumulative: true
#     value: 28.9
#     target: 29
#     published: 2024-08-15   # when it was first published, where known
#   - date: 2024-09-30   # the report gives a judgement but no number
#     label: Q2 2024/25
#     period: quarter
#     value: null
#     reported: on-target
"""


def init_records(records: Path, organisation: str) -> list[Path]:
    """Start a records folder at `records`, which must be new or empty; the files written."""
    organisation = " ".join(organisation.split())
    if not organisation:
        raise ScaffoldError('the organisation is empty; give it with --organisation "..."')
    refuse_unsafe(organisation, "organisation")
    if records.exists() and not records.is_dir():
        raise ScaffoldError(f"{shown(records)} is a file, not a folder; nothing was written "
                            "(give a new folder with --records)")
    if records.is_dir() and any(records.iterdir()):
        add = command("new", records, "--date", "YYYY-MM-DD", "--title", '"..."',
                      "--indicator", "CODE")
        raise ScaffoldError(f"{shown(records)}/ is not empty; nothing was written (give a new "
                            f"or empty folder with --records, or add to the records there "
                            f"with: {add})")
    files = {
        records / "archive.yml": ("archive", ARCHIVE.format(
            modeline=modeline.MODELINE + f"{modeline.BESIDE}/archive.schema.json",
            organisation=_q(organisation))),
        records / "indicators" / f"{EXAMPLE_INDICATOR}.yml": ("indicator", INDICATOR.format(
            modeline=modeline.MODELINE + f"../{modeline.BESIDE}/indicator.schema.json",
            slug=EXAMPLE_INDICATOR)),
    }
    for file, (kind, text) in files.items():  # what is written passes check
        doc, problems = parse_document(text, shown(file))
        problems += validate(doc, kind) if doc is not None else []
        if problems:
            raise ScaffoldError(f"{file.name} would not pass check, so nothing was written: "
                                f"{problems[0].message}")
    try:
        (records / "indicators").mkdir(parents=True, exist_ok=True)
        schemas = write_schemas(records)
        for file, (_, text) in files.items():
            file.write_text(text, encoding="utf-8")
    except OSError as error:
        raise WriteError(f"could not write {shown(records)}/: {error.strerror or error}") \
            from None
    return [*files, schemas]
