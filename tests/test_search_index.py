"""The search index is published whole or not at all.

Pagefind indexes each page while the site is built (scrutiny/publish/search.py); the
index comes back as data, is written by the build, and is verified before the site is
swapped in. Every wait on Pagefind has a deadline; a Pagefind that fails is named.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE_AS_OF, make_archive
from hypothesis import given, settings
from hypothesis import strategies as st

import build
from hooks import engine
from scrutiny import commands
from scrutiny.publish import search
from scrutiny.publish.search import Indexer, SearchIndexError, searchable, verify


def _fragments(index: Path) -> dict[str, dict]:
    out = {}
    for path in (index / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        doc = json.loads(data[data.index(b"{"):])
        out[doc["url"]] = doc
    return out


def test_the_index_built_with_the_site_holds_what_pagefind_finds_in_the_built_site(
        sample_site, tmp_path):
    """Each page's content is given to Pagefind as it is made, less what search leaves
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
    assert all(re.match(r"<[a-z]+ [^>]*data-pagefind-ignore>", part) for part in parts)


def test_what_search_skips_is_taken_out_nested_or_not():
    off, on = "<!--search:off-->", "<!--search:on-->"
    assert searchable("<p>a</p>") == "<p>a</p>"
    assert searchable(f"a{off}b{on}c{off}d{on}e") == "ace"
    assert searchable(f"a{off}b{off}c{on}d{on}e") == "ae"  # a skipped part inside another
    assert searchable(f"a{off}b") == "a"  # never closed: the rest is skipped
    assert searchable(f"a{on}b") == f"a{on}b"


def test_the_indexer_writes_a_verified_index_of_a_few_small_pages(tmp_path):
    indexer = Indexer()
    try:
        indexer.add("/a/", '<h1>Alpha</h1><p>first <span data-pagefind-filter="kind">A</span>'
                    "</p>")
        indexer.add("/b/", "<h1>Beta</h1><p>second</p>")
        assert indexer.write(tmp_path) > 5
    finally:
        indexer.close()
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 2
    assert sorted(_fragments(tmp_path / "pagefind")) == ["/a/", "/b/"]
    verify(tmp_path / "pagefind")


@pytest.mark.parametrize("damage", ["empty", "truncated", "no entry", "no metadata",
                                    "no fragment", "no index chunk"])
def test_an_incomplete_index_is_found(sample_site, tmp_path, damage):
    import shutil

    index = tmp_path / "pagefind"
    shutil.copytree(sample_site / "pagefind", index)
    verify(index)
    fragment = next((index / "fragment").iterdir())
    if damage == "empty":
        fragment.write_bytes(b"")
    elif damage == "truncated":
        fragment.write_bytes(fragment.read_bytes()[:-9])
    elif damage == "no entry":
        (index / "pagefind-entry.json").write_text('{"version": "1.5"')
    elif damage in ("no fragment", "no index chunk"):  # named in the metadata, not there
        folder = "fragment" if damage == "no fragment" else "index"
        next((index / folder).iterdir()).unlink()
    else:
        next(index.glob("pagefind.*.pf_meta")).unlink()
    with pytest.raises(SearchIndexError, match="search index"):
        verify(index)


class _Truncating:
    """The real engine, then one search file cut short, as a Pagefind that exits before
    its writes reach the disk left it."""

    def build(self, config, site_dir, settings):
        engine.build(config, site_dir, settings)
        fragment = next((site_dir / "pagefind" / "fragment").iterdir())
        fragment.write_bytes(fragment.read_bytes()[:20])

    def serve(self, *args):  # pragma: no cover - not used
        raise AssertionError


def test_a_truncated_index_is_never_swapped_in(tmp_path, capsys):
    records = make_archive(tmp_path)
    site = tmp_path / "site"
    assert build.main(["build", "--records", str(records), "--site-dir", str(site)]) == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    capsys.readouterr()
    status = commands.build(records, audience="public", as_of=None, site_dir=site,
                            engine=_Truncating())
    err = capsys.readouterr().err
    assert status == 1
    assert "the search index is incomplete" in err and "is truncated" in err
    assert f"{site.name}/ is unchanged" in err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site", "surgeries"]


def test_fifty_builds_of_the_sample_publish_no_empty_or_truncated_file(tmp_path):
    """A Pagefind that exited before its writes were flushed left empty files in about one
    build in twenty; the index now comes back as data and is verified."""
    site = tmp_path / "site"
    for _ in range(50):
        assert build.main(["build", "--site-dir", str(site), "--as-of", SAMPLE_AS_OF]) == 0
        assert [p for p in site.rglob("*") if p.is_file() and p.stat().st_size == 0] == []
        verify(site / "pagefind")


def test_a_missing_pagefind_fails_the_build_in_one_line(tmp_path, monkeypatch, capsys):
    records = make_archive(tmp_path)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    site = tmp_path / "site"
    assert build.main(["build", "--records", str(records), "--site-dir", str(site)]) == 1
    err = capsys.readouterr().err
    assert "could not start Pagefind (the search indexer)" in err
    assert "Traceback" not in err
    assert not site.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "surgeries"]


def _fake_pagefind(tmp_path: Path, body: str) -> list[str]:
    """A stand-in for Pagefind's service: a Python program that answers its first request
    as Pagefind would, then does `body`."""
    answer = base64.b64encode(json.dumps(
        {"message_id": 1, "payload": {"type": "NewIndex", "index_id": 0}}).encode()).decode()
    program = tmp_path / "pagefind.py"
    program.write_text(textwrap.dedent(f"""\
        import os, sys, time
        data = b""
        while b"," not in data:
            data += os.read(0, 65536)
        os.write(1, b"{answer},")
        """) + textwrap.dedent(body))
    return [sys.executable, str(program)]


def test_a_pagefind_that_never_answers_fails_within_its_deadline(tmp_path):
    with pytest.raises(SearchIndexError, match=r"made no progress for 1 s"):
        Indexer(command=[sys.executable, "-c", "import time; time.sleep(600)"], silence=1)


def test_a_pagefind_that_stops_reading_fails_within_its_deadline_at_any_size(tmp_path):
    """Writes wait on Pagefind too: a page larger than any pipe's buffer, and many pages."""
    indexer = Indexer(command=_fake_pagefind(tmp_path, "time.sleep(600)\n"), silence=1)
    try:
        with pytest.raises(SearchIndexError, match=r"made no progress for 1 s"):
            for n in range(400):
                indexer.add(f"/p{n}/", "<p>" + "words " * 20_000 + "</p>")
    finally:
        indexer.close()


def test_a_pagefind_that_exits_is_named(tmp_path):
    indexer = Indexer(command=_fake_pagefind(tmp_path, "sys.exit(3)\n"), silence=30)
    try:
        with pytest.raises(SearchIndexError,
                           match=r"Pagefind \(the search indexer\) stopped \(exit status 3\)"):
            for n in range(50):
                indexer.add(f"/p{n}/", "<p>" + "words " * 20_000 + "</p>")
            indexer.write(tmp_path)
    finally:
        indexer.close()


@pytest.mark.parametrize("answer, said", [
    # answers to requests it was never given, without end
    ('while True: os.write(1, base64.b64encode(b\'{"message_id": 99, "payload": '
     '{"type": "IndexedFile"}}\') + b",")', "answered a request it was not given"),
    # one answer that never ends
    ("while True: os.write(1, b'A' * 65536)", "gave an answer of over"),
])
def test_a_pagefind_that_never_stops_talking_is_stopped(tmp_path, monkeypatch, answer, said):
    monkeypatch.setattr(search, "_LONGEST", 8 << 20)
    command = _fake_pagefind(tmp_path, "import base64\n" + answer + "\n")
    with pytest.raises(SearchIndexError, match=said):  # as soon as it starts, or later
        indexer = Indexer(command=command, silence=30)
        try:
            indexer.add("/a/", "<p>a</p>")
            indexer.write(tmp_path)
        finally:
            indexer.close()


def test_a_pagefind_that_gives_no_index_is_named_and_stopped(tmp_path):
    program = tmp_path / "noindex.py"
    answer = base64.b64encode(json.dumps(
        {"message_id": 1, "payload": {"type": "NewIndex"}}).encode()).decode()
    program.write_text(f"import os, time\nos.read(0, 65536)\nos.write(1, b'{answer},')\n"
                       "time.sleep(600)\n")
    with pytest.raises(SearchIndexError, match="gave no index to add pages to"):
        Indexer(command=[sys.executable, str(program)], silence=30)


def test_a_pagefind_that_answers_nonsense_is_named(tmp_path):
    indexer = Indexer(command=_fake_pagefind(tmp_path, """\
        os.read(0, 65536)
        os.write(1, b"not base64!,")
        time.sleep(600)
        """), silence=30)
    try:
        with pytest.raises(SearchIndexError, match=r"gave an unreadable answer"):
            indexer.write(tmp_path)
    finally:
        indexer.close()


def _running(pid: int) -> bool:
    """Whether process `pid` is still running (not gone, and not a zombie waiting to be
    reaped by a parent that no longer exists)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def test_pagefind_dies_with_the_build(tmp_path):
    """Its input is a pipe only the build holds: when the build is killed (kill -9, as an
    out-of-memory kill does), that pipe closes and Pagefind exits."""
    script = tmp_path / "hold.py"
    script.write_text(textwrap.dedent(f"""\
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from scrutiny.publish.search import Indexer
        indexer = Indexer()
        print(indexer._bundles[0]._process.pid, flush=True)
        time.sleep(600)
        """))
    holder = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    pid = int(holder.stdout.readline())
    assert _running(pid)
    holder.kill()
    holder.wait()
    deadline = time.monotonic() + 60  # bounds a hang; not a timing
    while _running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(pid), "Pagefind outlived the build"


def _searchable_by_regex(html: str) -> str:
    """What searchable did with a regular expression: the oracle for the faster one."""
    off, on = "<!--search:off-->", "<!--search:on-->"
    kept, depth, start = [], 0, 0
    for mark in re.finditer("(" + re.escape(off) + ")|" + re.escape(on), html):
        if mark.group(1):
            if depth == 0:
                kept.append(html[start:mark.start()])
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                start = mark.end()
    if depth == 0:
        kept.append(html[start:])
    return "".join(kept)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["<!--search:off-->", "<!--search:on-->", "a", "<p>b</p>",
                                 "<!--search:", "-->", ""]), max_size=12))
def test_what_search_skips_is_what_the_regular_expression_skipped(pieces):
    html = "".join(pieces)
    assert searchable(html) == _searchable_by_regex(html)
