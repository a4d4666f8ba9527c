"""Real councils' records without invention (issue 22): actions with no due date or no
recorded status, a single sample action, a meeting that agreed no actions, notes beside
people, the council's own minute and paragraph numbers, and several sources."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import CASES, every_byte, make_archive, text_of

import build
from scrutiny.records.model import ACTION_STATUSES, NOT_RECORDED, Action

AS_OF = "2021-06-30"
SURGERY = "2020-01-15-test-surgery"
NOTED = "2021-02-01-quarterly-report"


def _write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """tests/cases/valid/council-numbers-and-unrecorded-actions, an exempt minutes item with a
    number of its own, and a later meeting that agreed no actions; built for both audiences."""
    root = tmp_path_factory.mktemp("adoption")
    records = make_archive(root, CASES / "valid" / "council-numbers-and-unrecorded-actions")
    minutes = records / SURGERY / "minutes.yml"
    minutes.write_text(minutes.read_text() + """\
  - title: The staffing of the alpha team
    number: O&S 37/23
    public_title: Staffing matter
    notes: Private.
    exempt: {paragraph: 1, reason: Names staff.}
""")
    _write(records / NOTED / "surgery.yml", """\
title: Quarterly report
date: 2021-02-01
status: published
chair: {role: Chair of the Scrutiny Commission}
attendees: [{role: Director}]
invited: [{role: Opposition lead, note: sent a written question}]
indicators: [ALPHA 01]
no_actions: The committee *noted* the report.
""")
    _write(records / NOTED / "minutes.yml", "present: [{role: Director}]\n"
                                            "items: [{title: Quarterly report}]\n")
    built = {}
    for audience in ("public", "members"):
        built[audience] = root / audience
        assert build.main(["build", "--records", str(records), "--site-dir",
                           str(built[audience]), "--as-of", AS_OF, "--audience", audience]) == 0
    return built


def _page(site, *parts: str) -> str:
    return text_of(site.joinpath(*parts, "index.html"))


def _actions(site) -> dict[str, dict]:
    rows = csv.DictReader(io.StringIO((site / "data" / "actions.csv").read_text()))
    return {r["id"]: r for r in rows}


# 1. An action with no due date or no recorded status is never overdue ---------------------


@pytest.mark.parametrize(("due", "status", "overdue"), [
    (None, "in-progress", False),
    (dt.date(2020, 6, 30), None, False),
    (None, None, False),
    (dt.date(2020, 6, 30), "in-progress", True),
])
def test_an_action_without_a_date_or_a_status_is_never_overdue(due, status, overdue):
    action = Action("A-1", "action-a-1", "Do it.", "Owner", due, status)
    assert action.is_overdue(dt.date(2030, 1, 1)) is overdue
    assert action.recorded_status == (ACTION_STATUSES[status] if status else NOT_RECORDED)


def test_undated_actions_sort_last():
    actions = [Action(i, i, "x", "o", due, "in-progress") for i, due in
               (("a", None), ("b", dt.date(2021, 1, 1)), ("c", dt.date(2020, 1, 1)))]
    assert [a.id for a in sorted(actions, key=lambda a: a.due_order)] == ["c", "b", "a"]


def test_the_surgery_page_says_no_date_set_and_not_recorded(sites):
    html = (sites["public"] / "surgeries" / SURGERY / "index.html").read_text()
    row = re.search(r'<tr id="action-a-1">(.*?)</tr>', html, re.S).group(1)
    assert "No date set" in row and "Not recorded" in row and "Overdue" not in row
    row = re.search(r'<tr id="action-a-2">(.*?)</tr>', html, re.S).group(1)
    assert "Not recorded" in row and "Overdue" not in row  # due long ago, status unknown
    row = re.search(r'<tr id="action-a-3">(.*?)</tr>', html, re.S).group(1)
    assert "Overdue" in row


def test_the_tracker_and_home_page_count_unrecorded_actions_apart(sites):
    year = _page(sites["public"], "actions", "2020")
    assert ("3 in all, 1 overdue as at 30 June 2021, 2 with no recorded status" in year)
    assert "one with no due date or no recorded status is never judged overdue" in year
    html = (sites["public"] / "actions" / "2020" / "index.html").read_text()
    assert html.count('data-status="not-recorded"') >= 2
    assert '<option value="not-recorded">Not recorded</option>' in html
    open_actions = _page(sites["public"], "actions")
    assert "A-3" in open_actions and "A-2" not in open_actions  # not known to be open
    home = _page(sites["public"])
    overdue = home[home.index("Overdue actions"):]
    assert "A-3" in overdue and "A-1" not in overdue and "A-2" not in overdue
    assert "2 actions with no recorded status, never judged overdue" in home


def test_actions_csv_leaves_unknown_dates_and_statuses_empty_and_never_overdue(sites):
    rows = _actions(sites["public"])
    assert (rows["A-1"]["due"], rows["A-1"]["status"], rows["A-1"]["overdue"]) == ("", "", "false")
    assert (rows["A-2"]["due"], rows["A-2"]["status"], rows["A-2"]["overdue"]) == (
        "2020-06-30", "", "false")
    assert rows["A-3"]["overdue"] == "true"


# 2. One action marked as sample data -------------------------------------------------------


def test_a_single_illustrative_action_is_marked_alone(sites):
    rows = _actions(sites["public"])
    assert {i: r["illustrative"] for i, r in rows.items()} == {
        "A-1": "false", "A-2": "true", "A-3": "false"}
    html = (sites["public"] / "surgeries" / SURGERY / "index.html").read_text()
    for action, marked in (("a-1", False), ("a-2", True), ("a-3", False)):
        row = re.search(rf'<tr id="action-{action}">(.*?)</tr>', html, re.S).group(1)
        assert ("illustrative" in row) is marked, action
    tracker = (sites["public"] / "actions" / "2020" / "index.html").read_text()
    rows = re.findall(r"<tr [^>]*>(.*?)</tr>", tracker, re.S)
    assert [("A-2" in r) for r in rows if "illustrative" in r] == [True]


# 3. A meeting that agreed no actions -------------------------------------------------------


def test_a_meeting_that_agreed_no_actions_says_what_it_did(sites):
    text = _page(sites["public"], "surgeries", NOTED)
    assert "Action plans ¶ The meeting agreed no actions. The committee noted the report." in text
    html = (sites["public"] / "surgeries" / NOTED / "index.html").read_text()
    assert "The committee <em>noted</em> the report." in html  # Markdown, rendered once


# 4. Notes beside people --------------------------------------------------------------------


def test_notes_are_shown_beside_people_wherever_they_are_listed(sites):
    text = _page(sites["public"], "surgeries", SURGERY)
    for shown in ("Chair : Cllr A Smith, Cabinet Member (remotely)",  # the summary list
                  "A Person, Director (for item 1 only)", "Member (substitute sent)",
                  "Lead: Director (acting)", "Present: Cabinet Member (remotely)"):
        assert shown in text, shown
    assert "Invited: Opposition lead (sent a written question)" in _page(
        sites["public"], "surgeries", NOTED)
    data = json.loads((sites["public"] / "data" / "surgeries.json").read_text())
    chair = next(s for s in data["surgeries"] if s["id"] == SURGERY)["chair"]
    assert chair == "Cllr A Smith, Cabinet Member (remotely)"


# 5. The council's minute numbers -----------------------------------------------------------


def test_minutes_headings_have_the_councils_number_and_keep_their_anchor(sites):
    html = (sites["members"] / "surgeries" / SURGERY / "index.html").read_text()
    assert re.search(r'<h3 id="item-1">O&amp;S 36/23 Alpha', html)
    assert re.search(r'<h3 id="item-2">O&amp;S 37/23 The staffing', html)
    decisions = _page(sites["public"], "decisions")
    assert "O&S 36/23 Alpha" in decisions
    rows = list(csv.DictReader(io.StringIO(
        (sites["public"] / "data" / "decisions.csv").read_text())))
    assert [(r["item_number"], r["decision"]) for r in rows if r["surgery"] == SURGERY] == [
        ("O&S 36/23", "Noted.")]


def test_an_exempt_item_keeps_its_place_and_number_and_nothing_else(sites):
    """The contract: in the public build an exempt item keeps its place and number, as
    councils' published minutes do; its heading is public_title, then the paragraph."""
    html = (sites["public"] / "surgeries" / SURGERY / "index.html").read_text()
    assert re.search(r'<h3 id="item-2">O&amp;S 37/23 Staffing matter', html)
    leaks = [name for name, data in every_byte(sites["public"]).items()
             if b"The staffing" in data]
    assert leaks == []


# 6. The report's own paragraph numbers -----------------------------------------------------


def test_report_paragraphs_keep_the_reports_own_numbers(sites):
    html = (sites["public"] / "surgeries" / SURGERY / "index.html").read_text()
    numbers = re.findall(r'<span class="para__number">([^<]*)</span>', html)
    assert numbers == ["1.1", "1.2", "2.1"]  # as written; the site numbers the rest
    text = _page(sites["public"], "surgeries", SURGERY)
    assert "1.1 The report's own first paragraph." in text
    assert "1.2 Plain text, numbered by the site." in text


# 7. Several sources ------------------------------------------------------------------------


def test_every_source_is_shown_and_listed_in_surgeries_json(sites):
    text = _page(sites["public"], "surgeries", SURGERY)
    assert ("Sources This record was transcribed from these sources: Scrutiny Commission, "
            "10 February 2020, Item 6 Minutes of the Scrutiny Commission The decisions were "
            "taken from these.") in text
    data = json.loads((sites["public"] / "data" / "surgeries.json").read_text())
    by_id = {s["id"]: s for s in data["surgeries"]}
    assert by_id[SURGERY]["source"] == [
        {"title": "Scrutiny Commission, 10 February 2020, Item 6",
         "url": "https://example.org/item-6.pdf", "note": None},
        {"title": "Minutes of the Scrutiny Commission", "url": None,
         "note": "The decisions were taken from these."}]  # each source's note is kept
    assert by_id[NOTED]["source"] == []


def test_feeds_mark_the_sample_action_and_that_the_record_contains_one(sites):
    """One action alone is sample data: its updates say "(sample data)", and the meeting's
    entries that it is part of say the record contains sample data, not that it is one."""
    feed = ET.parse(sites["public"] / "feeds" / "surgeries" / f"{SURGERY}.xml")
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert sorted(t for t in titles if "sample data" in t) == sorted([
        "Test surgery (contains sample data): progress on its actions",
        "A-2: progress update (sample data)",
        "The surgery: Test surgery (contains sample data)"])
