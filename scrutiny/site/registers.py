"""Registers across surgeries: every decision, and (members only) everything withheld."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from .. import ledger

from ..records.model import Archive, Exempt, Item, Meetings, Surgery
from . import addresses as at
from . import html as h
from .html import Column
from .markup import esc, inline
from .open_data import contains_sample, csv_text, decision_columns, exemption_columns

PER_PAGE = 500  # decisions a page: no page over 1 MB


@dataclass(frozen=True)
class Decision:
    surgery: Surgery
    number: int  # the minutes item's place (its anchor, item-N)
    item: Item
    text: str
    indicator: str | None  # its code (or title), where the item says which indicator

    @property
    def illustrative(self) -> bool:
        minutes = self.surgery.minutes
        return self.surgery.illustrative or bool(minutes and minutes.illustrative)

    @property
    def exempt(self):
        """The exemption that covers it (the members' site only): the item's or the surgery's."""
        return self.item.exempt or self.surgery.exempt


def decisions(archive: Archive) -> list[Decision]:
    """Every decision in every set of minutes, newest surgery first, in minute order."""
    found = []
    for surgery in archive.surgeries:
        if surgery.minutes is None:
            continue
        plans = {a.id: plan for plan, a in surgery.planned_actions}
        for number, item in enumerate(surgery.minutes.items, 1):
            found += [Decision(surgery, number, item, text, _indicator(archive, surgery, item,
                                                                        plans))
                      for text in item.decisions]
    return found


def _indicator(archive: Archive, surgery: Surgery, item: Item, plans: dict) -> str | None:
    """The item's indicator: that of the plans its actions belong to, or the surgery's only one."""
    slugs = {plans[a].indicator for a in item.actions if a in plans and plans[a].indicator}
    if len(slugs) != 1 and len(surgery.indicators) == 1:
        slugs = set(surgery.indicators)
    return archive.indicators[slugs.pop()].name if len(slugs) == 1 else None


def decision_pages(archive: Archive, as_of: dt.date) -> list[tuple[str, Callable[[], str]]]:
    found = decisions(archive)
    chunks = [found[i:i + PER_PAGE] for i in range(0, len(found), PER_PAGE)] or [[]]
    addresses = [at.DECISIONS] + [at.page_of(at.DECISIONS, n)
                                  for n in range(2, len(chunks) + 1)]
    codes = sorted({d.indicator for d in found if d.indicator})
    withheld = sum(item.withheld for s in archive.surgeries if s.minutes
                   for item in s.minutes.items)
    return [(address, partial(_page, address, chunk, len(found), addresses, n, codes,
                              archive.meetings, as_of, withheld))
            for n, (address, chunk) in enumerate(zip(addresses, chunks, strict=True), 1)]


def actions_cell(here: str, d: Decision, as_of: dt.date) -> Markup | str:
    """The actions that arose from the decision's minutes item, each linked, with what
    became of it (scrutiny/ledger.py)."""
    actions = {a.id: a for a in d.surgery.actions}
    shown = [Markup(f'<a href="{at.link(here, at.action(d.surgery, actions[i]))}">{esc(i)}'
                    f"</a>: {esc(ledger.outcome(actions[i], as_of).words)}")
             for i in dict.fromkeys(d.item.actions) if i in actions]
    if d.item.withheld_actions:
        n = d.item.withheld_actions
        shown.append(Markup(f"{n} exempt action{'s' * (n != 1)}, not published"))
    return Markup("<br>").join(shown) if shown else "—"


def _page(here: str, chunk: list[Decision], total: int, addresses: list[str], number: int,
          codes: list[str], m: Meetings, as_of: dt.date, withheld: int) -> h.Page:
    rows = [[
        Markup(f'<a href="{at.link(here, at.surgery(d.surgery))}">'
               f"{h.date_cell(d.surgery.date)}</a> {esc(d.surgery.title)}")
        + h.flags(illustrative=d.illustrative, exempt=d.exempt is not None),
        d.item.heading(d.number),
        Markup(inline(d.text)),
        d.indicator or "—",
        actions_cell(here, d, as_of),
    ] for d in chunk]
    attrs = [f'data-indicator="{esc(d.indicator or "")}"' for d in chunk]
    options = "".join(f'<option value="{esc(c)}">{esc(c)}</option>' for c in codes)
    pager = "" if len(addresses) == 1 else f" {h.pages_of(here, addresses, number)}."
    title = "Decisions" + (f", page {number} of {len(addresses)}" if len(addresses) > 1 else "")
    return h.page(h.title(title, wide=True) + [h.block(
        h.search_facts("Decisions"),
        f"<p>Every decision recorded in the minutes of every {esc(m.one)}: {total} in all, "
        f"newest {esc(m.one)} first"
        + (f", and {withheld} minutes item{'s' * (withheld != 1)} exempt from publication, "
           "whose decisions are not published" if withheld else "")
        + f". Each decision's actions say what became of them as at {h.long_date(as_of)}."
        f"{pager} "
        f'<a href="{at.link(here, at.DECISIONS_CSV)}">Download them as CSV</a>.</p>',
        '<div class="table-filter" hidden><label for="indicator-filter">Show decisions on'
        '</label> <select id="indicator-filter" data-filter-table="decisions" '
        'data-filter-attribute="data-indicator" data-filter-noun="decisions">'
        f'<option value="">any indicator</option>{options}</select> '
        '<span class="table-filter__count" role="status" aria-live="polite"></span></div>',
        h.table(f"Decisions, newest {m.one} first", (
            Column(m.One), Column("Item"), Column("Decision", css="wide"),
            Column("Indicator"), Column("Actions and what became of them")), rows,
            css="decisions",
                row_attrs=attrs, search=False, sortable=True)
        if rows else "<p>No decisions have been recorded yet.</p>")])


def decisions_csv(archive: Archive) -> str:
    header = list(decision_columns(archive.meetings, archive.schedule))
    publisher = archive.organisation.name if archive.organisation else None
    return csv_text(header, [[d.surgery.folder, d.surgery.date.isoformat(),
                              d.item.number or d.number,
                              d.item.title, d.text, d.indicator, d.illustrative,
                              contains_sample(archive.meetings,
                                              meeting=d.surgery.illustrative,
                                              minutes=d.illustrative),
                              d.exempt.paragraph if d.exempt else None, publisher]
                             for d in decisions(archive)])


# The exemptions register: the members' site only ------------------------------------------


@dataclass(frozen=True)
class Withheld:
    kind: str  # surgery, indicator, action, minutes item, paper
    what: str
    exempt: Exempt
    address: str  # the page that shows it, on the members' site
    day: object  # the surgery's date (None for an indicator)
    sample: str  # which parts of it are sample data (open_data.contains_sample)


def withheld(archive: Archive) -> Iterator[Withheld]:
    m = archive.meetings
    for indicator in archive.indicators.values():
        if indicator.exempt:
            yield Withheld("Indicator", f"{indicator.name}: {indicator.title}" if indicator.code
                           else indicator.title, indicator.exempt,
                           at.indicator(indicator), None,
                           contains_sample(m, indicator=indicator.illustrative))
    for s in archive.upcoming:  # scheduled: announced to members only when exempt
        if s.exempt:
            yield Withheld(f"{m.One} (scheduled)", s.title, s.exempt, at.UPCOMING, s.date,
                           contains_sample(m, meeting=s.illustrative))
    for s in archive.surgeries:
        page = at.surgery(s)
        sample = contains_sample(m, meeting=s.illustrative)
        if s.exempt:
            yield Withheld(m.One, s.title, s.exempt, page, s.date, sample)
        for a in s.actions:
            if a.exempt:
                yield Withheld("Action", f"{a.id}: {a.action}", a.exempt, at.action(s, a),
                               s.date, contains_sample(m, meeting=s.illustrative,
                                                       action=a.illustrative))
        for number, item in enumerate(s.minutes.items if s.minutes else (), 1):
            if item.exempt:
                shown = f" (public heading: {item.public_title or 'Exempt item'})"
                yield Withheld("Minutes item", item.heading(number) + shown, item.exempt, page,
                               s.date, contains_sample(m, meeting=s.illustrative,
                                                       minutes=s.minutes.illustrative))
        for paper in s.papers:
            if paper.exempt:
                yield Withheld("Paper", paper.title, paper.exempt, at.paper(s, paper), s.date,
                               sample)


def exemptions_page(archive: Archive) -> h.Page:
    here = at.EXEMPTIONS
    rows = [[
        w.kind,
        Markup(f'<a href="{at.link(here, w.address)}">{esc(w.what)}</a>'),
        str(w.exempt.paragraph),
        w.exempt.meaning,
        Markup(inline(w.exempt.reason)),
        h.date_cell(w.day) if w.day else "—",
    ] for w in withheld(archive)]
    columns = (Column("Kind"), Column("Item", css="wide"), Column("Paragraph", numeric=True),
               Column("Meaning", css="wide"), Column("Reason", css="wide"), Column("Date"))
    return h.page(h.title("Exemptions register", wide=True) + [h.block(
        h.search_facts("Exemptions"),
        "<p>Everything withheld from the public site, with the paragraph of "
        f"{esc(archive.schedule.name)} under which it is exempt, and why. "
        "This register is on the members' site only. "
        f'<a href="{at.link(here, at.EXEMPTIONS_CSV)}">Download it as CSV</a>.</p>',
        h.table("Exempt items", columns, rows, search=False)
        if rows else "<p>Nothing is withheld.</p>")])


def exemptions_csv(archive: Archive) -> str:
    publisher = archive.organisation.name if archive.organisation else None
    return csv_text(list(exemption_columns(archive.meetings, archive.schedule)),
                    [[w.kind, w.what, w.exempt.paragraph, w.exempt.meaning, w.exempt.reason,
                      w.day.isoformat() if w.day else None, w.address, w.sample, publisher]
                     for w in withheld(archive)])
