"""In Chromium: the action tracker sorts from the keyboard and filters by status."""

from __future__ import annotations

import pytest
from browser import chromium, serve
from conftest import ROOT

import build


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    site = tmp_path_factory.mktemp("browser") / "site"
    assert build.main(["build", "--records", str(ROOT / "surgeries"), "--site-dir", str(site),
                       "--as-of", "2026-11-26"]) == 0
    with serve(site) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url + "actions/")
        yield page
        page.close()


def _ids(page) -> list[str]:
    return page.locator("table.action-tracker tbody tr:not([hidden]) td:nth-child(3) a") \
        .all_inner_texts()


def test_sorting_by_keyboard(page):
    header = page.locator("table.action-tracker thead th", has_text="Due")
    button = header.locator("button")
    button.focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    dues = page.locator("table.action-tracker tbody td:nth-child(6) time") \
        .evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert dues == sorted(dues)
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    dues = page.locator("table.action-tracker tbody td:nth-child(6) time") \
        .evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert dues == sorted(dues, reverse=True)


def test_filter_by_status(page):
    page.select_option("#status-filter", "overdue")
    shown = _ids(page)
    assert shown and set(shown) == {"CIC-1", "RR-2"}
    assert page.locator(".table-filter__count").inner_text() == "2 of 11 actions shown"
    page.select_option("#status-filter", "superseded")
    assert _ids(page) == ["PM07-3"]
    page.select_option("#status-filter", "")
    assert len(_ids(page)) == 11
