"""The home page: what the archive is, the latest meetings, what is off target or overdue."""

from __future__ import annotations

import datetime as dt

from ..judgements import against_target
from ..records.model import Archive
from . import addresses as at
from . import html as h
from .markup import esc, rich
from .parts import indicator_table, tracker_columns, tracker_row
from .upcoming import upcoming_table

HOME_OVERDUE = 10  # the home page lists the longest overdue; the tracker lists them all


def _whose(archive: Archive) -> str:
    org = archive.organisation
    return f"{esc(org.name)}’s" if org else "the"


def home_page(archive: Archive, as_of: dt.date, site_name: str, members: bool = False) -> h.Page:
    here = at.HOME
    m = archive.meetings
    # what these meetings are, in the archive's own words (archive.yml); none is built in
    records = [*archive.surgeries, *archive.upcoming, *archive.indicators.values()]
    everything_sample = bool(records) and all(r.illustrative for r in records)
    parts = h.title(site_name, wide=True) + [h.block(
        h.notice("illustrative", "Sample data", "Every record in this archive is sample "
                 "data, not the council's: it shows how the site works.")
        if everything_sample else "",
        rich(m.description),
        f"<p>This site is {_whose(archive)} archive of {esc(m.many)}: the figures, the "
        "actions agreed, the minutes and the reports. "
        f'<a href="{at.link(here, at.ABOUT)}">About this archive</a>.</p>')]
    latest = archive.surgeries[:5]
    parts += [h.heading(2, f"Latest {m.many}")]
    parts += [h.block("<ul>" + "".join(
        f'<li><a href="{at.link(here, at.surgery(s))}">{esc(s.title)}</a>'
        f"{h.flags(illustrative=s.illustrative)}, "
        f"{h.date_cell(s.date)}</li>" for s in latest) + "</ul>"
        f'<p><a href="{at.link(here, at.SURGERIES)}">All '
        f"{esc(m.count(len(archive.surgeries)))}</a></p>"
        if latest else f"<p>No {esc(m.many)} have been published yet.</p>")]
    if archive.upcoming:
        parts += [h.heading(2, f"Upcoming {m.many}"), h.block(
            upcoming_table(archive, here, as_of),
            f'<p><a href="{at.link(here, at.UPCOMING)}">The forward plan</a>, and <a href="'
            f'{at.link(here, at.CALENDAR)}" type="text/calendar">its calendar</a>.</p>')]
    more = [f'<a href="{at.link(here, at.DECISIONS)}">every decision</a>',
            f'<a href="{at.link(here, at.COMMITTEES)}">the committees</a> and what was '
            "reported to them",
            f'<a href="{at.link(here, at.UPCOMING)}">the {esc(m.many)} to come</a>']
    if members:
        more.append(f'<a href="{at.link(here, at.EXEMPTIONS)}">the exemptions register</a> '
                    "(what is withheld from the public, and why)")
    parts += [h.block("<p>Across the archive: " + "; ".join(more) + ".</p>")]
    off = [i for i in archive.indicators.values()
           if against_target(i, i.figure_as_at(as_of)).words == "Off target"]
    parts += [h.heading(2, "Indicators off target")]
    if off:
        parts += [h.block(indicator_table(
            archive, here, tuple(i.slug for i in off), as_of,
            f"Indicators whose latest figure is off target, as at {h.long_date(as_of)}",
            search=False))]
    else:
        parts += [h.block(f"<p>No indicator is off target as at {h.long_date(as_of)}.</p>")]
    overdue = sorted(((s, plan, a) for s in archive.surgeries for plan, a in s.planned_actions
                      if a.is_overdue(as_of)), key=lambda t: (t[2].due_order, t[0].folder, t[2].id))
    parts += [h.heading(2, "Overdue actions")]
    if overdue:
        shown = overdue[:HOME_OVERDUE]
        caption = (f"Actions overdue as at {h.long_date(as_of)}" if len(overdue) == len(shown)
                   else f"The {len(shown)} longest overdue of {len(overdue)} actions overdue "
                   f"as at {h.long_date(as_of)}")
        parts += [h.block(h.table(
            caption, tracker_columns(archive.meetings),
            [tracker_row(here, archive, s, plan, a, as_of) for s, plan, a in shown],
            search=False),
            f'<p><a href="{at.link(here, at.ACTIONS)}">The action tracker</a> lists every action.</p>')]
    else:
        parts += [h.block(f"<p>No action is overdue as at {h.long_date(as_of)}.</p>")]
    withheld = archive.withheld_actions
    if withheld:  # said, without their content, wherever a count leaves them out
        parts += [h.block(f"<p>{withheld} exempt action{'s' * (withheld != 1)} "
                          f"{'are' if withheld != 1 else 'is'} not published here, overdue "
                          "or not.</p>")]
    unrecorded = sum(a.status is None for s in archive.surgeries for a in s.actions)
    if unrecorded:  # counted apart: the site cannot say whether they are overdue
        parts += [h.block(f"<p>{unrecorded} action{'s' * (unrecorded != 1)} with no recorded "
                          "status, never judged overdue: see the "
                          f'<a href="{at.link(here, at.ACTIONS)}">action tracker</a>.</p>')]
    return h.page(parts)
