"""The sample site in a real browser: search, accessibility (WCAG 2.2 AA), keyboard, print.

Debian's Chromium, driven by Playwright, against the site served on 127.0.0.1. Each page
kind is checked with axe-core in the light and dark palettes, and a screenshot of each is
saved under test-output/screenshots/ (not committed).
"""

from __future__ import annotations

import io

import pytest
from browser import chromium, serve
from conftest import ROOT

import build

SHOTS = ROOT / "test-output" / "screenshots"
SURGERY = "surgeries/2012-02-24-children-with-safeguarding-plans-and-children-in-care/"
PAGE_KINDS = {
    "home": "",
    "archive": "surgeries/",
    "surgery": SURGERY,
    "indicator": "indicators/children-in-care/",
    "indicators": "indicators/",
    "actions": "actions/",
    "about": "about/",
    "accessibility": "accessibility/",
    "open-data": "data/",
    "officers-guide": "officers/",
    "reference": "officers/reference/",
    "not-found": "404.html",
    "search": "search/?q=children",
    "committee": "committees/children-and-young-people-commission/",
    "upcoming": "upcoming/",
    "decisions": "decisions/",
    "tracker-year": "actions/2012/",
    "follow-through": "follow-through/",
    "briefing-pack": "surgeries/2027-02-12-children-in-care-a-year-on/",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
HANG_MS = 60_000  # bounds a hang; never a measure of speed (BENCHMARKS.md has the timings)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    site = tmp_path_factory.mktemp("browser-site") / "site"
    assert build.main(["build", "--records", str(ROOT / "surgeries"), "--site-dir", str(site),
                       "--as-of", "2026-11-26"]) == 0
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _results_shown(page, scope: str, query: str, unlike: str = "") -> str:
    """Wait until Pagefind shows, under `scope`, the finished results for `query`: its
    message names the query and is not "Searching for ..." (the list is there), no result is
    still loading, and the message is not `unlike` (the one before a filter changed it).
    Returns the message."""
    from playwright.sync_api import TimeoutError as Hang

    try:
        return page.wait_for_function("""([scope, q, unlike]) => {
            const root = document.querySelector(scope);
            const message = root && root.querySelector('.pagefind-ui__message');
            const text = message ? message.textContent.trim() : '';
            return text.includes(q) && text !== unlike
                && !!root.querySelector('.pagefind-ui__results')
                && !root.querySelector('.pagefind-ui__result .pagefind-ui__loading') && text;
        }""", arg=[scope, query, unlike], timeout=HANG_MS).json_value()
    except Hang:
        shown = page.locator(f"{scope} .pagefind-ui__message").all_inner_texts()
        raise AssertionError(f"no finished results for {query!r} (other than {unlike!r}) in "
                             f"{HANG_MS // 1000} s; the message reads {shown}") from None


def _count(message: str) -> int:
    """The number in "1,234 results for ..."."""
    return int("".join(c for c in message.split()[0] if c.isdigit()))


def _search(page, url: str, query: str) -> list[str]:
    """As a visitor would: press "/" on a page, type, and wait for the results."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    box = page.locator("dialog[open] input.pagefind-ui__search-input")
    box.wait_for(timeout=HANG_MS)
    box.fill(query[:-1])
    box.type(query[-1])
    _results_shown(page, "dialog[open]", query)
    # one link a result (its page), not its sub-results (the page's sections)
    return page.locator("dialog[open] .pagefind-ui__result-title .pagefind-ui__result-link") \
        .evaluate_all("els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize(("query", "expected"), [
    ("PM 04", "indicators/children-with-protection-plans/"),
    ("EI&ISS PM 04", "indicators/children-with-protection-plans/"),
    ("Head of Performance and Improvement", SURGERY),          # an officer's role
    ("edge-of-care team", SURGERY),                            # a phrase from the minutes
])
def test_search_finds_the_right_page(page, site_url, query, expected):
    links = _search(page, site_url, query)
    assert any(expected in link for link in links[:5]), (query, links[:5])


def test_search_results_say_kind_date_and_sample_in_plain_words(page, site_url):
    """A result's tags read as written: "council's", not "council&amp;#x27;s"."""
    _search(page, site_url, "children in care")
    tags = page.locator("dialog[open] .pagefind-ui__result-tag").all_inner_texts()
    assert "Sample: Sample data, not the council's record" in tags, tags
    assert any(t.startswith("Kind: Surgery") for t in tags), tags
    assert not [t for t in tags if "&" in t and ";" in t], tags


def test_search_filters_announces_its_count_and_works_from_the_keyboard(page, site_url):
    page.goto(site_url + "search/")
    box = page.locator("#archive-search input.pagefind-ui__search-input")
    box.focus()  # Pagefind starts loading, its filters too
    # Pagefind's interface keeps the filters its first search's results name, and a search
    # run before every filter file has loaded names only those loaded; so this test searches
    # once the filters are listed (the search search.js starts for ?q= does not wait for
    # them, and can lose a filter on a slow machine).
    page.locator("#archive-search .pagefind-ui__filter-name", has_text="Kind") \
        .wait_for(state="attached", timeout=HANG_MS)
    box.fill("children")
    before = _results_shown(page, "#archive-search", "results for children")
    status = page.locator(".archive-search__status")
    page.wait_for_function("() => document.querySelector('.archive-search__status')"
                           ".textContent.includes('results for children')", timeout=HANG_MS)
    assert status.get_attribute("role") == "status"
    # narrow to surgeries by the kind filter, from the keyboard alone
    page.locator(".pagefind-ui__filter-name", has_text="Kind").first.click(timeout=HANG_MS)
    surgery = page.locator(".pagefind-ui__filter-value", has_text="Surgery").first \
        .locator("input")
    surgery.focus(timeout=HANG_MS)
    assert surgery.evaluate("e => e === document.activeElement")
    page.keyboard.press("Space")
    assert surgery.is_checked()
    after = _results_shown(page, "#archive-search", "results for children", unlike=before)
    assert _count(after) < _count(before), (before, after)
    page.wait_for_function("m => document.querySelector('.archive-search__status')"
                           ".textContent === m", arg=after, timeout=HANG_MS)  # announced
    links = page.locator(".pagefind-ui__result-link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")
    assert links and all("/surgeries/" in link for link in links), links


WIDTHS = {"phone": 390, "desktop": 1366}


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                    for n in v["nodes"][:3])
        for v in results.response["violations"]
    ]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_every_page_kind_at_phone_and_desktop_widths(browser, site_url, kind, scheme, width):
    """axe finds nothing; nothing scrolls sideways; no request leaves the site's host."""
    context = browser.new_context(color_scheme=scheme,
                                  viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    elsewhere: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(site_url) or r.url.startswith(
        ("data:", "blob:", "about:")) else elsewhere.append(r.url))
    page.goto(site_url + PAGE_KINDS[kind])
    page.wait_for_load_state("networkidle")
    if kind == "search":  # the results, not their loading placeholders
        _results_shown(page, "#archive-search", "results for children")
    violations = _violations(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{kind}-{width}-{scheme}.png"), full_page=True)
    context.close()
    assert violations == []
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"
    assert elsewhere == [], elsewhere


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_search_dialog_with_results_is_accessible(browser, site_url, width):
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    page.goto(site_url + "surgeries/")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    box = page.locator("dialog[open] input.pagefind-ui__search-input")
    box.wait_for(timeout=HANG_MS)
    assert page.evaluate("document.activeElement.classList.contains('pagefind-ui__search-input')")
    box.type("children")
    _results_shown(page, "dialog[open]", "children")
    violations = _violations(page)
    page.keyboard.press("Escape")  # closes, and focus goes back to the search button
    closed = page.evaluate("!document.querySelector('dialog').open")
    context.close()
    assert violations == []
    assert closed


def test_on_a_phone_statuses_and_chart_labels_can_be_read(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "actions/")
    status = page.locator("table.action-tracker tbody tr").first.locator("td.status")
    box = status.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390  # on screen, no scrolling
    first_cell = page.locator("table.action-tracker tbody tr").first.locator("th, td").first
    assert box["y"] <= first_cell.bounding_box()["y"]  # the status first on the card
    page.goto(site_url + PAGE_KINDS["indicator"] + "#trend")  # its section, opened
    sizes = page.locator("svg.chart__svg--narrow text").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().height)")
    assert sizes and min(sizes) >= 10, min(sizes)
    assert page.locator("svg.chart__svg--wide").is_hidden()
    context.close()


@pytest.fixture(scope="module")
def members_url(tmp_path_factory):
    site = tmp_path_factory.mktemp("browser-members") / "site"
    assert build.main(["build", "--records", str(ROOT / "surgeries"), "--site-dir", str(site),
                       "--as-of", "2026-11-26", "--audience", "members", "--drafts"]) == 0
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [
    "surgeries/2025-06-20-children-in-care-and-re-referrals/",  # exempt action, item
    "surgeries/2026-12-04-repeat-child-protection-plans/",      # the draft banner
    "",
    "exemptions/",                                              # the register
    "surgeries/2027-02-12-children-in-care-a-year-on/",         # a pack with its annex
])
def test_members_pages_have_no_accessibility_violations(browser, members_url, path, scheme,
                                                        width):
    context = browser.new_context(color_scheme=scheme,
                                  viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    page.goto(members_url + path)
    violations = _violations(page)
    banner = page.locator(".members-banner")
    shown = banner.is_visible() and "not for publication" in banner.inner_text()
    context.close()
    assert violations == []
    assert shown  # every members' page says what it is


@pytest.fixture(scope="module", params=["public", "members"])
def district_url(request, tmp_path_factory):
    """The second sample (tests/samples/district/): a council with its own name for its
    meetings, no codes, no comparators and no licence; each audience's build."""
    site = tmp_path_factory.mktemp(f"browser-district-{request.param}") / "site"
    assert build.main(["build", "--records", str(ROOT / "tests" / "samples" / "district"),
                       "--site-dir", str(site), "--as-of", "2024-03-31",
                       "--audience", request.param]) == 0
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [
    "",
    "surgeries/2023-12-07-quarter-2-performance-report/",  # undertakings with no date, status
    "indicators/planning-decided-in-time/",                 # a figure reported, not given
    "indicators/council-tax-collected/",                    # year to date: a chart of points
    "actions/",
    "follow-through/",
])
def test_the_district_sample_has_no_accessibility_violations(browser, district_url, path,
                                                             scheme, width):
    context = browser.new_context(color_scheme=scheme,
                                  viewport={"width": WIDTHS[width], "height": 900})
    page = context.new_page()
    page.goto(district_url + path)
    page.wait_for_load_state("networkidle")
    violations = _violations(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert violations == []
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"


def test_the_members_banner_is_on_members_pages_and_prints(browser, members_url, site_url):
    context = browser.new_context()
    page = context.new_page()
    for kind in PAGE_KINDS:
        page.goto(site_url + PAGE_KINDS[kind])
        assert page.locator(".members-banner").count() == 0, kind  # never on the public site
        page.goto(members_url + PAGE_KINDS[kind])
        assert page.locator(".members-banner").is_visible(), kind
    page.goto(members_url + SURGERY)
    page.emulate_media(media="print")
    header = page.locator(".print-header")
    assert header.is_visible() and "NOT FOR PUBLICATION" in header.inner_text()
    context.close()


def test_skip_link_and_visible_focus(page, site_url):
    page.goto(site_url + SURGERY)
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const e = document.activeElement, r = e.getBoundingClientRect(),
              s = getComputedStyle(e);
        return {text: e.textContent.trim(), href: e.getAttribute('href'),
                width: r.width, height: r.height,
                outline: s.outlineStyle !== 'none' || s.boxShadow !== 'none'};
    }""")
    assert focused["text"] == "Skip to content" and focused["width"] > 0
    assert focused["outline"] or focused["height"] > 0
    page.keyboard.press("Enter")
    # the first sortable control is a real button, reachable by keyboard
    page.goto(site_url + "actions/")
    button = page.locator("table.action-tracker th button").first
    button.focus()
    assert page.evaluate("document.activeElement.tagName") == "BUTTON"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_every_table_header_has_a_scope(page, site_url):
    for kind in ("surgery", "indicator", "actions", "archive", "home"):
        page.goto(site_url + PAGE_KINDS[kind])
        missing = page.locator("table.data-table th:not([scope])").count()
        assert missing == 0, kind


def test_print_hides_navigation_and_keeps_tables(page, site_url):
    from pypdf import PdfReader

    page.goto(site_url + SURGERY)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary',
        '.md-search', '.md-footer'].map(s => {
            const e = document.querySelector(s);
            return e === null || getComputedStyle(e).display === 'none';
        })""")
    assert all(hidden), hidden
    table = page.locator("table.indicator-table")
    assert table.is_visible() and table.evaluate(
        "t => t.getBoundingClientRect().width <= document.documentElement.clientWidth")
    pdf = page.pdf(format="A4", print_background=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "surgery.pdf").write_bytes(pdf)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    for expected in ["Children with Safeguarding Plans and Children in Care",
                     "Indicators reviewed", "EI&ISS PM 04", "Off target", "PM04-1",
                     "Implications",
                     # whose page, where from, and when printed
                     "Performance surgeries — Derby City Council",
                     "performance-surgeries.example.org/surgeries/2012-02-24", "printed"]:
        assert expected in text, expected
    assert "Search" not in text.split("Children with Safeguarding")[0]


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("path", ["surgeries/2025-06-20-children-in-care-and-re-referrals/",
                                  "actions/", ""])
def test_the_members_marker_is_on_screen_at_every_scroll_position(browser, members_url, path,
                                                                  width):
    """Issue 24: unmistakably the members' site, wherever the reader has scrolled to."""
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 800})
    page = context.new_page()
    page.goto(members_url + path)
    page.wait_for_load_state("networkidle")
    height = page.evaluate("document.documentElement.scrollHeight")
    seen = []
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        page.evaluate(f"window.scrollTo(0, {int(height * fraction)})")
        box = page.locator(".members-banner").bounding_box()
        seen.append(box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 800
                    and page.locator(".members-banner").is_visible())
    context.close()
    assert all(seen), seen
    assert height > 900  # the page scrolls: the test tries more than one position


def test_the_members_navigation_lists_the_exemptions_register(browser, members_url, site_url):
    page = browser.new_page()
    page.goto(members_url)
    assert page.locator('nav a[href$="exemptions/"]').count() >= 1
    page.goto(site_url)
    assert page.locator('nav a[href$="exemptions/"]').count() == 0
    page.close()


def test_an_exempt_action_reached_by_its_link_is_in_a_marked_panel(browser, members_url):
    page = browser.new_page()
    page.goto(members_url + "surgeries/2025-06-20-children-in-care-and-re-referrals/"
              "#action-cic-3")
    row = page.locator("tr#action-cic-3")
    style = row.evaluate("r => getComputedStyle(r).outlineStyle")
    other = page.locator("tr#action-cic-1").evaluate("r => getComputedStyle(r).outlineStyle")
    page.close()
    assert (style, other) == ("solid", "none")


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_members_bar_never_covers_the_end_of_a_page(browser, members_url, width):
    """Scrolled to the end, the footer's last link sits above the bar fixed to the foot of
    the window, however many lines the bar's words take."""
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 800})
    page = context.new_page()
    page.goto(members_url + "surgeries/2025-06-20-children-in-care-and-re-referrals/")
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    bar = page.locator(".md-banner").bounding_box()
    last = page.locator("footer a").last.bounding_box()
    context.close()
    assert last["y"] + last["height"] <= bar["y"], (last, bar)
