"""The contract's newer optional keys, through to the built site: a meeting's `time` and
`venue`, a figure's `published` date and confidence `interval`, "Similar" within the
tolerance, and an archive's own About headings.

One archive is built: the base archive, with a scheduled meeting that gives its time and
venue, an alpha figure dated before the meeting but published after it, an interval, and
an About text with headings."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import build_site, make_archive, text_of

from scrutiny.records.check import read_archive

MEETING = "2020-01-15-test-surgery"
SCHEDULED = "2099-01-20-budget-monitoring"
LATER = "2020-03-10-later"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    records = make_archive(tmp_path_factory.mktemp("keys"))
    alpha = records / "indicators" / "alpha.yml"
    alpha.write_text(alpha.read_text() + """\
  - date: 2020-01-05
    label: Early January 2020
    value: 44.5
    target: 45
    published: 2020-02-20
    interval: {lower: 43.0, upper: 47.5}
    comparators: {england: 47}
""", encoding="utf-8")
    (records / "archive.yml").write_text("""\
organisation: Test Council
site_url: https://scrutiny.test.example/
repository: https://git.test.example/records
about: |
  Opening words.

  ## Whose records these are

  The *council's* own.

  ### A smaller heading

  More words.
""", encoding="utf-8")
    meeting = records / MEETING / "surgery.yml"
    meeting.write_text(meeting.read_text() + 'time: "10:30"\nvenue: Room 2\n'
                       "report:\n  committee: Scrutiny Committee\n  meeting_date: 2020-01-15\n",
                       encoding="utf-8")
    later = records / LATER
    later.mkdir()
    (later / "surgery.yml").write_text(
        "title: Later\ndate: 2020-03-10\nstatus: published\nchair: {role: Chair}\n"
        "attendees: [{role: Director}]\nindicators: [ALPHA 01]\n"
        "no_actions: The meeting noted the figures.\n", encoding="utf-8")
    (later / "minutes.yml").write_text("present: [{role: Chair}]\nitems: [{title: Alpha}]\n",
                                       encoding="utf-8")
    (records / SCHEDULED).mkdir()
    (records / SCHEDULED / "surgery.yml").write_text(
        "title: Budget monitoring\ndate: 2099-01-20\nstatus: scheduled\ntime: \"14:00\"\n"
        "venue: Committee Room 1, Council House\nindicators: [ALPHA 01]\n", encoding="utf-8")
    return records


@pytest.fixture(scope="module")
def site(records, tmp_path_factory):
    site = tmp_path_factory.mktemp("keys-site") / "site"
    assert build_site(records, site) == 0
    return site


def test_a_figure_published_after_a_meeting_is_not_among_its_latest_figures(records, site):
    alpha = read_archive(records).archive.indicators["alpha"]
    published_later = next(f for f in alpha.figures if f.label == "Early January 2020")
    assert published_later.published is not None
    # dated before the meeting, but not yet published: the meeting knew Q3's figure
    assert alpha.figure_as_at(dt.date(2020, 1, 15)).label == "Q3 2019/20"
    assert alpha.figure_as_at(dt.date(2020, 2, 20)) is published_later
    meeting = text_of(site / "surgeries" / MEETING / "index.html")
    assert "Q3 2019/20" in meeting and "Early January 2020" not in meeting


def test_a_figure_published_after_a_meeting_is_new_at_the_next_one(site):
    """Dated before the first meeting but published after it: "since the last" of the
    next meeting shows it, and the first meeting's page never does (not back-dated)."""
    later = text_of(site / "surgeries" / LATER / "index.html")
    since = later[later.index("Since the last"):]
    assert "Early January 2020" in since
    assert "Q3 2019/20" not in since  # known at the first meeting already


def test_feeds_date_a_figure_by_its_publication(site):
    feed = ET.parse(site / "feeds" / "indicators" / "alpha.xml")
    entry = next(e for e in feed.iter(f"{ATOM}entry")
                 if e.find(f"{ATOM}title").text.startswith("New figure for Early January 2020"))
    assert entry.find(f"{ATOM}updated").text.startswith("2020-02-20")
    assert entry.find(f"{ATOM}title").text == "New figure for Early January 2020: 44.5 per 10,000"


def test_similar_within_the_interval_or_the_tolerance(site):
    page = text_of(site / "indicators" / "alpha" / "index.html")
    assert "≈ Similar to England" in page  # 44.5 against 47: inside 43.0 to 47.5
    # Q3 2019/20, 46.5 with a tolerance of 2: region 47 and neighbours 48 are similar,
    # England 44 (2.5 away) is not
    assert re.search(r"47\.0 ≈ Similar to region", page)
    assert re.search(r"48\.0 ≈ Similar to statistical neighbours", page)
    assert re.search(r"44\.0 ▲ Worse than England", page)
    assert "within 2.0 per 10,000 of the target" in page


def test_time_and_venue_on_the_page_the_forward_plan_and_the_calendar(site):
    meeting = text_of(site / "surgeries" / MEETING / "index.html")
    assert "Time : 10:30 Venue : Room 2" in meeting
    # the committee's own meeting considered its report: not "reported to" itself
    assert "Report considered by : Scrutiny Committee" in meeting
    upcoming = text_of(site / "upcoming" / "index.html")
    assert "Time and place" in upcoming and "14:00, Committee Room 1, Council House" in upcoming
    calendar = (site / "upcoming.ics").read_bytes().decode().replace("\r\n ", "")
    assert "DTSTART;TZID=Europe/London:20990120T140000\r\n" in calendar
    assert "LOCATION:Committee Room 1\\, Council House\r\n" in calendar
    assert "TZID:Europe/London\r\n" in calendar and "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" in (
        calendar)


def test_the_about_texts_headings_are_the_pages_own(site):
    html = (site / "about" / "index.html").read_text()
    assert re.search(r'<h2 id="whose-records-these-are">Whose records these are', html)
    assert re.search(r'<h3 id="a-smaller-heading">A smaller heading', html)
    assert "<em>council's</em> own" in html
    toc = html[html.index('class="md-nav md-nav--secondary"'):]
    assert 'href="#whose-records-these-are"' in toc
    assert re.search(r'<h2 id="accessibility">Accessibility', html)


def test_the_site_and_the_records_are_where_the_archive_says(site):
    """Not the project's placeholder addresses: the archive's own, in every file."""
    home = (site / "index.html").read_text()
    assert 'href="https://git.test.example/records"' in home
    assert '<link rel="canonical" href="https://scrutiny.test.example/">' in home
    feed = (site / "feed.xml").read_text()
    assert "<id>https://scrutiny.test.example/" in feed
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".ics", ".json", ".csv"):
            text = path.read_text(encoding="utf-8")
            assert "example-council" not in text and "performance-surgeries.example" not in (
                text), path
    page = (site / "surgeries" / MEETING / "index.html").read_text()
    assert "/edit/" not in page  # the council's repository's layout is not known


def test_without_a_repository_no_page_links_to_one(tmp_path):
    records = make_archive(tmp_path)
    site = tmp_path / "site"
    assert build_site(records, site) == 0
    home = (site / "index.html").read_text()
    assert "md-source" not in home and "github.com" not in home


@pytest.mark.parametrize("key", ["site_url", "members_site_url", "repository"])
@pytest.mark.parametrize("value", [
    'https://example.org/"><img src=x onerror=alert(1)>/',
    "https://example.org/'onmouseover=alert(1)",
    "https://example.org/ <script>",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://example.org/\\u0022",
    "https://example.org/\n",  # Python's $ would let a final line break through
])
def test_an_address_the_theme_would_print_as_markup_is_refused(tmp_path, capsys, key, value):
    """The theme prints site_url and repository unescaped (MkDocs' config): check refuses
    any address with a character HTML reads, and the plugin would not use one anyway."""
    import json

    import build
    from scrutiny.names import plain_url
    records = make_archive(tmp_path)
    (records / "archive.yml").write_text(f"organisation: Test Council\n{key}: "
                                         f"{json.dumps(value)}\n", encoding="utf-8")
    assert build.main(["check", "--records", str(records)]) == 1
    assert f"archive.yml:2:{len(key) + 3}: error: {key}:" in capsys.readouterr().out
    assert not plain_url(value)


def test_the_schema_and_the_plugin_agree_on_a_plain_address():
    import json

    from conftest import ROOT

    from scrutiny.names import PLAIN_URL, plain_url
    schema = json.loads((ROOT / "schema" / "archive.schema.json").read_text())
    assert schema["properties"]["site_url"]["pattern"] == PLAIN_URL
    assert schema["properties"]["repository"]["pattern"] == PLAIN_URL
    assert schema["properties"]["members_site_url"]["pattern"] == PLAIN_URL
    assert plain_url("https://scrutiny.example.gov.uk/records/?x=1&y=(2)#top") is False
    assert plain_url("https://git.example.gov.uk:8443/council/records")


@pytest.mark.parametrize("time", ["10:00\n", "24:00", "9:00", "10:60", " 10:00"])
def test_a_time_not_hh_mm_is_refused(tmp_path, capsys, time):
    """A start the calendar writes as it is: nothing else may ride along (a line break
    would end the calendar's line early)."""
    import json

    import build
    records = make_archive(tmp_path)
    folder = records / "2099-01-20-later"
    folder.mkdir()
    (folder / "surgery.yml").write_text(
        f"title: Later\ndate: 2099-01-20\nstatus: scheduled\ntime: {json.dumps(time)}\n"
        "indicators: [ALPHA 01]\n", encoding="utf-8")
    assert build.main(["check", "--records", str(records)]) == 1
    assert "surgery.yml:4:7: error: time:" in capsys.readouterr().out
