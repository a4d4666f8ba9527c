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
from dataclasses import replace

from markupsafe import Markup

from .. import ledger
from ..audience import for_audience
from ..records.model import Action, ActionPlan, Archive, Surgery
from . import addresses as at
from . import html as h
from .html import Column
from .markup import esc, inline, rich
from .parts import indicator_table, tracker_columns, tracker_row
from .registers import Decision, decisions
from .surgery import meeting_facts, papers, reviews_by_indicator, since_last

ANNEX = "annex"
# an action still to be done, or not known to be done: what a pack lists as open, in order
STILL_TO_DO = (ledger.OVERDUE_NOW, ledger.OPEN, ledger.UNKNOWN)
# each outcome as a count reads it: "2 done on time, 1 with no recorded status"
COUNTED = {ledger.UNKNOWN.id: "with no recorded status",
           ledger.SUPERSEDED_UNJUDGED.id: "superseded with nothing to judge it by"}


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
    """Those still to be done as at `as_of`, or with no recorded status: overdue first,
    then open, then those with no status, each by due date."""
    found = [(s, plan, a) for s, plan, a in earlier_actions(archive, coming)
             if ledger.outcome(a, as_of) in STILL_TO_DO]
    return sorted(found, key=lambda x: (STILL_TO_DO.index(ledger.outcome(x[2], as_of)),
                                        x[2].due or dt.date.max, x[0].date, x[2].id))


def not_carried_out(archive: Archive, coming: Surgery, as_of: dt.date) -> list[Decision]:
    """Decisions at earlier meetings on these indicators, an action of whose minutes item
    is still to be done (or has no recorded status) as at `as_of`: a decision whose item
    names no action is not judged here."""
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


def _follow_through(archive: Archive, here: str, as_of: dt.date,
                    where: str = "not published") -> dict[str, Markup]:
    """For each indicator, one line: what became of every action agreed on it."""
    lines = {}
    for slug, counts in ledger.by_group(archive, as_of)["indicator"]:
        if not counts["agreed"]:
            continue
        said = [f"{counts[o.id]} {COUNTED.get(o.id, o.words.lower())}" for o in ledger.OUTCOMES
                if counts[o.id]]
        late, agreed, withheld = ledger.late(counts), counts["agreed"], counts["withheld"]
        lines[slug] = Markup(
            f'<p class="pack-follow"><strong>Follow-through:</strong> '
            f"{_plural(agreed, 'published action' if withheld else 'action')} agreed on it "
            f"so far: {esc(', '.join(said))}"
            f"{f' ({late} not done on time)' if late else ''}"
            + (f"; and {_plural(withheld, 'exempt action')}, {where}" if withheld
               else "") + ". "
            f'<a href="{at.link(here, at.FOLLOW_THROUGH)}">Follow-through of every '
            "indicator</a>.</p>")
    return lines


def _key(found: tuple[Surgery, ActionPlan, Action]) -> tuple[str, str]:
    """An agreed action by its meeting's folder and its id: comparing the records themselves
    would compare whole surgeries, field by field."""
    return found[0].folder, found[2].id


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def _actions_table(archive: Archive, here: str, rows: Iterable, as_of: dt.date,
                   caption: str) -> Markup:
    columns = tracker_columns(archive.meetings)
    return h.table(caption, columns, [tracker_row(here, archive, s, plan, a, as_of)
                                      for s, plan, a in rows], search=False)


def _decisions_table(archive: Archive, here: str, found: list[Decision], as_of: dt.date,
                     caption: str, where: str = "not published") -> Markup:
    """One row a minutes item: its decisions, and the actions it named, each where it
    stands (the words of the pack's other tables). The minutes tie actions to an item,
    not to one of its decisions."""
    items: dict[tuple[str, int], list[Decision]] = {}
    for d in found:
        items.setdefault((d.surgery.folder, d.number), []).append(d)
    rows = []
    for decided in items.values():
        d = decided[0]
        actions = {a.id: a for a in d.surgery.actions}
        named = [Markup(f'<a href="{at.link(here, at.action(d.surgery, actions[i]))}">'
                        f"{esc(i)}</a>: ") + _state(archive, here, actions[i], as_of)
                 for i in dict.fromkeys(d.item.actions) if i in actions]
        if d.item.withheld_actions:
            named.append(Markup(f"{_plural(d.item.withheld_actions, 'exempt action')}, "
                                f"{where}"))
        rows.append([
            Markup(f'<a href="{at.link(here, at.surgery(d.surgery))}#item-{d.number}">'
                   f"{h.date_cell(d.surgery.date)}</a> {esc(d.surgery.title)}")
            + h.flags(illustrative=d.illustrative, exempt=d.exempt is not None),
            d.item.heading(d.number),
            Markup("<br>").join(Markup(inline(x.text)) for x in decided),
            Markup("<br>").join(named)])
    return h.table(caption, (Column(archive.meetings.One), Column("Minutes item"),
                             Column("Decisions", css="wide"),
                             Column("Its actions, and where they stand", css="status")),
                   rows, search=False)


def _state(archive: Archive, here: str, action: Action, as_of: dt.date) -> Markup:
    """Where an action stands as at `as_of`, in the same words in every table of a pack."""
    return h.status(action, as_of, here, ledger.of(archive).now(action, as_of))


def public_view(archive: Archive) -> Archive:
    """The members' archive as the public sees it, made once a build: a members' pack's
    main part is the public pack, word for word but for where the withheld material is."""
    view = archive.__dict__.get("_public_view")
    if view is None:
        view = archive.__dict__["_public_view"] = for_audience(archive, "public", drafts=True)
        view.__dict__["_reviews"] = reviews_by_indicator(view)
    return view


def pack_page(archive: Archive, surgery: Surgery, as_of: dt.date,
              reviews: dict[str, list[Surgery]], members: bool = False,
              pdf: str | None = None) -> h.Page:
    """The briefing pack for `surgery` (scheduled), as the records stand on `as_of`; `pdf`
    is the address of its PDF, where the build prints one.

    On the members' site its main part is made from the public's view of the archive, so
    that it holds exactly what the public pack holds, and its counts of withheld material
    point to the annex, which holds that material, made from the members' archive. A
    scheduled surgery that is itself exempt is the members' alone: its pack is whole."""
    here = at.surgery(surgery)
    m = archive.meetings
    everything_exempt = surgery.exempt is not None  # the members' site only
    annex = members and not everything_exempt
    view = public_view(archive) if annex else archive
    if annex:
        reviews = view.__dict__["_reviews"]
    where = (f'in the <a href="#{ANNEX}">annex</a>' if annex else "not published")
    slugs = tuple(s for s in surgery.indicators if s in archive.indicators)
    shown_slugs = tuple(s for s in slugs if s in view.indicators)
    exempt_slugs = tuple(s for s in slugs if s not in view.indicators)

    # the main part: what the public may see
    still = open_actions(view, surgery, as_of)
    decided = not_carried_out(view, surgery, as_of)
    withheld = sum(plan.withheld_actions for s in view.surgeries if s.date < surgery.date
                   for plan in s.action_plans if planned(s, plan) & set(surgery.indicators))
    since = since_last(view, surgery, here, reviews, day=as_of, withheld_where=where,
                       follow=_follow_through(view, here, as_of, where), anchor="since-last",
                       outcome=lambda a: _state(view, here, a, as_of))
    shown_papers = [p for p in surgery.papers if not (annex and p.exempt)]

    # the annex: what only members may see (an earlier action the public view lacks)
    agreed, open_annexed, decided_annexed, papers_annexed = [], [], [], []
    if annex:  # the public's pack has none: nothing to work out
        seen = {_key(x) for x in earlier_actions(view, surgery)}
        agreed = [x for x in earlier_actions(archive, surgery) if _key(x) not in seen]
        annexed_keys = {_key(x) for x in agreed}
        open_annexed = [x for x in open_actions(archive, surgery, as_of)
                        if _key(x) in annexed_keys]
        decided_annexed = [d for d in not_carried_out(archive, surgery, as_of) if d.exempt]
        papers_annexed = [p for p in surgery.papers if p.exempt]
    annexed = bool(exempt_slugs or agreed or decided_annexed or papers_annexed)

    # the cover: what, when, where, for whom; then the contents
    parts = h.title(surgery.title)
    top = [h.search_facts("Briefing pack", day=surgery.date, indicators=(
        archive.indicators[s].name for s in slugs), sample=surgery.illustrative)]
    notices, facts = meeting_facts(surgery, here, m, "To report to")
    top += notices
    contents = [("indicators", "Indicators to review")]
    if since:
        contents.append(("since-last", f"Since the last {m.one}"))
    contents += [("open-actions", "Open and overdue actions"),
                 ("decisions", "Decisions not yet carried out")]
    if shown_papers:
        contents.append(("papers", "Papers"))
    if annexed:
        contents.append((ANNEX, "Annex: exempt information (not for publication)"))
    if surgery.date >= as_of:
        lead = (f"For the {esc(m.one)} on {h.long_date(surgery.date)}: the indicators it will "
                "review and what to ask about, from the published records as they stand on "
                f"{h.long_date(as_of)}. Once the {esc(m.one)} has met, its record replaces "
                "this pack at this address.")
    else:  # the day has passed and the record is not yet published
        lead = (f"The {esc(m.one)} was due to meet on {h.long_date(surgery.date)}; its record "
                "is not yet published, and will replace this pack at this address. Until "
                "then, this is what it was to review, from the published records as they "
                f"stand on {h.long_date(as_of)}.")
    # the PDF first, where a member looks for it: under the pack's name; else, after
    # what the pack is, how to print it
    lead = (f'<p class="downloads pack-download"><a href="{at.link(here, pdf)}" '
            'type="application/pdf" download>Download this pack as a PDF</a>, to print or '
            f"read offline.</p><p>{lead}</p>" if pdf else
            f'<p>{lead}</p><p class="pack-download">Your browser\'s Print prints this page '
            "as a pack: a cover with these contents, then each section, with page "
            "numbers.</p>")
    top += [
        f'<div class="pack-cover"><p class="pack-cover__kind">Briefing pack</p>{lead}'
        + ('<p class="pack-cover__marking"><strong>NOT FOR PUBLICATION</strong>: for members '
           "only. The annex holds exempt information.</p>" if annexed else
           '<p class="pack-cover__marking"><strong>NOT FOR PUBLICATION</strong>: for members '
           "only.</p>" if everything_exempt else "") + "</div>",
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
    # the cover ends with the contents: on paper, each section starts after it
    top.append('<nav class="pack-contents" aria-labelledby="pack-contents-title">'
               '<p id="pack-contents-title"><strong>Contents</strong></p><ol>'
               + "".join(f'<li><a href="#{anchor}">{esc(title)}</a></li>'
                         for anchor, title in contents) + "</ol></nav>")
    parts += [h.block(*top)]

    parts += [h.heading(2, "Indicators to review", "indicators"), h.block(
        indicator_table(view, here, shown_slugs, as_of,
                        f"Indicators to review, with the latest figures published by "
                        f"{h.long_date(as_of)}") if shown_slugs else "",
        f'<p>{_plural(len(exempt_slugs), "exempt indicator")} to review '
        f'{"are" if len(exempt_slugs) != 1 else "is"} {where}.</p>' if exempt_slugs else "")]
    parts += since

    unpublished = (f" {_plural(withheld, 'exempt action')} on these indicators, whatever "
                   f"{'their' if withheld != 1 else 'its'} status, "
                   f"{'are' if withheld != 1 else 'is'} {where}." if withheld else "")
    parts += [h.heading(2, "Open and overdue actions", "open-actions"), h.block(
        f"<p>Actions agreed at earlier {esc(m.many)} on the indicators to review that are "
        f"still to be done as at {h.long_date(as_of)}, overdue first, and those whose record "
        f"gives no status (so not known to be done).{unpublished}</p>",
        _actions_table(view, here, still, as_of,
                       f"Open and overdue actions as at {h.long_date(as_of)}")
        if still else "<p>None: every such action is done, cancelled or superseded.</p>")]

    parts += [h.heading(2, "Decisions not yet carried out", "decisions"), h.block(
        f"<p>Decisions at earlier {esc(m.many)} on these indicators whose minutes item named "
        f"an action still to be done, or with no recorded status, as at "
        f"{h.long_date(as_of)}. Decisions that named no action are in the "
        f'<a href="{at.link(here, at.DECISIONS)}">register of decisions</a>.</p>',
        _decisions_table(view, here, decided, as_of, "Decisions not yet carried out", where)
        if decided else "<p>None.</p>")]
    if shown_papers:
        parts += papers(replace(surgery, papers=tuple(shown_papers)), "papers")
    if annexed:
        parts += _annex(archive, surgery, here, as_of, exempt_slugs, open_annexed,
                        decided_annexed, agreed, papers_annexed)
    return h.page(parts)


def _annex(archive: Archive, surgery: Surgery, here: str, as_of: dt.date,
           exempt_slugs: tuple[str, ...], open_annexed: list, decided: list[Decision],
           agreed: list, exempt_papers: list) -> list:
    """Exempt material, on the members' site only, after everything that may be published."""
    m = archive.meetings
    parts = [h.heading(2, "Annex: exempt information (not for publication)", ANNEX), h.block(
        h.notice("exempt", "Exempt — not for publication", Markup(
            "<p>Everything in this annex is exempt from publication. Do not share it "
            "beyond members and the officers entitled to see it; each item says under which "
            f'paragraph it is exempt, and the <a href="{at.link(here, at.EXEMPTIONS)}">'
            "exemptions register</a> says why.</p>")))]
    if exempt_slugs:
        parts += [h.heading(3, "Exempt indicators to review"), h.block(indicator_table(
            archive, here, exempt_slugs, as_of,
            f"Exempt indicators, with the latest figures published by {h.long_date(as_of)}",
            search=False))]
    if open_annexed:
        parts += [h.heading(3, "Exempt actions still to be done"), h.block(_actions_table(
            archive, here, open_annexed, as_of,
            f"Exempt open and overdue actions as at {h.long_date(as_of)}"))]
    still = {_key(x) for x in open_annexed}
    done = [x for x in agreed if _key(x) not in still]
    if done:
        parts += [h.heading(3, f"Other exempt actions agreed at earlier {m.many}"), h.block(
            _actions_table(archive, here, done, as_of,
                           f"Exempt actions and where they stand as at {h.long_date(as_of)}"))]
    if decided:
        parts += [h.heading(3, "Exempt decisions not yet carried out"), h.block(
            _decisions_table(archive, here, decided, as_of,
                             "Exempt decisions not yet carried out"))]
    if exempt_papers:
        parts += [h.heading(3, "Exempt papers"), *papers(
            replace(surgery, papers=tuple(exempt_papers)))[1:]]
    return parts
