"""Small things a reader meets (issue 25): a title said once, a tooltip read as written, no
link a resident cannot open."""

from __future__ import annotations

import re

from conftest import build_site, make_archive, text_of

from scrutiny.records.model import Archive, Organisation
from scrutiny.site.plan import addresses

REPO = "https://git.example.gov.uk/council/records"


def test_the_home_page_title_says_the_site_name_once(sample_site, members_site):
    title = re.search(r"<title>(.*?)</title>", (sample_site / "index.html").read_text())
    assert title.group(1) == "Performance surgeries — Derby City Council"
    page = re.search(r"<title>(.*?)</title>",
                     (sample_site / "surgeries" / "index.html").read_text())
    assert page.group(1) == "Surgeries - Performance surgeries — Derby City Council"
    members = (members_site / "index.html").read_text()
    assert "<title>Members&#x27; site: Performance surgeries — Derby City Council</title>" \
        in members


def test_the_logo_tooltip_reads_as_written(members_site):
    html = (members_site / "index.html").read_text()
    assert 'title="Members&#x27; site: Performance surgeries' in html
    assert "&amp;#x27;" not in html and "&amp;amp;" not in html


def _archive(private: bool) -> Archive:
    return Archive(indicators={}, surgeries=(), organisation=Organisation(
        "Test Council", repository=REPO, repository_private=private))


def test_a_private_repository_is_named_to_members_only():
    public = addresses(_archive(True), "https://x.example/", REPO, "Records", "edit/main/docs/")
    assert public == ("https://x.example/", None, None, None)
    members = addresses(_archive(True), "https://x.example/", REPO, "Records",
                        "edit/main/docs/", "members")
    assert members == ("https://x.example/", REPO, "Records", "edit/main/docs/")
    shown = addresses(_archive(False), "https://x.example/", REPO, "Records", "edit/main/docs/")
    assert shown == members


def test_a_public_build_of_a_private_repository_links_to_it_nowhere(tmp_path):
    records = make_archive(tmp_path)
    (records / "archive.yml").write_text(
        f"organisation: Test Council\nrepository: {REPO}\nrepository_private: true\n")
    sites = {audience: tmp_path / audience for audience in ("public", "members")}
    for audience, site in sites.items():
        assert build_site(records, site, "--audience", audience) == 0
    public = "".join(p.read_text() for p in sites["public"].rglob("*.html"))
    assert "git.example.gov.uk" not in public and "md-source" not in public
    assert "The records are kept at" not in text_of(sites["public"] / "about" / "index.html")
    members = (sites["members"] / "index.html").read_text()
    assert f'href="{REPO}"' in members
    assert "The records are kept at" in text_of(sites["members"] / "about" / "index.html")


def test_the_setting_is_in_the_templates_an_officer_starts_from():
    from scrutiny.records.init import ARCHIVE

    assert "# repository_private: true" in ARCHIVE


def test_a_reports_appendix_n_leads_to_that_part_of_the_page(sample_site):
    """"Appendix 2 and Appendix 3" in the 2012 report: links to the two action plans; the
    list of appendices links each to its part (the minutes, the implications)."""
    html = (sample_site / "surgeries" / "2012-02-24-children-with-safeguarding-plans-and-"
            "children-in-care" / "index.html").read_text()
    for number, part in (("2", "plan-pm-04-safeguarding-plans"),
                         ("3", "plan-ss-pm-07-children-in-care"), ("4", "minutes")):
        assert re.search(rf'<a href="#{part}"[^>]*>Appendix {number}</a>', html), number
        assert f'id="{part}"' in html
    assert '<li id="appendix--1"><a href="#implications">Appendix 1' in html
    assert 'id="implications"' in html


def test_appendix_links_are_made_in_the_one_pass_and_never_inside_a_link():
    from scrutiny.site.markup import rich_referring

    made = rich_referring("See **Appendix 2**, [Appendix 2](https://example.org/) and "
                          "Appendix 9 <script>x</script>", (("2", "minutes"),))
    assert made.count('href="#minutes"') == 1
    assert '<a href="https://example.org/" rel="noopener noreferrer">Appendix 2</a>' in made
    assert "Appendix 9" in made and "<script>" not in made


def test_the_pages_own_places_are_never_taken_by_a_records_title(tmp_path):
    """A meeting titled "Minutes" or "Appendix 4": the appendix's link still leads to the
    minutes and to the list's entry, and every id on the page is one element's."""
    import collections

    records = make_archive(tmp_path)
    surgery = records / "2020-01-15-test-surgery" / "surgery.yml"
    surgery.write_text(surgery.read_text().replace("title: Test surgery", "title: Minutes")
                       + "report:\n  committee: Scrutiny Committee\n  meeting_date: 2020-02-01\n"
                       "  summary: [See Appendix 4 and Appendix 1.]\n"
                       "  appendices: [Appendix 4 - Background figures, Appendix 01 - Minutes]\n")
    site = tmp_path / "site"
    assert build_site(records, site) == 0
    html = (site / "surgeries" / "2020-01-15-test-surgery" / "index.html").read_text()
    ids = collections.Counter(re.findall(r' id="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == []
    assert '<h2 id="minutes">Minutes' in html  # the section keeps its place; the title gives way
    assert re.search(r'<a href="#appendix--4"[^>]*>Appendix 4</a>', html)
    assert re.search(r'<a href="#minutes"[^>]*>Appendix 1</a>', html)  # "01" is 1


def test_a_long_alias_adds_only_the_forms_people_type():
    from scrutiny.site.html import code_terms

    assert str(code_terms(["SS PM 07"])) == (
        '<span hidden data-pagefind-weight="10">Also written SSPM07, PM07.</span>')
    assert str(code_terms(["word " * 2000])) == ""  # a sentence, not a code
    assert str(code_terms(["ALPHA"])) == ""


def test_a_members_export_sends_members_to_the_members_site(tmp_path):
    records = make_archive(tmp_path)
    (records / "archive.yml").write_text(
        "organisation: Test Council\nsite_url: https://scrutiny.test.example/\n"
        "members_site_url: https://members.test.example/\n")
    out = tmp_path / "export"
    import build

    assert build.main(["export", "--records", str(records), "--audience", "members",
                       "--out", str(out), "--as-of", "2020-07-01"]) == 0
    for name in ("feed.xml", "upcoming.ics", "data/datapackage.json"):
        text = (out / "docs" / name).read_text()
        assert "scrutiny.test.example" not in text, name
    assert "members.test.example" in (out / "docs" / "feed.xml").read_text()
