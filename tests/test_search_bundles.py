"""A large archive's search index comes in bundles, each made by a Pagefind process of its
own (so that Pagefind's memory stays bounded), merged in the browser. Built here with
bundles of seven pages, so that the sample's pages fall in four."""

from __future__ import annotations

import gzip
import json
import shutil

import pytest
from browser import chromium, serve
from conftest import ROOT, SAMPLE_AS_OF, search_documents

import build
from scrutiny.publish import search

HANG_MS = 120_000  # bounds a hang; never a timing


@pytest.fixture(scope="module")
def bundled_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("bundled") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "PER_BUNDLE", 7)
        assert build.main(["build", "--records", str(ROOT / "surgeries"), "--site-dir",
                           str(site), "--as-of", SAMPLE_AS_OF]) == 0
    return site


def _urls(bundle) -> list[str]:
    out = []
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        out.append(json.loads(data[data.index(b"{"):])["url"])
    return out


def test_the_bundles_together_hold_every_page_once(bundled_site, sample_site, tmp_path):
    index = bundled_site / "pagefind"
    parts = json.loads((index / "parts.json").read_text())
    assert parts == ["part-2/", "part-3/", "part-4/"]
    urls = [url for bundle in (index, *(index / p for p in parts)) for url in _urls(bundle)]
    assert sorted(urls) == sorted(doc["url"] for doc in search_documents(sample_site))
    assert json.loads((sample_site / "pagefind" / "parts.json").read_text()) == []
    search.verify(index)
    damaged = tmp_path / "pagefind"
    shutil.copytree(index, damaged)
    (damaged / "part-3" / "pagefind-entry.json").unlink()
    with pytest.raises(search.SearchIndexError, match="part-3"):
        search.verify(damaged)  # every bundle parts.json lists is verified


_FINISHED = """q => {
    const m = document.querySelector('#archive-search .pagefind-ui__message');
    return m && m.textContent.includes(q) && !m.textContent.startsWith('Searching')
        && !document.querySelector('#archive-search .pagefind-ui__loading');
}"""


def _found(page, url: str, query: str) -> tuple[str, set[str]]:
    """The Search page's finished results for `query`: its message, and the pages found
    (every result loaded; a page's sections are not counted apart from it)."""
    page.goto(url + "search/?q=" + query)
    page.wait_for_function(_FINISHED, arg=query, timeout=HANG_MS)
    more = page.locator("#archive-search .pagefind-ui__button")  # "Load more results"
    while more.count():
        shown = page.locator("#archive-search .pagefind-ui__result").count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll("
                               "'#archive-search .pagefind-ui__result').length > n",
                               arg=shown, timeout=HANG_MS)
        page.wait_for_function(_FINISHED, arg=query, timeout=HANG_MS)
    message = page.locator("#archive-search .pagefind-ui__message").inner_text()
    links = page.locator("#archive-search .pagefind-ui__result-link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")
    return message, {link.split("#")[0] for link in links}


def test_merged_bundles_find_what_one_index_finds(bundled_site, sample_site):
    """The same results, with the same links (relative to the site, as the first bundle's
    are), and pages from the last bundle among them ("Walsall" is a statistical neighbour
    named only on the indicator pages)."""
    with serve(bundled_site) as bundled, serve(sample_site) as whole, \
            chromium() as browser:
        page = browser.new_page()
        for query in ("re-referrals", "Walsall", "surgery"):
            assert _found(page, bundled, query) == _found(page, whole, query), query
        message, links = _found(page, bundled, "Walsall")
        assert message.startswith("4 results") and all(
            link.startswith("/indicators/") for link in links), (message, links)
