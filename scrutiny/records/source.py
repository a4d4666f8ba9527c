"""Read one YAML record safely, keeping the line and column of every value.

The C parser (when present) produces events; we build plain Python values from them
so that nothing YAML can express beyond data — tags, anchors, aliases, merge keys —
ever reaches the archive, and every value keeps its place for error messages.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import Problem
from . import modeline
from .registry import (
    ALIAS,
    AMBIGUOUS_BOOLEAN,
    ANCHOR,
    CONTROL_CHARACTER,
    DUPLICATE_KEY,
    FILE_TOO_LARGE,
    MERGE_KEY,
    NON_TEXT_KEY,
    NOT_UTF8,
    NUMBER_TOO_LARGE,
    TAG,
    TOO_DEEP,
    TWO_DOCUMENTS,
    UNREADABLE_FILE,
    YAML_SYNTAX,
)

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 24  # records nest six deep at most; deeper is an attack on the validators
LARGEST = 10**15  # the largest number a record may hold, either sign: finite and exact

# Characters no record text needs and that can do harm: C0 and C1 controls (they break
# XML, YAML front matter and terminals), line and paragraph separators, the bidi
# overrides that make text read differently from what it is, and Unicode noncharacters
# (XML may not hold U+FFFE or U+FFFF).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                     r"\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]")  # and noncharacters

Place = tuple[int, int]
RecordPath = tuple[Any, ...]

_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# YAML 1.1 (PyYAML, many tools) reads these as booleans; YAML 1.2 (editors) as text.
_AMBIGUOUS = {
    "yes": True, "Yes": True, "YES": True, "on": True, "On": True, "ON": True,
    "no": False, "No": False, "NO": False, "off": False, "Off": False, "OFF": False,
}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")


@dataclass
class Document:
    """A record's data with the place of every value and key in its file."""

    path: str
    data: Any
    places: dict[RecordPath, Place] = field(default_factory=dict)
    key_places: dict[RecordPath, Place] = field(default_factory=dict)
    sources: dict[RecordPath, str] = field(default_factory=dict)  # plain scalars read as non-text
    # false once a problem is found in the file itself, unless its schema problems are only
    # keys it can do without: then `data` is the record without them (files._read)
    valid: bool = True
    # the `# yaml-language-server: $schema=` line's path, line and column (modeline.py)
    schema_line: tuple[str, int, int] | None = None

    def place(self, path: RecordPath) -> Place:
        """Where the value at `path` starts; its nearest parent's place if it has none."""
        path = tuple(path)
        while path:
            if path in self.places:
                return self.places[path]
            path = path[:-1]
        return self.places.get((), (1, 1))

    def key_place(self, path: RecordPath) -> Place:
        return self.key_places.get(tuple(path)) or self.place(path)

    def problem(self, path: RecordPath, message: str, hint: str = "", *, key: bool = False,
                severity: str = "error", rule: str) -> Problem:
        """A problem with the value (or with `key`, its key) at `path`; `rule` is its id in
        registry.py."""
        line, col = self.key_place(path) if key else self.place(path)
        return Problem(self.path, line, col, message, hint, severity,  # type: ignore[arg-type]
                       rule=rule)


class _Duplicate:
    """Path segment for the value of a refused key: built, checked for syntax, then dropped."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key


def read_document(file: Path, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """Read a record file; refuse what is not plain, safe, UTF-8 YAML data."""
    try:
        with open(file, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        return None, [Problem(shown_as, 1, 1, f"cannot read the file: {reason}",
                              "check that it exists and that you may read it",
                              rule=UNREADABLE_FILE)]
    if len(raw) > MAX_BYTES:
        return None, [Problem(shown_as, 1, 1, "the file is larger than 1 MB",
                              "split it, or attach long material as a paper",
                              rule=FILE_TOO_LARGE)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(
            shown_as, line, col,
            f"the file is not UTF-8 text (byte 0x{raw[error.start]:02X} cannot be read)",
            "save it with UTF-8 encoding (VS Code: 'Save with Encoding' > UTF-8)",
            rule=NOT_UTF8)]
    if text.startswith("\ufeff"):
        text = text[1:]
    doc, problems = parse_document(text, shown_as)
    if doc is not None:
        doc.schema_line = modeline.find(text)
    return doc, problems


def parse_document(text: str, shown_as: str) -> tuple[Document | None, list[Problem]]:
    builder = _Builder(shown_as)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(shown_as, error, text)]
    except yaml.YAMLError as error:  # pragma: no cover - errors without a mark
        return None, [Problem(shown_as, 1, 1, f"YAML syntax error: {error}",
                              "check the file's indentation and quotes", rule=YAML_SYNTAX)]
    return builder.document, builder.problems


def _syntax_problem(shown_as: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = (error.problem or "").strip()
    lines = text.splitlines()
    at = lines[line - 1][col - 1:col] if line <= len(lines) else ""
    if at == "\t" or "\t" in what:
        hint = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in what:
        hint = "text that contains ': ' must be put in quotes"
    elif "could not find expected ':'" in what:
        hint = "each line of a mapping needs 'key: value'; text running over lines needs quotes"
    elif "found character '@'" in what or "found character '`'" in what:
        hint = "text starting with @ or ` must be put in quotes"
    elif "found undefined alias" in what or "found unknown escape" in what:
        hint = "put the text in single quotes"
    else:
        hint = "check the indentation and quotes on this line and the line above"
    context = f" {error.context}" if error.context and error.context != what else ""
    return Problem(shown_as, line, col, f"YAML syntax error:{context} {what}".rstrip(), hint,
                   rule=YAML_SYNTAX)


class _Builder:
    """Turns parser events into dicts, lists and scalars, noting places and refusals."""

    def __init__(self, shown_as: str) -> None:
        self.document = Document(shown_as, None)
        self.problems: list[Problem] = []
        self.stack: list[list[Any]] = []  # [container, path, pending key or None]
        self.documents = 0
        self.skipping = 0  # how deep inside a refused, too-deeply nested value we are

    def _refuse(self, event: Any, rule: str, message: str, hint: str) -> None:
        mark = event.start_mark
        self.problems.append(Problem(self.document.path, mark.line + 1, mark.column + 1,
                                     message, hint, rule=rule))

    def feed(self, event: Any) -> None:
        kind = type(event)
        if self.skipping:
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self.skipping += 1
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                self.skipping -= 1
            return
        if (kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent) and len(
                self.stack) >= MAX_DEPTH:
            self._refuse(event, TOO_DEEP, f"lists and mappings nested more than {MAX_DEPTH} "
                         "deep", "no record nests this deep: check the indentation")
            self.skipping = 1
            self._node(event, None, scalar=True)
            return
        if kind is yaml.ScalarEvent:
            self._node(event, self._scalar(event), scalar=True)
        elif kind is yaml.MappingStartEvent:
            self._node(event, {})
        elif kind is yaml.SequenceStartEvent:
            self._node(event, [])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.stack.pop()
        elif kind is yaml.AliasEvent:
            self._refuse(event, ALIAS,
                         f"aliases (*{event.anchor}) are not allowed in records",
                         "write the value out in full where it is needed")
            self._node(event, None, scalar=True)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self._refuse(event, TWO_DOCUMENTS,
                             "a record file holds one YAML document; found another",
                             "remove the '---' line, or split the documents into files")

    def _scalar(self, event: Any) -> Any:
        value = event.value
        bad = CONTROL.search(value)
        if bad:
            self._refuse(event, CONTROL_CHARACTER,
                         f"the text holds an invisible control character "
                         f"({repr(bad.group())[1:-1]})",
                         "retype the text, or remove the character (it often comes from "
                         "pasting out of another program)")
            return CONTROL.sub("", value)
        if not event.implicit[0]:  # quoted or block text is always text
            return value
        if value in _NULL:
            return None
        if value in _BOOL:
            return _BOOL[value]
        if value in _AMBIGUOUS:
            self._refuse(event, AMBIGUOUS_BOOLEAN,
                         f"'{value}' is read as {str(_AMBIGUOUS[value]).lower()} by some "
                         "YAML readers and as text by others",
                         f'write true or false for a yes/no value, or "{value}" in quotes for text')
            return value
        if _INT.match(value) or _FLOAT.match(value):
            return self._number(event, value)
        return value

    def _number(self, event: Any, text: str) -> Any:
        """A number the site can show and compare: finite, and within ±10^15."""
        digits = len(text.lstrip("+-").split(".")[0].split("e")[0].split("E")[0])
        number = float(text) if digits <= 20 else math.inf
        if not math.isfinite(number) or abs(number) > LARGEST:
            self._refuse(event, NUMBER_TOO_LARGE, f"the number {text[:20]}"
                         f"{'...' if len(text) > 20 else ''} is too large for a record",
                         "numbers in records are at most 1,000,000,000,000,000 either way; "
                         "check for a typing slip")
            return text
        return int(text) if _INT.match(text) else number

    def _node(self, event: Any, value: Any, scalar: bool = False) -> None:
        if getattr(event, "anchor", None) and type(event) is not yaml.AliasEvent:
            self._refuse(event, ANCHOR, f"anchors (&{event.anchor}) are not allowed in records",
                         "write the value out in full where it is needed")
        tag = getattr(event, "tag", None)
        if tag is not None:
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            self._refuse(event, TAG, f"tags ({tag}) are not allowed in records",
                         "remove the tag; write the value plainly, in quotes if it is text")
        mark = event.start_mark
        place = (mark.line + 1, mark.column + 1)
        if not self.stack:
            path: RecordPath = ()
            if self.documents <= 1:
                self.document.data = value
        else:
            frame = self.stack[-1]
            container, parent = frame[0], frame[1]
            if isinstance(container, list):
                path = parent + (len(container),)
                container.append(value)
            elif frame[2] is None:  # this node is a key
                self._key(event, frame, value, place, scalar)
                return
            else:
                path = parent + (frame[2],)
                if not isinstance(frame[2], _Duplicate):
                    container[frame[2]] = value
                frame[2] = None
        self.document.places[path] = place
        if value is not None and scalar and not isinstance(value, str):
            self.document.sources[path] = event.value
        if not scalar:
            self.stack.append([value, path, None])

    def _key(self, event: Any, frame: list[Any], value: Any, place: Place, scalar: bool) -> None:
        container, parent = frame[0], frame[1]
        if not scalar:
            self._refuse(event, NON_TEXT_KEY, "a key must be plain text",
                         "write the key as a single word")
            frame[2] = _Duplicate("?")
            self.stack.append([value, parent + (frame[2],), None])
            return
        key = event.value if isinstance(value, (bool, type(None))) else value
        key = key if isinstance(key, str) else str(key)
        if key == "<<" and event.implicit[0]:
            self._refuse(event, MERGE_KEY, "merge keys (<<) are not allowed in records",
                         "write each key out in full")
            frame[2] = _Duplicate(key)
            return
        if key in container:
            first = self.document.key_places.get(parent + (key,), place)
            self._refuse(event, DUPLICATE_KEY,
                         f"duplicate key '{key}' (first given on line {first[0]})",
                         "keep one of them; YAML would silently use the last")
            frame[2] = _Duplicate(key)
            return
        self.document.key_places[parent + (key,)] = place
        frame[2] = key
