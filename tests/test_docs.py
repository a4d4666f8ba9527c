"""The docs say what the code does: every schema key, every command and option."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOT, schema_keys

import build
from scrutiny.records import read_archive
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
    assert commands == ["check", "new", "export", "build", "serve"]
    for name in commands:
        assert f"build.py {name}" in README, name
        with pytest.raises(SystemExit):
            build.main([name, "--help"])
        for option in set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", capsys.readouterr().out)):
            if option != "--help":
                assert f"`{option}" in README, (name, option)


def test_every_rule_id_is_in_the_records_reference():
    """Officers search for a problem's id: every id the checker can give is explained."""
    code = "\n".join(p.read_text() for p in (ROOT / "scrutiny").rglob("*.py"))
    ids = set(re.findall(r'rule="([a-z0-9-]+)"', code))
    ids |= set(re.findall(r'_refuse\(\s*event, "([a-z0-9-]+)"', code))
    assert len(ids) > 40
    section = REFERENCE[REFERENCE.index("## What the checker reports"):]
    for rule in sorted(ids | {"schema"}):
        assert f"`{rule}`" in section, rule
