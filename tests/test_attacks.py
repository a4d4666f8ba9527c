"""Attacks through the records and through build.py's flags, and what must stop each.

Record text comes from anyone who can open a pull request, and build.py's flags can point
anywhere: each test plays one class of attack against the public interfaces only (the
command line, the record files, the files a build writes), so it holds whatever the code
inside becomes. ATTACK_BUILD_PY=/path/to/build.py plays them against another checkout.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest
from attacks import (
    AS_OF,
    BUILD_PY,
    INDICATOR,
    JINJA_LITERAL,
    PAYLOADS,
    SURGERY,
    Page,
    Planter,
    Run,
    append_lines,
    assert_clean,
    build_site,
    check,
    cli,
    digest,
    environment,
    hostile_archive,
    lines_of,
    quick,
    read_page,
    replace_line,
)
from browser import chromium, serve
from conftest import every_byte, make_archive, search_documents
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

PUB = "2020-01-15-test-surgery"  # the base archive's published surgery
WITHHELD = "2020-02-01-exempt-surgery"
FAST = settings(max_examples=30, deadline=None, database=None,
                phases=(Phase.explicit, Phase.generate),  # a hang is not shrunk for minutes
                suppress_health_check=[HealthCheck.too_slow])


def refused(run: Run, rule: str, path: str | None = None, line: int | None = None) -> None:
    """`check --format json` refused the records with `rule` (at path:line, when given)."""
    assert_clean(run)
    assert run.status == 1, run.both[-2000:]
    problems = [p for p in run.problems() if p.get("rule") == rule and p.get("severity") == "error"]
    assert problems, f"no {rule} error in: {run.problems()}"
    if path is not None:
        assert [p for p in problems if p["path"].rstrip("/") == path and (
            line is None or p["line"] == line)], (path, line, problems)


# --- 1. script through record text --------------------------------------------------------


@dataclass
class Hostile:
    planted: Planter
    sites: dict[str, Path]
    pages: dict[str, dict[str, Page]]  # audience -> page path -> parsed page

    def shown(self, audience: str) -> str:
        return " ".join(p.seen() for p in self.pages[audience].values())


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Each payload in every text field of one archive, built for both audiences on first use."""
    built: dict[str, Hostile] = {}

    def get(group: str) -> Hostile:
        if group not in built:
            root = tmp_path_factory.mktemp(f"hostile-{group}")
            records, planted = hostile_archive(root, PAYLOADS[group])
            sites, pages = {}, {}
            for audience in ("public", "members"):
                run = build_site(records, root / audience, audience)
                assert_clean(run)
                assert run.status == 0, run.err[-3000:]
                sites[audience] = root / audience
                pages[audience] = {p.relative_to(root / audience).as_posix(): read_page(p)
                                   for p in sorted((root / audience).rglob("*.html"))}
            built[group] = Hostile(planted, sites, pages)
        return built[group]

    return get


@pytest.mark.parametrize("group", list(PAYLOADS))
def test_record_text_never_becomes_script(hostile, group):
    """No handler, script, dangerous URL or embedded frame comes out of any record text."""
    h = hostile(group)
    found = {f"{audience}/{name}": page.findings()
             for audience, pages in h.pages.items() for name, page in pages.items()
             if page.findings()}
    assert found == {}


@pytest.mark.parametrize("group", list(PAYLOADS))
def test_record_text_is_shown_not_dropped(hostile, group):
    """Refusing to run a payload must not mean losing the officer's text."""
    h = hostile(group)
    assert len(h.planted.markers) >= 50
    for audience in ("public", "members"):
        shown = h.shown(audience)
        assert [m for m in h.planted.shown_to(audience) if m not in shown] == [], audience


def test_raw_html_in_records_shows_as_text(hostile):
    """The contract: raw HTML is shown as text, never interpreted (nor silently removed)."""
    h = hostile("html")
    shown = h.shown("members")
    assert [m for m in h.planted.shown_to("members")
            if f"{m} <script>window." not in shown] == []


def test_template_syntax_in_records_is_not_evaluated(hostile):
    """Jinja in a record reaches the page as the characters typed."""
    h = hostile("jinja")
    shown = h.shown("members")
    assert [m for m in h.planted.shown_to("members")
            if f"{m} {JINJA_LITERAL}" not in shown] == []
    assert "pwned" not in shown  # {{ 'pw' ~ 'ned' }} was never evaluated


@pytest.mark.parametrize("group", list(PAYLOADS))
def test_search_index_and_feed_carry_no_live_markup(hostile, group):
    """The search box shows the index's text as HTML, and feed readers render the feed."""
    h = hostile(group)
    for audience, site in h.sites.items():
        docs = search_documents(site)
        assert docs, audience
        for doc in docs:  # Pagefind holds text, and escapes it in results (the browser test)
            assert isinstance(doc["content"], str) and "pagefind" not in doc["content"]
        for element in ET.parse(site / "feed.xml").iter():
            assert element.tag.startswith("{http://www.w3.org/2005/Atom}"), element.tag
            if element.get("type") in ("html", "xhtml"):
                page = Page()
                page.feed(element.text or "")
                assert (page.handlers, page.findings()) == ([], []), (audience, element.tag)


# --- 2. control characters ----------------------------------------------------------------

CONTROL = [  # file, line as in the base archive, the line with a control character, the char
    (f"{PUB}/surgery.yml", "title: Test surgery", r'title: "Test \x01 surgery"', "\x01"),
    (f"{PUB}/surgery.yml", "  - name: A Person", r'  - name: "A \0 Person"', "\x00"),
    (f"{PUB}/minutes.yml", "    notes: Discussed.", r'    notes: "Discussed \x1b[2J here"',
     "\x1b"),
    (f"{PUB}/minutes.yml", "  - role: Cabinet Member", r'  - role: "Cabinet\x08\x08 Member"',
     "\x08"),
    (f"{PUB}/action-plans/alpha.yml", "    owner: Head of Service",
     r'    owner: "Head \u0085 of Service"', "\x85"),
    (f"{PUB}/action-plans/alpha.yml", "title: Alpha plan", r'title: "Alpha \x9f plan"', "\x9f"),
    ("indicators/alpha.yml", "title: Alpha rate per 10,000", r'title: "Alpha \u009b2J rate"',
     "\x9b"),
    ("indicators/alpha.yml", '    label: "2018/19"', r'    label: "2018/19\x1f"', "\x1f"),
]


@pytest.mark.parametrize(("file", "old", "new", "char"), CONTROL,
                         ids=[f"{c[0].split('/')[-1]}-{ord(c[3]):02x}" for c in CONTROL])
def test_a_control_character_in_text_is_refused(tmp_path, file, old, new, char):
    """A record could draw on the officer's terminal (or hide a line) through the checker."""
    records = make_archive(tmp_path)
    line = replace_line(records / file, old, new)
    shown = f"surgeries/{file}"
    runs = {fmt: quick("check", "--records", "surgeries", "--format", fmt, cwd=tmp_path)
            for fmt in ("text", "json", "github")}
    for run in runs.values():
        assert_clean(run)
        assert run.status == 1, run.both
        assert char.encode() not in run.out_bytes + run.err_bytes  # never printed raw
    assert (shown, line, "error") in lines_of(runs["text"]), runs["text"].out
    refused(runs["json"], "control-character", shown, line)
    escapes = (f"\\x{ord(char):02x}", f"\\u{ord(char):04x}", f"u+{ord(char):04x}")
    assert any(e in runs["text"].out.lower() for e in escapes), runs["text"].out


def test_line_breaks_in_text_are_not_control_characters(tmp_path):
    """Multi-line notes are ordinary Markdown: the refusal must not catch them."""
    records = make_archive(tmp_path)
    replace_line(records / PUB / "minutes.yml", "    notes: Discussed.",
                 r'    notes: "Discussed.\n\n- one\n- two\n"')
    run = check(records)
    assert_clean(run)
    assert (run.status, run.problems()) == (0, [])


# --- 3. papers a browser would run --------------------------------------------------------


def add_papers(records: Path, *papers: dict, create: bool = True,
               content: str = "<script>window.__pwned=1</script>\n") -> list[int]:
    """List papers in the published surgery (creating their files); the line of each file:."""
    lines = ["papers:"]
    for paper in papers:
        lines += [f"  - title: {json.dumps(paper.get('title', 'A paper'))}",
                  f"    file: {json.dumps(paper['file'])}"]
        if paper.get("exempt"):
            lines.append("    exempt: {paragraph: 3, reason: Commercial terms}")
        if create:
            target = records / PUB / paper["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content)
    first = append_lines(records / PUB / "surgery.yml", *lines)
    at, found = first, []
    for paper in papers:
        found.append(at + 2)
        at += 3 if paper.get("exempt") else 2
    return found


@pytest.mark.parametrize("name", ["notes.md", "page.html", "page.htm", "image.svg",
                                  "page.xhtml", "code.js", "feed.xml", "README", "page.HTML",
                                  "page.pdf.html"])
def test_a_paper_a_browser_would_run_is_refused(tmp_path, name):
    """Papers are copied into the site: an .html or .svg paper is a page the records wrote."""
    records = make_archive(tmp_path)
    [line] = add_papers(records, {"file": f"papers/{name}"})
    refused(check(records, cwd=tmp_path), "paper-type", f"surgeries/{PUB}/surgery.yml", line)


ALLOWED = ["pdf", "docx", "doc", "xlsx", "xls", "pptx", "odt", "ods", "odp", "csv", "txt",
           "rtf", "png", "jpg", "jpeg", "gif", "webp"]


def test_papers_of_every_allowed_type_pass(tmp_path):
    """The refusal is an allow-list, not a ban on papers."""
    records = make_archive(tmp_path)
    add_papers(records, *({"file": f"papers/paper.{ext}"} for ext in ALLOWED), content="1\n")
    run = check(records)
    assert_clean(run)
    assert [p for p in run.problems() if p["severity"] == "error"] == []


def test_a_hidden_paper_is_refused(tmp_path):
    """A dot-file is left out of listings and some copies: never a paper."""
    records = make_archive(tmp_path)
    [line] = add_papers(records, {"file": "papers/.hidden.pdf"})
    refused(check(records, cwd=tmp_path), "paper-name", f"surgeries/{PUB}/surgery.yml", line)


@pytest.mark.parametrize(("files", "rule"), [
    (["papers/x.pdf", "papers//./x.pdf"], "paper-path"),  # the exempt paper again, disguised
    (["papers/x.pdf", "papers/./x.pdf"], "paper-path"),
    (["papers/x.pdf", "papers/x.pdf"], "duplicate-paper"),
    (["papers/./x.pdf"], "paper-path"),
], ids=["double-slash", "dot", "repeat", "dot-alone"])
def test_one_paper_listed_twice_is_refused(tmp_path, files, rule):
    """An exempt paper listed again under another spelling would be published by the copy."""
    records = make_archive(tmp_path)
    papers = [{"file": f, "exempt": i == 0 and len(files) > 1} for i, f in enumerate(files)]
    lines = add_papers(records, *papers, create=False)
    (records / PUB / "papers").mkdir()
    (records / PUB / "papers" / "x.pdf").write_bytes(b"%PDF-1.4 secret\n")
    refused(check(records, cwd=tmp_path), rule, f"surgeries/{PUB}/surgery.yml", lines[-1])


# --- 4. symbolic links --------------------------------------------------------------------


def with_exempt_surgery(root: Path) -> Path:
    """The base archive and an exempt surgery beside the published one; passes check."""
    records = make_archive(root)
    shutil.copytree(records / PUB, records / WITHHELD)
    surgery = records / WITHHELD / "surgery.yml"
    surgery.write_text(surgery.read_text().replace("date: 2020-01-15", "date: 2020-02-01"))
    (records / WITHHELD / "papers").mkdir()
    (records / WITHHELD / "papers" / "secret.pdf").write_bytes(b"%PDF-1.4 secret\n")
    append_lines(surgery, "exempt: {paragraph: 1, reason: Personal information}", "papers:",
                 "  - {title: Secret, file: papers/secret.pdf}")
    (root / "elsewhere").mkdir()
    (root / "elsewhere" / "beta.yml").write_text(
        (records / "indicators" / "alpha.yml").read_text().replace("ALPHA", "BETA"))
    run = check(records)
    assert (run.status, run.problems()) == (0, []), run.both
    return records


def _replace_with_link(link: Path, target: str) -> None:
    if link.is_dir():
        shutil.rmtree(link)
    elif link.exists():
        link.unlink()
    link.symlink_to(target)


LINKS = {  # the link (inside the records), and where it points
    "action-plans": (f"{PUB}/action-plans", f"../{WITHHELD}/action-plans"),
    "minutes": (f"{PUB}/minutes.yml", f"../{WITHHELD}/minutes.yml"),
    "indicators": ("indicators", "../elsewhere"),
    "paper": (f"{PUB}/papers/x.pdf", f"../../{WITHHELD}/papers/secret.pdf"),
    "papers-folder": (f"{PUB}/papers", f"../{WITHHELD}/papers"),
    "plan-file": (f"{PUB}/action-plans/alpha.yml", f"../../{WITHHELD}/action-plans/alpha.yml"),
    "surgery-file": (f"{PUB}/surgery.yml", f"../{WITHHELD}/surgery.yml"),
    "surgery-folder": ("2020-03-01-linked-surgery", WITHHELD),
    "indicator-file": ("indicators/beta.yml", "../../elsewhere/beta.yml"),
}


@pytest.mark.parametrize("case", list(LINKS))
def test_a_symbolic_link_in_the_records_is_refused(tmp_path, case):
    """A link publishes whatever it points at: an exempt surgery's plans, or files outside."""
    records = with_exempt_surgery(tmp_path)
    link, target = LINKS[case]
    (records / link).parent.mkdir(parents=True, exist_ok=True)
    _replace_with_link(records / link, target)
    refused(check(records, cwd=tmp_path), "symbolic-link", f"surgeries/{link}")
    before = digest(tmp_path)
    run = quick("build", "--records", records, "--site-dir", tmp_path / "site",
                "--as-of", AS_OF, cwd=tmp_path)
    assert_clean(run)
    assert run.status != 0 and not (tmp_path / "site").exists()
    assert digest(tmp_path) == before  # nothing written, not even a staging folder


def test_a_listed_paper_that_is_a_link_is_refused(tmp_path):
    """The same link, listed as a paper: refused wherever it is reported."""
    records = with_exempt_surgery(tmp_path)
    add_papers(records, {"file": "papers/x.pdf"})
    _replace_with_link(records / PUB / "papers" / "x.pdf", f"../../{WITHHELD}/papers/secret.pdf")
    run = check(records, cwd=tmp_path)
    refused(run, "symbolic-link")
    assert any(f"{PUB}/papers/x.pdf" in p["path"] + p["message"] for p in run.problems()
               if p.get("rule") == "symbolic-link")


# --- 5. numbers and dates at the edges ----------------------------------------------------

PLAN, ALPHA, SURGERY_FILE = (f"{PUB}/action-plans/alpha.yml", "indicators/alpha.yml",
                             f"{PUB}/surgery.yml")
EDGES = [  # file, line, replacement, rule
    (PLAN, "    due: 2020-06-30", "    due: 0000-01-01", "bad-date"),
    (PLAN, "    due: 2020-06-30", "    due: 1899-12-31", "bad-date"),
    (PLAN, "    due: 2020-06-30", "    due: 2200-01-01", "bad-date"),
    (PLAN, "    due: 2020-06-30", "    due: 9999-12-31", "bad-date"),
    (ALPHA, "  - date: 2019-03-31", "  - date: 0001-01-01", "bad-date"),
    (ALPHA, "    value: 50", "    value: " + "9" * 4000, "number-too-large"),
    (ALPHA, "    value: 50", "    value: " + "9" * 5000, "number-too-large"),
    (ALPHA, "    value: 50", "    value: 1e309", "number-too-large"),
    (ALPHA, "    value: 50", "    value: -1e309", "number-too-large"),
    (ALPHA, "    value: 50", "    value: 1.5e15", "number-too-large"),
    (ALPHA, "    value: 50", "    value: -10000000000000001", "number-too-large"),
    (ALPHA, "    target: 45", "    target: 1e16", "number-too-large"),
    (ALPHA, "    comparators: {statistical_neighbours: 48, england: 44, region: 47}",
     "    comparators: {statistical_neighbours: 48, england: -2e15, region: 47}",
     "number-too-large"),
    (ALPHA, "tolerance: 2", "tolerance: 1e300", "number-too-large"),
    (SURGERY_FILE, "indicators:", "tags: " + "[" * 990 + "]" * 990 + "\nindicators:", "too-deep"),
    (SURGERY_FILE, "indicators:", "summary: " + "{a: " * 990 + "x" + "}" * 990 + "\nindicators:",
     "too-deep"),
]


EDGE_IDS = ["due-0000", "due-1899", "due-2200", "due-9999", "figure-date-0001", "4000-digits",
            "5000-digits", "1e309", "-1e309", "value-1.5e15", "value-int-1e16", "target-1e16",
            "comparator--2e15", "tolerance-1e300", "list-990-deep", "mapping-990-deep"]


@pytest.mark.parametrize(("file", "old", "new", "rule"), EDGES, ids=EDGE_IDS)
def test_a_number_or_date_at_the_edge_is_refused(tmp_path, file, old, new, rule):
    """Year 0, a 4,000-digit number or infinity break the pages (or the chart) downstream."""
    records = make_archive(tmp_path)
    line = replace_line(records / file, old, new)
    run = cli if rule == "too-deep" else quick  # deep nesting could crash the interpreter
    text = run("check", "--records", "surgeries", cwd=tmp_path)
    assert_clean(text)
    assert text.status == 1 and (f"surgeries/{file}", line, "error") in lines_of(text), text.out
    refused(run("check", "--records", "surgeries", "--format", "json", cwd=tmp_path), rule,
            f"surgeries/{file}", line)


def test_decimals_written_as_a_float_are_accepted(tmp_path):
    """`decimals: 1.0` is the number 1 to an officer, and to JSON Schema."""
    records = make_archive(tmp_path)
    replace_line(records / ALPHA, "tolerance: 2", "tolerance: 2\ndecimals: 1.0")
    run = check(records)
    assert_clean(run)
    assert (run.status, run.problems()) == (0, [])


def test_decimals_written_as_a_float_are_shown_as_a_whole_number(tmp_path):
    """A float where Python wants an int breaks every format string that uses it."""
    records = make_archive(tmp_path)
    replace_line(records / ALPHA, "tolerance: 2", "tolerance: 2\ndecimals: 2.0")
    run = build_site(records, tmp_path / "site")
    assert_clean(run)
    assert run.status == 0, run.err[-2000:]
    shown = read_page(tmp_path / "site" / "indicators" / "alpha" / "index.html").seen()
    assert "46.50" in shown and "50.00" in shown


def test_an_exempt_paragraph_written_as_a_float_is_shown_as_a_whole_number(tmp_path):
    """Members read "paragraph 3", the statute's words, never "paragraph 3.0"."""
    records = make_archive(tmp_path)
    append_lines(records / PLAN, "  - id: A-2", "    action: Renegotiate the contract.",
                 "    owner: Head of Service", "    due: 2020-06-30", "    status: in-progress",
                 "    exempt: {paragraph: 3.0, reason: Commercial terms}")
    run = build_site(records, tmp_path / "site", "members")
    assert_clean(run)
    assert run.status == 0, run.err[-2000:]
    shown = read_page(tmp_path / "site" / "surgeries" / PUB / "index.html").article()
    assert "paragraph 3 of Part 1 of Schedule 12A" in shown
    assert "3.0" not in shown


def indicator_with(records: Path, values: list[float], decimals: int = 1) -> None:
    """The base indicator's figures replaced by `values`, a year apart, each with a target."""
    lines = ["code: ALPHA 01", "aliases: [ALPHA 1]", "title: Alpha", "unit: count",
             f"decimals: {decimals}", "polarity: lower-is-better", "values:"]
    for i, value in enumerate(values):
        lines += [f"  - date: {2000 + i}-03-31", f"    value: {value!r}",
                  f"    target: {values[i - 1]!r}"]
    (records / "indicators" / "alpha.yml").write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("values", [[1e14, 1e14 + 2], [1e15 - 0.125, 1e15],
                                    [-1e15, -1e15 + 0.25], [10**15, 10**15 - 1]],
                         ids=["1e14", "1e15", "-1e15", "int-1e15"])
def test_large_close_figures_build_in_seconds(tmp_path, values):
    """The trend chart's axis steps must end even where a float cannot add a small step."""
    records = make_archive(tmp_path)
    indicator_with(records, values)
    started = time.monotonic()
    run = build_site(records, tmp_path / "site", timeout=30)
    assert_clean(run)
    assert run.status == 0, run.err[-2000:]
    assert time.monotonic() - started < 30
    assert "<svg" in (tmp_path / "site" / "indicators" / "alpha" / "index.html").read_text()


LIMIT = 1e15
finite = st.floats(min_value=-LIMIT, max_value=LIMIT, allow_nan=False, allow_infinity=False)
close = st.tuples(finite, st.lists(st.floats(-8, 8), min_size=1, max_size=4)).map(
    lambda t: [t[0], *(min(LIMIT, max(-LIMIT, t[0] + step)) for step in t[1])])
figures = st.one_of(
    st.lists(st.one_of(finite, st.integers(-10**15, 10**15)), min_size=2, max_size=6), close)


@settings(FAST, max_examples=25)
@given(values=figures, decimals=st.integers(0, 4))
@example(values=[1e15 - 0.125, 1e15], decimals=1)
@example(values=[5e-324, 0.0, -5e-324], decimals=4)
@example(values=[-1e15, 1e15], decimals=0)
def test_any_allowed_figures_render_a_chart(values, decimals):
    """Whatever figures check allows, the indicator page renders (export: the same pages,
    without MkDocs) in seconds, with its chart."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        records = make_archive(root)
        indicator_with(records, values, decimals)
        run = cli("export", "--records", records, "--out", root / "out", "--as-of", AS_OF,
                  timeout=20)
        assert_clean(run)
        assert run.status == 0, run.err[-2000:]
        pages = (root / "out" / "docs" / "indicators").rglob("*.md")
        assert any("<svg" in p.read_text("utf-8") for p in pages)


def _is_allowed_date(text: str) -> bool:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return False
    try:
        return 1900 <= dt.date.fromisoformat(text).year <= 2199
    except ValueError:
        return False


plain_text = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cf", "Co", "Cn", "Zl",
                                                       "Zp")), max_size=16)


@FAST
@given(st.one_of(st.dates().map(dt.date.isoformat),
                 st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"), plain_text))
@example("0000-01-01")
@example("2199-12-31")
@example("2020-02-30")
def test_any_date_is_accepted_or_refused_as_a_bad_date(text):
    """A due date is checked, never parsed into a crash."""
    with tempfile.TemporaryDirectory() as tmp:
        records = make_archive(Path(tmp))
        value = json.dumps(text, ensure_ascii=False)
        line = replace_line(records / PLAN, "    due: 2020-06-30", f"    due: {value}")
        run = check(records, cwd=Path(tmp))
        assert_clean(run)
        if _is_allowed_date(text):
            assert run.status == 0, run.problems()
        else:
            refused(run, "bad-date", f"surgeries/{PLAN}", line)


@settings(FAST, max_examples=15)
@given(depth=st.integers(1, 4000), kind=st.sampled_from(["list", "mapping", "both"]))
@example(depth=990, kind="list")
@example(depth=5000, kind="both")
def test_any_nesting_is_refused_without_a_crash(depth, kind):
    """Deep nesting exhausts recursion (Python's, or a native validator's stack)."""
    opening, closing = {"list": ("[", "]"), "mapping": ("{a: ", "}"),
                        "both": ("[{a: ", "}]")}[kind]
    with tempfile.TemporaryDirectory() as tmp:
        records = make_archive(Path(tmp))
        append_lines(records / SURGERY_FILE, "summary: " + opening * depth + "x" * (
            kind != "list") + closing * depth)
        run = cli("check", "--records", records, timeout=60)
        assert_clean(run)
        assert run.status == 1  # a list or mapping is never a summary


# --- 6. flags that destroy files ----------------------------------------------------------

FLAG = {"build": "--site-dir", "export": "--out"}


def refusal(run: Run) -> None:
    """Exit status 2 (a bad command line), said in one line that says it was refused."""
    assert [line for line in run.err.splitlines() if "refus" in line.lower()], run.err


@pytest.mark.parametrize("command", list(FLAG))
@pytest.mark.parametrize("where", ["records", "surgery-in-records", "new-in-records",
                                   "records-parent", "precious"])
def test_a_destination_that_holds_other_files_is_refused(tmp_path, command, where):
    """The site or export folder is replaced whole: it may only be new, or an earlier one."""
    records = make_archive(tmp_path / "project")
    (tmp_path / "precious").mkdir()
    (tmp_path / "precious" / "precious.txt").write_text("years of work\n")
    target = {"records": records, "surgery-in-records": records / PUB,
              "new-in-records": records / "site", "records-parent": tmp_path / "project",
              "precious": tmp_path / "precious"}[where]
    before = digest(tmp_path)
    run = quick(command, "--records", records, FLAG[command], target, "--as-of", AS_OF,
                cwd=tmp_path)
    assert_clean(run)
    assert run.status == 2, run.both[-2000:]
    assert digest(tmp_path) == before
    refusal(run)


def project_copy(tmp_path: Path) -> Path:
    """The project under attack, copied (no .venv, .git or build output), to aim at."""
    source = BUILD_PY.parent
    skip = {".venv", ".git", "site", "test-output", "tests", "export", "members-site",
            ".pytest_cache", ".ruff_cache", ".hypothesis"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        top = Path(folder) == source
        return {n for n in names if n == "__pycache__" or (top and (
            n in skip or n.startswith(".site")))}

    shutil.copytree(source, tmp_path / "project", ignore=ignore, symlinks=True)
    return tmp_path / "project"


@pytest.mark.parametrize("command", list(FLAG))
@pytest.mark.parametrize("where", ["docs", "."])
def test_the_projects_own_folders_are_refused(tmp_path, command, where):
    """--site-dir docs or . would replace the hand-written pages or the whole project.
    Aimed at a copy, so that a broken guard costs a temporary folder."""
    project = project_copy(tmp_path)
    records = make_archive(tmp_path / "archive")
    target = project / where if where != "." else Path(".")
    before = digest(project)
    assert before, "the copy is empty"
    run = cli(command, "--records", records, FLAG[command], target, "--as-of", AS_OF,
              cwd=project, build_py=project / "build.py")
    assert_clean(run)
    assert run.status == 2, run.both[-2000:]
    assert digest(project) == before
    refusal(run)


@pytest.mark.parametrize("command", list(FLAG))
def test_an_earlier_site_or_export_is_replaced(tmp_path, command):
    """The guard must still let the next build replace the last one."""
    records = make_archive(tmp_path)
    target = tmp_path / "out"
    first = quick(command, "--records", records, FLAG[command], target, "--as-of", AS_OF)
    assert first.status == 0, first.err[-2000:]
    (records / PUB / "surgery.yml").write_text(
        (records / PUB / "surgery.yml").read_text().replace("Test surgery", "Renamed surgery"))
    second = quick(command, "--records", records, FLAG[command], target, "--as-of", AS_OF)
    assert_clean(second)
    assert second.status == 0, second.err[-2000:]
    written = b"".join(every_byte(target).values())
    assert b"Renamed surgery" in written and b"Test surgery" not in written


# --- 7. two builds into one folder --------------------------------------------------------


def test_a_second_build_into_the_same_folder_is_refused(tmp_path):
    """Two builds swapping into one folder could leave half of each, both reporting success:
    while one holds the folder's lock, another stops at once, and changes nothing."""
    from scrutiny.publish.guard import locked

    records = make_archive(tmp_path)
    site = tmp_path / "site"
    assert quick("build", "--records", records, "--site-dir", site, "--as-of", AS_OF).status == 0
    before = digest(tmp_path)
    with locked(site.resolve()):  # as a build in another process holds it
        second = cli("build", "--records", records, "--site-dir", site, "--as-of", AS_OF)
    assert_clean(second)
    assert second.status != 0 and "another build is writing" in second.err, second.err[-2000:]
    assert digest(tmp_path) == before


# --- 8. `new` with a title it cannot write ------------------------------------------------


@pytest.mark.parametrize("title", [b"Bad \x01 title", b"Bad \x1b[2J title",
                                   "Bad \u009b2J title".encode(), b"Bad \xff title"],
                         ids=["c0", "escape", "c1", "not-utf8"])
def test_new_refuses_a_title_it_cannot_write(tmp_path, title):
    """`new` must not write a record that check refuses, or half a folder after a crash."""
    records = make_archive(tmp_path)
    before = digest(tmp_path)
    run = cli("new", "--records", records, "--date", "2020-05-05", "--title", title,
              "--indicator", "ALPHA 01", cwd=tmp_path)
    assert_clean(run)
    assert run.status != 0 and "title" in run.err.lower(), run.both
    assert digest(tmp_path) == before
    assert check(records).status == 0


def test_new_writes_a_draft_for_a_plain_title(tmp_path):
    """The refusals above are about the title, not `new` failing every time."""
    records = make_archive(tmp_path)
    run = cli("new", "--records", records, "--date", "2020-05-05", "--title", "Good title",
              "--indicator", "ALPHA 01", cwd=tmp_path)
    assert_clean(run)
    assert run.status == 0 and (records / "2020-05-05-good-title" / "surgery.yml").is_file()
    assert check(records).status == 0


# --- 9. links into withheld material ------------------------------------------------------

DRAFT_FOLDER = "2020-03-01-draft-surgery"


def with_withheld(root: Path) -> Path:
    """An exempt surgery, a draft, and an exempt action (X-9) in the published surgery."""
    records = with_exempt_surgery(root)
    shutil.copytree(records / PUB, records / DRAFT_FOLDER)
    surgery = records / DRAFT_FOLDER / "surgery.yml"
    surgery.write_text(surgery.read_text().replace("date: 2020-01-15", "date: 2020-03-01")
                       .replace("status: published", "status: draft"))
    append_lines(records / PLAN, "  - id: X-9", "    action: Dismiss the contractor.",
                 "    owner: Head of Service", "    due: 2020-06-30", "    status: in-progress",
                 "    exempt: {paragraph: 1, reason: Personal information}")
    run = check(records)
    assert (run.status, run.problems()) == (0, []), run.both
    return records


def _in_summary(records: Path, link: str) -> tuple[str, int]:
    return SURGERY_FILE, append_lines(records / SURGERY_FILE,
                                      f"summary: {json.dumps(f'[see]({link}).')}")


def _in_notes(records: Path, link: str) -> tuple[str, int]:
    file = f"{PUB}/minutes.yml"
    return file, replace_line(records / file, "    notes: Discussed.",
                              f"    notes: {json.dumps(f'Discussed [this]({link}).')}")


def _in_definition(records: Path, link: str) -> tuple[str, int]:
    return ALPHA, append_lines(records / ALPHA, f"definition: {json.dumps(f'As [used]({link}).')}")


@pytest.mark.parametrize(("place", "link"), [
    (_in_summary, f"../{WITHHELD}/"),
    (_in_summary, f"../{WITHHELD}/index.html"),
    (_in_notes, f"../{DRAFT_FOLDER}/"),
    (_in_summary, "#action-x-9"),
    (_in_notes, f"../{PUB}/#action-x-9"),
    (_in_definition, f"../../surgeries/{WITHHELD}/"),
    # written another way that a browser follows to the same place (issue 23)
    (_in_notes, f"../{PUB}#action-x-9"),
    (_in_notes, f"../{PUB}/index.html#action-x-9"),
    (_in_notes, f"../{PUB}/#action-x%2D9"),
    (_in_notes, f"../{PUB}/#%61ction-x-9"),
    (_in_notes, f"../{PUB}/#action-x%252D9"),
    (_in_summary, "#action&#45;x&#x2d;9"),
    (_in_summary, "#ACTION-X-9"),
    (_in_summary, f"../{WITHHELD.upper()}/"),
    (_in_summary, "#action\\-x\\-9"),
    # what a browser does to an address before it follows it (the attacker's review)
    (_in_summary, "../2020-02-01-exempt&#9;-surgery/"),  # a tab: browsers drop it
    (_in_definition, f"../../surgeries/./{WITHHELD}/"),
    (_in_definition, f"../../surgeries/zz/../{WITHHELD}/"),
    (_in_definition, f"..\\..\\surgeries\\{WITHHELD}/"),
    (_in_definition, f"../../surgeries//{WITHHELD}/"),
    (_in_notes, f"../{PUB}/./#action-x-9"),
    (_in_notes, f"../{PUB}/?x#action-x-9"),
    (_in_notes, f"../{PUB}/index.html?#action-x-9"),
    (_in_notes, f"../{PUB}/#action-x&#9;-9"),
], ids=["exempt-surgery", "exempt-page", "draft-surgery", "exempt-action",
        "exempt-action-by-folder", "from-an-indicator", "folder-without-slash",
        "folder-index-html", "percent-escape", "percent-letter", "percent-twice",
        "html-entities", "upper-case-anchor", "upper-case-folder", "markdown-escapes",
        "tab-entity", "dot-segment", "dot-dot-segment", "backslashes", "double-slash",
        "anchor-dot-segment", "anchor-after-query", "index-html-query", "anchor-tab"])
def test_a_link_into_withheld_material_is_refused(tmp_path, place, link):
    """A public link to an exempt or draft surgery publishes its name (and a broken link)."""
    records = with_withheld(tmp_path)
    file, line = place(records, link)
    refused(check(records, cwd=tmp_path), "link-to-withheld", f"surgeries/{file}", line)


def test_a_link_to_an_exempt_paper_or_in_a_heading_is_refused(tmp_path):
    """An exempt paper's file name, and a link in an implications heading (a key: shown as
    a heading), are published text too."""
    records = with_withheld(tmp_path)
    add_papers(records, {"file": "papers/secret-terms.pdf", "exempt": True})
    _in_notes(records, f"../{PUB}/papers/secret-terms.pdf")
    run = check(records)
    assert any(p["rule"] == "link-to-withheld" and "exempt paper" in p["message"]
               for p in run.problems()), run.both
    records = with_withheld(tmp_path / "heading")
    append_lines(records / SURGERY_FILE, "report:", "  committee: A Committee",
                 "  meeting_date: 2020-02-01",
                 f"  implications: {{{json.dumps(f'See ../{WITHHELD}/')}: Text.}}")
    assert any(p["rule"] == "link-to-withheld" for p in check(records).problems())


def test_an_exempt_action_whose_anchor_has_a_number_is_still_withheld(tmp_path):
    """Q 1 (public) and q-1 (exempt) slug alike: the exempt one's anchor is action-q-1-2,
    as its page gives it, and a link to that is refused."""
    records = with_withheld(tmp_path)
    append_lines(records / PLAN, "  - id: Q 1", "    action: Public.", "    owner: Head",
                 "  - id: q-1", "    action: Secret.", "    owner: Head",
                 "    exempt: {paragraph: 1, reason: Personal information}")
    file, line = _in_notes(records, f"../{PUB}/#action-q-1-2")
    refused(check(records, cwd=tmp_path), "link-to-withheld", f"surgeries/{file}", line)


def test_a_link_to_published_material_is_fine(tmp_path):
    """The refusal is about withheld targets, not links between surgeries."""
    records = with_withheld(tmp_path)
    _in_summary(records, f"../{PUB}/#action-a-1")
    _in_notes(records, "#action-a-1")
    run = check(records)
    assert_clean(run)
    assert [p for p in run.problems() if p["severity"] == "error"] == []


# --- 10. an exempt indicator --------------------------------------------------------------

SECRET = "qqexind"  # in every text of the exempt indicator, and its file name


def with_exempt_indicator(root: Path, reviewed_by_public: bool = False) -> Path:
    """An exempt indicator, reviewed by the exempt surgery (or by the published one)."""
    records = with_exempt_surgery(root)
    (records / "indicators" / f"{SECRET}.yml").write_text(json.dumps({
        "code": f"{SECRET.upper()} 01", "aliases": [f"{SECRET.upper()}-1"],
        "title": f"{SECRET} title", "unit": f"{SECRET} unit", "polarity": "none",
        "definition": f"{SECRET} definition", "service": f"{SECRET} service",
        "source": {"name": f"{SECRET} source"},
        "exempt": {"paragraph": 1, "reason": f"{SECRET} reason"},
        "values": [{"date": "2019-03-31", "value": 5, "label": f"{SECRET} 2019",
                    "note": f"{SECRET} note"},
                   {"date": "2020-03-31", "value": 7, "label": f"{SECRET} 2020"}]}))
    folder = PUB if reviewed_by_public else WITHHELD
    replace_line(records / folder / "surgery.yml", "  - ALPHA 01",
                 f"  - ALPHA 01\n  - {SECRET.upper()} 01")
    return records


@pytest.fixture(scope="module")
def exempt_indicator(tmp_path_factory):
    """Both builds of an archive whose exempt indicator only an exempt surgery reviews."""
    root = tmp_path_factory.mktemp("exempt-indicator")
    records = with_exempt_indicator(root)
    sites = {}
    for audience in ("public", "members"):
        run = build_site(records, root / audience, audience)
        assert_clean(run)
        assert run.status == 0, run.err[-2000:]
        sites[audience] = root / audience
    return sites


def test_an_exempt_indicator_leaves_no_trace_in_the_public_build(exempt_indicator):
    """Not in pages, search index, sitemap, open data, feed or any file name."""
    files = every_byte(exempt_indicator["public"])
    assert (exempt_indicator["public"] / "indicators" / "alpha" / "index.html").is_file()
    leaks = [name for name, data in files.items()
             if SECRET in name.lower() or SECRET.encode() in data.lower()]
    assert leaks == []


def test_an_exempt_indicator_is_in_the_members_build_marked(exempt_indicator):
    """Withheld from the public, not lost: members see it, marked exempt."""
    site = exempt_indicator["members"]
    pages = [p for p in site.rglob("*.html") if SECRET in str(p.relative_to(site))]
    assert pages, "no page for the exempt indicator"
    shown = read_page(pages[0]).seen()
    assert f"{SECRET} definition" in shown and "Exempt — not for publication" in shown


def test_a_public_surgery_may_not_review_an_exempt_indicator(tmp_path):
    """Its code and figures would be published on the surgery's page."""
    records = with_exempt_indicator(tmp_path, reviewed_by_public=True)
    refused(check(records, cwd=tmp_path), "exempt-indicator", f"surgeries/{PUB}/surgery.yml")


# --- in a browser -------------------------------------------------------------------------

PROVOKE = """() => {
    const skip = 'a, button, input, label, summary, select, textarea';
    for (const el of document.querySelectorAll('article, article *')) {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'pointerover',
                            'click', 'load', 'error', 'animationstart']) {
            if (type === 'click' && el.closest(skip)) continue;  // no navigation away
            el.dispatchEvent(new Event(type, {bubbles: true}));
        }
    }
    const bad = [];
    for (const el of document.querySelectorAll('[href], [src], [action], [formaction]')) {
        for (const name of ['href', 'src', 'action', 'formaction']) {
            const value = el.getAttribute(name);
            if (value === null) continue;
            try {
                const scheme = new URL(value, document.baseURI).protocol;
                if (['javascript:', 'data:', 'vbscript:'].includes(scheme)) bad.push(value);
            } catch (e) {}
        }
    }
    return bad;
}"""


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def _settle(page) -> None:
    """Wait until what the page started has run: no request in flight, then a frame drawn
    and the tasks queued before it done (a condition, not a fixed wait)."""
    page.wait_for_load_state("networkidle")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done)))")


@pytest.mark.parametrize("group", ["heading", "attr-list", "html", "links"])
def test_no_payload_runs_in_a_browser(browser, hostile, group):
    """What the parser cannot see, Chromium can: load, hover, focus and search the pages."""
    h = hostile(group)
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []

    def dialog(d) -> None:
        dialogs.append(d.message)
        try:
            d.dismiss()
        except Exception:  # the page may be closing already; the dialog was seen
            pass

    page.on("dialog", dialog)
    try:
        with serve(h.sites["public"]) as url:
            for path in (f"surgeries/{SURGERY}/", f"indicators/{INDICATOR}/"):
                page.goto(url + path)
                page.wait_for_load_state("load")
                assert page.evaluate(PROVOKE) == [], path
                _settle(page)
                assert page.evaluate("typeof window.__pwned") == "undefined", path
            # search results show indexed text (Pagefind escapes it; this checks it does)
            page.goto(url + "search/?q=" + h.planted.title_marker)
            page.wait_for_selector(".pagefind-ui__result", timeout=120_000)  # bounds a hang
            _settle(page)
            assert page.evaluate("typeof window.__pwned") == "undefined", "search"
            # Pagefind's own search form has action="javascript:void(0);", no record's text
            page.evaluate("document.querySelectorAll('form.pagefind-ui__form').forEach("
                          "f => f.getAttribute('action') === 'javascript:void(0);' && "
                          "f.removeAttribute('action'))")
            assert page.evaluate(PROVOKE) == [], "search"
    finally:
        context.close()
    assert dialogs == []


# --- found by the review of today's new features -----------------------------------------


def test_an_indicator_code_never_becomes_markup_in_the_search_filters(tmp_path):
    """Pagefind's interface puts filter values into the page as HTML."""
    records = make_archive(tmp_path)
    alpha = records / "indicators" / "alpha.yml"
    alpha.write_text(alpha.read_text().replace(
        "code: ALPHA 01", "code: '<img src=x onerror=alert(document.domain)>'")
        .replace("aliases: [ALPHA 1]", "aliases: [ALPHA 1, ALPHA 01]"))
    site = tmp_path / "site"
    run = build_site(records, site)
    assert run.status == 0, run.both[-2000:]
    import gzip

    for path in (site / "pagefind" / "filter").glob("*.pf_filter"):
        data = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        assert "<img" not in data, path
    assert any("&lt;img" in gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
               for p in (site / "pagefind" / "filter").glob("*.pf_filter"))


def _second_surgery(records: Path, folder: str, date: str, extra: str = "",
                    action_extra: str = "") -> None:
    surgery = records / folder
    (surgery / "action-plans").mkdir(parents=True)
    (surgery / "surgery.yml").write_text(
        f"title: Later\ndate: {date}\nstatus: published\nchair: {{role: Chair}}\n"
        f"attendees: [{{role: Director}}]\nindicators: [ALPHA 01]\n{extra}")
    (surgery / "action-plans" / "p.yml").write_text(
        "title: P\nlead: {role: Director}\nactions:\n"
        "  - {id: C-1, action: x, owner: y, due: 2020-12-31, status: in-progress"
        f"{action_extra}}}\n")
    (surgery / "minutes.yml").write_text("present: [{role: Chair}]\nitems: [{title: X}]\n")


@pytest.mark.parametrize(("extra", "action_extra"), [
    ("", ", exempt: {paragraph: 1, reason: r}"),   # the later action is exempt
    ("", ""),                                       # (made scheduled below)
])
def test_a_public_action_cannot_be_superseded_by_one_the_public_may_not_see(
        tmp_path, extra, action_extra):
    records = make_archive(tmp_path)
    _second_surgery(records, "2020-04-01-later", "2020-04-01", extra, action_extra)
    if not action_extra:  # a surgery not yet held has no page to link to
        later = records / "2020-04-01-later" / "surgery.yml"
        later.write_text(later.read_text().replace("status: published", "status: scheduled"))
    plan = records / PUB / "action-plans" / "alpha.yml"
    plan.write_text(plan.read_text() + "    superseded_by: 2020-04-01-later#C-1\n")
    refused(check(Path("surgeries"), cwd=tmp_path), "link-to-withheld",
            f"surgeries/{PUB}/action-plans/alpha.yml")


def test_committees_that_would_share_a_page_are_refused(tmp_path):
    records = make_archive(tmp_path)
    (records / "archive.yml").write_text(
        "organisation: X\ncommittees:\n  - name: 'Пленарний комітет'\n"
        "  - name: 'Бюджетний комітет'\n")
    refused(check(Path("surgeries"), cwd=tmp_path), "committee-name", "surgeries/archive.yml")


def test_a_public_title_may_not_name_withheld_material(tmp_path):
    records = with_exempt_surgery(tmp_path)
    minutes = records / PUB / "minutes.yml"
    minutes.write_text(minutes.read_text() + (
        f"  - title: Private\n    public_title: Staffing, see ../{WITHHELD}/\n"
        "    exempt: {paragraph: 1, reason: r}\n"))
    refused(check(Path("surgeries"), cwd=tmp_path), "link-to-withheld",
            f"surgeries/{PUB}/minutes.yml")


def test_a_noncharacter_is_refused(tmp_path):
    records = make_archive(tmp_path)
    surgery = records / PUB / "surgery.yml"
    surgery.write_text(surgery.read_text().replace("title: Test surgery",
                                                   'title: "Test \\uFFFE surgery"'))
    refused(check(Path("surgeries"), cwd=tmp_path), "control-character",
            f"surgeries/{PUB}/surgery.yml", 1)


def test_a_calendar_with_no_surgery_to_come_is_still_valid(tmp_path):
    from icalendar import Calendar

    records = make_archive(tmp_path)
    site = tmp_path / "site"
    assert build_site(records, site).status == 0
    calendar = Calendar.from_ical((site / "upcoming.ics").read_bytes())
    assert calendar.walk("VEVENT") == [] and calendar.walk("VTIMEZONE")


# --- 9. publishing that runs unattended (issue 21) ---------------------------------------


def _complete(site: Path, audience: str) -> None:
    """A whole site: build.py's marker, the pages, assets, feeds, sitemap and a verified
    search index (and robots.txt for the members' site)."""
    from scrutiny.publish.search import verify

    for name in (".build-py-output", "index.html", "404.html", "sitemap.xml", "feed.xml",
                 "upcoming.ics", "assets/archive.css", "data/actions.csv",
                 f"surgeries/{PUB}/index.html",
                 *(["robots.txt", "exemptions/index.html"] if audience == "members" else [])):
        assert (site / name).is_file(), f"{site.name}/{name} is missing"
    assert not [p for p in site.rglob("*") if p.is_file() and p.stat().st_size == 0]
    verify(site / "pagefind")


def test_builds_into_sibling_folders_both_publish_whole_sites(tmp_path):
    """A members' build into X/site.members, and a public build into X/site started while
    the first is writing: each has its own staging folder and lock, and neither clears the
    other's (the old clean-up deleted anything named .site.*-*)."""
    records = make_archive(tmp_path)
    www = tmp_path / "www"
    members = [sys.executable, str(BUILD_PY), "build", "--records", str(records),
               "--site-dir", str(www / "site.members"), "--audience", "members",
               "--as-of", AS_OF]
    first = subprocess.Popen(members, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             env=environment())
    try:
        deadline = time.monotonic() + 120  # bounds a hang; not a timing
        while not (www / ".site.members.building").exists() and first.poll() is None:
            assert time.monotonic() < deadline, "the members' build never began writing"
            time.sleep(0.01)
        second = cli("build", "--records", records, "--site-dir", www / "site",
                     "--as-of", AS_OF)
        _, first_err = first.communicate(timeout=300)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert first.returncode == 0, first_err.decode()[-2000:]
    assert second.status == 0, second.err[-2000:]
    _complete(www / "site.members", "members")
    _complete(www / "site", "public")
    assert sorted(p.name for p in www.iterdir()) == [".site.lock", ".site.members.lock",
                                                      "site", "site.members"]


@pytest.mark.parametrize("flag", ["www/site", "www/pub*"])
def test_a_build_touches_nothing_beside_its_folder_but_its_own(tmp_path, flag):
    """Hidden folders a person keeps beside the site, however they are named, stay; a glob
    in the flag is a name, never a pattern."""
    records = make_archive(tmp_path)
    www = tmp_path / "www"
    for kept in (".site.backup-2025", ".site.old-keep", ".site.building-1234abcd",
                 ".public.old-keep", ".pubkeys.backup-2024", ".pub*.old-1"):
        (www / kept).mkdir(parents=True)
        (www / kept / "keep.txt").write_text("mine\n")
    before = digest(www)
    run = quick("build", "--records", records, "--site-dir", tmp_path / flag, "--as-of", AS_OF)
    assert_clean(run)
    assert run.status == 0, run.err[-2000:]
    name = Path(flag).name
    after = digest(www)
    assert {k: v for k, v in after.items() if not k.startswith((name, f".{name}.lock"))} == before
    _complete(www / name, "public")


def test_a_name_build_py_keeps_for_itself_is_never_taken_from_a_person(tmp_path):
    """`.site.building` and `.site.old` beside site/ are build.py's; a folder of that name
    it did not make (no marker) is in the way, said so, and left alone."""
    records = make_archive(tmp_path)
    for name in (".site.building", ".site.old"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "notes.txt").write_text("mine\n")
        before = digest(tmp_path)
        run = quick("build", "--records", records, "--site-dir", tmp_path / "site",
                    "--as-of", AS_OF)
        assert_clean(run)
        assert run.status == 1 and "is in the way" in run.err, run.err[-2000:]
        assert {k: v for k, v in digest(tmp_path).items() if not k.startswith(".site.lock")} \
            == {k: v for k, v in before.items() if not k.startswith(".site.lock")}
        shutil.rmtree(folder)


@pytest.mark.parametrize("command", list(FLAG))
@pytest.mark.parametrize("looks_like", ["site", "export"])
def test_a_folder_without_the_marker_is_never_replaced_whatever_it_holds(tmp_path, command,
                                                                         looks_like):
    """A folder that looks like a built site (index.html, 404.html, sitemap.xml) or an
    export (mkdocs.yml with the export's comment) but has no marker is someone's."""
    records = make_archive(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    if looks_like == "site":
        for name in ("index.html", "404.html", "sitemap.xml"):
            (out / name).write_text("<html></html>\n")
    else:
        (out / "mkdocs.yml").write_text("# Exported by build.py export: every page ...\n")
        (out / "docs").mkdir()
    (out / "precious.docx").write_bytes(b"years of work")
    (out / "photos").mkdir()
    (out / "photos" / "a.jpg").write_bytes(b"\xff\xd8")
    before = digest(tmp_path)
    run = quick(command, "--records", records, FLAG[command], out, "--as-of", AS_OF)
    assert_clean(run)
    assert run.status == 2, run.both[-2000:]
    refusal(run)
    assert digest(tmp_path) == before


def test_a_half_swapped_site_is_put_back_even_when_the_next_check_fails(tmp_path):
    """Killed between the swap's two renames, a build leaves no site/, only .site.old; the
    next build puts it back first, even if that build's records then fail the check."""
    records = make_archive(tmp_path)
    site = tmp_path / "site"
    assert quick("build", "--records", records, "--site-dir", site, "--as-of", AS_OF).status == 0
    before = digest(site)
    site.rename(tmp_path / ".site.old")  # as the first rename of a swap leaves it
    (records / PUB / "surgery.yml").write_text("date: [\n")
    run = quick("build", "--records", records, "--site-dir", site, "--as-of", AS_OF)
    assert_clean(run)
    assert run.status == 1 and "Nothing was built" in run.err
    assert digest(site) == before
    assert not (tmp_path / ".site.old").exists()


@pytest.mark.parametrize("command", list(FLAG))
def test_a_destination_under_a_file_is_a_bad_flag(tmp_path, command):
    records = make_archive(tmp_path)
    (tmp_path / "notes.txt").write_text("mine\n")
    before = digest(tmp_path)
    run = quick(command, "--records", records, FLAG[command], tmp_path / "notes.txt" / "site",
                "--as-of", AS_OF)
    assert_clean(run)
    assert run.status == 2 and "is a file, not a folder" in run.err, run.both[-2000:]
    assert digest(tmp_path) == before


@pytest.mark.parametrize("address", ["127.0.0.1:99999", "127.0.0.1:0", "127.0.0.1", ":80",
                                     "127.0.0.1:http"])
def test_a_bad_serve_address_is_a_bad_flag(tmp_path, address):
    run = quick("serve", "--records", make_archive(tmp_path), "--dev-addr", address)
    assert_clean(run)
    assert run.status == 2 and "expected HOST:PORT" in run.err, run.both[-2000:]


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_record_text_printed_by_check_never_starts_a_line(tmp_path, fmt):
    """A newline in a value that a problem quotes would let the record write a line of its
    own: a fake `0 errors`, or `::error file=...::`, which GitHub Actions reads as a command."""
    records = make_archive(tmp_path)
    surgery = records / PUB / "surgery.yml"
    text = surgery.read_text()
    code = re.search(r"^indicators:\n  - (.+)$", text, re.M)
    assert code, "the base surgery reviews an indicator"
    forged = '"nope\\n::error file=x.yml,line=1::owned\\nChecked 0 record files: 0 errors"'
    surgery.write_text(text.replace(code.group(1), forged, 1))
    for run in (quick("check", "--records", records, "--format", fmt),
                quick("build", "--records", records, "--site-dir", tmp_path / "site")):
        assert_clean(run)
        assert run.status == 1
        lines = (run.out + run.err).splitlines()
        assert any("owned" in line for line in lines), run.both[-2000:]
        assert not [line for line in lines if line.startswith("::") and "owned" in line.split(
            "::", 2)[1]], run.both[-2000:]
        assert not [line for line in lines if line.startswith(("::error file=x.yml",
                                                               "Checked 0 record files"))]


def test_a_hard_linked_paper_is_refused(tmp_path):
    """A hard link is one file under two names: the public paper's bytes would be the
    other name's (an exempt paper's, or anything else on the disk)."""
    records = make_archive(tmp_path)
    surgery = records / PUB / "surgery.yml"
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 exempt\n")
    (records / PUB / "papers").mkdir(exist_ok=True)
    os.link(secret, records / PUB / "papers" / "linked.pdf")
    surgery.write_text(surgery.read_text().rstrip("\n") + "\npapers:\n  - title: Linked\n"
                       "    file: papers/linked.pdf\n")
    refused(check(records, cwd=tmp_path), "hard-linked-paper", f"surgeries/{PUB}/surgery.yml")
    run = quick("build", "--records", records, "--site-dir", tmp_path / "site")
    assert_clean(run)
    assert run.status == 1 and not (tmp_path / "site").exists()


# --- found by the attack review of the new publishing path --------------------------------


def test_a_build_stopped_while_removing_its_leftovers_is_finished_by_the_next(tmp_path,
                                                                             monkeypatch):
    """A folder of build.py's loses its marker last: one stopped part-way through being
    removed is still build.py's, and the next build removes it (it used to block every
    build after it as "in the way")."""
    from scrutiny.publish import swap

    records = make_archive(tmp_path)
    site = tmp_path / "site"
    assert quick("build", "--records", records, "--site-dir", site, "--as-of", AS_OF).status == 0
    old = tmp_path / ".site.old"
    shutil.copytree(site, old)
    real, calls = shutil.rmtree, []

    def stopped(path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt  # as a kill would, part-way
        return real(path, *args, **kwargs)

    monkeypatch.setattr(swap.shutil, "rmtree", stopped)
    with pytest.raises(KeyboardInterrupt):
        swap.remove(old)
    monkeypatch.undo()
    assert (old / ".build-py-output").is_file() and len(calls) == 2
    run = quick("build", "--records", records, "--site-dir", site, "--as-of", AS_OF)
    assert_clean(run)
    assert run.status == 0, run.err[-2000:]
    assert sorted(p.name for p in tmp_path.glob(".site*")) == [".site.lock"]


def test_an_old_site_that_cannot_be_removed_is_a_note_not_a_failure(tmp_path, monkeypatch):
    """Once the new site is in place the swap has happened: saying "unchanged" then would
    be false. The next build removes the old one."""
    from scrutiny.publish import swap

    records = make_archive(tmp_path)
    site = tmp_path / "site"
    assert quick("build", "--records", records, "--site-dir", site, "--as-of", AS_OF).status == 0
    (records / PUB / "surgery.yml").write_text(
        (records / PUB / "surgery.yml").read_text().replace("Test surgery", "Renamed surgery"))
    real = swap.remove

    def refused(folder):
        if folder.name == ".site.old" and (folder / "index.html").exists():
            raise PermissionError(1, "Operation not permitted")
        return real(folder)

    monkeypatch.setattr(swap, "remove", refused)
    run = quick("build", "--records", records, "--site-dir", site, "--as-of", AS_OF)
    monkeypatch.undo()
    assert_clean(run)
    assert run.status == 0 and "Note: the new site is in place" in run.err, run.err[-2000:]
    assert "unchanged" not in run.err
    assert b"Renamed surgery" in b"".join(every_byte(site).values())
    assert quick("build", "--records", records, "--site-dir", site, "--as-of", AS_OF).status == 0
    assert sorted(p.name for p in tmp_path.glob(".site*")) == [".site.lock"]


@pytest.mark.parametrize("where", [".site.building", ".site.old", ".site.building/inner",
                                   "site/members"])
def test_a_build_cannot_aim_into_another_builds_folders(tmp_path, where):
    """Not a build's own staging or old folder (a public build once published a members'
    build's pages that way), and not inside an earlier site, which its next build
    replaces whole."""
    records = make_archive(tmp_path)
    assert quick("build", "--records", records, "--site-dir", tmp_path / "site",
                 "--as-of", AS_OF).status == 0
    before = digest(tmp_path)
    run = quick("build", "--records", records, "--site-dir", tmp_path / where, "--as-of", AS_OF,
                "--audience", "members")
    assert_clean(run)
    assert run.status == 2, run.both[-2000:]
    refusal(run)
    assert digest(tmp_path) == before


@pytest.mark.parametrize("command", list(FLAG))
def test_a_name_too_long_for_the_disk_is_a_bad_flag(tmp_path, command):
    run = quick(command, "--records", make_archive(tmp_path), FLAG[command],
                tmp_path / ("a" * 300), "--as-of", AS_OF)
    assert_clean(run)
    assert run.status == 2 and "File name too long" in run.err, run.both[-2000:]


def test_the_lock_file_is_never_followed_through_a_link(tmp_path):
    records = make_archive(tmp_path)
    (tmp_path / ".site.lock").symlink_to(tmp_path / "elsewhere")
    run = quick("build", "--records", records, "--site-dir", tmp_path / "site", "--as-of", AS_OF)
    assert_clean(run)
    assert run.status != 0 and not (tmp_path / "elsewhere").exists()
    assert not (tmp_path / "site").exists()


# --- 9. a title that takes the page's own places ----------------------------------------


@pytest.mark.parametrize("title", ["Minutes", "Implications", "Annex", "Indicators",
                                   "Appendix 1", "Page section 2", "Since the last surgery"])
def test_no_title_takes_an_id_the_page_uses(tmp_path, title):
    """A meeting (and a scheduled one's briefing pack) named as one of the page's own parts:
    every id on every page of both builds is one element's, so no link or folded section
    goes astray."""
    from collections import Counter

    records = make_archive(tmp_path)
    surgery = records / PUB / "surgery.yml"
    surgery.write_text(surgery.read_text().replace("title: Test surgery", f"title: {title}")
                       + "report:\n  committee: Scrutiny Committee\n  meeting_date: 2020-02-01\n"
                       "  summary: [See Appendix 1.]\n"
                       "  appendices: [Appendix 1 - Minutes of the surgery]\n")
    coming = records / "2020-09-01-coming"
    coming.mkdir()
    (coming / "surgery.yml").write_text(f"title: {title}\ndate: 2020-09-01\n"
                                        "status: scheduled\nindicators: [ALPHA 01]\n")
    for audience in ("public", "members"):
        site = tmp_path / audience
        assert build_site(records, site, audience).status == 0
        for page in site.rglob("*.html"):
            ids = Counter(re.findall(r'\sid="([^"]+)"', page.read_text()))
            assert [i for i, n in ids.items() if n > 1] == [], (audience, page)
