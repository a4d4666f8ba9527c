"""Adopting it (issue 22): `build.py init` starts a council's records folder, the `$schema`
lines resolve wherever the folder is, and every command suggested names the folder in use."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

import build
from scrutiny.records.schema import validate
from scrutiny.records.source import parse_document

COUNCIL = "Ashdown District Council"


@pytest.fixture
def started(tmp_path, monkeypatch, capsys):
    """`init --records council` run in an empty folder; what it printed."""
    monkeypatch.chdir(tmp_path)
    assert build.main(["init", "--records", "council", "--organisation", COUNCIL]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    return tmp_path / "council", err


def test_init_writes_records_that_pass_check_strict(started, capsys):
    records, printed = started
    assert printed.splitlines() == [
        "Wrote council/:",
        "  council/archive.yml",
        "  council/indicators/example-indicator.yml",
        "  council/.schemas/",
        "Next: give council/indicators/example-indicator.yml your indicator's title, unit and "
        "figures (one file per indicator), then check the folder and start a meeting's record:",
        "  python build.py check --records council --strict",
        '  python build.py new --records council --date YYYY-MM-DD --title "..." '
        "--indicator example-indicator",
    ]
    assert yaml.safe_load((records / "archive.yml").read_text()) == {"organisation": COUNCIL}
    indicator = yaml.safe_load((records / "indicators" / "example-indicator.yml").read_text())
    assert "code" not in indicator and indicator["values"] == []
    assert build.main(["check", "--records", "council", "--strict"]) == 0
    assert "Checked 2 record files: 0 errors, 0 warnings." in capsys.readouterr().err


def test_the_printed_commands_work_and_the_schema_lines_resolve_wherever_the_folder_goes(
        started, tmp_path, monkeypatch, capsys):
    records, _ = started
    moved = tmp_path / "elsewhere" / "deeper" / "records"
    shutil.move(records, moved)
    monkeypatch.chdir(moved.parent)
    assert build.main(["new", "--records", "records", "--date", "2024-06-13", "--title",
                       "Quarter 4 report", "--indicator", "example-indicator"]) == 0
    assert capsys.readouterr().err.endswith(
        "Fill it in, then run: python build.py check --records records\n")
    files = sorted(moved.rglob("*.yml"))
    assert len(files) == 3
    for file in files:
        first = file.read_text().splitlines()[0]
        reference = first.removeprefix("# yaml-language-server: $schema=")
        assert reference != first and "/.schemas/" in f"/{reference}", file
        assert (file.parent / reference).is_file(), file
    assert build.main(["check", "--records", "records", "--strict"]) == 0


def test_archive_examples_are_the_contracts_optional_keys_and_valid_uncommented(started):
    records, _ = started
    text = (records / "archive.yml").read_text()
    # an example is a commented key, or a commented line indented under one
    uncommented = re.sub(r"(?m)^# (?=[a-z_]+:|  )", "", text)
    data = yaml.safe_load(uncommented)
    for key in ("meetings", "licence", "comparators", "jurisdiction", "committees", "contact",
                "about"):
        assert key in data, key
    doc, problems = parse_document(uncommented, "archive.yml")
    assert problems == [] and validate(doc, "archive") == []


def test_init_refuses_a_folder_that_is_not_empty(started, capsys):
    records, _ = started
    before = {p: p.read_bytes() for p in records.rglob("*") if p.is_file()}
    assert build.main(["init", "--records", "council", "--organisation", "Other"]) == 2
    assert capsys.readouterr().err == (
        "build.py init: council/ is not empty; nothing was written (give a new or empty folder "
        "with --records, or add to the records there with: python build.py new --records "
        'council --date YYYY-MM-DD --title "..." --indicator CODE)\n')
    assert {p: p.read_bytes() for p in records.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("name", ["Ashdown\x1b[2J District", "Ashdown\u202e District",
                                  "Ashdown\nDistrict\x00"])
def test_init_refuses_a_name_with_a_control_character(name, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert build.main(["init", "--records", "council", "--organisation", name]) == 2
    err = capsys.readouterr().err
    assert err.startswith("build.py init: the organisation holds an invisible control "
                          "character (") and err.count("\n") == 1
    assert not (tmp_path / "council").exists()


def test_new_without_a_records_folder_names_the_init_command(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert build.main(["new", "--records", "council", "--date", "2024-06-13", "--title",
                       "Quarter 4", "--indicator", "x"]) == 1
    assert capsys.readouterr().err == (
        "build.py new: there is no records folder at council/; nothing was written (start one "
        'with: python build.py init --records council --organisation "...")\n')
    assert not (tmp_path / "council").exists()


def test_a_schema_line_pointing_at_no_file_is_a_warning_with_the_path_that_works(
        started, capsys):
    records, _ = started
    indicator = records / "indicators" / "example-indicator.yml"
    indicator.write_text(indicator.read_text().replace(
        "$schema=../.schemas/", "$schema=../../schema/", 1))
    assert build.main(["check", "--records", "council"]) == 0
    assert capsys.readouterr().out == (
        "council/indicators/example-indicator.yml:1:33: warning: the $schema line points to "
        "../../schema/indicator.schema.json, which does not exist (hint: point it at "
        "../.schemas/indicator.schema.json)\n")
    assert build.main(["check", "--records", "council", "--strict", "--format", "json"]) == 1
    assert '"rule": "schema-not-found"' in capsys.readouterr().out


def test_the_project_samples_schema_lines_resolve_without_a_warning(capsys):
    """The sample archive points at ../schema/ in this project, the district sample at the
    project's schema/ from tests/samples/district/: both resolve."""
    from conftest import ROOT
    for records in (ROOT / "surgeries", ROOT / "tests" / "samples" / "district"):
        assert build.main(["check", "--records", str(records), "--strict"]) == 0
        assert capsys.readouterr().out == ""


def test_a_failed_build_gives_its_next_command_with_every_option(started, capsys):
    """Copied as it is, the command builds what was asked: the same records, audience,
    day and folder (without --site-dir it would build into the project's site/)."""
    records, _ = started
    (records / "archive.yml").write_text("organisation: 3\n")
    assert build.main(["build", "--records", "council", "--site-dir", "site"]) == 1
    assert capsys.readouterr().err.endswith(
        "Nothing was built: fix the errors above first, then run python build.py build "
        "--records council --site-dir site again.\n")
    assert build.main(["build", "--records", "council", "--site-dir", "my site", "--audience",
                       "members", "--as-of", "2024-06-01", "--drafts"]) == 1
    assert capsys.readouterr().err.endswith(
        "then run python build.py build --records council --audience members --as-of "
        "2024-06-01 --drafts --site-dir 'my site' again.\n")
