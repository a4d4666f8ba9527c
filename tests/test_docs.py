"""The docs say what the code does: every schema key, every command and option."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOT

import build
from scrutiny.archive import read_archive
from scrutiny.schema import RECORD_KINDS, load_schema

REFERENCE = (ROOT / "docs" / "officers" / "reference.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _keys(schema: dict, defs: dict) -> set[str]:
    """Every property name reachable in a schema (following local and common $refs)."""
    found: set[str] = set()
    seen: set[int] = set()

    def walk(node):
        if isinstance(node, dict):
            if id(node) in seen:
                return
            seen.add(id(node))
            ref = node.get("$ref", "")
            if ref:
                walk(defs[ref.split("/")[-1]])
            for key, value in node.get("properties", {}).items():
                found.add(key)
                walk(value)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return found


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_every_schema_key_is_in_the_reference(kind):
    schema = load_schema(kind)
    defs = {**load_schema("common")["$defs"], **schema.get("$defs", {})}
    missing = sorted(k for k in _keys(schema, defs) if f"`{k}`" not in REFERENCE)
    assert missing == []


@pytest.mark.parametrize("kind", RECORD_KINDS + ("common",))
def test_every_schema_key_has_a_description(kind):
    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                assert value.get("description") or "$ref" in value, f"{kind}: {path}.{key}"
            for key, value in node.items():
                if key not in ("if", "then", "else"):  # conditions, not keys
                    walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}[{i}]")
    walk(load_schema(kind), kind)


def test_every_enum_value_is_in_the_reference():
    for kind in RECORD_KINDS:
        text = str(load_schema(kind))
        for values in re.findall(r"'enum': \[([^\]]*)\]", text):
            for value in re.findall(r"'([^']*)'", values):
                assert f"`{value}`" in REFERENCE, value


def test_worked_example_checks_clean(tmp_path, monkeypatch):
    blocks = re.findall(r"`(surgeries/[^`]+\.yml)`:\n\n```yaml\n(.*?)```", REFERENCE, re.S)
    assert len(blocks) == 4
    for path, text in blocks:
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    # the modelines point at ../schema from the records' place in a project
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    checked = read_archive(tmp_path / "surgeries")
    assert checked.problems == [] and checked.archive is not None


def test_every_command_and_option_is_in_the_readme():
    parser = build.parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():
        assert f"build.py {name}" in README, name
        for action in command._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert f"`{option}" in README, (name, option)
