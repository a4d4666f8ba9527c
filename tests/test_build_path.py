"""One build path: build.py checks once, then MkDocs runs with the hook rendering from
the checked archive; a plain `mkdocs build` takes the same road through the same plan."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest
from conftest import ROOT, make_archive, reproducible_bytes

import build
from scrutiny import commands


def test_build_py_and_plain_mkdocs_make_the_same_site(tmp_path, monkeypatch):
    """build.py's in-process build equals `mkdocs build` reading mkdocs.yml's settings."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1593561600")  # 2020-07-01
    ours, plain = tmp_path / "ours", tmp_path / "plain"
    assert build.main(["build", "--site-dir", str(ours)]) == 0
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                    "--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(plain)],
                   check=True, env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    ours_files = reproducible_bytes(ours)
    assert ours_files.pop(".build-py-output").startswith(b"This folder was written by build.py")
    assert ours_files == reproducible_bytes(plain)
    assert any(name.startswith("pagefind/fragment/") for name in ours_files)
    assert (ours / "surgeries" / "index.html").is_file()


@pytest.mark.parametrize("setting, said", [
    ("audience: everyone", "Expected one of: ('public', 'members') but received: 'everyone'"),
    ("as_of: nonsense", "plugins.surgeries.as_of in mkdocs.yml: expected a date"),
    ("as_of: 2026-11-26T10:00:00", "plugins.surgeries.as_of in mkdocs.yml: expected a date"),
    ("as_of: 0001-01-01", "plugins.surgeries.as_of in mkdocs.yml: expected a date"),
    ("drafts: maybe", "Expected type: <class 'bool'> but received: <class 'str'>"),
    ("colour: blue", "Unrecognised configuration name: colour"),
])
def test_a_bad_plugin_setting_under_plain_mkdocs_is_one_clear_error(tmp_path, setting, said):
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text().replace(
        "      audience: public ", f"      {setting}\n      # audience: public ")
    assert setting in text
    config.write_text(text.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}").replace(
        "custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}").replace(
        "records: surgeries ", f"records: {ROOT / 'surgeries'} "))
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                          "--config-file", str(config), "--site-dir", str(tmp_path / "site")],
                         capture_output=True, text=True,
                         env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    said_all = run.stdout + run.stderr
    assert run.returncode != 0
    assert said in said_all and "Traceback" not in said_all, said_all[-2000:]
    assert not (tmp_path / "site" / "index.html").exists()


class _Engine:
    """An engine that only notes what it was asked to do."""

    def __init__(self) -> None:
        self.calls: list = []

    def build(self, config, site_dir, settings) -> None:
        self.calls.append(("build", site_dir, settings))
        site_dir.mkdir()
        (site_dir / "index.html").write_text("<p>built</p>")

    def serve(self, config, dev_addr, settings) -> None:
        self.calls.append(("serve", dev_addr, settings))


def test_a_failed_check_never_starts_the_engine(tmp_path, capsys):
    records = make_archive(tmp_path)
    (records / "indicators" / "alpha.yml").write_text("code: [unclosed\n")
    engine = _Engine()
    assert commands.build(records, audience="public", as_of=None, site_dir=tmp_path / "site",
                          engine=engine) == 1
    assert engine.calls == []
    assert "Nothing was built" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["surgeries"]


def test_the_engine_is_given_the_checked_archive_and_typed_settings(tmp_path):
    records = make_archive(tmp_path)
    engine = _Engine()
    commands.build(records, audience="members", as_of=None, site_dir=tmp_path / "site",
                   engine=engine, drafts=True)
    [(kind, _, settings)] = engine.calls
    assert kind == "build" and settings.audience == "members" and settings.drafts is True
    assert settings.checked is not None and "alpha" in settings.checked.indicators
    assert settings.records == records.resolve()


def _module(path) -> tuple[str, list[str]]:
    """A module's dotted name, and the package its relative imports start from."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
        return ".".join(parts), parts
    return ".".join(parts), parts[:-1]


def _imports(path) -> set[str]:
    """Every module name the module at `path` imports (and, for `from x import y`, x.y)."""
    _, package = _module(path)
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            full = ".".join([*base, *([node.module] if node.module else [])])
            if node.module:  # `from . import x` imports x, not the package it is in
                names.add(full)
            names |= {f"{full}.{a.name}" for a in node.names}
    return names


def test_the_core_has_no_import_circles():
    modules = {_module(path)[0]: path for path in (ROOT / "scrutiny").rglob("*.py")}
    graph = {name: {m for m in _imports(path) if m in modules and m != name}
             for name, path in modules.items()}
    assert graph["scrutiny.site.plan"] >= {"scrutiny.records", "scrutiny.site.addresses"}
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for other in graph[name]:
            if state.get(other) == 1:
                raise AssertionError(" -> ".join([*trail[trail.index(other):], other]))
            if other not in state:
                visit(other, [*trail, other])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_a_disk_that_will_not_take_the_site_is_one_line_and_keeps_the_old_site(
        tmp_path, monkeypatch, capsys):
    """A full disk part-way through MkDocs' writing: one line, exit 1, the old site kept."""
    import errno

    import mkdocs.utils

    records = make_archive(tmp_path)
    site = tmp_path / "site"
    assert build.main(["build", "--records", str(records), "--site-dir", str(site)]) == 0
    before = reproducible_bytes(site)
    capsys.readouterr()
    real = mkdocs.utils.write_file
    written = []

    def full(content, output_path):
        if len(written) > 2:  # named as a copy names it: its source first
            raise OSError(errno.ENOSPC, "No space left on device",
                          str(ROOT / ".venv" / "theme" / "a.css"), output_path)
        written.append(output_path)
        return real(content, output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", full)
    assert build.main(["build", "--records", str(records), "--site-dir", str(site)]) == 1
    err = capsys.readouterr().err
    assert "the disk is full: no room to write the site" in err and "is unchanged" in err
    assert ".venv" not in err
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 6  # not 30 lines
    assert [line for line in err.splitlines() if line.startswith("The build failed")] == [
        next(line for line in err.splitlines() if "the disk is full" in line
             and line.startswith("The build failed"))]
    assert reproducible_bytes(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == [".site.lock"]


def test_a_folder_that_cannot_be_made_is_one_line(tmp_path, capsys):
    records = make_archive(tmp_path)
    assert build.main(["build", "--records", str(records), "--site-dir",
                       "/proc/no-such-folder/site"]) == 1
    err = capsys.readouterr().err
    assert "The build failed" in err and "Traceback" not in err


def test_pages_that_wait_compressed_are_the_same_pages(tmp_path, monkeypatch):
    """A large site's pages wait compressed between MkDocs making and writing them; forced
    on for the sample, the site is the same, byte for byte."""
    from hooks import surgeries

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    sites = {}
    for threshold in (surgeries.COMPRESS_ABOVE, 0):
        monkeypatch.setattr(surgeries, "COMPRESS_ABOVE", threshold)
        sites[threshold] = tmp_path / f"site-{threshold}"
        assert build.main(["build", "--site-dir", str(sites[threshold]), "--as-of",
                           "2026-12-01"]) == 0
    assert reproducible_bytes(sites[0]) == reproducible_bytes(sites[surgeries.COMPRESS_ABOVE])
