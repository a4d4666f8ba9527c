"""`build.py export`: a plain project that MkDocs and Zensical both build, with no hook."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from canary import PUBLISHED, make_canary_archive
from conftest import every_byte

import build
from scrutiny.settings import Settings
from scrutiny.site.plan import plan_for, site_name, with_archive

AS_OF = "2020-07-01"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _engine(name: str) -> list[str]:
    script = Path(sys.executable).parent / name
    if not script.exists():
        pytest.fail(f"{name} is not installed in this environment (requirements-dev.txt)")
    return [str(script)]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("export")
    records, canaries = make_canary_archive(root)
    out = root / "public-export"
    assert build.main(["export", "--records", str(records), "--out", str(out),
                       "--as-of", AS_OF]) == 0
    mkdocs = subprocess.run([*_engine("mkdocs"), "build", "--strict", "-q", "-d",
                             "built-mkdocs"], cwd=out, env=ENV, capture_output=True, text=True)
    zensical = subprocess.run([*_engine("zensical"), "build", "--clean"], cwd=out, env=ENV,
                              capture_output=True, text=True)
    return records, canaries, out, {"mkdocs": mkdocs, "zensical": zensical}


def test_export_is_a_plain_project(exported):
    _, _, out, _ = exported
    config = yaml.safe_load((out / "mkdocs.yml").read_text())
    assert "hooks" not in config and "watch" not in config
    assert (out / "docs" / "surgeries" / PUBLISHED / "index.md").is_file()
    assert (out / "docs" / "data" / "actions.csv").is_file()
    assert (out / "docs" / "feed.xml").is_file()
    assert (out / "docs" / "about.md").is_file() and (out / "overrides" / "main.html").is_file()


def test_plain_mkdocs_builds_every_page(exported):
    _, _, out, runs = exported
    assert runs["mkdocs"].returncode == 0, runs["mkdocs"].stderr
    sources = {p.relative_to(out / "docs").with_suffix("") for p in
               (out / "docs").rglob("*.md")}
    for source in sources:
        page = source.parent if source.name == "index" else source
        assert (out / "built-mkdocs" / page / "index.html").is_file(), page


def test_zensical_builds_every_page_with_the_indicator_table(exported):
    _, _, out, runs = exported
    assert runs["zensical"].returncode == 0, runs["zensical"].stdout + runs["zensical"].stderr
    built = out / "site"
    for source in (out / "docs").rglob("*.md"):
        relative = source.relative_to(out / "docs").with_suffix("")
        page = relative.parent if relative.name == "index" else relative
        assert (built / page / "index.html").is_file(), page
    surgery = (built / "surgeries" / PUBLISHED / "index.html").read_text()
    assert re.search(r"<caption[^>]*>Indicators reviewed, with the latest figures as at "
                     r"15 January 2020", surgery)
    assert "Near target" in surgery and "Similar to statistical neighbours" in surgery
    assert (built / "data" / "indicators" / "alpha.csv").is_file()


def test_no_exempt_content_in_the_export_or_what_it_builds(exported):
    _, _, out, _ = exported
    files = every_byte(out)  # docs/, and the sites both engines built from it
    assert any(n.startswith("built-mkdocs/") for n in files)
    assert any(n.startswith("site/") for n in files)
    pattern = re.compile(rb"canary\d{3}", re.IGNORECASE)
    assert {n for n, data in files.items() if pattern.search(data)} == set()
    assert not any("canary" in name.lower() for name in files)


def test_export_serves_the_same_markdown_as_the_hook(tmp_path):
    records, _ = make_canary_archive(tmp_path)
    out = tmp_path / "export"
    assert build.main(["export", "--records", str(records), "--out", str(out), "--as-of",
                       AS_OF, "--audience", "members"]) == 0


    settings, _ = with_archive(Settings(records.resolve(), "members", dt.date(2020, 7, 1)))
    name = site_name("Performance surgeries", settings.checked, "members")  # as the hook does
    assert name == "Members' site: Performance surgeries"
    plan, _ = plan_for(settings, site_name=name,
                       site_url="https://performance-surgeries.example.org/")
    for page in plan.pages:
        assert (out / "docs" / page.path).read_text() == plan.take(page.path).markdown(), \
            page.path
    assert "audience: members" in (out / "mkdocs.yml").read_text()


def test_export_refuses_a_folder_that_is_not_an_export(tmp_path, capsys):
    records, _ = make_canary_archive(tmp_path)
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    assert build.main(["export", "--records", str(records), "--out", str(out)]) == 2
    assert ("is not empty and build.py did not write it (it has no .build-py-output file)"
            in capsys.readouterr().err)
    assert (out / "notes.txt").read_text() == "keep me"
    # an earlier export is replaced whole
    fresh = tmp_path / "fresh"
    assert build.main(["export", "--records", str(records), "--out", str(fresh)]) == 0
    (fresh / "docs" / "stale.md").write_text("# Stale\n")
    assert build.main(["export", "--records", str(records), "--out", str(fresh)]) == 0
    assert not (fresh / "docs" / "stale.md").exists()
    shutil.rmtree(fresh)


def test_markup_in_records_stays_text_under_both_engines(tmp_path):
    records, _ = make_canary_archive(tmp_path, hostile=True)
    out = tmp_path / "export"
    assert build.main(["export", "--records", str(records), "--out", str(out), "--as-of",
                       AS_OF, "--audience", "members"]) == 0
    for command in ([*_engine("mkdocs"), "build", "-q", "-d", "built-mkdocs"],
                    [*_engine("zensical"), "build", "--clean"]):
        assert subprocess.run(command, cwd=out, env=ENV, capture_output=True).returncode == 0
    for folder in ("built-mkdocs", "site"):
        for page in (out / folder).rglob("*.html"):
            html = page.read_text()
            assert '<script>alert("canary' not in html, page
            assert "<img src=x" not in html and 'href="javascript:' not in html, page
