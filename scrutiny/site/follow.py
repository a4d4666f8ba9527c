"""The Follow-through page and its CSV: for each surgery, committee and indicator, the
actions agreed and what became of them (scrutiny/ledger.py), as at the build's as-of day."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from markupsafe import Markup

from .. import ledger
from ..records.model import Archive
from . import addresses as at
from . import html as h
from .html import Column
from .markup import esc
from .open_data import csv_text

# The columns after the name, in order: (counts key, heading)
FIGURES = (("agreed", "Agreed"), *((o.id, o.words) for o in ledger.OUTCOMES),
           ("not-on-time", "Not done on time"), ("withheld", "Exempt, not published"))


# The CSV's `group` column: what a row counts the actions of (a meeting, whatever the
# council calls it: the format's word "surgery" is not a reader's)
GROUPS = {"surgery": "meeting", "committee": "committee", "indicator": "indicator"}


def _figures(counts: Counter[str]) -> list[int]:
    counts = Counter(counts, **{"not-on-time": ledger.late(counts)})
    return [counts[key] for key, _ in FIGURES]


def follow_through_page(archive: Archive, as_of: dt.date) -> h.Page:
    here = at.FOLLOW_THROUGH
    m = archive.meetings
    groups = ledger.by_group(archive, as_of)
    withheld = archive.withheld_actions
    shown = FIGURES if withheld else FIGURES[:-1]  # the last column only where some are
    columns = (Column("Name"), *(Column(title, numeric=True) for _, title in shown))
    parts = h.title("Follow-through", wide=True) + [h.block(
        h.search_facts("Follow-through"),
        f"<p>Did they do what they said? For each {esc(m.one)}, committee and indicator: "
        f"the actions agreed, and what became of them as at {h.long_date(as_of)}. An action "
        "was <strong>not done on time</strong> when it was done after its due date, is "
        "still open after it, or was overdue when an action agreed at a later "
        f"{esc(m.one)} replaced it. One with no due date or no recorded status is never "
        "judged late.</p>"
        + (f"<p>{withheld} exempt action{'s are' if withheld != 1 else ' is'} not published: "
           "the last column says where, and the other figures do not count "
           f"{'them' if withheld != 1 else 'it'}.</p>" if withheld else "")
        + f'<p class="downloads">Download this data: <a href="'
          f'{at.link(here, at.FOLLOW_THROUGH_CSV)}">follow-through.csv</a>.</p>')]
    by_folder = {s.folder: s for s in archive.surgeries}
    named = {
        "surgery": lambda key: Markup(
            f'<a href="{at.link(here, at.surgery(by_folder[key]))}">'
            f"{esc(by_folder[key].title)}</a>, {h.date_cell(by_folder[key].date)}"),
        "committee": lambda key: Markup(
            f'<a href="{at.link(here, at.committee(key))}">{esc(key)}</a>'),
        "indicator": lambda key: Markup(
            f'<a href="{at.link(here, at.indicator(archive.indicators[key]))}">'
            f"{esc(archive.indicators[key].name)}</a>"),
    }
    for kind, heading in (("surgery", f"By {m.one}"), ("committee", "By committee"),
                          ("indicator", "By indicator")):
        rows = [[named[kind](key), *_figures(counts)[:len(shown)]]
                for key, counts in groups[kind] if counts["agreed"] or counts["withheld"]]
        parts += [h.heading(2, heading), h.block(
            h.table(f"What became of the actions, {heading.lower()}, as at "
                    f"{h.long_date(as_of)}", columns, rows, sortable=True, search=False)
            if rows else "<p>No actions here.</p>")]
    return h.page(parts)


def follow_through_csv(archive: Archive, as_of: dt.date) -> str:
    groups = ledger.by_group(archive, as_of)
    names = {"surgery": {s.folder: (s.folder, s.title) for s in archive.surgeries},
             "indicator": {slug: (i.reference, i.title) for slug, i in archive.indicators.items()}}
    publisher = archive.organisation.name if archive.organisation else None
    rows = [[GROUPS[kind], *names.get(kind, {}).get(key, (key, key)), *_figures(counts),
             "actions" if counts["sample"] else "", as_of.isoformat(), publisher]
            for kind in ("surgery", "committee", "indicator") for key, counts in groups[kind]
            if counts["agreed"] or counts["withheld"]]
    header = ["group", "id", "name", *(key.replace("-", "_") for key, _ in FIGURES),
              "contains_sample", "as_of", "publisher"]
    return csv_text(header, rows)
