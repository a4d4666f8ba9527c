"""Truthful records: whose archive it is, where a record came from, what is sample data,
what may be compared, and how exempt minutes items stay in place (records.md's new keys)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import every_byte, make_archive, text_of

import build

AS_OF = "2021-06-30"
SURGERY = "2020-01-15-test-surgery"
LATER = "2021-02-01-later-surgery"
SECRET_INDICATOR = "secret-indicator"


def _write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """An archive that uses every key the contract added, built for both audiences."""
    root = tmp_path_factory.mktemp("truthful")
    records = make_archive(root)
    _write(records / "archive.yml", """\
organisation: Testshire County Council
website: https://testshire.example.org/
region: Midshire
statistical_neighbours: [Northtown, Southville]
committees:
  - name: Scrutiny Commission
    url: https://testshire.example.org/scrutiny
contact: {name: Performance Team, email: performance@testshire.example.org}
""")
    _write(records / SURGERY / "surgery.yml", """\
title: Test surgery
date: 2020-01-15
status: published
chair: {role: Cabinet Member}
invited:
  - role: Chair of the Scrutiny Commission
  - role: Opposition lead member
indicators: [ALPHA 01]
source:
  title: Testshire Scrutiny Commission, 10 February 2020, Item 6
  url: https://testshire.example.org/reports/item-6.pdf
  note: The action plans are sample data.
report: {committee: Scrutiny Commission, meeting_date: 2020-02-10, item: 6}
""")
    _write(records / SURGERY / "action-plans" / "alpha.yml", """\
indicator: ALPHA 1
title: Alpha plan
lead: {role: Director}
actions:
  - {id: A-1, action: Do the thing., owner: Head of Service, due: 2020-06-30,
     status: in-progress, superseded_by: "2021-02-01-later-surgery#B-1"}
  - {id: A-2, action: A real action., owner: Head of Service, due: 2020-06-30,
     status: in-progress}
""")
    _write(records / SURGERY / "action-plans" / "sample.yml", """\
indicator: ALPHA 1
title: Sample plan
lead: {role: Director}
illustrative: true
actions:
  - {id: S-1, action: A sample action., owner: Head of Service, due: 2020-06-30,
     status: complete}
""")
    _write(records / SURGERY / "minutes.yml", """\
present: [{role: Cabinet Member}]
items:
  - title: Alpha
    notes: Discussed.
    actions: [A-1]
  - title: The staffing restructure of the alpha team
    public_title: Staffing matter
    notes: Names three posts at risk, SECRET-NOTES.
    decisions: [SECRET-DECISION]
    exempt: {paragraph: 1, reason: SECRET-REASON}
  - title: Any other business
    notes: None.
""")
    _write(records / LATER / "surgery.yml", """\
title: Later surgery
date: 2021-02-01
status: published
chair: {role: Cabinet Member}
attendees: [{role: Director}]
indicators: [ALPHA 01]
report: {committee: Scrutiny Commission, meeting_date: 2021-03-01}
""")
    _write(records / LATER / "action-plans" / "beta.yml", """\
title: Beta plan
lead: {role: Director}
actions:
  - {id: B-1, action: The thing again., owner: Head of Service, due: 2021-12-31,
     status: in-progress}
""")
    _write(records / LATER / "minutes.yml", "present: [{role: Director}]\n"
                                            "items: [{title: Beta, actions: [B-1]}]\n")
    _write(records / "2021-03-01-secret-review" / "surgery.yml", """\
title: Secret review
date: 2021-03-01
status: published
chair: {role: Cabinet Member}
attendees: [{role: Director}]
indicators: [SECRET 01]
exempt: {paragraph: 3, reason: Prices.}
""")
    _write(records / "2021-03-01-secret-review" / "action-plans" / "x.yml",
           "title: X\nlead: {role: Director}\nactions:\n  - {id: X-1, action: X., owner: O, "
           "due: 2021-12-31, status: not-started}\n")
    _write(records / "2021-03-01-secret-review" / "minutes.yml",
           "present: [{role: Director}]\nitems: [{title: X}]\n")
    _write(records / "indicators" / f"{SECRET_INDICATOR}.yml", """\
code: SECRET 01
title: SECRET-INDICATOR-TITLE
unit: "%"
polarity: none
exempt: {paragraph: 3, reason: Commercial.}
values: [{date: 2020-03-31, value: 5}]
""")
    _write(records / "indicators" / "alpha.yml", """\
code: ALPHA 01
aliases: [ALPHA 1]
title: Alpha rate per 10,000
unit: per 10,000
polarity: lower-is-better
values:
  - {date: 2018-03-31, label: "2017/18", value: 50, target: 45}
  - {date: 2019-03-31, label: "2018/19", value: 48, target: 45}
  - {date: 2019-06-30, label: Q1 2019/20, period: quarter, value: 47}
  - {date: 2020-03-31, label: "2019/20", value: 46, illustrative: true}
  - {date: 2021-03-31, label: "2020/21", value: 44}
  - {date: 2023-03-31, label: "2022/23", value: 43}
""")
    built = {}
    for audience in ("public", "members"):
        built[audience] = root / audience
        assert build.main(["build", "--records", str(records), "--site-dir",
                           str(built[audience]), "--as-of", AS_OF, "--audience", audience]) == 0
    return built


def test_the_organisation_is_on_every_page_in_the_feed_and_in_the_data(sites):
    for audience, site in sites.items():
        pages = list(site.rglob("*.html"))
        assert len(pages) > 8
        for page in pages:
            html = page.read_text()
            title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
            assert "Testshire County Council" in title, (audience, page)
            header = html[html.index("<header"):html.index("</header>")]
            assert "Testshire County Council" in header, (audience, page)
        feed = ET.fromstring((site / "feed.xml").read_bytes())
        atom = "{http://www.w3.org/2005/Atom}"
        assert feed.find(f"{atom}author/{atom}name").text == "Testshire County Council"
        assert "Testshire County Council" in feed.find(f"{atom}title").text
        surgeries = json.loads((site / "data" / "surgeries.json").read_text())
        assert surgeries["publisher"] == "Testshire County Council"
        assert json.loads((site / "data" / "indicators" / "alpha.json").read_text())[
            "publisher"] == "Testshire County Council"
        for name in ("actions.csv", "indicators/alpha.csv"):
            rows = list(csv.DictReader(io.StringIO((site / "data" / name).read_text())))
            assert {r["publisher"] for r in rows} == {"Testshire County Council"}, name


def test_a_surgery_says_where_it_came_from_and_who_was_invited(sites):
    page = sites["public"] / "surgeries" / SURGERY / "index.html"
    html, text = page.read_text(), text_of(page)
    assert ('<a href="https://testshire.example.org/reports/item-6.pdf">Testshire Scrutiny '
            "Commission, 10 February 2020, Item 6</a>") in html
    assert "This record was transcribed from" in text and "The action plans are sample" in text
    assert "Invited: Chair of the Scrutiny Commission Opposition lead member" in text
    assert "Attendees" not in text  # invited is never shown as attended
    data = json.loads((sites["public"] / "data" / "surgeries.json").read_text())
    source = next(s for s in data["surgeries"] if s["id"] == SURGERY)["source"]
    assert [s["url"] for s in source] == ["https://testshire.example.org/reports/item-6.pdf"]


def test_public_minutes_keep_an_exempt_item_in_place_with_its_heading_and_paragraph(sites):
    public = text_of(sites["public"] / "surgeries" / SURGERY / "index.html")
    assert re.search(r"1\. Alpha .*2\. Staffing matter ¶ This item is exempt from "
                     r"publication under paragraph 1 of Part 1 of Schedule 12A to the "
                     r"Local Government Act 1972: Information relating to any individual\. "
                     r"3\. Any other business", public), public
    for secret in ("staffing restructure", "SECRET-NOTES", "SECRET-DECISION", "SECRET-REASON"):
        assert secret not in public
        assert all(secret.encode() not in data for data in every_byte(sites["public"]).values())
    members = text_of(sites["members"] / "surgeries" / SURGERY / "index.html")
    assert "2. The staffing restructure of the alpha team" in members
    assert "SECRET-NOTES" in members and "SECRET-REASON" in members


def test_an_exempt_indicator_is_only_in_the_members_build(sites):
    public = every_byte(sites["public"])
    assert not any(b"SECRET-INDICATOR-TITLE" in data or b"SECRET 01" in data
                   for data in public.values())
    assert not (sites["public"] / "indicators" / SECRET_INDICATOR).exists()
    page = sites["members"] / "indicators" / SECRET_INDICATOR / "index.html"
    assert "Exempt — not for publication" in text_of(page)
    assert "SECRET 01" in text_of(sites["members"] / "indicators" / "index.html")


def test_sample_actions_are_marked_in_the_tracker_and_the_csv_and_only_they(sites):
    html = "".join(p.read_text() for p in (sites["public"] / "actions").glob("*/index.html"))
    rows = re.findall(r"<tr data-status=.*?</tr>", html, re.S)
    marked = {re.search(r">([A-Z]-\d)</a>", row).group(1): "flag--illustrative" in row
              for row in rows}
    assert marked == {"A-1": False, "A-2": False, "S-1": True, "B-1": False}
    data = list(csv.DictReader(io.StringIO((sites["public"] / "data" / "actions.csv")
                                           .read_text())))
    assert {r["id"]: r["illustrative"] for r in data} == {
        "A-1": "false", "A-2": "false", "S-1": "true", "B-1": "false"}


def test_an_indicator_csv_flags_sample_figures_and_their_periods(sites):
    rows = list(csv.DictReader(io.StringIO(
        (sites["public"] / "data" / "indicators" / "alpha.csv").read_text())))
    assert [(r["label"], r["period"], r["illustrative"]) for r in rows] == [
        ("2017/18", "year", "false"), ("2018/19", "year", "false"),
        ("Q1 2019/20", "quarter", "false"), ("2019/20", "year", "true"),
        ("2020/21", "year", "false"), ("2022/23", "year", "false")]


def test_no_direction_between_a_quarter_and_a_year_or_sample_and_real(sites):
    rows = {r["label"]: r["direction_of_travel"] for r in csv.DictReader(io.StringIO(
        (sites["public"] / "data" / "indicators" / "alpha.csv").read_text()))}
    assert rows == {
        "2017/18": "No previous figure",
        "2018/19": "Improving",
        "Q1 2019/20": "Not comparable: no earlier figure for a quarter (the one before "
                      "covers a year)",
        "2019/20": "Not comparable: this figure is sample data, the previous one is not",
        "2020/21": "Not comparable: previous figure is sample data",
        "2022/23": "Not comparable: no figure for the year before",
    }
    page = text_of(sites["public"] / "indicators" / "alpha" / "index.html")
    assert "Not comparable: previous figure is sample data" in page


def test_a_superseded_action_is_closed_and_links_its_successor(sites):
    html = (sites["public"] / "surgeries" / SURGERY / "index.html").read_text()
    row = re.search(r'<tr id="action-a-1">.*?</tr>', html, re.S).group()
    # closed, never overdue now; but it was past due when superseded, and says so (contract)
    assert "<strong>Overdue when superseded</strong> by" in row
    assert "<strong>Overdue</strong>" not in row
    assert "In progress, 7 months past due. Now B-1: in progress, due 31 December 2021." in row
    assert f'href="../../surgeries/{LATER}/#action-b-1"' in row
    later = (sites["public"] / "surgeries" / LATER / "index.html").read_text()
    assert 'id="action-b-1"' in later


def test_indicator_pages_name_the_region_and_the_statistical_neighbours(sites):
    text = text_of(sites["public"] / "indicators" / "alpha" / "index.html")
    assert "Region : Midshire" in text and "The average of: Northtown, Southville" in text
