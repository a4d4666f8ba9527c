"""The second sample archive, tests/samples/district/: an invented district council's overview
and scrutiny committee, written to the records contract by hand (issue 22). It passes check
--strict, builds for both audiences, and its export builds under MkDocs and Zensical."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, text_of

import build

DISTRICT = ROOT / "tests" / "samples" / "district"
AS_OF = "2024-03-31"
NOTED = "surgeries/2023-09-14-quarter-1-performance-report/index.html"
UNDERTAKINGS = "surgeries/2023-12-07-quarter-2-performance-report/index.html"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("district")
    built = {}
    for audience in ("public", "members"):
        built[audience] = root / audience
        assert build.main(["build", "--records", str(DISTRICT), "--site-dir",
                           str(built[audience]), "--as-of", AS_OF, "--audience",
                           audience]) == 0
    return built


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in site.rglob("*.html")}


def test_the_district_sample_passes_check_strict(capsys):
    assert build.main(["check", "--records", str(DISTRICT), "--strict", "--as-of", AS_OF]) == 0
    assert capsys.readouterr().out == ""


def test_every_record_is_marked_illustrative():
    for path in DISTRICT.rglob("*.yml"):
        if path.name != "archive.yml":
            assert re.search(r"(?m)^illustrative: true$", path.read_text()), path


@pytest.mark.parametrize("audience", ["public", "members"])
def test_no_action_is_overdue_and_undertakings_say_no_date_set_and_not_recorded(
        sites, audience):
    site = sites[audience]
    page = text_of(site / UNDERTAKINGS)
    assert page.count("No date set") == 3 and page.count("Not recorded") == 3
    assert "Overdue" not in page
    assert "No action is overdue as at 31 March 2024." in text_of(site / "index.html")
    assert "0 overdue as at 31 March 2024, 3 with no recorded status" in text_of(
        site / "actions" / "index.html")
    rows = list(csv.DictReader(io.StringIO((site / "data" / "actions.csv").read_text())))
    assert len(rows) == 3
    assert {(r["due"], r["status"], r["overdue"]) for r in rows} == {("", "", "false")}


def test_the_meeting_that_agreed_no_actions_says_so(sites):
    page = text_of(sites["public"] / NOTED)
    assert ("The meeting agreed no actions. The committee noted the quarter 1 performance "
            "report and agreed no actions.") in page


def test_council_numbers_notes_paragraphs_and_sources_are_shown(sites):
    noted = text_of(sites["public"] / NOTED)
    assert "Cllr D Evans, Member of the Overview and Scrutiny Committee (substitute for Cllr B " \
           "Jones)" in noted
    assert "O&S 36/23 Quarter 1 performance report 2023/24" in noted
    assert re.search(r"2\.1 That the committee notes the quarter 1 performance report", noted)
    later = text_of(sites["public"] / UNDERTAKINGS)
    for source in ("agenda item 7", "Minutes of the Overview and Scrutiny Committee, 7 December",
                   "Webcast of the meeting"):
        assert source in later


def test_no_comparator_column_anywhere(sites):
    """No figure has a comparator: no page table and no CSV file has an empty column for one
    (the Open data page still explains the columns a comparator would add)."""
    for audience, site in sites.items():
        for name, html in _pages(site).items():
            if name == "data/index.html":
                continue
            headers = " ".join(re.findall(r"<th\b[^>]*>(.*?)</th>", html, re.S))
            assert not re.search(r"England|neighbours|[Rr]egion", headers), (audience, name)
        for table in (site / "data" / "indicators").glob("*.csv"):
            header = table.read_text().splitlines()[0].split(",")
            assert not {"statistical_neighbours", "england", "region"} & set(header), table


def test_without_a_licence_the_site_says_none_is_stated(sites):
    site = sites["public"]
    assert "No licence stated" in text_of(site / "data" / "index.html")
    assert "Licence : No licence stated" in text_of(
        site / "indicators" / "council-tax-collected" / "index.html")
    for table in (site / "data" / "indicators").glob("*.csv"):
        rows = list(csv.DictReader(io.StringIO(table.read_text())))
        assert rows and {r["licence"] for r in rows} == {"No licence stated"}, table


def test_a_reported_figure_and_year_to_date_figures(sites):
    site = sites["public"]
    planning = text_of(site / "indicators" / "planning-decided-in-time" / "index.html")
    assert "On target (as reported)" in planning
    assert "the judgement is shown “as reported”" in planning  # and the page says what it is
    tax = text_of(site / "indicators" / "council-tax-collected" / "index.html")
    # Q1 2023/24 (28.9) is compared with Q1 2022/23 (29.1), not with Q4 2022/23 (97.6),
    # each year-to-date figure says so, and the page says how they are compared
    assert re.search(r"Q1 2023/24 30 June 2023 28\.9 year to date illustrative 29\.0 ◐ Near "
                     r"target ▼ Worsening", tax)
    assert "compared with the figure for the same point a year before" in tax
    assert "year to date" not in text_of(site / "indicators" / "missed-bin-collections"
                                         / "index.html").replace("year to date ¶", "")


def _engine(name: str) -> list[str]:
    script = Path(sys.executable).parent / name
    if not script.exists():
        pytest.fail(f"{name} is not installed in this environment (requirements-dev.txt)")
    return [str(script)]


@pytest.mark.parametrize("audience", ["public", "members"])
def test_the_export_builds_under_mkdocs_and_zensical(tmp_path, audience):
    out = tmp_path / "export"
    assert build.main(["export", "--records", str(DISTRICT), "--out", str(out), "--as-of",
                       AS_OF, "--audience", audience]) == 0
    mkdocs = subprocess.run([*_engine("mkdocs"), "build", "--strict", "-q", "-d",
                             "built-mkdocs"], cwd=out, env=ENV, capture_output=True, text=True)
    assert mkdocs.returncode == 0, mkdocs.stderr
    zensical = subprocess.run([*_engine("zensical"), "build", "--clean"], cwd=out, env=ENV,
                              capture_output=True, text=True)
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    for built in (out / "built-mkdocs", out / "site"):
        page = (built / UNDERTAKINGS).read_text()
        assert "No date set" in page and "Not recorded" in page
        assert (built / "indicators" / "missed-bin-collections" / "index.html").is_file()
