"""Following the archive over time: committees, the forward plan and its calendar, feeds
for an indicator or a surgery, the decisions and exemptions registers, and what happened
since the last surgery."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

from conftest import ROOT, make_archive, text_of

from scrutiny.records import read_archive
from scrutiny.site.feed import atom_feed

SAMPLE_2012 = "surgeries/2012-02-24-children-with-safeguarding-plans-and-children-in-care"
SAMPLE_2025 = "surgeries/2025-06-20-children-in-care-and-re-referrals"
SCHEDULED = "2027-02-12-children-in-care-a-year-on"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_committee_page_lists_the_surgeries_reported_to_it(sample_site):
    page = sample_site / "committees" / "children-and-young-people-commission" / "index.html"
    text = text_of(page)
    assert "Children and Young People Commission" in text
    assert re.search(r"20 March 2012 6 Children with Safeguarding Plans and Children in Care "
                     r"24 February 2012", text), text
    assert "Children in care and re-referrals" not in text  # reported elsewhere
    index = text_of(sample_site / "committees" / "index.html")
    assert "Children, Young People and Skills Scrutiny Board" in index
    # and each surgery's report links its committee
    html = (sample_site / SAMPLE_2012 / "index.html").read_text()
    assert html.count('href="../../committees/children-and-young-people-commission/"') == 2


def test_the_forward_plan_and_its_calendar(sample_site):
    from icalendar import Calendar

    text = text_of(sample_site / "upcoming" / "index.html")
    assert ("12 February 2027 10:00, Committee Room 1, Council House Children in care: a year "
            "on Briefing pack illustrative SS PM 07") in text
    assert "Children, Young People and Skills Scrutiny Board , 15 March 2027" in text
    html = (sample_site / "upcoming" / "index.html").read_text()
    assert 'href="webcal://performance-surgeries.example.org/upcoming.ics"' in html
    board = text_of(sample_site / "committees" / "children-young-people-and-skills-scrutiny-board"
                    / "index.html")
    assert "To come, in the forward plan :" in board
    assert ("15 March 2027 Children in care: a year on illustrative 12 February 2027 10:00, "
            "Committee Room 1, Council House") in board
    assert "Children in care: a year on" in text_of(sample_site / "index.html")
    assert (sample_site / "surgeries" / SCHEDULED / "index.html").is_file()  # its pack
    raw = (sample_site / "upcoming.ics").read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded (RFC 5545, 3.1)
    calendar = Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["UID"]) == f"{SCHEDULED}@performance-surgeries.example.org"
    start = event.decoded("DTSTART")  # from its time, in UK time (GMT in February)
    assert start.isoformat() == "2027-02-12T10:00:00+00:00" and str(start.tzinfo) in (
        "Europe/London", "GMT")
    assert str(event["SUMMARY"]) == ("Surgery: Children in care: a year on "
                                     "(sample data)")
    assert str(event["LOCATION"]) == "Committee Room 1, Council House"
    assert str(event["DESCRIPTION"]) == (
        "Indicators to review: SS PM 07. To report to the Children, Young People and Skills "
        "Scrutiny Board on 15 March 2027. Briefing pack: https://performance-surgeries."
        f"example.org/surgeries/{SCHEDULED}/")
    assert str(event["URL"]) == ("https://performance-surgeries.example.org/surgeries/"
                                 f"{SCHEDULED}/")  # its briefing pack
    assert "DTSTAMP" in event and "DTEND" not in event  # no end given: none invented
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert calendar["VERSION"] == "2.0" and "PRODID" in calendar


def _feed(site, page) -> ET.Element:
    html = (site / page / "index.html").read_text()
    href = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]*: '
                     r'updates" href="([^"]+)"', html).group(1)
    assert "Subscribe to" in text_of(site / page / "index.html")
    return ET.parse((site / page / href).resolve()).getroot()


def test_each_indicator_and_surgery_links_an_atom_feed_of_its_own(sample_site):
    for page in ("indicators/children-in-care", "indicators/re-referrals",
                 "indicators/children-with-protection-plans",
                 "indicators/repeat-protection-plans"):
        feed = _feed(sample_site, page)
        assert feed.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated", "author", "link"):
            assert feed.find(f"{ATOM}{required}") is not None, (page, required)
        entries = feed.findall(f"{ATOM}entry")
        assert entries, page
        ids = [e.find(f"{ATOM}id").text for e in entries]
        assert len(ids) == len(set(ids)), page  # unique entry ids
    titles = [e.find(f"{ATOM}title").text
              for e in _feed(sample_site, "indicators/children-in-care").findall(f"{ATOM}entry")]
    assert "New figure for 2024/25: 88.0 per 10,000 children aged under 18" in titles
    # a real meeting whose actions and minutes are sample data: the feed says it is part sample
    assert ("Reviewed at a surgery: Children with Safeguarding Plans and Children in Care "
            "(contains sample data)") in titles
    assert "CIC-1: progress update (sample data)" in titles
    surgery = _feed(sample_site, SAMPLE_2025)
    assert any(e.find(f"{ATOM}title").text.startswith("RR-1: progress update")
               for e in surgery.findall(f"{ATOM}entry"))


def test_decisions_are_listed_across_surgeries(sample_site):
    text = text_of(sample_site / "decisions" / "index.html")
    assert re.search(r"20 June 2025 Children in care and re-referrals to children's social care "
                     r"illustrative 1\. Children in care per 10,000 \(SS PM 07\) The family "
                     r"group conference service to be extended\. SS PM 07", text), text[:1500]
    assert "Long-running plans to be reviewed at a multi-agency panel." in text
    rows = list(csv.DictReader(io.StringIO((sample_site / "data" / "decisions.csv").read_text())))
    assert len(rows) == len(re.findall(r"<tr data-indicator", (
        sample_site / "decisions" / "index.html").read_text())) >= 6
    assert {r["indicator"] for r in rows} >= {"SS PM 07", "EI&ISS PM 04", "EI&ISS PM 11"}


def test_the_exemptions_register_is_for_members_only(sample_site, members_site):
    assert not (sample_site / "exemptions").exists()
    assert not (sample_site / "data" / "exemptions.csv").exists()
    assert "exemptions register" not in text_of(sample_site / "index.html")
    text = text_of(members_site / "exemptions" / "index.html")
    assert re.search(r"Action CIC-3: Negotiate a block contract for local residential "
                     r"placements\. 3 Information relating to the financial or business affairs",
                     text), text[:1200]
    assert ("Minutes item 2. Residential placements (public heading: Contract for residential "
            "placements) 3") in text
    rows = list(csv.DictReader(io.StringIO((members_site / "data" / "exemptions.csv")
                                           .read_text())))
    assert {(r["kind"], r["paragraph"]) for r in rows} >= {("Action", "3"),
                                                          ("Minutes item", "3")}
    assert "exemptions register" in text_of(members_site / "index.html")


def test_since_the_last_surgery(sample_site):
    text = text_of(sample_site / SAMPLE_2025 / "index.html")
    part = text[text.index("Since the last surgery"):text.index("Action plans")]
    assert "SS PM 07 since 24 February 2012" in part
    assert "Last reviewed at Children with Safeguarding Plans and Children in Care" in part
    # the figures since then: 2011/12 was as at 31 March 2012, after the surgery in February;
    # 2023/24 is the last published by June 2025 (2024/25 came that autumn: `published`)
    assert "2011/12 77.0 illustrative 31 March 2012" in part and "2023/24 99.0" in part
    assert "2024/25" not in part
    assert "2010/11" not in part and "Q3 2011/12" not in part  # before the last surgery
    # what became of the 2012 actions, as at 20 June 2025
    assert "PM07-1 illustrative Set up an edge-of-care team" in part  # sample, and says so
    assert re.search(r"PM07-3 .*? Overdue when superseded by CIC-4", part)
    assert "EI&ISS PM 11 since" not in part  # not reviewed before


def test_a_long_list_links_its_other_pages():
    from scrutiny.site.html import pages_of

    assert pages_of("decisions/2/", ["decisions/", "decisions/2/", "decisions/3/"], 2) == (
        '<a href="../../decisions/">page 1</a>, page 2, <a href="../../decisions/3/">page 3</a>')


def test_feeds_say_which_records_are_sample_data_in_whole_or_in_part(sample_site, base_site,
                                                                     tmp_path):
    def entries(path):
        return {e.find(f"{ATOM}title").text: e for e in ET.parse(path).iter(f"{ATOM}entry")}

    # a real meeting whose actions and minutes are sample data, and a wholly sample one
    site = entries(sample_site / "feed.xml")
    real = site["Children with Safeguarding Plans and Children in Care (contains sample data)"]
    assert real.find(f"{ATOM}summary").text.startswith(
        "Part of this record is sample data, not the council's: its actions and its minutes.")
    assert real.find(f"{ATOM}category").get("label") == "Contains sample data"
    sample = site["Children in care and re-referrals to children's social care (sample data)"]
    assert sample.find(f"{ATOM}summary").text.startswith("Sample data, not the council's record.")
    folder = SAMPLE_2012.split("/")[1]
    own = ET.parse(sample_site / "feeds" / "surgeries" / f"{folder}.xml").getroot()
    assert own.find(f"{ATOM}title").text == ("Children with Safeguarding Plans and Children in "
                                             "Care (contains sample data): progress on its actions")
    assert ("The surgery: Children with Safeguarding Plans and Children in Care (contains "
            "sample data)") in entries(sample_site / "feeds" / "surgeries" / f"{folder}.xml")
    # a record with no sample part is not marked
    assert list(entries(base_site / "feed.xml")) == ["Test surgery"]
    assert not [t for t in entries(base_site / "feeds" / "indicators" / "alpha.xml")
                if "sample" in t]
    # one sample action of two
    records = make_archive(tmp_path)
    plan = records / "2020-01-15-test-surgery" / "action-plans" / "alpha.yml"
    plan.write_text(plan.read_text() + "  - {id: A-2, action: Try it., owner: Head of Service,"
                                       " illustrative: true}\n")
    archive = read_archive(records, as_of=dt.date(2020, 7, 1)).archive
    one = ET.fromstring(atom_feed(archive, "https://example.org/", "Archive"))
    entry = one.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Test surgery (contains sample data)"
    assert entry.find(f"{ATOM}summary").text.startswith(
        "Part of this record is sample data, not the council's: 1 of its 2 actions. ")


def test_a_calendar_subscription_only_to_the_archives_own_public_address(members_site,
                                                                        tmp_path):
    """webcal:// only where archive.yml gives site_url (never the project's placeholder),
    and not on the members' site: that address is the public site's, whose calendar leaves
    out the exempt meetings a member sees."""
    assert "webcal://" not in (members_site / "upcoming" / "index.html").read_text()
    from conftest import build_site
    site = tmp_path / "district"
    assert build_site(ROOT / "tests" / "samples" / "district", site) == 0
    assert "webcal://" not in (site / "upcoming" / "index.html").read_text()
