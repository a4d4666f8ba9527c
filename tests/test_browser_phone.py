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


HANG_MS = 60_000  # bounds a hang; never a measure of speed


def test_on_a_phone_the_first_search_result_is_on_the_first_screen(browser, sites):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(sites["public"] + "search/?q=children")
    first = page.locator("#archive-search .pagefind-ui__result").first
    first.wait_for(timeout=HANG_MS)
    box = first.bounding_box()
    assert box["y"] < PHONE["height"], box
    # the filters come after the results, and look like the dialog's: no theme note
    results = page.locator("#archive-search .pagefind-ui__results-area").bounding_box()
    filters = page.locator("#archive-search .pagefind-ui__filter-panel")
    filters.wait_for(state="attached", timeout=HANG_MS)
    assert filters.bounding_box()["y"] > results["y"]
    icon = page.locator("#archive-search details > summary").first.evaluate(
        "s => getComputedStyle(s, '::before').display")
    assert icon == "none"
    context.close()


def _search(page, base: str, query: str) -> list[str]:
    page.goto(base)
    return page.evaluate("""async (q) => {
        const pagefind = await import(new URL('pagefind/pagefind.js', location.href).href);
        await pagefind.init();
        const found = await pagefind.search(q);
        const data = await Promise.all(found.results.slice(0, 5).map(r => r.data()));
        return data.map(d => d.url);
    }""", query)


def test_a_code_typed_without_its_spaces_finds_its_indicator_first(browser, sites):
    page = browser.new_page()
    for typed, indicator in (("PM05", "children-in-care"), ("PM07", "children-in-care"),
                             ("SSPM07", "children-in-care"), ("PM11", "re-referrals"),
                             ("pm04", "children-with-protection-plans")):
        assert _search(page, sites["public"], typed)[0] == f"/indicators/{indicator}/", typed
    page.close()


def test_residents_searches_never_meet_the_officers_pages(browser, sites):
    page = browser.new_page()
    for query in ("records reference", "schema", "check", "superseded_by", "minutes",
                  "search"):
        found = _search(page, sites["public"], query)
        assert not [u for u in found if "/officers/" in u or "/search/" in u], query
    page.close()


SMALL_TEXT = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode, element = text.parentElement;
    if (!text.textContent.trim() || element.closest('[hidden], dialog:not([open])')) continue;
    const box = element.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(element).visibility === 'hidden') continue;
    let size = parseFloat(getComputedStyle(element).fontSize);
    const svg = element.closest('svg');  // a chart's text, as drawn at its scale
    if (svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width) {
      size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    }
    if (size < 11.95) small.push(`${size.toFixed(2)} px: ${text.textContent.trim().slice(0, 40)}`);
  }
  return small;
}"""


def test_no_text_under_12_px_on_a_phone(browser, sites):
    """Every page, every section opened, charts as drawn: no text smaller than 12 px."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    small = {}
    for path in _pages(sites["folders"]["public"]):
        page.goto(sites["public"] + path)
        page.wait_for_load_state("load")
        page.evaluate("document.querySelectorAll('.page-section__toggle[aria-expanded=false]')"
                      ".forEach(b => b.click())")
        found = page.evaluate(SMALL_TEXT)
        if found:
            small[path] = found[:3]
    context.close()
    assert small == {}


def test_on_a_phone_the_chart_is_drawn_whole_and_says_what_it_spans(browser, sites):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(sites["public"] + "indicators/re-referrals/#trend")
    chart = page.locator(".chart__svg--narrow")
    assert chart.is_visible() and not page.locator(".chart__svg--wide").is_visible()
    caption = page.locator("figure.chart figcaption").inner_text()
    # the first and last figures drawn, by their own names (the quarters are not drawn)
    assert "from 2015/16 to 2024/25. Only the figures for years are drawn." in caption
    context.close()



def test_show_all_says_what_it_will_do_and_the_signs_are_not_said(browser, sites):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(sites["public"] + SURGERY)
    toggles = page.locator(".page-section__toggle")
    for n in range(toggles.count()):  # open each, one at a time
        if toggles.nth(n).get_attribute("aria-expanded") == "false":
            toggles.nth(n).click()
    every = page.locator(".page-sections__all")
    assert every.inner_text() == "Hide all sections"
    every.click()
    assert toggles.first.get_attribute("aria-expanded") == "false"
    assert every.inner_text() == "Show all sections"
    # the button's name is the heading's words, not "+ Minutes"
    snapshot = page.accessibility.snapshot(root=toggles.nth(2).element_handle()) \
        if hasattr(page, "accessibility") else None
    name = snapshot["name"] if snapshot else page.locator(
        ".page-section__toggle").nth(2).evaluate("b => b.innerText")
    assert name == "Minutes", name
    # a link followed again after its section was closed (the address does not change):
    # the report's "Appendix 4" leads to the minutes each time
    page.goto(sites["public"] + SURGERY)
    toggles.nth(3).click()  # the cover report
    link = page.get_by_role("link", name="Appendix 4", exact=True)
    link.click()
    minutes = page.locator("#minutes + .page-section__body")
    assert minutes.is_visible()
    toggles.nth(2).click()  # the minutes, closed again
    assert not minutes.is_visible()
    link.click()
    assert minutes.is_visible()
    context.close()


def test_a_broken_address_never_stops_the_sections_working(browser, sites):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(sites["public"] + SURGERY + "#%E0%A4%A")
    page.locator('a[href="#minutes"]').first.evaluate("a => a.click()")  # in a folded part
    assert page.locator("#minutes + .page-section__body").is_visible()
    assert errors == []
    context.close()
