"""Small builders shared by the pages: dates, judgements, statuses, people, notices.

Each returns `Markup`: HTML made safe here, which the components (components.py) do not
escape again. Text from records is escaped or sanitised before it is marked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache

from markupsafe import Markup

from ..judgements import Judgement
from .. import ledger
from ..records.model import NO_DUE_DATE, OVERDUE, SUPERSEDED, Action, Exempt, Indicator, Person
from . import addresses as at
from .components import Column, details, summary_list, table, tag  # noqa: F401 - for pages
from .components import notice as _notice
from .markup import UNSEARCHED, esc, inline, left_out_of_search, rich  # noqa: F401 - for pages
from .page import Page, Title, block, heading, page  # noqa: F401 - for pages


@cache
def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def date_cell(day: dt.date) -> Markup:
    """A date readers can read and a table can sort; it never breaks across lines."""
    return Markup(f'<time datetime="{day.isoformat()}">{long_date(day)}</time>')


def due_cell(action: Action) -> Markup:
    """An action's due date, or that none was set (sorted after every date)."""
    return date_cell(action.due) if action.due is not None else Markup(NO_DUE_DATE)


def judgement(j: Judgement, why: str | None = None) -> Markup:
    """Words first, an arrow or icon beside them, colour last: never colour alone. `why`:
    the id of the page's note on which way is better for this indicator (its
    `polarity_note`), marked beside a judgement that says better or worse."""
    mark = (f'<sup class="judgement__why"><a href="#{esc(why)}" aria-label="Which way is '
            'better: the note below" title="Which way is better">†</a></sup>'
            if why and j.tone in ("good", "bad") else "")
    return Markup(f'<span class="judgement judgement--{j.tone}">'
                  f'<span class="judgement__icon" aria-hidden="true">{j.icon}</span> '
                  f"{esc(j.words)}{mark}</span>")


def polarity_id(indicator: Indicator) -> str | None:
    """The id of a page's note on which way is better for `indicator`, where it has one."""
    return f"polarity-{indicator.slug}" if indicator.polarity_note else None


def polarity_notes(indicators: Iterable[Indicator]) -> str:
    """The notes a † beside a judgement points to: which way is better, and why, in the
    indicator's own words (its `polarity_note`), once each."""
    notes = [f'<p class="note polarity-note" id="polarity-{esc(i.slug)}">† Which way is '
             f"better for {esc(i.name)}: {inline(i.polarity_note)}</p>"
             for i in {i.slug: i for i in indicators}.values() if i.polarity_note]
    return "".join(notes)


def status(action: Action, as_of: dt.date, here: str, now: str | None = None) -> Markup:
    """An action's status in words. A superseded one links to the action that replaced it,
    says what it was then (overdue, or not yet due), and, given `now`, where the chain of
    its successors stands (scrutiny/ledger.py)."""
    if action.superseded_by is not None:
        then = action.superseded_by
        href = at.link(here, at.successor(then))
        shown = ledger.superseded_kind(action, as_of)
        late = shown is ledger.SUPERSEDED_OVERDUE
        words = (f"<strong>{shown.words}</strong>" if late else SUPERSEDED.words)
        detail = ledger.state_when_superseded(action) + (f". Now {now}" if now else "")
        return Markup(f'<span class="judgement judgement--{"bad" if late else "neutral"}" '
                      f'data-status="{shown.id}"><span class="judgement__icon" '
                      f'aria-hidden="true">{OVERDUE.icon if late else SUPERSEDED.icon}</span> '
                      f'{words} by <a href="{esc(href)}">{esc(then.id)}</a> on '
                      f"{long_date(then.date)}</span>"
                      f'<br><span class="status__detail">{esc(detail)}.</span>')
    shown = action.recorded_status  # Not recorded, where the record gives none
    if action.is_overdue(as_of):  # prints say as at when
        return Markup(f'<span class="judgement judgement--bad" data-status="{OVERDUE.id}">'
                      f'<span class="judgement__icon" aria-hidden="true">{OVERDUE.icon}</span> '
                      f"<strong>{OVERDUE.words}</strong> ({shown.words.lower()})"
                      f'<span class="print-only"> as at {long_date(as_of)}</span></span>')
    return Markup(f'<span class="judgement judgement--neutral" data-status="{shown.id}">'
                  f'<span class="judgement__icon" aria-hidden="true">{shown.icon}'
                  f"</span> {shown.words}</span>")


def notice(kind: str, title: str, body: object = "", *, search: bool = True) -> Markup:
    """A notice (components.notice). Kinds: illustrative, exempt, draft, source, info."""
    return _notice(kind, title, body, search=search)


def illustrative(what: str) -> Markup:
    """The same sentence on every illustrative record, near the top: search results and
    snippets carry it too."""
    return notice("illustrative", "Illustrative",
                  f"This {what} is sample data, not the council's record.")


@cache
def flags(*, illustrative: bool = False, exempt: bool = False) -> Markup:
    """The tags a row or list entry carries: sample data, exempt."""
    out = Markup("")
    if illustrative:
        out += Markup(" ") + tag("illustrative", "illustrative")
    if exempt:
        out += Markup(" ") + tag("exempt", "exempt")
    return out


def exempt(ex: Exempt, what: str) -> Markup:
    """How members see an exempt item: the paragraph by number and meaning, and the reason."""
    return notice(
        "exempt", "Exempt — not for publication",
        Markup(f"<p>This {esc(what)} is exempt under {esc(ex.grounds)}: "
               f"{esc(ex.meaning)}.</p>"
               f'<div class="notice__reason"><p><strong>Reason:</strong></p>'
               f"{rich(ex.reason)}</div>"))


def person(p: Person) -> Markup:
    """A person as a page shows them: "Cllr A Smith, Cabinet Member (remotely)"; the note is
    record Markdown, sanitised."""
    note = f' <span class="person__note">({inline(p.note)})</span>' if p.note else ""
    return Markup(f"{esc(p.name) + ', ' if p.name else ''}{esc(p.role)}{note}")


def people(persons: Iterable[Person]) -> Markup:
    items = "".join(f"<li>{person(p)}</li>" for p in persons)
    return Markup(f"<ul>{items}</ul>" if items else "<p>None recorded.</p>")


def pages_of(here: str, addresses: list[str], number: int) -> str:
    """Links to the other pages of a list that runs over several: "page 1, page 2, ..."."""
    return ", ".join(f'<a href="{at.link(here, address)}">page {n}</a>' if n != number
                     else f"page {n}" for n, address in enumerate(addresses, 1))


def search_facts(kind: str, *, day: dt.date | None = None, indicators: Iterable[str] = (),
                 statuses: Iterable[str] = (), sample: bool = False) -> Markup:
    """What search shows and filters a page by (Pagefind): its kind and date, and filters
    by kind, indicator, year and status. Not shown on the page, and not itself indexed."""
    facts = [("filter", "kind", kind), ("meta", "kind", kind)]
    if day is not None:
        facts += [("meta", "date", long_date(day)), ("filter", "year", str(day.year))]
    facts += [("filter", "indicator", code) for code in dict.fromkeys(indicators)]
    facts += [("filter", "status", status) for status in dict.fromkeys(statuses)]
    if sample:  # a search result for sample data says so
        facts.append(("meta", "sample", "Sample data, not the council's record"))
    # Pagefind keeps these values as this page's HTML has them, and its interface puts
    # them into the results as HTML again: a meta value is escaped once, as any text on
    # this page; a filter value, which Pagefind also decodes once more, three times. Meta
    # values are the site's own words; record text (an indicator code) only goes into a
    # filter, and tests/test_attacks.py tries script in it.
    times = {"filter": 3, "meta": 1}
    spans = "".join(f'<span data-pagefind-{what}="{name}">{_escaped(value, times[what])}</span>'
                    for what, name, value in facts)
    return Markup(f'<div hidden data-pagefind-ignore="index">{spans}</div>')


def code_terms(codes: Iterable[str]) -> Markup:
    """The codes as people type them without their spaces ("PM05" for "EI&ISS PM 05"), for
    search alone: an attribute Pagefind indexes (weighted, so the indicator comes before a
    page that only mentions it), on an empty element no one sees or hears; a result's
    excerpt may show it, so it reads as a sentence."""
    terms: list[str] = []
    for code in codes:  # "SSPM07" and "PM07" for "SS PM 07": the whole, and its last two
        words = code.split()
        if 1 < len(words) and len(code) <= 60:  # a code, not a sentence
            terms += ["".join(words), "".join(words[-2:])]
    if not terms:
        return Markup("")
    said = "Also written " + ", ".join(dict.fromkeys(terms)) + "."
    return Markup(f'<span hidden data-pagefind-weight="10">{esc(said)}</span>')


def _escaped(text: str, times: int) -> str:
    for _ in range(times):
        text = esc(text)
    return text


def title(text: str, feed: str | None = None, wide: bool = False) -> list[Title]:
    """A page's title, which starts its parts; `feed` is the address of the page's own feed,
    which the theme links from the page's head."""
    return [Title(text, feed, wide)]


def subscribe(here: str, feed: str, what: str) -> str:
    """A visible Subscribe link to a page's own feed."""
    return (f'<p class="subscribe"><a href="{at.link(here, feed)}" type="application/atom+xml">'
            f'<span aria-hidden="true">⟳</span> Subscribe to {esc(what)}</a> (an Atom feed '
            "for your feed reader)</p>")


def cell_text(text: str | None) -> Markup:
    """Record Markdown for a table cell or a line: sanitised, so marked safe."""
    return Markup(inline(text)) if text else Markup("—")
