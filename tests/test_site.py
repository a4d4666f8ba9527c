"""Full builds with real MkDocs: what a reader must find on each kind of page."""

from __future__ import annotations

import datetime as dt
import re

from conftest import ROOT, SAMPLE_AS_OF, make_archive, search_documents, text_of

import build

AS_OF = SAMPLE_AS_OF
SAMPLE_2012 = "surgeries/2012-02-24-children-with-safeguarding-plans-and-children-in-care"
SAMPLE_2025 = "surgeries/2025-06-20-children-in-care-and-re-referrals"


def test_home_page(sample_site):
    text = text_of(sample_site / "index.html")
    assert "Latest surgeries" in text
    assert "Children in care and re-referrals to children's social care" in text
    # Q2 2025/26 re-referrals 22.4% against a target of 21 with a tolerance of 1
    assert re.search(r"Indicators off target .*EI&ISS PM 11.*22\.4.*Off target", text)
    assert re.search(r"Overdue actions .*RR-2.*Overdue", text)


def test_archive_page_lists_surgeries_by_year_newest_first(sample_site):
    text = text_of(sample_site / "surgeries" / "index.html")
    assert text.index("2025") < text.index("2012")
    assert "Children and Young People Commission" in text
    assert "EI&ISS PM 04" in text and "SS PM 07" in text
    assert "Repeat child protection plans" not in text  # a draft


def test_surgery_page_shows_the_whole_record(sample_site):
    page = sample_site / SAMPLE_2012 / "index.html"
    text = text_of(page)
    for expected in [
        "24 February 2012", "Cabinet Member for Children and Young People",
        "Chair of the Children and Young People Commission", "Andrew Bunyan",
        # the indicator table, as at the surgery: Q3 2011/12 is a quarter, and the figure
        # before it covers a year, so there is no direction of travel, and the page says why
        "EI&ISS PM 04", "52.3", "Q3 2011/12", "45.0", "Off target",
        "Not comparable: no earlier figure for a quarter (the one before covers a year)",
        # where the record comes from, and who was invited (the report does not say who came)
        "Source", "This record was transcribed from Derby City Council, Children and Young "
        "People Commission, 20 March 2012, Item 6", "Invited:",
        "The record says who was invited to the surgery, not who attended.",
        "SS PM 07", "(also EI&ISS PM 05)",
        # action plans and minutes, marked as sample data
        "PM04-1", "Review every child protection plan open for more than 15 months",
        "Head of Safeguarding and Reviewing", "31 May 2012", "Complete",
        "All 52 reviewed.", "Illustrative", "Minutes", "Decisions:",
        # the cover report, in order
        "Cover report", "Summary", "Recommendation", "Reasons for recommendation",
        "Supporting information", "Other options considered", "Sign-off",
        "Heather Greenan, Head of Performance and Improvement", "Tel: 01332 643454",
        "Background papers:", "Appendix 4 – Performance Surgery minutes",
        "Financial and Value for Money", "'Being safe and feeling safe'",
    ]:
        assert expected in text, expected
    assert text.index("Summary") < text.index("Recommendation") < text.index("Implications")
    assert "Attendees:" not in text  # invited is never shown as attendance
    # PM07-3 was never done: a 2025 action replaced it, so it is closed, not overdue now;
    # but it was long past due then, and the page says so (issue 23: a broken promise)
    assert re.search(r"PM07-3 .*? Overdue when superseded by CIC-4 on 20 June 2025", text)
    assert "⚠ Overdue (" not in text
    html = page.read_text()
    assert ('<a href="../../surgeries/2025-06-20-children-in-care-and-re-referrals/'
            '#action-cic-4">CIC-4</a>' in html)
    assert 'href="https://github.com/example-council/performance-surgeries/edit/main/' \
           f'{SAMPLE_2012}/surgery.yml"' in html
    assert '<th scope="col"' in html and 'class="num"' in html
    assert re.search(r"<caption[^>]*>Indicators reviewed, with the latest figures as at "
                     r"24 February 2012", html)


def test_papers_are_copied_and_linked(sample_site):
    page = (sample_site / SAMPLE_2025 / "index.html").read_text()
    assert 'href="papers/background-information.pdf"' in page
    assert "(PDF, 1 KB)" in page
    copied = sample_site / SAMPLE_2025 / "papers" / "background-information.pdf"
    assert copied.read_bytes() == (ROOT / SAMPLE_2025 / "papers" /
                                   "background-information.pdf").read_bytes()


def test_indicator_page(sample_site):
    page = sample_site / "indicators" / "children-in-care" / "index.html"
    text = text_of(page)
    for expected in ["SS PM 07", "EI&ISS PM 05", "per 10,000 children aged under 18",
                     "Lower is better", "the council's local choice".capitalize()[:10],
                     "Open Government Licence v3.0", "2024/25", "88.0", "91.6",
                     "Better than statistical neighbours", "Worse than England",
                     "Surgeries that reviewed it", "Actions agreed", "PM07-1", "CIC-1",
                     "illustrative", "provisional",
                     # the comparators named: the region, and the statistical neighbours
                     "Region : East Midlands", "Statistical neighbours : The average of: Coventry, "
                     "Bolton, Walsall"]:
        assert expected in text, expected
    html = page.read_text()
    start = html.index('<svg class="chart__svg chart__svg--wide"')
    svg = html[start:html.index("</svg>", start)]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert svg.count("<polyline") >= 5 + 5  # five series and their legend samples
    assert ">Sample data (illustrative)</text>" in svg
    assert ">East Midlands</text>" in svg and "chart__review" in svg
    # the 2 sample years and the legend: the sample quarter is in the table, not the chart,
    # which draws the main period's figures only (a quarter is never joined to a year)
    assert svg.count('class="chart__hollow"') >= 2 + 1
    table = html[html.index("Every figure for SS PM 07"):]
    rows = re.findall(r"<tr[ >]", table[table.index("<tbody>"):table.index("</table>")])
    assert len(rows) == 13  # 3 illustrative + 10 published figures


def test_chart_marks_sample_and_provisional_figures_and_reviews():
    from scrutiny.records.model import Figure, Indicator
    from scrutiny.site.chart import trend_chart

    figures = (Figure(dt.date(2019, 3, 31), 10, illustrative=True),
               Figure(dt.date(2020, 3, 31), 12), Figure(dt.date(2021, 3, 31), 11, provisional=True))
    svg = trend_chart(Indicator("x", "X 1", "X", "per 100", "none", figures), "c",
                      [dt.date(2020, 6, 1)])
    for drawing in ("wide", "narrow"):
        one = svg[svg.index(f"chart__svg--{drawing}"):]
        one = one[:one.index("</svg>")]
        assert ">Sample data (illustrative)</text>" in one and ">Provisional</text>" in one
        assert ">A surgery reviewed it</text>" in one and ">per 100</text>" in one  # the unit
        assert one.count('class="chart__hollow"') == 2 + 2  # a point of each, and the legend
    assert svg.count("<svg") == 2 and 'id="c-wide-title"' in svg and 'id="c-narrow-title"' in svg


def test_action_tracker(sample_site):
    html = (sample_site / "actions" / "index.html").read_text()
    assert 'class="data-table data-table--cards action-tracker sortable"' in html
    assert 'data-status="overdue"' in html and 'id="status-filter"' in html
    assert "assets/tables.js" in html
    text = text_of(sample_site / "actions" / "index.html")
    assert re.search(r"11 in all, 2 overdue as at 26 November 2026", text)  # CIC-3 is exempt
    # the open actions first; every action on the page of its surgery's year
    assert "This page lists the 3 actions still open" in text
    assert "Actions by year of the surgery: Open actions · 2025 · 2012" in text
    rows = []
    for year in ("2025", "2012"):
        page = (sample_site / "actions" / year / "index.html").read_text()
        rows += re.findall(r"<tr data-status=.*?</tr>", page, re.S)
    assert len(rows) == 11 and all("flag--illustrative" in row for row in rows)
    assert sum('data-status="superseded-overdue"' in row for row in rows) == 1
    assert "Overdue when superseded by CIC-4" in text_of(
        sample_site / "actions" / "2012" / "index.html")


def test_about_page(sample_site):
    text = text_of(sample_site / "about" / "index.html")
    assert "What a performance surgery is" in text and "Licence" in text


def test_search_index_knows_each_page_kind_and_its_filters(sample_site):
    """Pagefind's index: each page's kind and date for the results, and the filters."""
    docs = {d["url"]: d for d in search_documents(sample_site)}
    surgery = docs["/" + SAMPLE_2012 + "/"]
    assert surgery["meta"]["kind"] == "Surgery" and surgery["meta"]["date"] == "24 February 2012"
    # escaped once as stored: Pagefind's interface shows filter values as HTML
    assert surgery["filters"]["indicator"] == ["EI&amp;ISS PM 04", "SS PM 07"]
    assert surgery["filters"]["year"] == ["2012"] and "Superseded" in surgery["filters"]["status"]
    assert "EI&ISS PM 04" in surgery["content"]
    indicator = docs["/indicators/children-in-care/"]
    assert indicator["filters"]["kind"] == ["Indicator"] and indicator["meta"]["date"]
    assert docs["/actions/"]["filters"]["kind"] == ["Actions"]
    # what a page shows around its content is not indexed: navigation, the print header
    assert not any(d["content"].startswith("Skip to content") or "· printed" in d["content"]
                   or "¶" in d["content"] for d in docs.values())
    assert "/404.html" not in docs


def test_navigation_does_not_list_every_surgery(sample_site):
    html = (sample_site / "about" / "index.html").read_text()
    assert "Surgeries" in html and "2012-02-24" not in html and "children-in-care" not in html


def test_hand_worked_judgements(base_site):
    # alpha: Q3 2019/20 is 46.5 against a target of 45 with a tolerance of 2; the previous
    # figure was 50; statistical neighbours 48, England 44, region 47 (lower is better).
    # The arrow says which way the number went (down from 50; above 44); the words say
    # better or worse. Neighbours (1.5 away) and region (0.5 away) are within the tolerance
    # of 2: "Similar", as the contract says; England (2.5 away) is not.
    text = text_of(base_site / "surgeries" / "2020-01-15-test-surgery" / "index.html")
    row = text[text.index("ALPHA 01"):]
    assert re.match(
        r"ALPHA 01 \(also ALPHA 1\) Alpha rate per 10,000 46\.5 per 10,000 Q3 2019/20 "
        r"45\.0 per 10,000 ◐ Near target ▼ Improving 48\.0 per 10,000 ≈ Similar to "
        r"statistical neighbours 44\.0 per 10,000 ▲ Worse than England 47\.0 per 10,000 "
        r"≈ Similar to region", row), row[:300]
    # A-1 was due 30 June 2020 and is in progress: overdue as at 1 July 2020
    assert "A-1 Do the thing. Head of Service 30 June 2020 ⚠ Overdue (in progress)" in text


def test_as_of_decides_overdue(tmp_path):
    records = make_archive(tmp_path)
    assert build.main(["build", "--records", str(records), "--site-dir", str(tmp_path / "s"),
                       "--as-of", "2020-06-30"]) == 0
    text = text_of(tmp_path / "s" / "surgeries" / "2020-01-15-test-surgery" / "index.html")
    assert "Overdue" not in text and "In progress" in text


def test_record_text_is_never_html(tmp_path):
    records = make_archive(tmp_path)
    surgery = records / "2020-01-15-test-surgery" / "surgery.yml"
    surgery.write_text(surgery.read_text().replace(
        "title: Test surgery",
        'title: "</title><script>alert(1)</script> {: onclick=alert(2)}"')
        + 'summary: "<img src=x onerror=alert(3)> [click](javascript:alert(4)) '
          '[data](data:text/html,hi) [ok](https://example.org)"\n')
    minutes = records / "2020-01-15-test-surgery" / "minutes.yml"
    minutes.write_text(minutes.read_text().replace("notes: Discussed.",
                                                   "notes: '<iframe src=x></iframe>'"))
    site = tmp_path / "site"
    assert build.main(["build", "--records", str(records), "--site-dir", str(site),
                       "--as-of", "2020-07-01"]) == 0
    page = site / "surgeries" / "2020-01-15-test-surgery" / "index.html"
    html = page.read_text()
    for bad in ["<script>alert", "<img src=x", "<iframe", "javascript:alert", "data:text",
                'onclick="alert']:
        assert bad not in html, bad
    text = text_of(page)
    assert "</title><script>alert(1)</script> {: onclick=alert(2)}" in text
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)" in html
    assert "<img src=x onerror=alert(3)>" in text and "<iframe src=x></iframe>" in text
    assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in html
    for other in site.rglob("*.html"):
        assert "<script>alert(1)" not in other.read_text(), other
    # the index holds it as the text it is; Pagefind escapes it in results (test_attacks
    # checks that in Chromium)
    assert any("<script>alert(1)" in d["content"] for d in search_documents(site))


def test_build_output_lines(tmp_path, capsys):
    records = make_archive(tmp_path)
    assert build.main(["build", "--records", str(records), "--site-dir",
                       str(tmp_path / "s")]) == 0
    err = capsys.readouterr().err
    assert f"Building the public site as at {dt.date.today().isoformat()}" in err
    assert re.search(r"Built \d+ pages in [\d.]+ s", err)


def test_search_index_holds_every_page_kind(sample_site):
    text_at = {d["url"].strip("/") + "/" if d["url"] != "/" else "": d["meta"]["title"] + " "
               + d["content"] for d in search_documents(sample_site)}
    assert "Performance surgeries" in text_at[""]
    assert "Children with Safeguarding Plans" in text_at["surgeries/"]
    surgery = text_at[SAMPLE_2012 + "/"]
    for phrase in ["Cabinet Member for Children and Young People", "PM04-1",
                   "thresholds for a conference", "Being safe and feeling safe"]:
        assert phrase in surgery, phrase
    assert "Referrals to children's social care" in text_at["indicators/re-referrals/"]
    # tables that repeat other pages are left out, so the index stays small at scale
    assert "RR-2" not in text_at["actions/"] and "RR-2" in text_at[SAMPLE_2025 + "/"]
    # so are words the same on every page of a kind: captions and headers that repeat the
    # heading, a plan's indicator (in the table above it)
    recent = text_at[SAMPLE_2025 + "/"]
    for repeated in ["with the latest figures as at", "Latest update", "Indicator: "]:
        assert repeated not in recent, repeated
    # but a search result for sample data says it is: the notice near the top is indexed
    assert "This surgery is sample data, not the council's record." in recent
    assert "Children in care per 10,000" in recent  # the indicator, from its table
    assert "2015/16" not in text_at["indicators/children-in-care/"]  # the figures table


def test_actions_whose_ids_differ_only_in_punctuation_keep_their_own_links(tmp_path):
    """'A.1', 'A-1' and 'a_1' once all became #action-a-1: every link must reach its own."""
    records = make_archive(tmp_path)
    plan = records / "2020-01-15-test-surgery" / "action-plans" / "alpha.yml"
    plan.write_text(plan.read_text() + "".join(
        f"  - id: {i}\n    action: Action {i}.\n    owner: Owner {i}\n    due: 2020-06-30\n"
        f"    status: in-progress\n" for i in ("A.1", "a_1", "action-a-1-2")))
    minutes = records / "2020-01-15-test-surgery" / "minutes.yml"
    minutes.write_text(minutes.read_text().replace("actions: [A-1]",
                                                   "actions: [A-1, A.1, a_1, action-a-1-2]"))
    site = tmp_path / "site"
    assert build.main(["build", "--records", str(records), "--site-dir", str(site),
                       "--as-of", "2020-07-01"]) == 0
    page = (site / "surgeries" / "2020-01-15-test-surgery" / "index.html").read_text()
    rows = dict(re.findall(r'<tr id="([^"]+)">\s*<t[hd][^>]*>([^<]+)</t[hd]>', page))
    assert sorted(rows.values()) == ["A-1", "A.1", "a_1", "action-a-1-2"]
    assert len(rows) == 4  # four distinct anchors
    owner = {row_id: re.search(rf'<tr id="{re.escape(row_id)}">.*?</tr>', page, re.S).group()
             for row_id in rows}
    for where, link_to in (("actions", "../surgeries/2020-01-15-test-surgery/"),
                           ("indicators/alpha", "../../surgeries/2020-01-15-test-surgery/")):
        tracker = (site / where / "index.html").read_text()
        links = re.findall(rf'<a href="{re.escape(link_to)}#([^"]+)">([^<]+)</a>', tracker)
        assert sorted(i for _, i in links) == ["A-1", "A.1", "a_1", "action-a-1-2"], where
        for anchor, action_id in links:  # each link lands on the row of its own action
            assert f">{action_id}<" in owner[anchor], (where, anchor, action_id)
    minute_links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', page)
    for anchor, action_id in minute_links:
        assert f">{action_id}<" in owner[anchor], (anchor, action_id)
    assert len(minute_links) == 4


def test_a_non_ascii_title_gives_a_folder_that_check_accepts(tmp_path, monkeypatch, capsys):
    records = make_archive(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert build.main(["new", "--records", "surgeries", "--date", "2021-03-04", "--title",
                       "Café review: Q3 — señor", "--indicator", "ALPHA 1"]) == 0
    assert (records / "2021-03-04-cafe-review-q3-senor" / "surgery.yml").is_file()
    assert build.main(["check", "--records", "surgeries", "--strict"]) == 0
    # and the hint for a misnamed folder suggests a name that check accepts
    (records / "2021-03-04-cafe-review-q3-senor").rename(records / "café")
    assert build.main(["check", "--records", "surgeries"]) == 1
    hint = re.search(r"rename the folder to (\S+)\)", capsys.readouterr().out).group(1)
    (records / "café").rename(records / hint)
    assert build.main(["check", "--records", "surgeries", "--strict"]) == 0
