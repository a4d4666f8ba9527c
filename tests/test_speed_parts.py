"""The parts that make a large build fast must not change what it makes.

- outline.page_html gives each generated page exactly the HTML and headings that
  Python-Markdown (with the site's extensions) would;
- the search index, fed each page's content while the site is built, with what search
  leaves out taken out first, holds exactly what Pagefind finds reading the built site;
- pages rendered ahead in a second process are the pages the plan renders;
- table cells are escaped exactly as markupsafe would.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from conftest import ROOT, SAMPLE_AS_OF, make_archive
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape
from mkdocs.utils import meta

import build
from benchmarks.synthetic import write_archive
from scrutiny.ahead import Ahead, can_work_ahead
from scrutiny.records import read_archive
from scrutiny.site.components import _cell
from scrutiny.site.html import BLOCK_END, BLOCK_START
from scrutiny.site.markup import md_escape
from scrutiny.site.outline import page_html
from scrutiny.site.plan import Plan, Planned, site_plan

EXTENSIONS = ["toc", "admonition", "attr_list", "tables"]  # as mkdocs.yml
_BLOCK = re.compile(re.escape(BLOCK_START) + r"\n.*?\n" + re.escape(BLOCK_END), re.S)


def through_markdown(body: str) -> tuple[str, list]:
    """What the hook did before outline.page_html, and does for any page it declines:
    lift the HTML blocks out, convert the rest with Python-Markdown, put them back."""
    blocks: list[str] = []

    def lift(match: re.Match) -> str:
        blocks.append(match.group())
        return f"\n<!--archive-block-{len(blocks) - 1}-->\n"

    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"toc": {"permalink": True}})
    html = md.convert(_BLOCK.sub(lift, body))
    html = re.sub(r"<!--archive-block-(\d+)-->", lambda m: blocks[int(m.group(1))], html)
    return html, md.toc_tokens


def plans() -> list[tuple[str, Plan]]:
    day = dt.date.fromisoformat(SAMPLE_AS_OF)
    checked = read_archive(ROOT / "surgeries")
    out = [(audience, site_plan(checked.archive, ROOT / "surgeries", audience=audience,
                                as_of=day)) for audience in ("public", "members")]
    return out


@pytest.fixture(scope="module")
def synthetic_plan(tmp_path_factory) -> Plan:
    records = write_archive(tmp_path_factory.mktemp("synthetic"), 40)
    checked = read_archive(records)
    assert checked.archive is not None
    return site_plan(checked.archive, records, audience="public",
                     as_of=dt.date.fromisoformat(SAMPLE_AS_OF))


def _same_as_markdown(plan: Plan) -> int:
    made = 0
    for page in plan.pages:
        body, _ = meta.get_data(plan.take(page.path))
        fast = page_html(body)
        if fast is None:  # declined: the hook gives it to Markdown
            continue
        assert fast == through_markdown(body), page.path
        made += 1
    return made


def test_every_page_of_the_sample_is_made_as_markdown_would_make_it():
    for audience, plan in plans():
        made = _same_as_markdown(plan)
        assert made >= len(plan.pages) - 1, audience  # all but the open-data page's lists


def test_every_page_of_a_synthetic_archive_is_made_as_markdown_would_make_it(synthetic_plan):
    assert _same_as_markdown(synthetic_plan) >= len(synthetic_plan.pages) - 1


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=40), st.text(max_size=40), st.booleans())
def test_any_heading_text_is_made_as_markdown_would_make_it(first, second, given_id):
    """Headings from record text (escaped) and repeated headings, with and without ids."""
    anchor = " {#item-1}" if given_id else ""
    body = "\n".join([f"## {md_escape(first)}{anchor}", "", BLOCK_START, "<p>x</p>", BLOCK_END,
                      "", f"### {md_escape(second or first)}", "", f"### {md_escape(first)}"])
    fast = page_html(body)
    if fast is not None:
        assert fast == through_markdown(body)


def test_record_text_full_of_markdown_signs_is_still_made_here():
    """md_escape makes any record text plain for Markdown, so page_html need not decline
    it: the Hypothesis test above would pass if it declined everything."""
    title = "Children's care & <review>: 50% (Q3) - [draft] *urgent* _now_ #1 {#x} `a` | b!"
    body = f"## {md_escape(title)} {{#item-1}}\n\n### {md_escape(title)}\n\n### Sign-off"
    fast = page_html(body)
    assert fast is not None
    assert fast == through_markdown(body)
    assert [h["name"] for h in fast[1][0]["children"]] == [
        "Children's care &amp; &lt;review&gt;: 50% (Q3) - [draft] *urgent* _now_ #1 {#x} `a` | b!",
        "Sign-off"]


@pytest.mark.parametrize("body", [
    "Some *prose*.",  # a paragraph
    "- a list",
    "## Heading with *emphasis*",
    "## Heading with `code`",
    "## Heading #",  # a closing hash, which Markdown drops
    f"{BLOCK_START}\n<p>a block never closed</p>",
])
def test_a_page_with_more_than_headings_and_blocks_goes_to_markdown(body):
    assert page_html(body) is None


@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.none(),
                 st.text().map(Markup)))
def test_table_cells_are_escaped_as_markupsafe_would(value):
    assert _cell(value) == str(escape(value))


# --- pages rendered ahead ------------------------------------------------------------

def test_pages_rendered_ahead_are_the_pages_the_plan_renders(synthetic_plan):
    if not can_work_ahead():
        pytest.skip("no fork here, so no renderer ahead")
    order = [p.path for p in synthetic_plan.pages]
    ahead = Ahead(synthetic_plan.take, order)
    try:
        asked = order[:5] + order[7:] + order[5:7]  # MkDocs may ask out of turn
        for path in asked:
            assert ahead.take(path) == synthetic_plan.take(path), path
        assert ahead.take(order[0]) == synthetic_plan.take(order[0])  # asked again
    finally:
        ahead.close()


class _Broken(Exception):
    pass


def _fails() -> str:
    raise _Broken("this page cannot be made")


def test_a_page_the_renderer_cannot_make_fails_the_build_as_it_would_without_it():
    if not can_work_ahead():
        pytest.skip("no fork here, so no renderer ahead")
    plan = Plan((Planned("a.md", lambda: "# A"), Planned("b.md", _fails),
                 Planned("c.md", lambda: "# C")), ())
    ahead = Ahead(plan.take, ["a.md", "b.md", "c.md"])
    try:
        assert ahead.take("a.md") == "# A"
        with pytest.raises(_Broken):
            ahead.take("b.md")
        assert ahead.take("c.md") == "# C"  # made here, as the renderer has stopped
    finally:
        ahead.close()


# --- the search index ----------------------------------------------------------------

def _fragments(index: Path) -> dict[str, dict]:
    out = {}
    for path in (index / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        doc = json.loads(data[data.index(b"{"):])
        out[doc["url"]] = doc
    return out


def test_the_index_built_with_the_site_holds_what_pagefind_finds_in_the_built_site(
        sample_site, tmp_path):
    """The hook feeds Pagefind each page's content as it is made, less what search leaves
    out; Pagefind reading the finished pages from disk must find exactly the same."""
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(sample_site),
                    "--output-path", str(tmp_path / "pagefind"),
                    "--exclude-selectors", "a.headerlink", "--silent"], check=True)
    ours, theirs = _fragments(sample_site / "pagefind"), _fragments(tmp_path / "pagefind")
    assert len(ours) > 15
    assert ours == theirs


def test_the_built_pages_mark_what_search_leaves_out(sample_site):
    """Every part taken out of what Pagefind is given is one it would skip anyway."""
    page = (sample_site / "indicators").glob("*/index.html").__next__().read_text()
    parts = re.findall(r"<!--search:off-->(.*?)<!--search:on-->", page, re.S)
    assert parts
    assert all(re.match(r"<[a-z]+ [^>]*data-pagefind-ignore", part) for part in parts)


def test_a_missing_pagefind_fails_the_build_in_one_line(tmp_path, monkeypatch, capsys):
    """And leaves nothing behind: no site, no renderer, no pages on the shelf."""
    import tempfile

    shelves = set(Path(tempfile.gettempdir()).glob("archive-pages-*"))
    records = make_archive(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    site = tmp_path / "site"
    assert build.main(["build", "--records", str(records), "--site-dir", str(site)]) == 1
    err = capsys.readouterr().err
    assert "could not run Pagefind" in err
    assert "Traceback" not in err
    assert not site.exists()
    assert set(Path(tempfile.gettempdir()).glob("archive-pages-*")) == shelves


# --- records read ahead --------------------------------------------------------------

def test_records_read_ahead_are_the_records_read_here(tmp_path, monkeypatch):
    """Every other file parsed in a second process: the same problems, in the same order,
    and the same archive, for a clean archive and for one with errors in many files."""
    import scrutiny.records.files as files

    if not can_work_ahead():
        pytest.skip("no fork here, so no reading ahead")
    clean = write_archive(tmp_path / "clean", 30)
    broken = write_archive(tmp_path / "broken", 30)
    for n, path in enumerate(sorted(broken.rglob("*.yml"))):
        if n % 7 == 3:  # a syntax error, a bad value, a refused character
            path.write_text(path.read_text() + ["\nx: [", "\nextra: yes\n", "\ny: \x07\n"][n % 3])
    for records in (clean, broken):
        ahead = read_archive(records)
        monkeypatch.setattr(files, "can_work_ahead", lambda: False)
        here = read_archive(records)
        monkeypatch.undo()
        assert ahead.problems == here.problems
        assert ahead.archive == here.archive
        assert ahead.files == here.files
    assert ahead.problems and ahead.archive is None  # the broken one


def test_the_indexer_writes_an_index_of_a_few_small_pages(tmp_path):
    """Small pages sit in the pipe's buffer until the index is asked for: they must still
    be sent (a build of a small archive once waited for them for ever)."""
    import threading

    from scrutiny.publish.search import Indexer

    indexer = Indexer()
    indexer.add("/a/", '<h1>Alpha</h1><p>first <span data-pagefind-filter="kind">A</span></p>')
    indexer.add("/b/", "<h1>Beta</h1><p>second</p>")
    indexer.start_writing(tmp_path)
    done = threading.Thread(target=indexer.finish, daemon=True)
    done.start()
    done.join(timeout=60)
    assert not done.is_alive(), "the index was never written"
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 2
    assert sorted(_fragments(tmp_path / "pagefind")) == ["/a/", "/b/"]


def test_the_shelf_gives_each_text_back_once_and_leaves_nothing():
    from scrutiny.publish.shelf import Shelf

    shelf = Shelf()
    shelf.put("a.md", "<p>Alpha é</p>")
    shelf.put("b.md", "<p>Beta</p>")
    assert shelf.take("a.md") == "<p>Alpha é</p>"
    assert shelf.take("a.md") is None
    folder = shelf._folder
    shelf.close()
    assert not folder.exists()


def test_what_search_skips_is_taken_out_nested_or_not():
    from scrutiny.publish.search import searchable

    off, on = "<!--search:off-->", "<!--search:on-->"
    assert searchable("<p>a</p>") == "<p>a</p>"
    assert searchable(f"a{off}b{on}c{off}d{on}e") == "ace"
    assert searchable(f"a{off}b{off}c{on}d{on}e") == "ae"  # a skipped part inside another
    assert searchable(f"a{off}b") == "a"  # never closed: the rest is skipped
    assert searchable(f"a{on}b") == f"a{on}b"


def test_a_pagefind_that_never_answers_fails_the_build_instead_of_hanging(tmp_path,
                                                                          monkeypatch):
    import threading

    from scrutiny.publish import search

    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\nexec sleep 60\n")
    fake.chmod(0o755)
    monkeypatch.setattr(search, "_executable", lambda: str(fake))
    monkeypatch.setattr(search, "SILENCE", 2)
    outcome = {}

    def start():
        try:
            outcome["indexer"] = search.Indexer()
        except search.SearchIndexError as error:
            outcome["error"] = str(error)

    waiting = threading.Thread(target=start, daemon=True)
    waiting.start()
    waiting.join(30)
    assert not waiting.is_alive(), "still waiting for Pagefind"
    assert "did not answer" in outcome["error"]


def test_ctrl_c_is_for_the_build_not_the_worker():
    """The build stops its workers itself; one interrupted by Ctrl+C would print its own
    traceback after the build's one-line message."""
    import os
    import signal
    import time

    if not can_work_ahead():
        pytest.skip("no fork here, so no worker")

    def slow(n: int) -> int:
        time.sleep(0.05)
        return n * n

    ahead = Ahead(slow, list(range(20)))
    time.sleep(0.3)  # the worker has started, and set itself to ignore Ctrl+C
    os.kill(ahead._worker.pid, signal.SIGINT)
    assert [ahead.take(n) for n in range(20)] == [n * n for n in range(20)]
    ahead._worker.join(10)
    assert ahead._worker.exitcode == 0
    ahead.close()


def test_reading_ahead_never_opens_what_the_check_would_not(tmp_path, monkeypatch):
    """A named pipe where a record file should be, or a link to one, would keep whoever
    opens it waiting for ever: the check never opens either, nor may its second process."""
    import os

    import scrutiny.records.files as files

    if not hasattr(os, "mkfifo") or not can_work_ahead():
        pytest.skip("no fork or no named pipes here")
    records = write_archive(tmp_path / "a", 6)
    folders = sorted(p for p in records.iterdir() if p.name != "indicators" and p.is_dir())
    os.mkfifo(tmp_path / "pipe")
    for folder in folders:  # enough of them that some fall to the second process's turn
        (folder / "minutes.yml").unlink()
        os.mkfifo(folder / "minutes.yml")
        plan = sorted((folder / "action-plans").glob("*.yml"))[0]
        plan.unlink()
        plan.symlink_to(tmp_path / "pipe")
    # in a process of its own, with one thread, as build.py's: so it reads ahead
    script = ("import sys; from pathlib import Path; from scrutiny.records import read_archive;"
              "import scrutiny.ahead as a; assert a.can_work_ahead();"
              "print(len(read_archive(Path(sys.argv[1])).problems))")
    try:
        done = subprocess.run([sys.executable, "-c", script, str(records)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60, check=True)
    except subprocess.TimeoutExpired:
        raise AssertionError("the check waited on a named pipe") from None
    monkeypatch.setattr(files, "can_work_ahead", lambda: False)
    here = read_archive(records)
    assert int(done.stdout) == len(here.problems)
    assert any(p.rule == "symbolic-link" for p in here.problems)
