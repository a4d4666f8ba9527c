"""The docs say what the code does: every schema key, every command and option."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import shutil

import pytest
from conftest import ROOT, schema_keys

import build
from scrutiny.records import read_archive, registry
from scrutiny.records.registry import RULES
from scrutiny.records.schema import RECORD_KINDS, load_schema

REFERENCE = (ROOT / "docs" / "officers" / "reference.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_every_schema_key_is_in_the_reference(kind):
    schema = load_schema(kind)
    defs = {**load_schema("common")["$defs"], **schema.get("$defs", {})}
    missing = sorted(k for k in schema_keys(schema, defs) if f"`{k}`" not in REFERENCE)
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


def test_every_command_and_option_is_in_the_readme(capsys):
    """Each command's --help, as a user reads it, against the README."""
    with pytest.raises(SystemExit):
        build.main(["--help"])
    commands = re.findall(r"^    (\w+)\s{2,}", capsys.readouterr().out, re.M)
    assert commands == ["init", "check", "new", "export", "build", "serve"]
    for name in commands:
        assert f"build.py {name}" in README, name
        with pytest.raises(SystemExit):
            build.main([name, "--help"])
        for option in set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", capsys.readouterr().out)):
            if option != "--help":
                assert f"`{option}" in README, (name, option)


def test_every_rule_is_in_the_records_reference():
    """Officers search for a problem's id: the reference explains every id the checker can
    give, in the registry's words, and no id it cannot."""
    section = REFERENCE[REFERENCE.index("## What the checker reports"):]
    section = section[:section.index("\n## ", 1)]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (.*) \|$", section, re.M)
    assert len(rows) > 40 and len({rule for rule, _ in rows}) == len(rows)
    assert dict(rows) == {rule.id: rule.means for rule in RULES.values()}


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda rule: rule.id)
def test_each_rule_is_reported_where_the_registry_says(rule):
    name = rule.id.upper().replace("-", "_")  # its constant in registry.py
    assert getattr(registry, name) == rule.id
    for where in rule.found_in:
        module, *names = where.split(".")
        found = importlib.import_module(f"scrutiny.records.{module}")
        for part in names:
            found = getattr(found, part)
        assert re.search(rf"\b{name}\b", inspect.getsource(found)), (where, name)


def test_rule_ids_are_named_from_the_registry():
    """A rule id written out where a problem is made would, misspelt, be a new id that no
    page explains; named from the registry, a misspelling fails on import."""
    for path in sorted((ROOT / "scrutiny").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            given = [k.value for k in node.keywords if k.arg == "rule"]
            if getattr(node.func, "attr", None) == "_refuse":  # source.py: (event, rule, ...)
                given.append(node.args[1])
            for value in given:
                assert not isinstance(value, ast.Constant), f"{path.name}:{value.lineno}"
