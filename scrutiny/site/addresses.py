"""Every address on the site, spelled once: pages, data files, papers and actions.

Pages are folders ('surgeries/<folder>/'), so a page's Markdown is `<address>index.md`.
Links between pages are made relative with `link`, so the site works under any path.
"""

from __future__ import annotations

from ..names import slugify
from ..records.model import Action, Indicator, Paper, Successor, Surgery

HOME = ""
SURGERIES = "surgeries/"
INDICATORS = "indicators/"
ACTIONS = "actions/"
DATA = "data/"
ABOUT = "about/"
ACTIONS_CSV = "data/actions.csv"
SURGERIES_JSON = "data/surgeries.json"
FEED = "feed.xml"
ROBOTS = "robots.txt"
COMMITTEES = "committees/"
UPCOMING = "upcoming/"
CALENDAR = "upcoming.ics"
DECISIONS = "decisions/"
DECISIONS_CSV = "data/decisions.csv"
EXEMPTIONS = "exemptions/"  # the members' site only
EXEMPTIONS_CSV = "data/exemptions.csv"
FOLLOW_THROUGH = "follow-through/"
FOLLOW_THROUGH_CSV = "data/follow-through.csv"


def surgery(s: Surgery) -> str:
    return f"{SURGERIES}{s.folder}/"


def pack_pdf(s: Surgery) -> str:
    """A scheduled surgery's briefing pack as a PDF (the members' build): beside its page's
    folder, never inside it, where a paper of the same name could be."""
    return f"{SURGERIES}{s.folder}.pdf"


def indicator(i: Indicator) -> str:
    return f"{INDICATORS}{i.slug}/"


def indicator_data(i: Indicator, kind: str) -> str:
    """The indicator's figures as `kind` ('csv' or 'json')."""
    return f"{DATA}indicators/{i.slug}.{kind}"


def paper(s: Surgery, p: Paper) -> str:
    return f"{surgery(s)}{p.file}"


def action(s: Surgery, a: Action) -> str:
    return f"{surgery(s)}#{a.anchor}"


def successor(then: Successor) -> str:
    """The action, at a later surgery, that replaced another."""
    return f"{SURGERIES}{then.folder}/#{then.anchor}"


def committee(name: str) -> str:
    return f"{COMMITTEES}{slugify(name, empty='committee')}/"


def indicator_feed(i: Indicator) -> str:
    """The Atom feed of one indicator: its new figures, reviews and actions' progress."""
    return f"feeds/indicators/{i.slug}.xml"


def surgery_feed(s: Surgery) -> str:
    """The Atom feed of one surgery: progress on its actions."""
    return f"feeds/surgeries/{s.folder}.xml"


def actions_year(year: int) -> str:
    """The tracker's page of the actions agreed at the surgeries of one year."""
    return f"{ACTIONS}{year}/"


def surgeries_year(year: int) -> str:
    return f"{SURGERIES}{year}/"


def page_of(first: str, number: int) -> str:
    """Page `number` (2 and on) of a list whose first page is at `first`."""
    if first == ACTIONS:
        return f"{ACTIONS}open/{number}/"
    return f"{first}{number}/"


def source(page: str) -> str:
    """The Markdown file of the page at `page`."""
    return f"{page}index.md"


def link(here: str, there: str) -> str:
    """A relative URL from the page at `here` to `there`.

    Both are site-relative addresses ('', 'actions/', 'surgeries/x/'): climb to the
    site's root, then down. Every page is a folder, so the depth is the count of '/'.
    """
    return "../" * here.count("/") + there or "./"
