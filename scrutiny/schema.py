"""Validate records against the JSON Schemas in schema/, the single source of the format."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .load import Document
from .problems import Problem

if TYPE_CHECKING:  # jsonschema is imported when a record has problems to word (0.1 s)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
RECORD_KINDS = ("surgery", "indicator", "action-plan", "minutes")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def _is_date(value: object) -> bool:
    """The "date" format: exactly YYYY-MM-DD, and a real day."""
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        raise ValueError("not YYYY-MM-DD")
    dt.date.fromisoformat(value)
    return True


def load_schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def bundled_schema(kind: str) -> dict:
    """A record's schema with the common definitions copied in: one self-contained document."""
    common = load_schema("common")["$defs"]

    def rewrite(node):
        if isinstance(node, dict):
            out = {k: rewrite(v) for k, v in node.items()}
            ref = out.get("$ref", "")
            if ref.startswith("common.schema.json#/$defs/"):
                out["$ref"] = "#/$defs/common-" + ref.rsplit("/", 1)[1]
            return out
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        return node

    schema = rewrite(load_schema(kind))
    shared = {f"common-{name}": _local(rewrite(d)) for name, d in common.items()}
    schema["$defs"] = {**schema.get("$defs", {}), **shared}
    return schema


def _local(node):
    """Refs inside common.schema.json point at its own #/$defs/x: rename them common-x."""
    if isinstance(node, dict):
        out = {k: _local(v) for k, v in node.items()}
        ref = out.get("$ref", "")
        if ref.startswith("#/$defs/") and not ref.startswith("#/$defs/common-"):
            out["$ref"] = "#/$defs/common-" + ref.rsplit("/", 1)[1]
        return out
    if isinstance(node, list):
        return [_local(v) for v in node]
    return node


@cache
def validator(kind: str) -> Draft202012Validator:
    """The reference validator for one kind of record, built once: it words every error."""
    from jsonschema import Draft202012Validator, FormatChecker

    dates = FormatChecker(formats=())
    dates.checks("date", raises=ValueError)(_is_date)
    return Draft202012Validator(bundled_schema(kind), format_checker=dates)


@cache
def _fast(kind: str):
    """jsonschema-rs (compiled) answers "valid?" quickly; None where it is not installed."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - the Python validator alone is correct, slower
        return None
    return jsonschema_rs.Draft202012Validator(bundled_schema(kind), validate_formats=True)


def validate(doc: Document, kind: str) -> list[Problem]:
    """Every schema problem in one record, worded for an officer."""
    if doc.data is None:
        return [Problem(doc.path, 1, 1, f"the file is empty; expected a {_KIND_WORDS[kind]}",
                        f"start from the example in the officers' reference ({kind} records)")]
    fast = _fast(kind)
    if fast is not None and fast.is_valid(doc.data):
        return []
    found: dict[tuple, Problem] = {}
    for error in validator(kind).iter_errors(doc.data):
        for problem in _explain(doc, kind, error):
            found.setdefault((problem.line, problem.col, problem.message), problem)
    return list(found.values())


_KIND_WORDS = {
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
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "allowed keys: " + ", ".join(allowed)
            problems.append(doc.problem(path + (key,), f"{where}: unknown key '{key}'", hint,
                                        key=True))
        return problems

    if rule == "required":
        problems = []
        unknown = [k for k in value if k not in schema.get("properties", {})]
        for key in error.validator_value:
            if key in value or difflib.get_close_matches(key, unknown, n=1, cutoff=0.6):
                continue  # a misspelt key is reported once, as unknown, with "did you mean"
            if key == "note" and "then" in error.relative_schema_path:
                message = f"{where}: a figure with no value needs a 'note' saying why"
                hint = "add note: with the reason, e.g. 'not published for this year'"
            else:
                message = f"{where}: missing required key '{key}'"
                description = schema.get("properties", {}).get(key, {}).get("description", "")
                hint = f"add '{key}:' ({description[:1].lower()}{description[1:].rstrip('.')})"
            problems.append(doc.problem(path, message, hint, key=bool(path)))
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
                            hint)]

    if rule == "enum":
        options = [str(o) for o in error.validator_value]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else "use one of the values listed"
        return [doc.problem(path, f"{where}: expected one of: {', '.join(options)} "
                            f"but received: {value!r}", hint)]

    if rule == "format" and error.validator_value == "date":
        return [doc.problem(path, f"{where}: {value!r} is not a real date written YYYY-MM-DD",
                            "write the date as year-month-day, e.g. 2012-02-24")]

    if rule == "minItems":
        need = error.validator_value
        return [doc.problem(path, f"{where}: needs at least {need} "
                            f"{'entry' if need == 1 else 'entries'}",
                            "add an entry on a new line starting with '- '")]

    if rule == "minLength":
        return [doc.problem(path, f"{where}: must not be empty",
                            "write the text, or remove the key")]

    if rule in ("minimum", "maximum"):
        low, high = schema.get("minimum"), schema.get("maximum")
        if path and path[-1] == "paragraph":
            hint = ("Schedule 12A, Part 1 has paragraphs 1 to 7: 1 individual; 2 identity; "
                    "3 financial or business affairs; 4 labour relations; 5 legal privilege; "
                    "6 notices, orders or directions; 7 crime")
        else:
            hint = "use a value within the range"
        bounds = (f"between {low} and {high}" if low is not None and high is not None
                  else f"at least {low}" if low is not None else f"at most {high}")
        return [doc.problem(path, f"{where}: must be {bounds} but received {value!r}", hint)]

    if rule == "pattern":
        description = schema.get("description", "")
        return [doc.problem(path, f"{where}: {value!r} is not in the expected form",
                            description or f"match {error.validator_value}")]

    return [doc.problem(path, f"{where}: {error.message}")]  # a rule not worded above
