"""Any council can adopt it (issue 22): the site speaks of the council whose archive it is and
of what that council calls its meetings, and nothing on it is about the sample archive.

An archive whose archive.yml names Tewkesbury Borough Council, calls its meetings "overview
and scrutiny committee meetings" and gives no licence or About text is built for both
audiences; every file is searched for the sample's council and licence, and every text a
reader sees for "surgery" (web addresses, file names and data keys are not text to read)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, build_site, every_byte, make_archive, search_documents, text_of

SCHEDULED = "2099-01-20-budget-monitoring"
ARCHIVE = """\
organisation: Tewkesbury Borough Council
website: https://www.tewkesbury.gov.uk/
meetings:
  name: overview and scrutiny committee meeting
  plural: overview and scrutiny committee meetings
  description: Overview and scrutiny committee meetings *hold the executive to account*.
committees:
  - name: Overview and Scrutiny Committee
"""
SURGERY = re.compile(r"surger(y|ies)", re.I)
FILE_NAME = re.compile(r"\b[\w.-]+\.(json|csv|xml|ics)\b")  # surgeries.json, a link's text


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("tewkesbury")
    records = make_archive(root)
    (records / "archive.yml").write_text(ARCHIVE, encoding="utf-8")
    meeting = records / "2020-01-15-test-surgery" / "surgery.yml"
    meeting.write_text(meeting.read_text().replace("Test surgery", "Quarterly performance")
                       + "illustrative: true\nreport:\n  committee: Overview and Scrutiny "
                       "Committee\n  meeting_date: 2020-02-10\n", encoding="utf-8")
    (records / SCHEDULED).mkdir()
    (records / SCHEDULED / "surgery.yml").write_text(
        "title: Budget monitoring\ndate: 2099-01-20\nstatus: scheduled\n"
        "indicators: [ALPHA 01]\n", encoding="utf-8")
    built = {}
    for audience in ("public", "members"):
        built[audience] = root / audience
        assert build_site(records, built[audience], "--audience", audience) == 0
    return built


def _read(page) -> str:
    """What a reader sees of a page: its title, and the text of its body (header, nav,
    content and footer), less code (data keys such as `surgery_date`) and file names."""
    html = page.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    body = html[html.index("<body"):]
    body = re.sub(r"<code>.*?</code>", "", body, flags=re.S)
    stripped = page.with_name(page.name + ".read")  # text_of reads the content from a file
    stripped.write_text("<article>" + body + "</article>", encoding="utf-8")
    text = text_of(stripped)
    stripped.unlink()
    return FILE_NAME.sub("", f"{title} {text}")


def _pages(site):
    """Every page but the officers' guide and reference, which document the record files
    (surgery.yml) by name."""
    return [p for p in sorted(site.rglob("*.html"))
            if not p.relative_to(site).as_posix().startswith("officers/")]


@pytest.mark.parametrize("audience", ["public", "members"])
def test_no_file_names_the_sample_council_or_its_licence(sites, audience):
    for name, data in every_byte(sites[audience]).items():
        assert b"Derby" not in data, name
        assert b"Open Government Licence" not in data, name


@pytest.mark.parametrize("audience", ["public", "members"])
def test_no_page_a_reader_sees_says_surgery(sites, audience):
    pages = _pages(sites[audience])
    assert len(pages) > 10
    for page in pages:
        text = _read(page)
        found = SURGERY.search(text)
        assert found is None, (page, text[max(0, found.start() - 80):found.end() + 80])


@pytest.mark.parametrize("audience", ["public", "members"])
def test_the_pages_say_the_councils_own_words(sites, audience):
    site = sites[audience]
    home = _read(site / "index.html")
    assert "Overview and scrutiny committee meetings — Tewkesbury Borough Council" in home
    assert "hold the executive to account" in home  # its description, as Markdown
    assert "Latest overview and scrutiny committee meetings" in home
    year = _read(site / "surgeries" / "2020" / "index.html")
    assert "Overview and scrutiny committee meetings in 2020" in year
    meeting = _read(site / "surgeries" / "2020-01-15-test-surgery" / "index.html")
    assert "This overview and scrutiny committee meeting is sample data" in meeting
    about = _read(site / "about" / "index.html")
    assert "Tewkesbury Borough Council" in about and "No licence stated" in about
    assert "sample" not in about.lower()
    upcoming = _read(site / "upcoming" / "index.html")
    assert "Upcoming overview and scrutiny committee meetings" in upcoming


@pytest.mark.parametrize("audience", ["public", "members"])
def test_feeds_calendar_and_data_say_no_surgery(sites, audience):
    site = sites[audience]
    for feed in [site / "feed.xml", *sorted((site / "feeds").rglob("*.xml"))]:
        for element in ET.parse(feed).iter():
            if not element.tag.endswith("}id") and element.text:
                assert not SURGERY.search(element.text), (feed, element.text)
    calendar = (site / "upcoming.ics").read_text().replace("\r\n ", "")
    said = [line for line in calendar.splitlines()
            if line.startswith(("SUMMARY", "DESCRIPTION", "X-WR-CALNAME"))]
    assert any("Overview and scrutiny committee meeting: Budget monitoring" in line
               for line in said)
    assert not SURGERY.search("\n".join(said))
    for table in sorted((site / "data").rglob("*.csv")):
        for row in csv.DictReader(io.StringIO(table.read_text())):
            for column, value in row.items():
                if column not in ("surgery", "page", "superseded_by", "id"):  # ids, addresses
                    assert not SURGERY.search(value or ""), (table, column, value)

    def values(node, key=None, identifiers=("id", "url")):
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in identifiers:
                    yield from values(v, k, identifiers)
        elif isinstance(node, list):
            for v in node:
                yield from values(v, key, identifiers)
        elif isinstance(node, str):
            yield key, node
    for data in sorted((site / "data").rglob("*.json")):
        # the data package names columns and files by their fixed names (surgery_date,
        # surgeries.json): identifiers, as the CSVs' own headers are; its titles and
        # descriptions are read
        skip = ("id", "url", "name", "path", "homepage") if data.name == "datapackage.json" \
            else ("id", "url")
        for key, value in values(json.loads(data.read_text()), identifiers=skip):
            assert not SURGERY.search(value), (data, key, value)


@pytest.mark.parametrize("audience", ["public", "members"])
def test_search_results_say_no_surgery(sites, audience):
    for doc in search_documents(sites[audience]):
        if doc["url"].startswith(("/officers/", "/data/")):  # documents record files by name
            continue
        shown = [doc["meta"].get("title", ""), *doc["meta"].values(),
                 *(v for vs in doc.get("filters", {}).values() for v in vs)]
        for value in shown:
            assert not SURGERY.search(value), (doc["url"], value)
        assert not SURGERY.search(FILE_NAME.sub("", doc["content"])), doc["url"]


def test_the_sample_archive_keeps_its_words():
    """The sample's own words now come from its archive.yml."""
    text = (ROOT / "surgeries" / "archive.yml").read_text(encoding="utf-8")
    assert "Performance surgeries are meetings where the cabinet member" in text
    assert "What is real and what is sample data" in text
