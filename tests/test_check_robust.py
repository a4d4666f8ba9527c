"""check reports every problem in one run, one line per mistake, and never a traceback.

A slip in one file (a misspelt optional key) must not hide the problems that file's date or
exemption reveal elsewhere, nor make problems that are not there; a path the file system
refuses is a problem line like any other; `new` refuses what check would refuse.
The golden cases beside these are tests/cases/invalid/typos-hide-no-cross-file-problem,
exempt-indicator-with-typo, superseded-by-withheld-surgery and
status-disagrees-with-update-strict.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import CASES, ROOT, make_archive

import build
from scrutiny.records.check import read_archive
from scrutiny.records.schema import validate
from scrutiny.records.source import read_document

SURGERY = "surgeries/2020-01-15-test-surgery"


def check(*args: str, capsys) -> tuple[int, str, str]:
    status = build.main(["check", "--records", "surgeries", *args])
    out, err = capsys.readouterr()
    return status, out, err


def add_papers(archive: Path, *files: str) -> None:
    with open(archive / "2020-01-15-test-surgery" / "surgery.yml", "a") as handle:
        handle.write("papers:\n" + "".join(f"  - title: Paper\n    file: \"{f}\"\n"
                                           for f in files))


# 1. A slip the rules can read around hides nothing and adds nothing

def _kind(file: Path) -> str:
    names = {"surgery.yml": "surgery", "minutes.yml": "minutes", "archive.yml": "archive"}
    return names.get(file.name, "indicator" if file.parent.name == "indicators"
                     else "action-plan")


def _mappings(node, path=()):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _mappings(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _mappings(value, (*path, i))


def _slips(data):
    """Each one-key slip in a record: an unknown key in every mapping, and every key's value
    wrapped in the wrong type (the value itself kept inside, so the names it gives are still
    in the file's text)."""
    for path, mapping in list(_mappings(data)):
        for key, value in [("zzq", "x"), *((k, [v] if isinstance(v, dict) else {"zzq": [v]})
                                           for k, v in mapping.items())]:
            slipped = copy.deepcopy(data)
            node = slipped
            for part in path:
                node = node[part]
            node[key] = value
            yield path, key, slipped


@pytest.mark.parametrize(("records", "as_of"), [
    (CASES / "base" / "surgeries", "2020-06-01"),
    (ROOT / "tests" / "samples" / "district", "2024-06-01"),
], ids=["base", "district"])
def test_a_slip_in_one_file_makes_only_its_own_problems(tmp_path, records, as_of):
    """Whatever a slip is and wherever, check reports the slipped file's schema problems and
    nothing else: the rules read around what was dropped, never report its absence (no
    chair, not exempt, no code, no no_actions...)."""
    root = tmp_path / "surgeries"
    shutil.copytree(records, root)
    day = dt.date.fromisoformat(as_of)

    def problems() -> list:  # the samples' $schema lines point into the project
        return [p for p in read_archive(root, as_of=day).problems
                if p.rule != "schema-not-found"]

    assert problems() == []
    tried = 0
    for file in sorted(root.rglob("*.yml")):
        original = file.read_text(encoding="utf-8")
        doc, _ = read_document(file, str(file))
        for path, key, slipped in _slips(doc.data):
            file.write_text(yaml.safe_dump(slipped, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
            own, _ = read_document(file, str(file))
            expected = {(p.line, p.col, p.message) for p in validate(own, _kind(file))}
            found = problems()
            others = [p for p in found if not (
                p.path.endswith(file.relative_to(root).as_posix())
                and (p.line, p.col, p.message) in expected)]
            assert not others, (file.name, path, key, others)
            tried += 1
        file.write_text(original, encoding="utf-8")
    assert tried > 50


def test_a_misspelt_exempt_is_never_read_as_public(archive, capsys):
    """`exemt:` on an exempt surgery: the rules do not take the surgery for a public one
    (which would make it "not exempt" for its exempt indicator)."""
    shutil.copytree(CASES / "invalid" / "typos-hide-no-cross-file-problem" / "surgeries",
                    archive, dirs_exist_ok=True)
    later = archive / "2020-03-01-later-review" / "surgery.yml"
    text = later.read_text().replace("sumary:", "summary:").replace(
        "indicators:", "exemt:\n  paragraph: 3\n  reason: Contract terms.\nindicators:")
    later.write_text(text)
    status, out, _ = check(capsys=capsys)
    assert status == 1
    lines = [line for line in out.splitlines() if "2020-03-01-later-review/surgery.yml" in line]
    assert lines == ["surgeries/2020-03-01-later-review/surgery.yml:8:1: error: surgery "
                     "record: unknown key 'exemt' (hint: did you mean 'exempt'?)"]


def test_a_slip_in_an_update_status_does_not_shift_the_latest(archive, capsys):
    """A wrong update status is not dropped on its own, or the update before it would be
    taken for the latest and the action's status said to disagree."""
    plan = archive / "2020-01-15-test-surgery" / "action-plans" / "alpha.yml"
    plan.write_text(plan.read_text().replace("in-progress", "complete") + (
        "    updates:\n"
        "      - {date: 2020-02-01, note: Started., status: in-progress}\n"
        "      - {date: 2020-03-01, note: Done., status: done}\n"))
    status, out, _ = check("--strict", "--as-of", "2020-06-01", capsys=capsys)
    assert status == 1
    assert "status-disagrees" not in out and "latest update" not in out
    assert out.count("\n") == 1 and "expected one of" in out


# 2. A path the file system refuses is a problem line, never a traceback

@pytest.mark.parametrize("file", [
    "papers/" + "x" * 5000 + ".pdf",  # one name longer than any file system takes
    "papers/" + "/".join(["y" * 200] * 30) + ".pdf",  # a path longer than any takes
], ids=["long-name", "long-path"])
def test_a_paper_path_too_long_for_the_file_system_is_a_problem(archive, capsys, file):
    add_papers(archive, file)
    status, out, err = check(capsys=capsys)
    assert status == 1 and "Traceback" not in err
    assert out == (f"{SURGERY}/surgery.yml:13:11: error: papers[0].file: "
                   f"'{file[:77]}...' cannot be read (File name too long) "
                   "(hint: shorten the file's name)\n")


def test_a_paper_the_file_system_refuses_is_a_problem(archive, capsys, monkeypatch):
    """Any OSError on a paper's path (simulated: root may read anything) is a line."""
    add_papers(archive, "papers/report.pdf")
    real = Path.is_symlink

    def refuse(path):
        if path.name == "report.pdf":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "is_symlink", refuse)
    status, out, err = check(capsys=capsys)
    assert status == 1 and "Traceback" not in err
    assert out == (f"{SURGERY}/surgery.yml:13:11: error: papers[0].file: 'papers/report.pdf' "
                   "cannot be read (Permission denied) (hint: check the file's permissions)\n")


def test_a_folder_that_cannot_be_listed_is_a_problem(archive, capsys, monkeypatch):
    real = Path.iterdir

    def refuse(path):
        if path.name == "action-plans":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "iterdir", refuse)
    status, out, err = check(capsys=capsys)
    assert "Traceback" not in err
    assert out.startswith(f"{SURGERY}/action-plans/:1:1: error: cannot read the folder: "
                          "Permission denied (hint: check that it exists and that you may "
                          "read it)\n")


@pytest.mark.parametrize("command", [
    ["check"], ["new", "--date", "2020-05-01", "--title", "T", "--indicator", "ALPHA 01"]])
def test_a_records_folder_name_too_long_is_refused_plainly(archive, capsys, command):
    status = build.main([command[0], "--records", "x" * 5000, *command[1:]])
    out, err = capsys.readouterr()
    assert status == 1 and "Traceback" not in err
    assert "records folder" in out + err


# 6. A paper that is a folder is said to be one

def test_a_paper_that_is_a_folder_is_named_a_folder(archive, capsys):
    (archive / "2020-01-15-test-surgery" / "papers" / "x.pdf").mkdir(parents=True)
    add_papers(archive, "papers/x.pdf")
    status, out, _ = check(capsys=capsys)
    assert status == 1
    assert out == (f"{SURGERY}/surgery.yml:13:11: error: papers[0].file: 'papers/x.pdf' is a "
                   "folder, not a file (hint: write the path of the document inside it "
                   "(papers/x.pdf/<file name>), or put the document itself in the folder's "
                   "place)\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_paper_that_is_a_pipe_is_refused_without_waiting(archive, capsys):
    """Opening a named pipe would wait for a writer for ever."""
    (archive / "2020-01-15-test-surgery" / "papers").mkdir()
    os.mkfifo(archive / "2020-01-15-test-surgery" / "papers" / "x.csv")
    add_papers(archive, "papers/x.csv")
    status, out, _ = check(capsys=capsys)
    assert status == 1
    assert out.endswith("'papers/x.csv' is not an ordinary file (hint: put the document "
                        "itself in papers/)\n")


# 4. An action's status and its latest update agree (a warning)

def test_a_status_the_latest_update_contradicts_is_a_warning(tmp_path, monkeypatch, capsys):
    make_archive(tmp_path, CASES / "invalid" / "status-disagrees-with-update-strict")
    monkeypatch.chdir(tmp_path)
    status, out, err = check(capsys=capsys)
    assert status == 0 and "0 errors, 2 warnings" in err
    assert out.count(": warning: ") == 2


# 5. `new` refuses what check would refuse

def test_new_refuses_an_exempt_indicator(archive, capsys):
    shutil.copy(CASES / "invalid" / "typos-hide-no-cross-file-problem" / "surgeries"
                / "indicators" / "gamma.yml", archive / "indicators" / "gamma.yml")
    before = sorted(p.name for p in archive.iterdir())
    status = build.main(["new", "--records", "surgeries", "--date", "2020-05-01", "--title",
                         "Gamma review", "--indicator", "ALPHA 01", "--indicator", "GAMMA 01"])
    _, err = capsys.readouterr()
    assert status == 1
    assert err == ("build.py new: 'GAMMA 01' is an exempt indicator "
                   "(surgeries/indicators/gamma.yml): a surgery that reviews it must be exempt "
                   "too, and new writes a public draft; nothing was written (leave the "
                   "indicator out, or write the surgery.yml yourself with exempt: as the "
                   "officers' reference shows)\n")
    assert sorted(p.name for p in archive.iterdir()) == before
