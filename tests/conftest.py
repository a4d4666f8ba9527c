"""Shared fixtures and helpers: the base archive, built sample sites, page text, schema keys."""

from __future__ import annotations

import gzip
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

import build

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
SAMPLE_AS_OF = "2026-11-26"


def updating_golden() -> bool:
    """UPDATE_GOLDEN=1: golden files are rewritten from what the code makes now, so every
    golden comparison passes. A person does that and reads the diff; CI never does."""
    if not os.environ.get("UPDATE_GOLDEN"):
        return False
    if os.environ.get("CI"):
        raise pytest.UsageError(
            "UPDATE_GOLDEN is set and so is CI: an update run rewrites the golden files to "
            "match whatever the code does, so it can only pass. CI compares; unset "
            "UPDATE_GOLDEN (update goldens locally and commit the reviewed diff)")
    return True


def pytest_configure(config: pytest.Config) -> None:
    updating_golden()  # refuses the whole run, before any test, when CI is set


def make_archive(dest: Path, case: Path | None = None) -> Path:
    """The base archive under dest/surgeries, with a case's files laid over it."""
    shutil.copytree(CASES / "base" / "surgeries", dest / "surgeries")
    if case is not None:
        if (case / "surgeries").is_dir():
            shutil.copytree(case / "surgeries", dest / "surgeries", dirs_exist_ok=True)
        if (case / "delete").is_file():
            for rel in (case / "delete").read_text().split():
                (dest / "surgeries" / rel).unlink()
    return dest / "surgeries"


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the base archive; the working directory is its parent."""
    monkeypatch.chdir(tmp_path)
    return make_archive(tmp_path)


class _Text(HTMLParser):
    """The text a reader sees on screen in <main>: no scripts or styles, nothing hidden,
    nothing only printed."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.stack: list[bool] = []  # for each open element: is its content unseen?

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        unseen = (tag in ("script", "style") or "hidden" in attrs
                  or "print-only" in (attrs.get("class") or "").split())
        self.stack.append(unseen or bool(self.stack and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def text_of(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    main = html[html.index("<article"):html.index("</article>")]
    parser = _Text()
    parser.feed(main)
    return " ".join(" ".join(parser.parts).split())


def build_site(records: Path, site: Path, *args: str) -> int:
    return build.main(["build", "--records", str(records), "--site-dir", str(site),
                       "--as-of", SAMPLE_AS_OF, *args])


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("public") / "site"
    assert build_site(ROOT / "surgeries", site) == 0
    return site


@pytest.fixture(scope="session")
def members_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("members") / "site"
    assert build_site(ROOT / "surgeries", site, "--audience", "members") == 0
    return site


@pytest.fixture(scope="session")
def base_site(tmp_path_factory) -> Path:
    """The hand-worked base archive, built as at 1 July 2020."""
    root = tmp_path_factory.mktemp("base")
    records = make_archive(root)
    site = root / "site"
    assert build.main(["build", "--records", str(records), "--site-dir", str(site),
                       "--as-of", "2020-07-01"]) == 0
    return site


def every_byte(site: Path) -> dict[str, bytes]:
    """Each file's bytes, compressed files (the sitemap, the search index) also decompressed."""
    out = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            out[str(path.relative_to(site))] = data
            if data[:2] == b"\x1f\x8b":  # the sitemap, and Pagefind's index files
                out[str(path.relative_to(site)) + " (decompressed)"] = gzip.decompress(data)
    return out


def schema_keys(schema: dict, defs: dict) -> set[str]:
    """Every property name reachable in a schema (following local and common $refs)."""
    found: set[str] = set()
    seen: set[int] = set()

    def walk(node):
        if isinstance(node, dict):
            if id(node) in seen:
                return
            seen.add(id(node))
            ref = node.get("$ref", "")
            if ref:
                walk(defs[ref.split("/")[-1]])
            for key, value in node.get("properties", {}).items():
                found.add(key)
                walk(value)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return found


def search_documents(site: Path) -> list[dict]:
    """What the site's search index (Pagefind) holds for each page: url, content, meta and
    filters, from its fragment files."""
    import json

    docs = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        docs.append(json.loads(data[data.index(b"{"):]))
    return docs


# Pagefind writes its filter files (and the entry and meta files that name them by hash) in
# an order that varies from run to run; the pages, fragments and word indexes do not vary.
_UNORDERED = ("pagefind/filter/", "pagefind/pagefind-entry.json", "pagefind/pagefind.")


def reproducible_bytes(site: Path) -> dict[str, bytes]:
    """every_byte(site), less the search files whose order Pagefind does not fix; those
    are verified complete instead."""
    from scrutiny.publish.search import verify

    verify(site / "pagefind")
    return {name: data for name, data in every_byte(site).items()
            if not name.startswith(_UNORDERED)}
