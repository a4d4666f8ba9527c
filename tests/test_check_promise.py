"""check keeps the contract's promise: every problem in every file, in one run.

One broken file must neither hide the problems of the others (each is checked for all that
does not depend on the broken one) nor make false ones in the files that refer to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_archive

import build

BASE = "2020-01-15-test-surgery"

SURGERY = """\
title: {title}
date: {day}
status: published
chair:
  role: Cabinet Member
attendees:
  - role: Director
indicators:
  - {code}
"""

PLAN = """\
indicator: ALPHA 1
title: Alpha plan
lead:
  role: Director
actions:
  - id: {action}
    action: Do the thing.
    owner: Head of Service
    due: 2020-12-31
"""

MINUTES = """\
present:
  - role: Cabinet Member
items:
  - title: Alpha
    actions: [{action}]
"""


def add_surgery(records: Path, folder: str, *, code: str = "ALPHA 01",
                action: str = "B-1") -> Path:
    """A published surgery that passes check, beside the base archive's."""
    surgery = records / folder
    (surgery / "action-plans").mkdir(parents=True)
    (surgery / "surgery.yml").write_text(SURGERY.format(title=folder[11:], day=folder[:10],
                                                        code=code))
    (surgery / "action-plans" / "alpha.yml").write_text(PLAN.format(action=action))
    (surgery / "minutes.yml").write_text(MINUTES.format(action=action))
    return surgery


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text()
    assert old in text, (file, old)
    file.write_text(text.replace(old, new, 1))


def check(tmp_path: Path, monkeypatch, capsys, *args: str) -> tuple[int, list[str], str]:
    """build.py check as an officer runs it: status, the lines printed, the summary."""
    monkeypatch.chdir(tmp_path)
    status = build.main(["check", "--records", "surgeries", "--as-of", "2021-01-01", *args])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """The base archive and three more surgeries, all of which pass check."""
    records = make_archive(tmp_path)
    for folder in ("2020-02-12-second", "2020-03-11-third", "2020-04-15-fourth"):
        add_surgery(records, folder)
    return records


def test_the_surgeries_pass_before_the_mistakes(records, tmp_path, monkeypatch, capsys):
    assert check(tmp_path, monkeypatch, capsys) == (
        0, [], "Checked 13 record files: 0 errors, 0 warnings.\n")


def test_five_mistakes_in_five_files_are_all_reported_in_one_run(records, tmp_path,
                                                                 monkeypatch, capsys):
    edit(records / BASE / "action-plans" / "alpha.yml",  # a bad indent
         "    action: Do the thing.", "   action: Do the thing.")
    edit(records / "2020-02-12-second" / "surgery.yml", "date: 2020-02-12", "date: 30/04/2027")
    edit(records / "2020-03-11-third" / "surgery.yml", "  - ALPHA 01", "  - ALPAH 01")
    edit(records / "indicators" / "alpha.yml", "    label: Q3 2019/20", "    lable: Q3 2019/20")
    edit(records / "2020-04-15-fourth" / "minutes.yml", "  - title: Alpha", "  - title: [Alpha]")

    status, lines, err = check(tmp_path, monkeypatch, capsys)

    assert lines == [
        f"surgeries/{BASE}/action-plans/alpha.yml:7:4: error: YAML syntax error: while "
        "parsing a block collection did not find expected '-' indicator (hint: check the "
        "indentation and quotes on this line and the line above)",
        "surgeries/2020-02-12-second/surgery.yml:2:7: error: date: '30/04/2027' is not a real "
        "date from 1900 to 2199 written YYYY-MM-DD (hint: write the date as year-month-day, "
        "e.g. 2012-02-24)",
        "surgeries/2020-03-11-third/surgery.yml:9:5: error: indicators[0]: no indicator has "
        "the code 'ALPAH 01' (hint: did you mean 'ALPHA 01'?)",
        "surgeries/2020-04-15-fourth/minutes.yml:4:12: error: items[0].title: expected text "
        "but received a list",
        "surgeries/indicators/alpha.yml:13:5: error: values[1]: unknown key 'lable' (hint: "
        "did you mean 'label'?)",
    ]
    assert (status, err) == (1, "Checked 13 record files: 5 errors, 0 warnings.\n")


def test_a_surgery_yml_that_does_not_parse_hides_nothing_of_its_other_files(
        records, tmp_path, monkeypatch, capsys):
    """The trial that found three mistakes one run at a time, as it happened: a bad indent
    in surgery.yml no longer keeps its action plans and minutes from being checked."""
    surgery = records / "2020-02-12-second"
    edit(surgery / "surgery.yml", "date: 2020-02-12", "  date: 2020-02-12")
    edit(surgery / "action-plans" / "alpha.yml", "indicator: ALPHA 1", "indicator: ALPHA 10")
    edit(surgery / "minutes.yml", "actions: [B-1]", "actions: [B-2]")
    (surgery / "action-plans" / "beta.yml").write_text(
        PLAN.format(action="C-1").replace("2020-12-31", "30/04/2027"))

    status, lines, _ = check(tmp_path, monkeypatch, capsys)

    assert lines == [
        "surgeries/2020-02-12-second/action-plans/alpha.yml:1:12: error: indicator: no "
        "indicator has the code 'ALPHA 10' (hint: did you mean 'ALPHA 1'?)",
        "surgeries/2020-02-12-second/action-plans/beta.yml:9:10: error: actions[0].due: "
        "'30/04/2027' is not a real date from 1900 to 2199 written YYYY-MM-DD (hint: write "
        "the date as year-month-day, e.g. 2012-02-24)",
        "surgeries/2020-02-12-second/minutes.yml:5:15: error: items[0].actions[0]: no action "
        "in this surgery has the id 'B-2' (hint: did you mean 'B-1'?)",
        "surgeries/2020-02-12-second/surgery.yml:2:7: error: YAML syntax error: mapping "
        "values are not allowed in this context (hint: text that contains ': ' must be put "
        "in quotes)",
    ]
    assert status == 1


SYNTAX_ERROR = (f"surgeries/{BASE}/action-plans/alpha.yml:7:4: error: YAML syntax error: while "
                "parsing a block collection did not find expected '-' indicator (hint: check "
                "the indentation and quotes on this line and the line above)")


def test_minutes_naming_an_action_of_a_plan_that_does_not_parse_are_not_an_error(
        archive, tmp_path, monkeypatch, capsys):
    edit(archive / BASE / "action-plans" / "alpha.yml",
         "    action: Do the thing.", "   action: Do the thing.")
    assert check(tmp_path, monkeypatch, capsys) == (
        1, [SYNTAX_ERROR], "Checked 4 record files: 1 error, 0 warnings.\n")


def test_an_action_id_the_broken_plan_never_mentions_is_still_reported(
        archive, tmp_path, monkeypatch, capsys):
    edit(archive / BASE / "action-plans" / "alpha.yml",
         "    action: Do the thing.", "   action: Do the thing.")
    edit(archive / BASE / "minutes.yml", "[A-1]", "[A-1, A-2]")
    assert check(tmp_path, monkeypatch, capsys)[1] == [
        SYNTAX_ERROR,
        f"surgeries/{BASE}/minutes.yml:6:20: error: items[0].actions[1]: no action in this "
        "surgery has the id 'A-2' (hint: use the id of an action in this surgery's "
        "action-plans/)",
    ]


def _indicator_does_not_parse(records: Path) -> str:
    edit(records / "indicators" / "alpha.yml", "  - date: 2019-12-31", " - date: 2019-12-31")
    return "surgeries/indicators/alpha.yml"


def _indicator_fails_its_schema(records: Path) -> str:
    edit(records / "indicators" / "alpha.yml", "aliases: [ALPHA 1]", "aliases: ALPHA 1")
    return "surgeries/indicators/alpha.yml"


def _later_plan_does_not_parse(records: Path) -> str:
    later = add_surgery(records, "2020-06-10-later", action="L-1")
    edit(later / "action-plans" / "alpha.yml", "    owner:", "   owner:")
    edit(records / BASE / "action-plans" / "alpha.yml", "    status: in-progress",
         "    status: in-progress\n    superseded_by: 2020-06-10-later#L-1")
    return "surgeries/2020-06-10-later/action-plans/alpha.yml"


def _later_surgery_does_not_parse(records: Path) -> str:
    later = add_surgery(records, "2020-06-10-later", action="L-1")
    edit(later / "surgery.yml", "status: published", "status: published:")
    edit(records / BASE / "action-plans" / "alpha.yml", "    status: in-progress",
         "    status: in-progress\n    superseded_by: 2020-06-10-later#L-1")
    return "surgeries/2020-06-10-later/surgery.yml"


def _archive_does_not_parse(records: Path) -> str:
    (records / "archive.yml").write_text(
        "organisation: Test Council\ncomparators:\n  - key: national-target\n"
        "    name: National target\njurisdiction: wales\n  website: x\n")
    edit(records / "indicators" / "alpha.yml", "region: 47}", "region: 47, national-target: 40}")
    return "surgeries/archive.yml"


@pytest.mark.parametrize("break_a_file", [
    _indicator_does_not_parse, _indicator_fails_its_schema, _later_plan_does_not_parse,
    _later_surgery_does_not_parse, _archive_does_not_parse,
], ids=lambda f: f.__name__.strip("_").replace("_", " "))
def test_references_into_a_broken_file_are_not_reported_missing(
        archive, tmp_path, monkeypatch, capsys, break_a_file):
    """Codes of an indicator, actions of a later surgery, comparator keys of archive.yml:
    only the broken file is named, never the files that refer to what it holds."""
    broken = break_a_file(archive)
    status, lines, _ = check(tmp_path, monkeypatch, capsys)
    assert status == 1 and lines
    assert [line for line in lines if not line.startswith(f"{broken}:")] == []


def test_a_published_surgery_started_by_new_is_warned_of_its_placeholders(
        archive, tmp_path, monkeypatch, capsys):
    """The placeholder check looks for the words `build.py new` really writes."""
    monkeypatch.chdir(tmp_path)
    assert build.main(["new", "--records", "surgeries", "--date", "2020-05-20",
                       "--title", "Quarter 4", "--indicator", "ALPHA 01"]) == 0
    surgery = archive / "2020-05-20-quarter-4"
    edit(surgery / "surgery.yml", "status: draft",
         "status: published\nno_actions: The committee noted the report.")
    (surgery / "minutes.yml").write_text(
        "present:\n  - role: Cabinet Member\nitems:\n  - title: Quarter 4\n")
    capsys.readouterr()

    status, lines, err = check(tmp_path, monkeypatch, capsys, "--strict")

    where = "surgeries/2020-05-20-quarter-4/surgery.yml"
    assert [line.split(": error: ")[0] for line in lines] == [f"{where}:16:3", f"{where}:18:5"]
    assert lines[0].endswith("chair.role: 'To be confirmed' is the placeholder that build.py "
                             "new writes, and this surgery is published (hint: write who "
                             "chaired the surgery, or set status: draft until it is known)")
    assert "attendees[0].role: 'To be confirmed'" in lines[1]
    assert (status, err) == (1, "Checked 6 record files: 2 errors, 0 warnings.\n")
