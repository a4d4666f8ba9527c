"""A briefing pack for a scheduled surgery, at the address its record will have once it
has met: what it will review and what to ask about, as the records stand on the build's
as-of day. Prints as a pack (cover, contents, page numbers: docs/assets/archive.css); the
members' build also publishes it as a PDF beside the page (scrutiny/publish/pdf.py).

Each audience's pack holds only what its archive holds. On the members' site exempt
material is not mixed in: it is gathered in an annex, marked, after everything else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from markupsafe import Markup

from .. import ledger
from ..records.model import Action, ActionPlan, Archive, Surgery
from . import addresses as at
from . import html as h
from .html import Column
from .markup import esc, inline, rich
from .parts import indicator_table, tracker_columns, tracker_row
from .registers import Decision, actions_cell, decisions
from .surgery import papers, since_last, sources

ANNEX = "annex"
# an action still to be done: the outcomes a pack lists under "open and overdue"
STILL_TO_DO = (ledger.OVERDUE_NOW, ledger.OPEN)


def planned(surgery: Surgery, plan: ActionPlan) -> set[str]:
    """The indicators an action plan is on: its own, else every one its meeting reviewed."""
    return {plan.indicator} if plan.indicator else set(surgery.indicators)


def earlier_actions(archive: Archive, coming: Surgery
                    ) -> list[tuple[Surgery, ActionPlan, Action]]:
    """The actions agreed at earlier meetings on the indicators `coming` will review."""
    wanted = set(coming.indicators)
    return [(s, plan, a) for s in archive.surgeries if s.date < coming.date
            for plan, a in s.planned_actions if planned(s, plan) & wanted]


def open_actions(archive: Archive, coming: Surgery, as_of: dt.date
                 ) -> list[tuple[Surgery, ActionPlan, Action]]:
    """Those still to be done as at `as_of`, overdue first, then by due date."""
    found = [(s, plan, a) for s, plan, a in earlier_actions(archive, coming)
             if ledger.outcome(a, as_of) in STILL_TO_DO]
    return sorted(found, key=lambda x: (ledger.outcome(x[2], as_of) is not ledger.OVERDUE_NOW,
                                        x[2].due or dt.date.max, x[0].date, x[2].id))


def not_carried_out(archive: Archive, coming: Surgery, as_of: dt.date) -> list[Decision]:
    """Decisions at earlier meetings on these indicators, an action of which is still to
    be done (or has no recorded status) as at `as_of`: a decision with no actions is not
    judged here."""
    wanted = set(coming.indicators)
    names = {archive.indicators[slug].name for slug in wanted if slug in archive.indicators}
    found = []
    for d in decisions(archive):
        if d.surgery.date >= coming.date:
            continue
        if not (d.indicator in names if d.indicator else set(d.surgery.indicators) & wanted):
            continue
        actions = {a.id: a for a in d.surgery.actions}
        outcomes = [ledger.outcome(actions[i], as_of) for i in d.item.actions if i in actions]
        if any(o in STILL_TO_DO or o is ledger.UNKNOWN for o in outcomes):
            found.append(d)
    return found


def _follow_through(archive: Archive, here: str, as_of: dt.date) -> dict[str, Markup]:
    """For each indicator, one line: what became of every action agreed on it."""
    lines = {}
    for slug, counts in ledger.by_group(archive, as_of)["indicator"]:
        if not counts["agreed"]:
            continue
        said = [f"{counts[o.id]} {o.words[0].lower()}{o.words[1:]}" for o in ledger.OUTCOMES
                if counts[o.id]]
        late = ledger.late(counts)
        lines[slug] = Markup(
            f'<p class="pack-follow"><strong>Follow-through:</strong> of the '
            f"{counts['agreed']} action{'s' * (counts['agreed'] != 1)} agreed on it at every "
            f"{esc(archive.meetings.one)} so far, {esc(', '.join(said))}"
            f"{f' ({late} not done on time)' if late else ''}. "
            f'<a href="{at.link(here, at.FOLLOW_THROUGH)}">Follow-through of every '
            "indicator</a>.</p>")
    return lines


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _actions_table(archive: Archive, here: str, rows: Iterable, as_of: dt.date,
                   caption: str) -> Markup:
    columns = tracker_columns(archive.meetings)
    return h.table(caption, columns, [tracker_row(here, archive, s, plan, a, as_of)
                                      for s, plan, a in rows], search=False)


def _decisions_table(here: str, found: list[Decision], as_of: dt.date, caption: str,
                     meeting: str) -> Markup:
    rows = [[Markup(f'<a href="{at.link(here, at.surgery(d.surgery))}">'
                    f"{h.date_cell(d.surgery.date)}</a> {esc(d.surgery.title)}")
             + h.flags(illustrative=d.illustrative, exempt=d.exempt is not None),
             d.item.heading(d.number), Markup(inline(d.text)), actions_cell(here, d, as_of)]
            for d in found]
    return h.table(caption, (Column(meeting), Column("Item"), Column("Decision", css="wide"),
                             Column("Actions and what became of them")), rows, search=False)


def pack_page(archive: Archive, surgery: Surgery, as_of: dt.date,
              reviews: dict[str, list[Surgery]], members: bool = False,
              pdf: str | None = None) -> h.Page:
    """The briefing pack for `surgery` (scheduled), as the records stand on `as_of`; `pdf`
    is the address of its PDF, where the build prints one."""
    here = at.surgery(surgery)
    m = archive.meetings
    annex = members  # exempt material goes to the annex (the public has none to show)
    slugs = tuple(s for s in surgery.indicators if s in archive.indicators)
    exempt_slugs = tuple(s for s in slugs if annex and archive.indicators[s].exempt)
    shown_slugs = tuple(s for s in slugs if s not in exempt_slugs)
    everything_exempt = surgery.exempt is not None  # the members' site only

    def to_annex(s: Surgery, plan: ActionPlan, a: Action) -> bool:
        return annex and bool(a.exempt or s.exempt or (
            plan.indicator and archive.indicators[plan.indicator].exempt))

    still = open_actions(archive, surgery, as_of)
    decided = not_carried_out(archive, surgery, as_of)
    open_shown = [x for x in still if not to_annex(*x)]
    open_annexed = [x for x in still if to_annex(*x)]
    decided_shown = [d for d in decided if not (annex and d.exempt)]
    decided_annexed = [d for d in decided if annex and d.exempt]
    withheld = sum(plan.withheld_actions for s in archive.surgeries if s.date < surgery.date
                   for plan in s.action_plans if planned(s, plan) & set(surgery.indicators))
    since = since_last(archive, surgery, here, reviews, day=as_of,
                       annex=ANNEX if annex else None,
                       follow=_follow_through(archive, here, as_of), anchor="since-last")
    annexed = bool(exempt_slugs or open_annexed or decided_annexed or (annex and any(
        to_annex(*x) for x in earlier_actions(archive, surgery))))

    # the cover: what, when, where, for whom; then the contents
    parts = h.title(surgery.title)
    top = [h.search_facts("Briefing pack", day=surgery.date, indicators=(
        archive.indicators[s].name for s in slugs), sample=surgery.illustrative)]
    if everything_exempt:
        top.append(h.exempt(surgery.exempt, m.one))
    if surgery.illustrative:
        top.append(h.illustrative(m.one))
    if surgery.sources:
        top.append(sources(surgery))
    facts = [("Date", h.date_cell(surgery.date))]
    facts += [(name, value) for name, value in (("Time", surgery.time),
                                                ("Venue", surgery.venue)) if value]
    if surgery.chair is not None:
        facts.append(("Chair", h.person(surgery.chair)))
    if surgery.report:
        committee = surgery.report.committee
        facts.append(("To report to", Markup(
            f'<a href="{at.link(here, at.committee(committee))}">{esc(committee)}</a>, '
            f"{h.date_cell(surgery.report.meeting_date)}")))
    if surgery.tags:
        facts.append(("Tags", ", ".join(surgery.tags)))
    facts.append(("Prepared", Markup(f"From the records as at {h.date_cell(as_of)}")))
    contents = [("indicators", "Indicators to review")]
    if since:
        contents.append(("since-last", f"Since the last {m.one}"))
    contents += [("open-actions", "Open and overdue actions"),
                 ("decisions", "Decisions not yet carried out")]
    if surgery.papers:
        contents.append(("papers", "Papers"))
    if annexed:
        contents.append((ANNEX, "Annex: exempt information (not for publication)"))
    top += [
        f'<div class="pack-cover"><p class="pack-cover__kind">Briefing pack</p>'
        f"<p>For the {esc(m.one)} on {h.long_date(surgery.date)}: the indicators it will "
        f"review and what to ask about, from the published records as they stand on "
        f"{h.long_date(as_of)}. Once the {esc(m.one)} has met, its record replaces this "
        "pack at this address.</p>"
        + ('<p class="pack-cover__marking"><strong>NOT FOR PUBLICATION</strong>: for members '
           "only. The annex holds exempt information.</p>" if annexed or everything_exempt
           else "") + "</div>",
        h.summary_list(facts),
    ]
    if surgery.summary:
        top.append(f'<div class="summary">{rich(surgery.summary)}</div>')
    if surgery.attendees:
        top += ["<p><strong>Attendees expected:</strong></p>", h.people(surgery.attendees)]
    if surgery.invited:
        top += ["<p><strong>Invited:</strong></p>", h.people(surgery.invited)]
    if surgery.apologies:
        top += ["<p><strong>Apologies received:</strong></p>", h.people(surgery.apologies)]
    if pdf:
        top.append(f'<p class="downloads pack-download"><a href="{at.link(here, pdf)}" '
                   'type="application/pdf" download>Download this pack as a PDF</a>, to '
                   "print or read offline.</p>")
    else:
        top.append('<p class="pack-download">Your browser\'s Print prints this page as a '
                   "pack: a cover with these contents, then each section, with page "
                   "numbers.</p>")
    # the cover ends with the contents: on paper, each section starts after it
    top.append('<nav class="pack-contents" aria-labelledby="pack-contents-title">'
               '<p id="pack-contents-title"><strong>Contents</strong></p><ol>'
               + "".join(f'<li><a href="#{anchor}">{esc(title)}</a></li>'
                         for anchor, title in contents) + "</ol></nav>")
    parts += [h.block(*top)]

    parts += [h.heading(2, "Indicators to review", "indicators"), h.block(
        indicator_table(archive, here, shown_slugs, as_of,
                        f"Indicators to review, with the latest figures published by "
                        f"{h.long_date(as_of)}") if shown_slugs else "",
        f'<p>{_plural(len(exempt_slugs), "exempt indicator")} to review '
        f'{"are" if len(exempt_slugs) != 1 else "is"} in the <a href="#{ANNEX}">annex</a>.'
        "</p>" if exempt_slugs else "")]
    parts += since

    moved = (f' {_plural(len(open_annexed), "exempt action")} '
             f'{"are" if len(open_annexed) != 1 else "is"} in the <a href="#{ANNEX}">annex</a>.'
             if open_annexed else "")
    unpublished = (f" {_plural(withheld, 'exempt action')} on these indicators "
                   f"{'are' if withheld != 1 else 'is'} not published." if withheld else "")
    parts += [h.heading(2, "Open and overdue actions", "open-actions"), h.block(
        f"<p>Actions agreed at earlier {esc(m.many)} on the indicators to review that are "
        f"still to be done as at {h.long_date(as_of)}, overdue first.{moved}{unpublished}</p>",
        _actions_table(archive, here, open_shown, as_of,
                       f"Open and overdue actions as at {h.long_date(as_of)}")
        if open_shown else "<p>None: every such action is done, cancelled or superseded.</p>")]

    moved = (f' {_plural(len(decided_annexed), "exempt decision")} '
             f'{"are" if len(decided_annexed) != 1 else "is"} in the <a href="#{ANNEX}">annex'
             "</a>." if decided_annexed else "")
    parts += [h.heading(2, "Decisions not yet carried out", "decisions"), h.block(
        f"<p>Decisions at earlier {esc(m.many)} on these indicators with an action still to "
        f"be done, or with no recorded status, as at {h.long_date(as_of)}. A decision that "
        f'named no action is in the <a href="{at.link(here, at.DECISIONS)}">register of '
        f"decisions</a>.{moved}</p>",
        _decisions_table(here, decided_shown, as_of, "Decisions not yet carried out", m.One)
        if decided_shown else "<p>None.</p>")]
    parts += papers(surgery, "papers")
    if annexed:
        parts += _annex(archive, surgery, here, as_of, exempt_slugs, open_annexed,
                        decided_annexed, [x for x in earlier_actions(archive, surgery)
                                          if to_annex(*x)])
    return h.page(parts)


def _annex(archive: Archive, surgery: Surgery, here: str, as_of: dt.date,
           exempt_slugs: tuple[str, ...], open_annexed: list, decided: list[Decision],
           agreed: list) -> list:
    """Exempt material, on the members' site only, after everything that may be published."""
    m = archive.meetings
    parts = [h.heading(2, "Annex: exempt information (not for publication)", ANNEX), h.block(
        h.notice("exempt", "Exempt — not for publication", Markup(
            "<p>Everything in this annex is exempt from publication. Do not share it "
            "beyond members and the officers entitled to see it; each item says under which "
            "paragraph it is exempt, and the exemptions register says why.</p>")))]
    if exempt_slugs:
        parts += [h.heading(3, "Exempt indicators to review"), h.block(indicator_table(
            archive, here, exempt_slugs, as_of,
            f"Exempt indicators, with the latest figures published by {h.long_date(as_of)}",
            search=False))]
    if open_annexed:
        parts += [h.heading(3, "Exempt actions still to be done"), h.block(_actions_table(
            archive, here, open_annexed, as_of,
            f"Exempt open and overdue actions as at {h.long_date(as_of)}"))]
    done = [x for x in agreed if x not in open_annexed]
    if done:
        parts += [h.heading(3, f"Other exempt actions agreed at earlier {m.many}"), h.block(
            _actions_table(archive, here, done, as_of,
                           f"Exempt actions and where they stand as at {h.long_date(as_of)}"))]
    if decided:
        parts += [h.heading(3, "Exempt decisions not yet carried out"), h.block(
            _decisions_table(here, decided, as_of, "Exempt decisions not yet carried out",
                             m.One))]
    return parts
