"""In Chromium at a phone's width (390 × 844): pages a resident finishes. Every page of the
sample is under 6,000 px; a long page's sections fold under their headings, each opened
with a tap or by a link to a place in it; cards leave out fields with no value; a long
table of figures shows the newest, the rest one tap away. A desktop shows everything."""

from __future__ import annotations

import pytest
from browser import chromium, serve
from conftest import ROOT

import build

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 800}
TALLEST = 6000  # px, at 390 px wide
SURGERY = "surgeries/2012-02-24-children-with-safeguarding-plans-and-children-in-care/"
INDICATOR = "indicators/children-in-care/"


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("phone")
    built = {}
    for audience in ("public", "members"):
        built[audience] = root / audience
        assert build.main(["build", "--records", str(ROOT / "surgeries"), "--site-dir",
                           str(built[audience]), "--as-of", "2026-11-26", "--audience",
                           audience]) == 0
    with serve(built["public"]) as public, serve(built["members"]) as members:
        yield {"public": public, "members": members, "folders": built}


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def _pages(site) -> list[str]:
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html"))


@pytest.mark.parametrize("audience", ["public", "members"])
def test_no_page_of_the_sample_is_over_6000_px_on_a_phone(browser, sites, audience):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    tall = {}
    for path in _pages(sites["folders"][audience]):
        page.goto(sites[audience] + path)
        page.wait_for_load_state("load")
        height = page.evaluate("document.documentElement.scrollHeight")
        if height > TALLEST:
            tall[path] = height
    context.close()
    assert tall == {}


def test_a_long_page_folds_its_sections_and_a_tap_or_a_link_opens_one(browser, sites):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(sites["public"] + SURGERY)
    toggles = page.locator(".page-section__toggle")
    names = toggles.all_inner_texts()
    assert names[:4] == ["Indicators reviewed", "Action plans", "Minutes", "Cover report"]
    assert toggles.first.get_attribute("aria-expanded") == "true"  # where the matter starts
    minutes = page.locator("#item-1")
    assert not minutes.is_visible()
    toggles.nth(2).click()
    assert toggles.nth(2).get_attribute("aria-expanded") == "true" and minutes.is_visible()
    toggles.nth(2).click()
    assert not minutes.is_visible()
    # a link to a place in a folded section opens it (an action from the tracker, say)
    page.goto(sites["public"] + SURGERY + "#action-pm07-3")
    assert page.locator("#action-pm07-3").is_visible()
    page.goto(sites["public"] + SURGERY + "#item-2")
    assert page.locator("#item-2").is_visible()
    # and "Show all sections" shows every one
    page.goto(sites["public"] + SURGERY)
    page.locator(".page-sections__all").click()
    assert all(t == "true" for t in toggles.evaluate_all(
        "els => els.map(e => e.getAttribute('aria-expanded'))"))
    assert page.locator("#item-1").is_visible()
    context.close()


def test_a_desktop_and_paper_show_every_section(browser, sites):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(sites["public"] + SURGERY)
    assert page.locator(".page-section__toggle").count() == 0
    assert page.locator("#item-1").is_visible()
    context.close()
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(sites["public"] + SURGERY)
    page.emulate_media(media="print")
    assert page.locator("#item-1").is_visible()  # folded on screen, whole on paper
    context.close()


def test_cards_leave_out_fields_with_no_value(browser, sites):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(sites["public"] + INDICATOR + "#figures")  # its section opened by the link
    cells = page.locator("table.foldable tbody tr:not(.older) td")
    shown = [c for c in cells.all() if c.is_visible()]
    assert shown and all(c.inner_text().strip() not in ("—", "") for c in shown)
    assert page.locator("table.foldable td.empty").count() > 0  # there, and not shown
    context.close()


def test_the_newest_figures_first_the_rest_one_tap_away(browser, sites):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(sites["public"] + INDICATOR + "#figures")
    rows = page.locator("table.foldable tbody tr")
    total = rows.count()
    visible = sum(1 for r in rows.all() if r.is_visible())
    assert total > 4 and visible == 4
    more = page.locator(".fold-toggle")
    assert more.inner_text() == f"Show all {total} rows"
    assert more.get_attribute("aria-expanded") == "false"
    more.click()
    assert sum(1 for r in rows.all() if r.is_visible()) == total
    assert more.get_attribute("aria-expanded") == "true"
    context.close()
    context = browser.new_context(viewport=DESKTOP)  # a desktop: every row, no button
    page = context.new_page()
    page.goto(sites["public"] + INDICATOR)
    assert sum(1 for r in page.locator("table.foldable tbody tr").all() if r.is_visible()) \
        == total
    assert not page.locator(".fold-toggle").is_visible()
    context.close()


def test_progress_updates_are_said_once(browser, sites):
    """The latest update is in the table; the earlier ones, one tap away, never again."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(sites["public"] + SURGERY)
    latest = page.locator("tr#action-pm04-1 td").last.inner_text()
    history = page.locator("details.details", has_text="Earlier progress updates")
    assert history.count() >= 1
    assert latest.split(": ", 1)[1][:30] not in history.first.inner_text()
    context.close()
