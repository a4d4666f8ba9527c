"""The promise ledger (issue 23): each action followed to its end, overdue-when-superseded
counted as not done on time, the Follow-through page and CSV, and every public count that
leaves out an exempt action saying so."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import replace

import pytest
from conftest import ROOT, text_of

from scrutiny import ledger
from scrutiny.audience import for_audience
from scrutiny.records.check import read_archive
from scrutiny.records.model import Action, Successor

SURGERY_2012 = "2012-02-24-children-with-safeguarding-plans-and-children-in-care"
SURGERY_2025 = "2025-06-20-children-in-care-and-re-referrals"
AS_OF = dt.date(2026, 11, 26)


def _action(due: str | None, status: str | None, superseded: str | None = None,
            done: str | None = None) -> Action:
    from scrutiny.records.model import Update
    return Action(
        "X-1", "action-x-1", "Do it.", "Owner", dt.date.fromisoformat(due) if due else None,
        status,  # type: ignore[arg-type]
        updates=(Update(dt.date.fromisoformat(done), "Done.", "complete"),) if done else (),
        superseded_by=Successor("2025-06-20-later", "Y-1", "action-y-1",
                                dt.date.fromisoformat(superseded)) if superseded else None)


@pytest.mark.parametrize("due,status,superseded,done,expected", [
    ("2013-01-31", "not-started", "2025-06-20", None, "superseded-overdue"),
    ("2013-01-31", "in-progress", "2012-12-01", None, "superseded"),  # before it was due
    ("2013-01-31", "complete", "2025-06-20", None, "done"),  # done then: not late
    ("2013-01-31", "complete", "2025-06-20", "2013-01-01", "done-on-time"),
    ("2013-01-31", "complete", "2025-06-20", "2025-07-01", "superseded-overdue"),  # after
    ("2013-01-31", "cancelled", "2025-06-20", None, "cancelled"),
    ("2013-01-31", None, "2025-06-20", None, "superseded-unjudged"),  # no status: not late
    (None, "not-started", "2025-06-20", None, "superseded-unjudged"),  # no date: not late
    ("2026-01-31", "in-progress", None, None, "overdue"),
    ("2027-01-31", "in-progress", None, None, "open"),
    ("2026-01-31", "complete", None, "2026-01-31", "done-on-time"),
    ("2026-01-31", "complete", None, "2026-02-01", "done-late"),
    ("2026-01-31", "complete", None, None, "done"),  # no dated update: timing not known
    (None, "complete", None, "2026-02-01", "done"),
    ("2026-01-31", "cancelled", None, None, "cancelled"),
    ("2026-01-31", None, None, None, "not-recorded"),
])
def test_each_action_has_one_outcome(due, status, superseded, done, expected):
    assert ledger.outcome(_action(due, status, superseded, done), AS_OF).id == expected


def test_done_reopened_and_done_again_counts_from_the_last_time():
    from scrutiny.records.model import Update
    action = replace(_action("2026-03-01", "complete"), updates=(
        Update(dt.date(2026, 2, 1), "Done.", "complete"),
        Update(dt.date(2026, 5, 1), "Reopened.", "in-progress"),
        Update(dt.date(2026, 6, 1), "Done again.", "complete")))
    assert ledger.completed_on(action) == dt.date(2026, 6, 1)
    assert ledger.outcome(action, AS_OF).id == "done-late"


def test_what_it_was_when_superseded_says_how_late():
    action = _action("2013-01-31", "not-started", "2025-06-20")
    assert ledger.when_superseded(action) == (
        "Not started, 12 years 4 months past due, when superseded by Y-1 on 20 June 2025")
    assert ledger.how_long(dt.date(2025, 1, 31), dt.date(2025, 2, 2)) == "2 days"
    assert ledger.how_long(dt.date(2024, 1, 15), dt.date(2025, 2, 15)) == "1 year 1 month"


@pytest.fixture(scope="module")
def public():
    archive = read_archive(ROOT / "surgeries", as_of=AS_OF).archive
    return for_audience(archive, "public")


def test_a_chain_is_followed_to_where_it_stands_now(public):
    pm07_3 = next(a for s in public.surgeries for a in s.actions if a.id == "PM07-3")
    book = ledger.of(public)
    assert [a.id for _, a in book.chain(pm07_3)] == ["CIC-4"]
    assert book.now(pm07_3, AS_OF) == "CIC-4: in progress, due 31 December 2026"
    # one step further: CIC-4 itself superseded, overdue by then, by a third action
    cic_4 = book.chain(pm07_3)[0][1]
    later = replace(public, surgeries=(*public.surgeries,))
    assert ledger.of(later) is not book and ledger.of(later) is ledger.of(later)
    assert ledger.outcome(cic_4, dt.date(2027, 1, 5)).id == "overdue"
    assert book.now(pm07_3, dt.date(2027, 1, 5)) == (
        "CIC-4: in progress, overdue since 31 December 2026")


def test_overdue_when_superseded_is_shown_as_that_everywhere(sample_site):
    tracker = text_of(sample_site / "actions" / "2012" / "index.html")
    row = tracker[tracker.index("PM07-3"):]
    assert row.index("Overdue when superseded by CIC-4 on 20 June 2025") < 200
    assert ("Not started, 12 years 4 months past due. Now CIC-4: in progress, due 31 "
            "December 2026.") in row
    assert "1 overdue when an action agreed at a later surgery replaced it" in tracker
    html = (sample_site / "actions" / "2012" / "index.html").read_text()
    assert 'data-status="superseded-overdue"' in html
    assert '<option value="superseded-overdue">Overdue when superseded</option>' in html
    page = text_of(sample_site / "surgeries" / SURGERY_2012 / "index.html")
    assert "Overdue when superseded by CIC-4 on 20 June 2025" in page
    later = text_of(sample_site / "surgeries" / SURGERY_2025 / "index.html")
    assert "Overdue when superseded by CIC-4" in later  # since the last surgery
    assert "⤳ Superseded by" not in tracker + page


def test_the_follow_through_page_and_csv(sample_site):
    page = text_of(sample_site / "follow-through" / "index.html")
    assert "1 exempt action is not published" in page
    rows = list(csv.DictReader(io.StringIO(
        (sample_site / "data" / "follow-through.csv").read_text())))
    by = {(r["group"], r["id"]): r for r in rows}
    old = by["meeting", SURGERY_2012]
    assert (old["agreed"], old["done_on_time"], old["done_late"], old["superseded_overdue"],
            old["not_on_time"], old["withheld"]) == ("6", "2", "2", "1", "3", "0")
    new = by["meeting", SURGERY_2025]
    assert (new["agreed"], new["overdue"], new["open"], new["withheld"]) == ("5", "2", "1", "1")
    assert by["indicator", "SS PM 07"]["withheld"] == "1"
    assert {r["publisher"] for r in rows} == {"Derby City Council"}


def test_public_counts_that_leave_out_an_exempt_action_say_so(sample_site, members_site):
    tracker = text_of(sample_site / "actions" / "index.html")
    assert "11 in all" in tracker and "and 1 exempt action, not published" in tracker
    indicator = text_of(sample_site / "indicators" / "children-in-care" / "index.html")
    assert "1 more exempt action agreed for SS PM 07 is not published" in indicator
    for page in ("actions/index.html", "indicators/children-in-care/index.html",
                 "follow-through/index.html"):
        assert "not published" not in text_of(members_site / page), page


def test_each_decision_links_its_actions_and_what_became_of_them(sample_site):
    decisions = text_of(sample_site / "decisions" / "index.html")
    assert ("1 minutes item exempt from publication, whose decisions are not published"
            in decisions)
    row = decisions[decisions.index("An audit of 50 re-referred cases"):]
    assert row.index("RR-1 : Done on time RR-2 : Overdue now") < 120
    html = (sample_site / "decisions" / "index.html").read_text()
    assert f'href="../surgeries/{SURGERY_2025}/#action-rr-1">RR-1</a>' in html


def test_the_exemptions_register_lists_exempt_scheduled_meetings_and_public_headings(
        tmp_path):
    from conftest import build_site, make_archive
    records = make_archive(tmp_path)
    folder = records / "2099-01-20-contract-review"
    folder.mkdir()
    (folder / "surgery.yml").write_text(
        "title: Contract review\ndate: 2099-01-20\nstatus: scheduled\n"
        "indicators: [ALPHA 01]\nexempt: {paragraph: 3, reason: Prices.}\n")
    minutes = records / "2020-01-15-test-surgery" / "minutes.yml"
    minutes.write_text(minutes.read_text() + "  - title: Staffing\n    public_title: A staffing "
                       "matter\n    exempt: {paragraph: 1, reason: Names staff.}\n")
    site = tmp_path / "members"
    assert build_site(records, site, "--audience", "members") == 0
    register = text_of(site / "exemptions" / "index.html")
    assert "Surgery (scheduled) Contract review 3" in register
    assert "2. Staffing (public heading: A staffing matter) 1" in register
    rows = list(csv.DictReader(io.StringIO((site / "data" / "exemptions.csv").read_text())))
    assert any(r["item"] == "Contract review" for r in rows)


def test_a_coloured_judgement_points_to_which_way_is_better(sample_site):
    """polarity_note: beside each better-or-worse judgement, a † to the note that says
    whose choice the direction is (issue 23); never beside a neutral one."""
    html = (sample_site / "indicators" / "children-in-care" / "index.html").read_text()
    marks = re.findall(r'judgement--(\w+)"><span[^>]*>[^<]*</span> [^<]*(<sup[^>]*>)?', html)
    assert marks and all(bool(sup) == (tone in ("good", "bad")) for tone, sup in marks)
    assert html.count('href="#polarity-children-in-care"') >= 4
    assert html.count('id="polarity-children-in-care"') == 1
    text = text_of(sample_site / "indicators" / "children-in-care" / "index.html")
    assert ("† Which way is better for SS PM 07: The council's local choice: safely fewer "
            "children needing care is the aim.") in text
    surgery = (sample_site / "surgeries" / SURGERY_2012 / "index.html").read_text()
    assert 'id="polarity-children-in-care"' in surgery


def test_the_home_page_says_when_the_whole_archive_is_sample_data(sample_site, tmp_path):
    from conftest import build_site
    assert "Every record in this archive is sample data" not in text_of(
        sample_site / "index.html")  # Derby's 2012 surgery is real
    site = tmp_path / "district"
    assert build_site(ROOT / "tests" / "samples" / "district", site) == 0
    assert "Every record in this archive is sample data" in text_of(site / "index.html")


def test_an_action_named_twice_in_the_minutes_is_one_action(tmp_path):
    from conftest import build_site, make_archive
    records = make_archive(tmp_path)
    folder = records / "2020-01-15-test-surgery"
    plan = folder / "action-plans" / "alpha.yml"
    plan.write_text(plan.read_text() + "  - id: X-9\n    action: Secret.\n    owner: Head\n"
                    "    exempt: {paragraph: 1, reason: Personal.}\n")
    minutes = folder / "minutes.yml"
    minutes.write_text(minutes.read_text().replace("actions: [A-1]",
                                                   "actions: [A-1, X-9, X-9, A-1]"))
    site = tmp_path / "site"
    assert build_site(records, site) == 0
    text = text_of(site / "surgeries" / "2020-01-15-test-surgery" / "index.html")
    assert "Actions: A-1 , 1 exempt action, not published" in text  # text_of spaces links


def test_the_2025_surgery_shows_only_figures_published_by_its_day(sample_site):
    """DfE's 2024/25 figures were published that autumn (their `published`, sourced in the
    indicator files): the 20 June 2025 surgery's latest figures are 2023/24's, and 22.5%
    against England's 22.4% is within the tolerance, "Similar", not "Worse"."""
    text = text_of(sample_site / "surgeries" / SURGERY_2025 / "index.html")
    table = text[text.index("Indicators reviewed, with the latest figures"):]
    table = table[:table.index("Which way is better")]
    assert "2024/25" not in table and table.count("2023/24") == 2
    assert "22.5% 2023/24" in table and "22.4% ≈ Similar to England" in table
    feed = (sample_site / "feeds" / "indicators" / "re-referrals.xml").read_text()
    entry = feed[feed.index("New figure for 2024/25"):]
    assert "<updated>2025-11-03T00:00:00Z</updated>" in entry[:600]


def test_feeds_say_how_many_exempt_actions_are_not_published(sample_site, members_site):
    said = "1 exempt action agreed there is not published."
    for feed in (f"feeds/surgeries/{SURGERY_2025}.xml", "feeds/indicators/children-in-care.xml",
                 "feed.xml"):
        assert said in (sample_site / feed).read_text(), feed
        assert said not in (members_site / feed).read_text(), feed


def test_the_data_and_the_home_page_say_it_too(sample_site, members_site):
    import json
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        (sample_site / "data" / "actions.csv").read_text()))}
    assert rows["PM07-3"]["outcome"] == "superseded-overdue"
    assert rows["RR-2"]["outcome"] == "overdue" and rows["CIC-2"]["outcome"] == "done-on-time"
    for site, withheld in ((sample_site, 1), (members_site, 0)):
        data = json.loads((site / "data" / "surgeries.json").read_text())
        entry = next(s for s in data["surgeries"] if s["id"] == SURGERY_2025)
        assert entry["withheld_actions"] == withheld
    said = "1 exempt action is not published here, overdue or not."
    assert said in text_of(sample_site / "index.html")
    assert said not in text_of(members_site / "index.html")
