"""Validate records against the JSON Schemas in schema/, the single source of the format."""

from __future__ import annotations

import copy
import difflib
import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..names import did_you_mean, parse_date
from ..problems import Problem
from . import modeline
from .model import SCHEDULES
from .registry import (
    BAD_DATE,
    BAD_FORM,
    EMPTY_FILE,
    EMPTY_TEXT,
    MISSING_KEY,
    NOT_ALLOWED,
    OUT_OF_RANGE,
    SCHEMA,
    TOO_FEW_ENTRIES,
    UNKNOWN_KEY,
    WRONG_TYPE,
)
from .source import MAX_DEPTH, Document

if TYPE_CHECKING:  # jsonschema is imported when a record has problems to word (0.1 s)
    from importlib.resources.abc import Traversable

    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


def _schema_folder() -> Traversable:
    """schema/ as installed (scrutiny.schemas), or beside scrutiny/ uninstalled (pre-commit)."""
    try:
        return resources.files("scrutiny.schemas")
    except ModuleNotFoundError:  # a source checkout run as is, e.g. by pre-commit's hook
        beside = Path(__file__).resolve().parents[2] / "schema"
        if not (beside / "common.schema.json").is_file():
            raise
        return beside


SCHEMAS = _schema_folder()  # schema/ in the project
RECORD_KINDS = ("archive", "surgery", "indicator", "action-plan", "minutes")
MAX_PER_FILE = 200  # schema problems worded per file; check says how many of a kind more
COMMON = "common.schema.json"  # what the record schemas' $refs name


def _is_date(value: object) -> bool:
    """The "date" format: exactly YYYY-MM-DD, and a real day."""
    if isinstance(value, str):
        parse_date(value)
    return True


def load_schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


@cache
def validator(kind: str) -> Draft202012Validator:
    """The reference validator for one kind of record, built once: it words every error."""
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource

    dates = FormatChecker(formats=())
    dates.checks("date", raises=ValueError)(_is_date)
    common = Registry().with_resource(COMMON, Resource.from_contents(load_schema("common")))
    return Draft202012Validator(load_schema(kind), registry=common, format_checker=dates)


@cache
def quick_validator(kind: str):
    """jsonschema-rs (compiled) answers "valid?" quickly; None where it is not installed."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - the Python validator alone is correct, slower
        return None
    common = jsonschema_rs.Registry([(COMMON, load_schema("common"))])
    return jsonschema_rs.Draft202012Validator(load_schema(kind), registry=common,
                                              validate_formats=True)


def validate(doc: Document, kind: str) -> list[Problem]:
    """Every schema problem in one record, worded for an officer."""
    if doc.data is None:
        return [Problem(doc.path, 1, 1, f"the file is empty; expected a {_KIND_WORDS[kind]}",
                        f"start from the example in the officers' reference ({kind} records)",
                        rule=EMPTY_FILE)]
    fast = quick_validator(kind)
    if fast is not None and fast.is_valid(doc.data):
        return []
    found: dict[tuple, Problem] = {}
    for error in validator(kind).iter_errors(doc.data):
        for problem in _explain(doc, kind, error):
            found.setdefault((problem.line, problem.col, problem.message), problem)
        if len(found) >= MAX_PER_FILE:  # the rest of a broken file adds nothing but time
            break
    return list(found.values())


# Keys whose absence the rules across files read as a statement: not exempt, no status, no
# chair, no codes but the file's name, a yearly figure, England's law, no comparators of the
# archive's own. One that fails its schema is never dropped, nor an unknown key its hint takes
# for one (`exemt`): what holds it is dropped instead, where that may go.
_NEVER_DROPPED = frozenset({"exempt", "status", "no_actions", "chair", "attendees", "invited",
                            "code", "aliases", "period", "jurisdiction", "comparators"})


def usable_data(doc: Document, kind: str) -> Any | None:
    """What the rules across files may read of a record that failed its schema: its data less
    the keys it can do without (unknown keys, optional values of the wrong form, and what
    held a value that had to go, where that is optional too), if that passes the schema.
    None where it does not: then nothing of the file is read but the names it may give.
    The file's own problems are reported by `validate` all the same."""
    if not isinstance(doc.data, dict):
        return None
    data = copy.deepcopy(doc.data)
    fast = quick_validator(kind)
    for _ in range(MAX_DEPTH):  # each round drops a key at least; the rest are inside one
        if fast is not None and fast.is_valid(data):
            return data
        cuts: set[tuple] = set()
        for n, error in enumerate(validator(kind).iter_errors(data)):
            if n >= MAX_PER_FILE:
                return None  # a file this broken is not worth guessing at
            for cut in _cuts(error):
                if cut is None:
                    return None
                cuts.add(cut)
        if not cuts:
            return data
        for cut in sorted(cuts, key=len):  # a holder first; what was inside it is gone
            _drop(data, cut)
    return None


def _cuts(error: ValidationError) -> list[tuple | None]:
    """The key to drop for each value a schema error is about; None where it may not go."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        kept = [k for k in known if k in _NEVER_DROPPED]
        return [_holder(path + (key,), meant=len(key) <= 200 and bool(
                    difflib.get_close_matches(key, kept, n=1, cutoff=0.6)))
                for key in error.instance if key not in known]
    return [_holder(path)]


def _holder(path: tuple, meant: bool = False) -> tuple | None:
    """The path of the innermost key at or above `path` that may be dropped (not a list
    entry, nor a key in _NEVER_DROPPED or, `meant`, a misspelling of one); None if only the
    record holds it."""
    parts = list(path)
    while parts:
        last = parts[-1]
        if isinstance(last, str) and last not in _NEVER_DROPPED and not meant:
            return tuple(parts)
        parts.pop()
        meant = False
    return None


def _drop(data: Any, path: tuple) -> None:
    node = data
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return  # inside a key already dropped
    if isinstance(node, dict):
        node.pop(path[-1], None)


_KIND_WORDS = {
    "archive": "archive record",
    "surgery": "surgery record",
    "indicator": "indicator record",
    "action-plan": "action plan",
    "minutes": "minutes record",
}


def format_path(path: Iterable[Any]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _where(path: tuple, kind: str) -> str:
    return format_path(path) or _KIND_WORDS[kind]


def describe(value: Any) -> str:
    """A value as an officer would recognise it in their file."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping of keys"


_TYPE_WORDS = {
    "string": "text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of keys",
    "null": "null",
}


def _explain(doc: Document, kind: str, error: ValidationError) -> list[Problem]:
    path = tuple(error.absolute_path)
    where = _where(path, kind)
    schema = error.schema if isinstance(error.schema, dict) else {}
    rule = error.validator
    value = error.instance

    if rule == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        problems = []
        for key in value:
            if key in schema.get("properties", {}):
                continue
            hint = did_you_mean(str(key), allowed, "allowed keys: " + ", ".join(allowed))
            problems.append(doc.problem(path + (key,), f"{where}: unknown key '{key}'", hint,
                                        key=True, rule=UNKNOWN_KEY))
        return problems

    if rule == "required":
        problems = []
        unknown = [k for k in value if k not in schema.get("properties", {})]
        for key in error.validator_value:
            if key in value or did_you_mean(key, unknown, ""):
                continue  # a misspelt key is reported once, as unknown, with "did you mean"
            if key == "note" and "then" in error.relative_schema_path:
                message = f"{where}: a figure with no value needs a 'note' saying why"
                hint = ("add note: with the reason, e.g. 'not published for this year'; or "
                        "reported: on-target, near-target or off-target where the source "
                        "gives its judgement without a number")
            else:
                message = f"{where}: missing required key '{key}'"
                description = schema.get("properties", {}).get(key, {}).get("description", "")
                hint = f"add '{key}:' ({description[:1].lower()}{description[1:].rstrip('.')})"
            problems.append(doc.problem(path, message, hint, key=bool(path),
                                        rule=MISSING_KEY))
        return problems

    if rule == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
        hint = ""
        source = doc.sources.get(path)
        if "string" in expected and source is not None:
            hint = f'put it in quotes so that it is read as text: "{source}"'
        elif "string" in expected and value is None:
            hint = "write the text after the colon, or remove the key"
        elif "array" in expected and not isinstance(value, list):
            hint = "write each entry on its own line starting with '- '"
        elif "object" in expected and isinstance(value, str):
            hint = "write the keys indented on the lines below, e.g. role: ..."
        elif expected == ["boolean"]:
            hint = "write true or false"
        elif "number" in expected or "integer" in expected:
            hint = "write the number without units, commas or quotes, e.g. 52.5"
        return [doc.problem(path, f"{where}: expected {wanted} but received {describe(value)}",
                            hint, rule=WRONG_TYPE)]

    if rule == "enum":
        options = [str(o) for o in error.validator_value]
        hint = did_you_mean(str(value), options, "use one of the values listed", cutoff=0.5)
        if kind == "action-plan" and path[-1:] == ("status",) and len(path) == 3:
            hint += ((" Or" if hint.endswith("?") else "; or")  # an action's status
                     + " leave status out where the record does not say")
        return [doc.problem(path, f"{where}: expected one of: {', '.join(options)} "
                            f"but received: {value!r}", hint, rule=NOT_ALLOWED)]

    if (rule == "format" and error.validator_value == "date") or (
            rule == "pattern" and schema.get("format") == "date"):
        return [doc.problem(path, f"{where}: {value!r} is not a real date from 1900 to 2199 "
                            "written YYYY-MM-DD",
                            "write the date as year-month-day, e.g. 2012-02-24",
                            rule=BAD_DATE)]

    if rule == "minItems":
        need = error.validator_value
        return [doc.problem(path, f"{where}: needs at least {need} "
                            f"{'entry' if need == 1 else 'entries'}",
                            "add an entry on a new line starting with '- '",
                            rule=TOO_FEW_ENTRIES)]

    if rule == "minLength":
        return [doc.problem(path, f"{where}: must not be empty",
                            "write the text, or remove the key", rule=EMPTY_TEXT)]

    if rule in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        if path and path[-1] == "paragraph":
            england, wales, scotland = (SCHEDULES[j] for j in ("england", "wales", "scotland"))
            hint = (f"paragraphs are {england.numbers} in England (the default), "
                    f"{wales.numbers} in Wales and {scotland.numbers} in Scotland, as "
                    "archive.yml's jurisdiction says")
        else:
            hint = "use a value within the range"
        bounds = (f"between {low} and {high}" if low is not None and high is not None
                  else f"at least {low}" if low is not None else f"at most {high}")
        if path and path[-1] == "paragraph":  # the bounds of no one schedule
            bounds = "the number of an exempt paragraph"
        return [doc.problem(path, f"{where}: must be {bounds} but received {value!r}", hint,
                            rule=OUT_OF_RANGE)]

    if rule == "pattern":
        description = schema.get("description", "")
        return [doc.problem(path, f"{where}: {value!r} is not in the expected form",
                            description or f"match {error.validator_value}", rule=BAD_FORM)]

    if rule in ("anyOf", "oneOf") and error.context:
        return _explain_choice(doc, kind, error, path, where)

    return [doc.problem(path, f"{where}: {error.message}", rule=SCHEMA)]  # not worded above


def _explain_choice(doc: Document, kind: str, error: ValidationError, path: tuple,
                    where: str) -> list[Problem]:
    """A value that may take one of several forms (a source, or a list of them; a paragraph
    as text, or as a number and text): the problems of the form its type fits, or else
    what forms were expected."""
    branches: dict[object, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    wanted: list[str] = []
    fitting = []
    for found in branches.values():
        types = [e.validator_value for e in found
                 if e.validator == "type" and tuple(e.absolute_path) == path]
        if types:
            wanted += [_TYPE_WORDS.get(t, t) for t in (types[0] if isinstance(types[0], list)
                                                        else [types[0]])]
        else:
            fitting.append(found)
    if len(fitting) == 1:
        return [p for sub in fitting[0] for p in _explain(doc, kind, sub)]
    hint = ("write the text after the colon, or remove the key" if error.instance is None
            else "see the officers' reference for the forms this key takes")
    return [doc.problem(path, f"{where}: expected {' or '.join(dict.fromkeys(wanted))} but "
                        f"received {describe(error.instance)}", hint, rule=WRONG_TYPE)]


def write_schemas(records: Path) -> Path:
    """Copy the installed schemas (scrutiny.schemas, the project's schema/) into
    `records`/.schemas/, so that the records' $schema lines resolve wherever the folder is
    kept; the folder written."""
    target = records / modeline.BESIDE
    target.mkdir(exist_ok=True)
    for kind in (*RECORD_KINDS, "common"):  # the record schemas $ref common.schema.json
        name = modeline.schema_file(kind)
        (target / name).write_text((SCHEMAS / name).read_text(encoding="utf-8"),
                                   encoding="utf-8")
    return target
