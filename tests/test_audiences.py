"""Two audiences, no leaks: the public build holds no trace of exempt or draft material."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from canary import DRAFT, EXEMPT, PUBLISHED, make_canary_archive
from conftest import ROOT, every_byte, reproducible_bytes, schema_keys, text_of

import build
from scrutiny.records.schema import load_schema

AS_OF = "2020-07-01"


@pytest.fixture(scope="module")
def canary(tmp_path_factory):
    root = tmp_path_factory.mktemp("canary")
    records, canaries = make_canary_archive(root)
    canaries = canaries.issued
    sites = {}
    for audience in ("public", "members"):
        sites[audience] = root / audience
        assert build.main(["build", "--records", str(records), "--site-dir",
                           str(sites[audience]), "--as-of", AS_OF, "--audience", audience]) == 0
    return records, canaries, sites


NOT_SECRET = {"date", "due", "meeting_date", "status", "indicators", "indicator", "polarity",
              "url", "period", "reported", "time", "published"}


def test_canaries_cover_every_field_the_format_allows(canary):
    records, canaries, _ = canary
    keys: set[str] = set()
    texts: list[str] = []

    def walk(node, key=""):
        if isinstance(node, dict):
            keys.update(node)
            texts.extend(k for k in node if k.startswith("canary"))  # implication headings
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key not in NOT_SECRET:
            texts.append(node)

    for folder in (EXEMPT, DRAFT):
        for path in (records / folder).rglob("*.yml"):
            walk(json.loads(path.read_text()))
    for path in (records / "indicators").glob("canary*.yml"):  # the exempt indicator
        walk(json.loads(path.read_text()))
    plan = json.loads((records / PUBLISHED / "action-plans" / "public-plan.yml").read_text())
    walk([a for a in plan["actions"] if "exempt" in a])  # the published surgery's exempt action
    allowed = set()
    for kind in ("surgery", "action-plan", "minutes", "indicator"):
        schema = load_schema(kind)
        allowed |= schema_keys(schema, {**load_schema("common")["$defs"],
                                        **schema.get("$defs", {})})
    assert allowed - keys == set()  # every key the format allows is planted
    assert [t for t in texts if "canary" not in t] == []
    assert len(set(canaries)) == len(canaries) > 100


def test_no_canary_anywhere_in_the_public_build(canary):
    _, canaries, sites = canary
    files = every_byte(sites["public"])
    assert len(files) > 20
    pattern = re.compile(rb"canary\d{3}", re.IGNORECASE)
    leaks = {name: sorted(set(pattern.findall(data)))[:5] for name, data in files.items()
             if pattern.search(data)}
    assert leaks == {}
    assert not any("canary" in name.lower() for name in files)  # no URL, no file name
    assert EXEMPT not in str(files) and DRAFT not in str(files)


def test_public_build_says_an_exempt_action_exists(canary):
    _, _, sites = canary
    text = text_of(sites["public"] / "surgeries" / PUBLISHED / "index.html")
    assert "1 exempt action in this plan is not published." in text
    assert re.search(r"Actions: A-1 ?, 1 exempt action, not published", text)


def test_members_build_shows_exempt_items_and_no_drafts(canary):
    _, canaries, sites = canary
    site = sites["members"]
    files = every_byte(site)
    everything = b"".join(files.values()).decode("utf-8", "replace")
    exempt_text = text_of(site / "surgeries" / EXEMPT / "index.html")
    assert "Exempt — not for publication" in exempt_text
    assert "paragraph 1 of Part 1 of Schedule 12A" in exempt_text
    assert "Information relating to any individual" in exempt_text
    published = text_of(site / "surgeries" / PUBLISHED / "index.html")
    # the action (its flag in the table and its notice), the minutes item, the paper
    assert published.count("Exempt — not for publication") == 4
    assert "paragraph 3 of Part 1 of Schedule 12A" in published
    # every canary of the exempt records is there; none of the draft's
    assert DRAFT not in everything and not (site / "surgeries" / DRAFT).exists()
    assert (site / "surgeries" / EXEMPT / "papers").is_dir()
    for page in site.rglob("*.html"):
        assert '<meta name="robots" content="noindex, nofollow">' in page.read_text(), page
    assert (site / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"


def test_drafts_preview_shows_a_banner(tmp_path):
    records, _ = make_canary_archive(tmp_path)
    site = tmp_path / "preview"
    assert build.main(["build", "--records", str(records), "--site-dir", str(site),
                       "--as-of", AS_OF, "--audience", "members", "--drafts"]) == 0
    text = text_of(site / "surgeries" / DRAFT / "index.html")
    assert "Draft This surgery is a draft, shown for preview only." in text


def _digest(site: Path) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest()
            for name, data in reproducible_bytes(site).items()}


def _wait_for_the_next_second() -> None:
    """Until the wall clock's second turns: whatever the next build reads from the clock,
    to the second, differs from anything the last one could have read. A wait on the clock
    itself, not a sleep of a guessed length."""
    now = int(time.time())
    deadline = time.monotonic() + 30  # bounds a hang (a stopped clock), not a speed
    while int(time.time()) == now:
        assert time.monotonic() < deadline, "the wall clock did not move in 30 s"
        time.sleep(0.01)


def test_builds_are_reproducible(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1593561600")  # 2020-07-01
    records, _ = make_canary_archive(tmp_path)
    first, second = tmp_path / "one", tmp_path / "two"
    assert build.main(["build", "--records", str(records), "--site-dir", str(first)]) == 0
    _wait_for_the_next_second()  # a clock that leaked into the output would now differ
    assert build.main(["build", "--records", str(records), "--site-dir", str(second)]) == 0
    assert _digest(first) == _digest(second)
    assert "<lastmod>2020-07-01</lastmod>" in (first / "sitemap.xml").read_text()
    assert "1 July 2020" in text_of(first / "actions" / "index.html")  # as-of from the epoch


def test_a_failed_build_leaves_the_last_good_site(tmp_path, capsys):
    records, _ = make_canary_archive(tmp_path)
    site = tmp_path / "site"
    assert build.main(["build", "--records", str(records), "--site-dir", str(site),
                       "--as-of", AS_OF]) == 0
    before = _digest(site)
    surgery = records / PUBLISHED / "surgery.yml"
    surgery.write_text(surgery.read_text().replace("status: published", "status: publish"))
    assert build.main(["build", "--records", str(records), "--site-dir", str(site),
                       "--as-of", AS_OF]) == 1
    assert _digest(site) == before
    assert "Nothing was built" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == [".site.lock"]


def test_a_failure_inside_mkdocs_leaves_the_last_good_site(tmp_path, monkeypatch, capsys):
    records, _ = make_canary_archive(tmp_path)
    site = tmp_path / "site"
    assert build.main(["build", "--records", str(records), "--site-dir", str(site),
                       "--as-of", AS_OF]) == 0
    before = _digest(site)
    config = tmp_path / "mkdocs.yml"  # a project whose strict build fails on a broken link
    docs = tmp_path / "docs"
    import shutil
    shutil.copytree(ROOT / "docs", docs)
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    shutil.copytree(ROOT / "hooks", tmp_path / "hooks")
    (docs / "accessibility.md").write_text("# Accessibility\n\n[broken](no-such-page.md)\n")
    config.write_text((ROOT / "mkdocs.yml").read_text())
    from hooks import engine
    from scrutiny import commands
    assert commands.build(records, audience="public", as_of=None, site_dir=site,
                          config=config, engine=engine) == 1
    assert _digest(site) == before
    err = capsys.readouterr().err
    assert "The build failed: Aborted with 1 warnings in strict mode!" in err
    assert "is unchanged" in err and "Traceback" not in err


def _kill_part_way(command: list[str], tmp_path: Path, *, group: bool) -> None:
    """Start a build and kill it (kill -9) once it has begun writing its new folder: the
    whole process group, or build.py alone, as an out-of-memory kill does."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 60  # bounds a hang; not a timing
    while not (tmp_path / ".site.building" / "assets").exists() and (
            time.monotonic() < deadline and process.poll() is None):
        time.sleep(0.02)
    if group:
        os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()
    process.wait()
    assert (tmp_path / ".site.building").exists(), "the build was not caught part-way"


@pytest.mark.parametrize("group", [True, False], ids=["process group", "build.py alone"])
def test_a_killed_build_leaves_the_last_good_site_and_blocks_nothing(tmp_path, group):
    records, _ = make_canary_archive(tmp_path)
    site = tmp_path / "site"
    command = [sys.executable, str(ROOT / "build.py"), "build", "--records", str(records),
               "--site-dir", str(site), "--as-of", AS_OF]
    assert subprocess.run(command, capture_output=True).returncode == 0
    before = _digest(site)
    _kill_part_way(command, tmp_path, group=group)
    assert _digest(site) == before
    # nothing holds the lock or waits: the next build runs at once, and clears the leftovers
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "another build" not in run.stderr
    assert sorted(p.name for p in tmp_path.glob(".site*")) == [".site.lock"]  # the lock stays


def test_markup_in_every_text_field_shows_as_text(tmp_path):
    records, planted = make_canary_archive(tmp_path, hostile=True)
    site = tmp_path / "site"
    assert build.main(["build", "--records", str(records), "--site-dir", str(site),
                       "--as-of", AS_OF, "--audience", "members"]) == 0
    pages = {p: p.read_text() for p in site.rglob("*.html")}
    for path, html in pages.items():
        assert '<script>alert("canary' not in html, path
        assert "<img src=x" not in html and 'href="javascript:' not in html, path
        assert 'href="data:' not in html and 'class="x"' not in html, path
    shown = " ".join(text_of(p) for folder in ("surgeries", "indicators")
                     for p in (site / folder).rglob("index.html"))
    shown += " ".join(text_of(site / p) for p in ("index.html", "about/index.html"))
    seen = {n for n in planted.issued if f'<script>alert("{n}")</script>' in shown}
    # every text planted is on a page as text (ids and file names are not markup)
    assert set(planted.issued) - planted.names - seen == set()
