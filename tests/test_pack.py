"""A briefing pack for every scheduled surgery: at its permanent address in both builds, each
with what its audience may see; the members' pack also as a PDF, exempt material in a
marked annex; the public pack with nothing withheld, on the page or in any file."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from canary import COMING, COMING_EXEMPT, EXEMPT, PUBLISHED, make_canary_archive
from conftest import ROOT, make_archive, text_of

import build
from scrutiny.publish import pdf
from scrutiny.site.page import Page

SCHEDULED = "2027-02-12-children-in-care-a-year-on"
AS_OF = "2020-07-01"


def pdf_pages(path) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_the_sample_pack_holds_what_a_member_prepares_from(sample_site):
    page = sample_site / "surgeries" / SCHEDULED / "index.html"
    text = text_of(page)
    # the cover: when, where, for whom, as at when, and the contents
    assert "Briefing pack For the surgery on 12 February 2027" in text
    assert "Time : 10:00 Venue : Committee Room 1, Council House" in text
    assert ("To report to : Children, Young People and Skills Scrutiny Board , 15 March 2027"
            in text)
    assert "as they stand on 26 November 2026" in text
    assert ("Contents Indicators to review Since the last surgery Open and overdue actions "
            "Decisions not yet carried out Indicators to review") in text
    # the latest published figure, judged
    assert re.search(r"SS PM 07 .*88\.0 per 10,000 children aged under 18 2024/25", text)
    assert "▲ Worse than England" in text
    # since the last surgery: the figures since, each action's outcome, the follow-through
    assert "SS PM 07 since 20 June 2025" in text
    assert "CIC-1 illustrative Extend the family group conference service" in text
    assert "⚠ Overdue (in progress)" in text
    assert re.search(r"Follow-through: 6 published actions agreed on it so far: 2 done on "
                     r"time, .*overdue when superseded.*; and 1 exempt action, not published",
                     text)
    # a figure new since then, though dated before: it says when it was published
    assert "2024/25 88.0 31 March 2025 25 November 2025" in text
    # open and overdue, overdue first, with owners; decisions not yet carried out
    open_part = text.split("Open and overdue actions as at")[1].split("Decisions not yet")[0]
    assert open_part.index("CIC-1") < open_part.index("CIC-4")
    assert "Head of Early Help" in open_part and "⚠ Overdue" in open_part
    # one row a minutes item: its decisions together, its actions where they stand
    assert ("The family group conference service to be extended. A report on placement "
            "costs to come to the Scrutiny Board. CIC-1 : ⚠ Overdue (in progress) CIC-2 : "
            "✔ Complete CIC-4 : ◐ In progress") in text
    # no annex, no PDF on the public site; one exempt action said to exist, nothing of it
    assert "Annex" not in text and "NOT FOR PUBLICATION" not in text
    assert "1 exempt action on these indicators, whatever its status, is not published." in text
    assert not (sample_site / "surgeries" / f"{SCHEDULED}.pdf").exists()
    assert ".pdf" not in page.read_text()


def test_the_forward_plan_links_each_pack(sample_site):
    link = f'href="../surgeries/{SCHEDULED}/"'
    assert link in (sample_site / "upcoming" / "index.html").read_text()
    board = (sample_site / "committees" / "children-young-people-and-skills-scrutiny-board"
             / "index.html").read_text()
    assert f'href="../../surgeries/{SCHEDULED}/"' in board


def test_the_members_pack_has_its_annex_and_its_pdf(members_site):
    page = members_site / "surgeries" / SCHEDULED / "index.html"
    text = text_of(page)
    assert "NOT FOR PUBLICATION : for members only. The annex holds exempt information." in text
    assert "Annex: exempt information (not for publication)" in text
    main, annex = text.split("Annex: exempt information (not for publication) ¶")
    assert ("1 exempt action on these indicators, whatever its status, is in the annex ."
            in main)
    assert "CIC-3" not in main  # the exempt action: in the annex only
    assert "CIC-3" in annex and "Negotiate a block contract" in annex
    assert "Exempt (paragraph 3)" in annex
    assert f'href="../../surgeries/{SCHEDULED}.pdf"' in page.read_text()

    made = members_site / "surgeries" / f"{SCHEDULED}.pdf"
    assert pdf.whole(made)
    pages = pdf_pages(made)
    assert len(pages) >= 3
    for n, printed in enumerate(pages, 1):  # every page marked, and numbered
        assert printed.count("NOT FOR PUBLICATION") >= 1, n
        assert f"Page {n} of {len(pages)}" in printed, n
    # the cover is a page of its own: the contents end it
    assert "Contents" in pages[0] and "Indicators to review, with the latest" not in pages[0]
    assert "Download this pack" not in " ".join(pages)  # no controls on paper
    # the annex starts a page, after everything that may be published
    start = next(n for n, p in enumerate(pages) if "Everything in this annex is exempt" in p)
    assert f"Page {start + 1} of {len(pages)} Annex: exempt information" in pages[start]
    assert "CIC-3" in " ".join(pages[start:])
    assert "CIC-3" not in " ".join(pages[:start])


@pytest.fixture(scope="module")
def canary_sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("pack-canary")
    records, canaries = make_canary_archive(root)
    sites = {}
    for audience in ("public", "members"):
        sites[audience] = root / audience
        assert build.main(["build", "--records", str(records), "--site-dir",
                           str(sites[audience]), "--as-of", AS_OF, "--audience", audience]) == 0
    return canaries, sites


def test_the_public_pack_holds_nothing_withheld(canary_sites):
    _, sites = canary_sites
    site = sites["public"]
    text = text_of(site / "surgeries" / COMING / "index.html")
    # the exempt surgery's actions and the published surgery's exempt action are on the
    # indicator it reviews: counted, never shown (the canary suite scans every file)
    assert "Coming surgery" in text and "What to ask about." in text
    assert "1 exempt action on these indicators, whatever its status, is not published." in text
    assert "canary" not in text.lower() and "annex" not in text.lower()
    assert not (site / "surgeries" / COMING_EXEMPT).exists()
    assert not list((site / "surgeries").glob("*.pdf"))


def test_the_members_pdfs_hold_the_exempt_material_the_public_never_sees(canary_sites):
    canaries, sites = canary_sites
    site = sites["members"]
    for folder in (COMING, COMING_EXEMPT):
        assert pdf.whole(site / "surgeries" / f"{folder}.pdf"), folder
    printed = " ".join(pdf_pages(site / "surgeries" / f"{COMING}.pdf"))
    page = text_of(site / "surgeries" / COMING / "index.html")
    # the exempt actions, on the page and in its PDF, only in the annex
    main, annex = page.split("Annex: exempt information (not for publication) ¶")
    secret = re.findall(r"canary\d{3}", annex)
    assert secret and not re.findall(r"canary\d{3}", main)
    # since the last meeting, in the main part: the last one the public may know of, as
    # the public pack has it (the later, exempt, review is the annex's)
    assert "ALPHA 01 since 15 January 2020" in main
    assert set(secret) <= set(canaries.issued)
    assert all(name in printed for name in set(secret) if name in annex)
    # the whole exempt surgery's pack: exempt from its cover
    whole = text_of(site / "surgeries" / COMING_EXEMPT / "index.html")
    assert "Exempt — not for publication" in whole.split("Indicators to review")[0]
    assert EXEMPT in (site / "surgeries" / COMING / "index.html").read_text()
    assert PUBLISHED in (site / "surgeries" / COMING / "index.html").read_text()


def test_a_pdf_cut_short_is_never_published(tmp_path):
    from scrutiny.publish.engine import EngineError

    (tmp_path / "surgeries").mkdir()
    cut = tmp_path / "surgeries" / "x.pdf"
    cut.write_bytes(b"%PDF-1.7\n1 0 obj\n")
    assert not pdf.whole(cut)
    with pytest.raises(EngineError, match="x.pdf is missing or incomplete"):
        pdf.verify(tmp_path, ["surgeries/x.pdf"])
    cut.write_bytes(b"%PDF-1.7\n1 0 obj\n%%EOF\n")
    pdf.verify(tmp_path, ["surgeries/x.pdf"])


def test_a_members_build_without_chromium_says_so_and_publishes_nothing(
        tmp_path, monkeypatch, capsys):
    records, _ = make_canary_archive(tmp_path)
    site = tmp_path / "site"
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "no-such-chromium"))
    assert build.main(["build", "--records", str(records), "--site-dir", str(site),
                       "--as-of", AS_OF, "--audience", "members"]) == 1
    said = capsys.readouterr().err
    assert "printed by Chromium, which is not installed" in said
    assert "Traceback" not in said and not site.exists()
    # the public build prints nothing, and needs no Chromium
    assert build.main(["build", "--records", str(records), "--site-dir", str(site),
                       "--as-of", AS_OF]) == 0


def test_the_pack_is_a_page_value_like_any_other(members_site):
    from scrutiny.records import read_archive
    from scrutiny.settings import Settings
    from scrutiny.site.plan import plan_for

    plan, _ = plan_for(Settings(ROOT / "surgeries", "members", dt.date(2026, 11, 26),
                                checked=read_archive(ROOT / "surgeries").archive),
                       site_name="x", site_url="", pdfs=True)
    assert plan.pdfs == ((f"surgeries/{SCHEDULED}/", f"surgeries/{SCHEDULED}.pdf"),)
    made = plan.take(f"surgeries/{SCHEDULED}/index.md")
    assert isinstance(made, Page)
    ids = [part.id for part in made.body if getattr(part, "id", None)]
    assert ids == ["indicators", "since-last", "open-actions", "decisions", "annex"]


def _coming(records, date: str = "2020-09-01") -> None:
    (records / "2020-09-01-coming").mkdir()
    (records / "2020-09-01-coming" / "surgery.yml").write_text(
        f"title: Coming\ndate: {date}\nstatus: scheduled\nindicators: [ALPHA 01]\n")


def test_an_action_with_no_recorded_status_is_never_said_to_be_done(tmp_path):
    """A district's undertakings often have no status: the pack lists them, never "None"."""
    records = make_archive(tmp_path)
    plan = next((records / "2020-01-15-test-surgery" / "action-plans").glob("*.yml"))
    plan.write_text(plan.read_text().replace("    status: in-progress\n", "")
                    .replace("    due: 2020-06-30\n", ""))
    minutes = records / "2020-01-15-test-surgery" / "minutes.yml"
    minutes.write_text(minutes.read_text().replace("    notes: Discussed.\n",
                                                   "    decisions: [Do it.]\n"))
    _coming(records)
    site = tmp_path / "site"
    assert build.main(["build", "--records", str(records), "--site-dir", str(site),
                       "--as-of", AS_OF]) == 0
    text = text_of(site / "surgeries" / "2020-09-01-coming" / "index.html")
    part = text.split("Open and overdue actions as at")[1]
    assert "A-1 Do the thing." in part and "Not recorded" in part
    assert "None: every such action" not in text
    assert "1 with no recorded status" in text  # the follow-through, in words
    assert "Do it. A-1 : " in text  # the decision, not yet known to be carried out


def test_a_pack_whose_day_has_passed_says_so(tmp_path):
    records = make_archive(tmp_path)
    _coming(records)
    site = tmp_path / "site"
    assert build.main(["build", "--records", str(records), "--site-dir", str(site),
                       "--as-of", "2020-09-02"]) == 0
    text = text_of(site / "surgeries" / "2020-09-01-coming" / "index.html")
    assert "was due to meet on 1 September 2020; its record is not yet published" in text
    assert "the indicators it will review" not in text
    assert "Date passed; record not yet published" in text_of(site / "upcoming" / "index.html")


def test_the_members_site_sends_members_to_the_members_site(tmp_path):
    """members_site_url: the members' calendar, canonical links and printed address."""
    records = make_archive(tmp_path)
    (records / "archive.yml").write_text(
        "organisation: Test Council\nsite_url: https://scrutiny.test.example/\n"
        "members_site_url: https://members.test.example/\n")
    _coming(records)
    sites = {a: tmp_path / a for a in ("public", "members")}
    for audience, site in sites.items():
        assert build.main(["build", "--records", str(records), "--site-dir", str(site),
                           "--as-of", AS_OF, "--audience", audience]) == 0
    members = sites["members"]
    calendar = (members / "upcoming.ics").read_text()
    assert "URL:https://members.test.example/surgeries/2020-09-01-coming/" in calendar
    assert "scrutiny.test.example" not in calendar
    page = (members / "surgeries" / "2020-09-01-coming" / "index.html").read_text()
    assert ('<link rel="canonical" href="https://members.test.example/surgeries/'
            '2020-09-01-coming/">') in page
    upcoming = (members / "upcoming" / "index.html").read_text()
    assert 'href="../surgeries/2020-09-01-coming.pdf"' in upcoming  # the PDF, linked
    assert pdf.whole(members / "surgeries" / "2020-09-01-coming.pdf")
    public = sites["public"]
    assert "members.test.example" not in "".join(
        p.read_text(errors="replace") for p in public.rglob("*") if p.is_file()
        and p.suffix in (".html", ".ics", ".xml", ".json", ".csv", ".txt"))
    assert "Briefing pack: https://scrutiny.test.example/surgeries/2020-09-01-coming/" in (
        (public / "upcoming.ics").read_bytes().decode().replace("\r\n ", ""))


def test_the_pdf_is_a4(members_site):
    from pypdf import PdfReader

    box = PdfReader(members_site / "surgeries" / f"{SCHEDULED}.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4, in points


def _main_part(text: str) -> str:
    """A pack's text before its annex, as the public would read it: the members' words
    for where withheld material is, the PDF link and the marking, made the public's."""
    main = text.split("Annex: exempt information (not for publication) ¶")[0]
    for members, public in (
            ("Download this pack as a PDF , to print or read offline. ", ""),
            ("Your browser's Print prints this page as a pack: a cover with these contents, "
             "then each section, with page numbers. ", ""),
            ("NOT FOR PUBLICATION : for members only. The annex holds exempt information. ",
             ""),
            (" Annex: exempt information (not for publication)", ""),
            ("in the annex .", "not published."), ("in the annex", "not published")):
        main = main.replace(members, public)
    return main


def test_the_members_pack_is_the_public_pack_and_an_annex(tmp_path):
    """Whatever is exempt around a coming meeting (an exempt later review of its indicator,
    an exempt action named in a public minutes item, an exempt paper of its own), the
    members' pack before its annex says what the public pack says, word for word, but
    where the withheld material is."""
    records, _ = make_canary_archive(tmp_path)
    coming = records / COMING
    (coming / "papers").mkdir()
    for name in ("agenda.pdf", "prices.pdf"):
        (coming / "papers" / name).write_text("%PDF-1.4\n")
    record = json.loads((coming / "surgery.yml").read_text())  # JSON is YAML
    record["papers"] = [{"title": "Agenda", "file": "papers/agenda.pdf"},
                        {"title": "Secret prices", "file": "papers/prices.pdf",
                         "exempt": {"paragraph": 3, "reason": "Secret reason"}}]
    (coming / "surgery.yml").write_text(json.dumps(record))
    sites = {}
    for audience in ("public", "members"):
        sites[audience] = tmp_path / audience
        assert build.main(["build", "--records", str(records), "--site-dir",
                           str(sites[audience]), "--as-of", AS_OF, "--audience", audience]) == 0
    public = text_of(sites["public"] / "surgeries" / COMING / "index.html")
    members = text_of(sites["members"] / "surgeries" / COMING / "index.html")
    assert "Secret prices" not in public and "Agenda" in public
    assert _main_part(members).strip() == _main_part(public).strip()
    annex = members.split("Annex: exempt information (not for publication) ¶")[1]
    assert "Secret prices" in annex and "Secret reason" in annex
    assert re.findall(r"canary\d{3}", annex)


def test_a_folder_name_too_long_for_its_pdf_is_refused_by_check(tmp_path, capsys):
    records = make_archive(tmp_path)
    folder = records / ("2020-09-01-" + "a" * 244)
    folder.mkdir()
    (folder / "surgery.yml").write_text(
        "title: Coming\ndate: 2020-09-01\nstatus: scheduled\nindicators: [ALPHA 01]\n")
    assert build.main(["check", "--records", str(records), "--as-of", AS_OF]) == 1
    said = capsys.readouterr().out
    assert "surgery folder name is 255 characters long; at most 120" in said


def test_the_pdfs_links_go_to_the_site_not_the_build_folder(members_site):
    from pypdf import PdfReader

    uris = [annotation.get_object()["/A"]["/URI"]
            for page in PdfReader(members_site / "surgeries" / f"{SCHEDULED}.pdf").pages
            for annotation in page.get("/Annots") or []
            if "/URI" in annotation.get_object().get("/A", {})]
    assert uris and all(u.startswith("https://performance-surgeries.example.org/")
                        for u in uris), [u for u in uris if not u.startswith("https://")][:3]


def test_the_forward_plan_promises_packs_only_where_there_are_some(tmp_path):
    records = make_archive(tmp_path)
    site = tmp_path / "site"
    assert build.main(["build", "--records", str(records), "--site-dir", str(site),
                       "--as-of", AS_OF]) == 0
    text = text_of(site / "upcoming" / "index.html")
    assert "briefing pack" not in text.lower() and "No surgery is scheduled" in text
