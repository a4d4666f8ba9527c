"""In Chromium: the action tracker sorts from the keyboard and filters by status."""

from __future__ import annotations

import re

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


def _base(page) -> str:
    """The site's address, whichever of its pages the browser is on."""
    return re.match(r"http://127\.0\.0\.1:\d+/", page.url).group(0)


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
    assert page.locator(".table-filter__count").inner_text() == "2 of 3 actions shown"
    assert "status=overdue" in page.url  # kept in the address, to share or bookmark
    page.select_option("#status-filter", "")
    assert len(_ids(page)) == 3 and "status=" not in page.url  # the open actions


def test_a_filter_in_the_address_is_applied(page):
    """The 2012 actions, those overdue when superseded only, as a link someone sent."""
    page.goto(page.url.split("/actions/")[0] + "/actions/2012/?status=superseded-overdue")
    assert page.locator("#status-filter").input_value() == "superseded-overdue"
    assert _ids(page) == ["PM07-3"]


def test_the_decisions_register_filters_by_indicator(page):
    """The same filter, on another attribute: decisions on one indicator, kept in the URL."""
    page.goto(page.url.split("/actions/")[0] + "/decisions/")
    rows = page.locator("table.decisions tbody tr:not([hidden])")
    every = rows.count()
    page.select_option("#indicator-filter", "EI&ISS PM 11")
    shown = rows.all_inner_texts()
    assert 0 < len(shown) < every and all("EI&ISS PM 11" in r for r in shown)
    assert "indicator=EI%26ISS+PM+11" in page.url or "indicator=EI%26ISS%20PM%2011" in page.url
    assert page.locator(".table-filter__count").inner_text() == (
        f"{len(shown)} of {every} decisions shown")


@pytest.mark.parametrize("path", ["actions/", "actions/2012/", "actions/2025/"])
def test_no_filter_choice_gives_an_empty_table(page, path):
    """The filter offers only the statuses the page lists: each choice shows some rows."""
    page.goto(_base(page) + path)
    values = page.locator("#status-filter option").evaluate_all(
        "els => els.map(e => e.value).filter(v => v)")
    assert values, path
    for value in values:
        page.select_option("#status-filter", value)
        assert _ids(page), (path, value)
    if path == "actions/":  # open actions only: the rest are on the year pages, linked
        assert not {"complete", "cancelled", "superseded"} & set(values)
        assert page.locator(".tracker-elsewhere a").count() == 2


def test_the_sort_hint_only_where_there_are_headings_to_select(page):
    page.goto(_base(page) + "actions/")
    hint = page.locator(".sort-hint")
    page.set_viewport_size({"width": 1366, "height": 800})
    assert hint.is_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    assert not hint.is_visible()
    assert not page.locator("table.action-tracker thead").is_visible()  # cards, no headings
    page.set_viewport_size({"width": 1280, "height": 720})
