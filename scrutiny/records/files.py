"""Find the record files under surgeries/ and read each one against its schema."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..names import SLUG
from ..problems import Problem, init_command, shown
from . import modeline
from .registry import (
    BAD_FILE_NAME,
    MISSING_SURGERY,
    NO_RECORDS,
    SCHEMA_NOT_FOUND,
    SYMBOLIC_LINK,
    UNEXPECTED_FILE,
    UNREADABLE_FILE,
)
from .schema import usable_data, validate
from .source import MAX_BYTES, Document, read_document

IGNORED = {"README.md", "README", ".gitkeep", ".DS_Store"}


@dataclass(frozen=True)
class Broken:
    """A record file that failed to parse, or failed its schema, so the names it gives
    (codes, aliases, action ids, comparator keys) cannot all be read. Its own problems are
    reported; a reference elsewhere to a name that may be one of its own is not reported
    as missing too, or one slip would make an error in every file that refers to it."""

    stem: str  # the file name less .yml: an indicator without a code is known by it
    text: str | None  # the file's text with spaces run together; None if it was not read

    def may_name(self, name: str) -> bool:
        """Whether `name` may be one this file gives: not if its text never has it."""
        if self.text is None:
            return True
        words = re.escape(" ".join(name.split()))
        return re.search(rf"(?<![\w-]){words}(?![\w-])", self.text) is not None


@dataclass
class SurgeryFiles:
    """One surgery folder's record files, parsed and schema-checked."""

    folder: str
    path: Path
    surgery: Document | None = None
    plans: list[tuple[str, Document]] = field(default_factory=list)
    minutes: Document | None = None
    plan_files: int = 0  # .yml files in action-plans/, whether or not they passed
    broken_plans: list[Broken] = field(default_factory=list)  # whose action ids are unsure


@dataclass
class Records:
    """Every record file that could be parsed; `doc.valid` says whether the rules may read its
    data: it passed its schema, or did once the keys it can do without were dropped
    (schema.usable_data; its own problems are reported all the same). Files that are not
    valid are also listed as Broken, for the names they may give."""

    root: Path
    shown_root: str = ""  # shown(root), worked out once: shown() resolves paths, slowly
    archive: Document | None = None  # archive.yml: who publishes the archive
    broken_archive: Broken | None = None  # archive.yml, when it is there but did not pass
    indicators: list[tuple[str, Document]] = field(default_factory=list)
    broken_indicators: list[Broken] = field(default_factory=list)
    surgeries: list[SurgeryFiles] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    parse: Callable[[Path], tuple[Document | None, list[Problem]]] | None = None  # one file
    schemas_found: dict[str, bool] = field(default_factory=dict)  # $schema targets looked up
    homes_found: dict = field(default_factory=dict)  # where each kind's schema is (modeline)


def read_records(root: Path) -> Records:
    records = Records(root, shown(root))
    if not os.path.isdir(root):  # False, too, for a path the file system refuses
        records.problems.append(Problem(
            shown(root), 1, 1, "the records folder does not exist",
            "run the command from the project folder, or pass --records; to start a records "
            f"folder there: {init_command(root)}", rule=NO_RECORDS))
        return records
    _refuse_links(records)
    records.parse = partial(_parse, records.root, records.shown_root)
    _read_all(records)
    return records


def _read_all(records: Records) -> None:
    root = records.root
    for entry in _entries(records, root):
        if entry.name.startswith(".") or entry.name in IGNORED or entry.is_symlink():
            continue
        if entry.name == "archive.yml" and entry.is_file():
            records.archive, records.broken_archive = _read(records, entry, "archive")
        elif entry.name == "indicators" and entry.is_dir():
            _read_indicators(records, entry)
        elif entry.is_dir():
            records.surgeries.append(_read_surgery(records, entry))
        else:
            records.problems.append(_unexpected(entry, "the records folder holds "
                                                "archive.yml, indicators/ and one folder per "
                                                "meeting, named YYYY-MM-DD-slug",
                                                as_yml=entry.stem == "archive"))


def _entries(records: Records, folder: Path) -> list[Path]:
    """A folder's entries in order; none, and a problem, where it cannot be listed."""
    try:
        return sorted(folder.iterdir())
    except OSError as error:
        records.problems.append(Problem(
            shown(folder) + "/", 1, 1, f"cannot read the folder: {error.strerror or error}",
            "check that it exists and that you may read it", rule=UNREADABLE_FILE))
        return []


def _parse(root: Path, shown_root: str, file: Path) -> tuple[Document | None, list[Problem]]:
    return read_document(file, _shown(root, shown_root, file))


def _refuse_links(records: Records) -> None:
    """Every symbolic link under the records, named: none is ever followed, so a link can
    never publish another surgery's (or an exempt surgery's) files."""
    for folder, folders, names in os.walk(records.root):
        folders[:] = [f for f in folders if not f.startswith(".")]
        for name in sorted([*folders, *names]):
            link = Path(folder) / name
            if link.is_symlink():
                records.problems.append(Problem(
                    _shown(records.root, records.shown_root, link), 1, 1,
                    f"'{name}' is a symbolic link",
                    "keep records and papers inside surgeries/ as real files and folders",
                    rule=SYMBOLIC_LINK))


def _read(records: Records, file: Path, kind: str) -> tuple[Document | None, Broken | None]:
    """The file's document, if it parsed; and, if it did not pass, what it may name."""
    if file.is_symlink():  # named by _refuse_links
        return None, None
    records.files += 1
    doc, problems = records.parse(file)
    records.problems.extend(problems)
    if doc is not None:
        _check_schema_line(records, file, doc, kind)
        schema_problems = validate(doc, kind)
        # A value the loader already refused (e.g. an unquoted 'no') is reported once.
        refused = {(p.line, p.col) for p in problems}
        records.problems.extend(p for p in schema_problems if (p.line, p.col) not in refused)
        doc.valid = not problems and not schema_problems
        if not problems and schema_problems:  # a slip the rules can read around, perhaps
            usable = usable_data(doc, kind)
            if usable is not None:
                doc.data, doc.valid = usable, True
        if doc.valid:
            return doc, None
    return doc, Broken(file.stem, _text_of(file))


def _text_of(file: Path) -> str | None:
    """A broken file's text, spaces run together, to look for names in; None where it cannot
    be read, or is far too large to be a record (then it may give any name)."""
    try:
        with open(file, "rb") as handle:
            raw = handle.read(16 * MAX_BYTES + 1)
    except OSError:
        return None
    if len(raw) > 16 * MAX_BYTES:
        return None
    return " ".join(raw.decode("utf-8", errors="replace").split())


def _check_schema_line(records: Records, file: Path, doc: Document, kind: str) -> None:
    """A warning when the file's $schema line points where no schema is: its editor then
    checks nothing, silently. The hint is the path that would work from this file."""
    if doc.schema_line is None:
        return
    reference, line, col = doc.schema_line
    key = os.path.normpath(os.path.join(file.parent, reference))
    if key not in records.schemas_found:
        records.schemas_found[key] = modeline.resolves(file, reference)
    if records.schemas_found[key]:
        return
    working = modeline.working_reference(records.root, file.parent, kind, records.homes_found)
    hint = (f"point it at {working}" if working else
            f"copy the schemas (schema/*.schema.json in the project) into "
            f"{records.shown_root}/{modeline.BESIDE}/ and point it at the "
            f"{modeline.schema_file(kind)} there")
    records.problems.append(Problem(
        doc.path, line, col, f"the $schema line points to {reference}, which does not exist",
        hint, "warning", rule=SCHEMA_NOT_FOUND))


def _shown(root: Path, shown_root: str, file: Path) -> str:
    """shown(file) for a file found under the records folder, without resolving it again."""
    inside = file.relative_to(root).as_posix()
    return inside if shown_root == "." else f"{shown_root}/{inside}"


def _unexpected(entry: Path, hint: str, as_yml: bool = False) -> Problem:
    """`as_yml`: whether the entry, renamed to end in .yml, would be a record that belongs
    here (archive.yaml at the top, any slug in indicators/): then the hint says so."""
    if entry.suffix == ".yaml" and as_yml:
        hint = f"record files end in .yml: rename it to {entry.stem}.yml"
    return Problem(shown(entry), 1, 1, f"unexpected {'folder' if entry.is_dir() else 'file'} "
                   f"'{entry.name}'", hint, rule=UNEXPECTED_FILE)


def _read_indicators(records: Records, folder: Path) -> None:
    for entry in _entries(records, folder):
        if entry.name.startswith(".") or entry.name in IGNORED or entry.is_symlink():
            continue
        if entry.suffix != ".yml" or not entry.is_file():
            records.problems.append(_unexpected(entry, "indicators/ holds one <slug>.yml per "
                                                "indicator", as_yml=bool(SLUG.match(entry.stem))))
            continue
        if not SLUG.match(entry.stem):
            records.problems.append(Problem(
                shown(entry), 1, 1, f"indicator file name '{entry.name}' is not a slug",
                "use lower-case letters, digits and single hyphens, e.g. children-in-care.yml",
                rule=BAD_FILE_NAME))
            continue
        doc, broken = _read(records, entry, "indicator")
        if doc is not None:
            records.indicators.append((entry.stem, doc))
        if broken is not None:
            records.broken_indicators.append(broken)


def _read_surgery(records: Records, folder: Path) -> SurgeryFiles:
    files = SurgeryFiles(folder.name, folder)
    expected = {"surgery.yml", "minutes.yml", "action-plans", "papers"}
    for entry in _entries(records, folder):
        if (entry.name.startswith(".") or entry.name in IGNORED or entry.name in expected
                or entry.is_symlink()):
            continue
        close = [n for n in expected if n.split(".")[0] == entry.stem or n == entry.name + "s"]
        hint = f"did you mean '{close[0]}'?" if close else (
            "a surgery folder holds surgery.yml, minutes.yml, action-plans/ and papers/")
        records.problems.append(_unexpected(entry, hint,
                                            as_yml=entry.stem in ("surgery", "minutes")))
    surgery_file = folder / "surgery.yml"
    if not surgery_file.is_file():
        records.problems.append(Problem(shown(folder) + "/", 1, 1,
                                        "this surgery folder has no surgery.yml",
                                        "every surgery folder needs a surgery.yml",
                                        rule=MISSING_SURGERY))
    else:
        files.surgery, _ = _read(records, surgery_file, "surgery")
    plans = folder / "action-plans"
    if plans.is_dir() and not plans.is_symlink():
        for entry in _entries(records, plans):
            if entry.name.startswith(".") or entry.name in IGNORED or entry.is_symlink():
                continue
            if entry.suffix != ".yml" or not entry.is_file() or not SLUG.match(entry.stem):
                records.problems.append(_unexpected(
                    entry, "action-plans/ holds one <slug>.yml per plan, e.g. pm-04.yml",
                    as_yml=bool(SLUG.match(entry.stem))))
                continue
            files.plan_files += 1
            doc, broken = _read(records, entry, "action-plan")
            if doc is not None:
                files.plans.append((entry.stem, doc))
            if broken is not None:
                files.broken_plans.append(broken)
    minutes = folder / "minutes.yml"
    if minutes.is_file():
        files.minutes, _ = _read(records, minutes, "minutes")
    return files
