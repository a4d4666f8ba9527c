"""Every refusal in the records contract, as the exact lines an officer reads.

Each folder under tests/cases/invalid/ lays its files over tests/cases/base/ and holds
expected.txt: what `build.py check` prints. UPDATE_GOLDEN=1 rewrites them (read the diff).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CASES, ROOT, make_archive

import build
from scrutiny.records import schema
from scrutiny.records.source import read_document

INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())
VALID = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())


def run_check(tmp_path: Path, monkeypatch, capsys, case: Path | None, *args: str):
    make_archive(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    status = build.main(["check", "--records", "surgeries", *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case(case: Path, tmp_path, monkeypatch, capsys):
    args = (case / "args").read_text().split() if (case / "args").is_file() else []
    status, out, err = run_check(tmp_path, monkeypatch, capsys, case, *args)
    expected = case / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(out)
    assert out == expected.read_text()
    assert status == 1
    assert "error" in err and "Traceback" not in err


@pytest.mark.parametrize("case", VALID, ids=[p.name for p in VALID])
def test_valid_case(case: Path, tmp_path, monkeypatch, capsys):
    status, out, err = run_check(tmp_path, monkeypatch, capsys, case)
    assert (status, out) == (0, "")
    assert "0 errors, 0 warnings" in err


def test_base_archive_is_clean(tmp_path, monkeypatch, capsys):
    assert run_check(tmp_path, monkeypatch, capsys, None)[:2] == (0, "")


def test_file_over_1_mb_is_refused(tmp_path, monkeypatch, capsys):
    surgery = make_archive(tmp_path) / "2020-01-15-test-surgery"
    with open(surgery / "minutes.yml", "a") as handle:
        handle.write("# padding\n" * 100_001)
    monkeypatch.chdir(tmp_path)
    assert build.main(["check", "--records", "surgeries"]) == 1
    out = capsys.readouterr().out
    assert out == ("surgeries/2020-01-15-test-surgery/minutes.yml:1:1: error: the file is larger "
                   "than 1 MB (hint: split it, or attach long material as a paper)\n")


def test_unreadable_files_are_named(tmp_path, monkeypatch, capsys):
    """As a user who may not read a record or a paper sees it (root reads anything, so the
    refusal is simulated at open())."""
    from scrutiny.records import rules, source

    surgery = make_archive(tmp_path) / "2020-01-15-test-surgery"
    (surgery / "papers").mkdir()
    (surgery / "papers" / "locked.pdf").write_bytes(b"%PDF-1.4\n")
    with open(surgery / "surgery.yml", "a") as handle:
        handle.write("papers:\n  - title: Locked\n    file: papers/locked.pdf\n")

    def refuse(path, *args, **kwargs):
        if Path(path).name in ("minutes.yml", "locked.pdf"):
            raise PermissionError(13, "Permission denied")
        return open(path, *args, **kwargs)

    monkeypatch.setattr(source, "open", refuse, raising=False)
    monkeypatch.setattr(rules, "open", refuse, raising=False)
    monkeypatch.chdir(tmp_path)
    assert build.main(["check", "--records", "surgeries"]) == 1
    assert capsys.readouterr().out == (
        "surgeries/2020-01-15-test-surgery/minutes.yml:1:1: error: cannot read the file: "
        "Permission denied (hint: check that it exists and that you may read it)\n"
        "surgeries/2020-01-15-test-surgery/surgery.yml:13:11: error: papers[0].file: "
        "'papers/locked.pdf' cannot be read (Permission denied) (hint: check the file's "
        "permissions)\n")


def test_warning_passes_without_strict(tmp_path, monkeypatch, capsys):
    case = CASES / "invalid" / "due-before-surgery-strict"
    status, out, err = run_check(tmp_path, monkeypatch, capsys, case)
    assert status == 0
    assert ": warning: actions[0].due: 2019-06-30 is before the surgery met" in out
    assert "0 errors, 1 warning" in err


PASSED = ("surgeries/2030-06-01-coming-up/surgery.yml:3:9: warning: a scheduled surgery's "
          "date (2030-06-01) has passed (hint: set status: draft while the record is written "
          "up, or correct the date)\n")
JUNE_2 = str(int(dt.datetime(2030, 6, 2, tzinfo=dt.UTC).timestamp()))  # SOURCE_DATE_EPOCH


@pytest.mark.parametrize(("args", "epoch", "status", "out", "summary"), [
    (["--as-of", "2030-06-01"], None, 0, "", "0 errors, 0 warnings"),  # it meets that day
    (["--as-of", "2030-06-02"], None, 0, PASSED, "0 errors, 1 warning"),
    (["--as-of", "2030-06-02", "--strict"], None, 1, PASSED.replace(" warning: ", " error: "),
     "1 error, 0 warnings"),
    ([], JUNE_2, 0, PASSED, "0 errors, 1 warning"),  # without --as-of: SOURCE_DATE_EPOCH's day
    (["--as-of", "2030-06-01"], JUNE_2, 0, "", "0 errors, 0 warnings"),  # the flag wins
])
def test_check_judges_dates_as_of_the_day_given(tmp_path, args, epoch, status, out, summary):
    """The same records, checked as at two days, as an officer runs it."""
    records = make_archive(tmp_path)
    (records / "2030-06-01-coming-up").mkdir()
    (records / "2030-06-01-coming-up" / "surgery.yml").write_text(
        "title: Coming up\ndate: 2030-06-01\nstatus: scheduled\nindicators:\n  - ALPHA 01\n")
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--records",
                          "surgeries", *args], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=60)
    assert (run.returncode, run.stdout) == (status, out)
    assert run.stderr == f"Checked 5 record files: {summary}.\n"


def test_check_refuses_an_as_of_that_is_not_a_date(tmp_path, monkeypatch, capsys):
    make_archive(tmp_path)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stopped:
        build.main(["check", "--records", "surgeries", "--as-of", "1/6/2030"])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.endswith(
        "build.py check: error: argument --as-of: expected a date from 1900 to 2199 written "
        "YYYY-MM-DD but received '1/6/2030'\n")


def test_github_format_annotates_the_line(tmp_path, monkeypatch, capsys):
    case = CASES / "invalid" / "bad-status"
    status, out, _ = run_check(tmp_path, monkeypatch, capsys, case, "--format", "github")
    assert status == 1
    assert out.startswith("::error file=surgeries/2020-01-15-test-surgery/surgery.yml,line=3,"
                          "col=9,title=records check (not-allowed)::status: expected one of: "
                          "draft, scheduled, published but received: 'publish' (hint: did you mean "
                          "'published'?)")


def test_nothing_is_written_when_check_fails(tmp_path, monkeypatch, capsys):
    case = CASES / "invalid" / "bad-status"
    make_archive(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    status = build.main(["build", "--records", "surgeries", "--site-dir", "site"])
    assert status == 1
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    assert "error: status: expected one of" in capsys.readouterr().out
    # not even the folder that would hold the site
    assert build.main(["build", "--records", "surgeries", "--site-dir", "new/site"]) == 1
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def _record_files():
    for path in sorted([*CASES.rglob("*.yml"), *(ROOT / "surgeries").rglob("*.yml")]):
        doc, _ = read_document(path, path.name)
        if doc is None or doc.data is None:
            continue  # not YAML data: nothing for a schema to judge
        if path.parent.name == "indicators":
            yield path, "indicator"
        elif path.parent.name == "action-plans":
            yield path, "action-plan"
        elif path.name in ("surgery.yml", "minutes.yml"):
            yield path, path.stem


RECORD_FILES = list(_record_files())


@pytest.mark.parametrize(("path", "kind"), RECORD_FILES,
                         ids=[str(p.relative_to(ROOT)) for p, _ in RECORD_FILES])
def test_fast_and_reference_validators_agree(path: Path, kind: str):
    """jsonschema-rs decides "valid?"; jsonschema words the errors. They must agree."""
    doc, _ = read_document(path, path.name)
    reference = not list(schema.validator(kind).iter_errors(doc.data))
    assert schema.quick_validator(kind).is_valid(doc.data) is reference


def test_a_paper_may_not_be_a_symbolic_link(tmp_path, monkeypatch, capsys):
    surgery = make_archive(tmp_path) / "2020-01-15-test-surgery"
    (surgery / "papers").mkdir()
    (surgery / "papers" / "secret.pdf").symlink_to("/etc/passwd")
    with open(surgery / "surgery.yml", "a") as handle:
        handle.write("papers:\n  - title: Secret\n    file: papers/secret.pdf\n")
    monkeypatch.chdir(tmp_path)
    assert build.main(["check", "--records", "surgeries"]) == 1
    assert capsys.readouterr().out == (
        "surgeries/2020-01-15-test-surgery/papers/secret.pdf:1:1: error: 'secret.pdf' is a "
        "symbolic link (hint: keep records and papers inside surgeries/ as real files and "
        "folders)\n"
        "surgeries/2020-01-15-test-surgery/surgery.yml:13:11: error: papers[0].file: "
        "'papers/secret.pdf' is a symbolic link (hint: put the file itself in papers/, not a "
        "link to it)\n")


def test_a_surgery_folder_may_not_be_a_symbolic_link(tmp_path, monkeypatch, capsys):
    records = make_archive(tmp_path)
    (records / "2020-01-16-linked").symlink_to(records / "2020-01-15-test-surgery")
    monkeypatch.chdir(tmp_path)
    assert build.main(["check", "--records", "surgeries"]) == 1
    assert capsys.readouterr().out == (
        "surgeries/2020-01-16-linked:1:1: error: '2020-01-16-linked' is a symbolic link "
        "(hint: keep records and papers inside surgeries/ as real files and folders)\n")


@pytest.mark.parametrize("where", ["project", "records", "inside", "elsewhere"])
@pytest.mark.parametrize("given", ["relative", "absolute", "dot"])
def test_file_names_in_messages_are_as_typed_from_anywhere(tmp_path, monkeypatch, where, given):
    """Every record file named in a problem is the path the officer would type, wherever
    check runs and however --records is given."""
    from scrutiny.problems import shown
    from scrutiny.records import read_archive

    records = make_archive(tmp_path / "project")
    files = sorted(records.rglob("*.yml"))
    for file in files:  # one unknown key in each file, so that each is named once
        file.write_text(file.read_text() + "bogus_key: 1\n")
    (tmp_path / "elsewhere").mkdir()
    cwd = {"project": tmp_path / "project", "records": records,
           "inside": records / "indicators", "elsewhere": tmp_path / "elsewhere"}[where]
    monkeypatch.chdir(cwd)
    root = {"relative": Path(os.path.relpath(records)), "absolute": records,
            "dot": Path(".") if where == "records" else records}[given]
    named = sorted({p.path for p in read_archive(root).problems if p.rule == "unknown-key"})
    assert len(named) == len(files) == 4
    for name in named:
        assert any(os.path.samefile(name, file) for file in files), name
        if where != "inside":  # from inside the records, every file is named in full
            assert name in {shown(file) for file in files}, name
