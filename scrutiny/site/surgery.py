"""A surgery's page: the meeting, indicator table, action plans, minutes, report, papers."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import quote

from markupsafe import Markup

from .. import ledger
from ..records.model import (
    ACTION_STATUSES,
    OVERDUE,
    PAPER_TYPES,
    SUPERSEDED,
    Action,
    ActionPlan,
    ActionStatus,
    Archive,
    Meetings,
    Paragraph,
    Surgery,
)
from . import addresses as at
from . import html as h
from .html import Column
from .markup import esc, rich, rich_referring
from .parts import figure_value, indicator_link, indicator_table

ACTION_COLUMNS = (
    Column("ID", css="nowrap"), Column("Action", css="wide"), Column("Owner"), Column("Due"),
    Column("Status", css="status"), Column("Latest update", css="wide"),
)


def _action_row(action: Action, as_of: dt.date, here: str, now: str | None) -> list[object]:
    latest = action.updates[-1] if action.updates else None
    update = (Markup(f"{h.date_cell(latest.date)}: {h.cell_text(latest.note)}") if latest
              else "None yet")
    what = str(h.cell_text(action.action))
    if action.success_measure:
        what += f'<br><span class="measure"><strong>Success measure:</strong> ' \
                f"{h.cell_text(action.success_measure)}</span>"
    if action.exempt:
        what += (f'<br><span class="flag flag--exempt">Exempt — not for publication '
                 f"(paragraph {action.exempt.paragraph})</span>")
    return [action.id, Markup(what) + h.flags(illustrative=action.illustrative), action.owner,
            h.due_cell(action), h.status(action, as_of, here, now), update]


def _action_plan(archive: Archive, here: str, plan: ActionPlan, as_of: dt.date) -> list:
    parts = [h.heading(3, plan.title, f"plan-{plan.slug}")]  # never an action's id
    info = [f"<p><strong>Lead:</strong> {h.person(plan.lead)}</p>"]
    if plan.indicator:  # searchable in the table of indicators reviewed, above
        info.append(h.left_out_of_search(
            f"<p><strong>Indicator:</strong> "
            f"{indicator_link(here, archive.indicators[plan.indicator])}</p>"))
    if plan.illustrative:
        info.append(h.illustrative("action plan"))
    if plan.context:
        info.append('<div class="context"><p><strong>Context:</strong></p>'
                    f"{rich(plan.context)}</div>")
    parts += [h.block(*info)]
    if plan.actions:
        attrs = [f'id="{a.anchor}"' for a in plan.actions]
        parts += [h.block(h.table(f"Actions: {plan.title}", ACTION_COLUMNS,
                                  [_action_row(a, as_of, here, ledger.of(archive).now(a, as_of))
                                   for a in plan.actions],
                                  row_attrs=attrs))]
    if plan.withheld_actions:
        n = plan.withheld_actions
        parts += [h.block(f"<p>{n} exempt action{'s' * (n != 1)} in this plan "
                          f"{'are' if n != 1 else 'is'} not published.</p>")]
    notices = [f'<div class="exempt-action"><p><strong>{esc(a.id)}</strong></p>'
               f'{h.exempt(a.exempt, "action")}</div>' for a in plan.actions if a.exempt]
    updates, earlier = [], 0
    for action in plan.actions:
        if len(action.updates) > 1:  # the latest is in the table: the ones before it, once
            earlier += len(action.updates) - 1
            items = "".join(
                f"<li>{h.date_cell(u.date)}"
                f"{' (' + ACTION_STATUSES[u.status].words.lower() + ')' if u.status else ''}: "
                f"{h.cell_text(u.note)}</li>" for u in action.updates[:-1])
            updates.append(f"<p><strong>{esc(action.id)}</strong>, earlier updates:</p>"
                           f'<ul class="updates">{items}</ul>')
    if notices or updates:
        # the latest update is in the table, which search indexes; the history is not, and
        # is one tap away
        history = h.details(f"Earlier progress updates ({earlier})", Markup(
            '<div class="action-updates">' + "".join(updates) + "</div>")) if updates else ""
        parts += [h.block(h.left_out_of_search('<div class="exempt-actions">'
                                               + "".join(notices) + "</div>")
                          if notices else "",
                          h.left_out_of_search(history) if history else "")]
    return parts


def _minutes(surgery: Surgery) -> list:
    minutes = surgery.minutes
    if minutes is None:
        return []
    parts = [h.heading(2, "Minutes", "minutes")]  # an appendix's link comes here
    info = []
    if minutes.illustrative:
        info.append(h.illustrative("record of the minutes"))
    info += ["<p><strong>Present:</strong></p>", h.people(minutes.present)]
    if minutes.apologies:
        info += ["<p><strong>Apologies:</strong></p>", h.people(minutes.apologies)]
    parts += [h.block(*info)]
    anchors = {a.id: a.anchor for a in surgery.actions}
    for number, item in enumerate(minutes.items, 1):  # ids by place: links stay the same
        parts += [h.heading(3, item.heading(number), f"item-{number}")]
        body = []
        if item.withheld:  # the public build: the heading and the paragraph, nothing else
            ex = item.exempt
            parts += [h.block(
                f'<p class="withheld">This item is exempt from publication under '
                f"{esc(ex.grounds)}: {esc(ex.meaning)}.</p>")]
            continue
        if item.exempt:
            body.append(h.exempt(item.exempt, "minutes item"))
        if item.notes:
            body.append(rich(item.notes))
        if item.decisions:
            body.append("<p><strong>Decisions:</strong></p><ul>"
                        + "".join(f"<li>{h.cell_text(d)}</li>" for d in item.decisions)
                        + "</ul>")
        if item.actions or item.withheld_actions:
            links = [f'<a href="#{anchors[a]}">{esc(a)}</a>' for a in dict.fromkeys(item.actions)
                     if a in anchors]
            if item.withheld_actions:
                n = item.withheld_actions
                links.append(f"{n} exempt action{'s' * (n != 1)}, not published")
            body.append(f"<p><strong>Actions:</strong> {', '.join(links)}</p>")
        if body:
            parts += [h.block(*body)]
    return parts


def _report(archive: Archive, surgery: Surgery, here: str) -> list:
    report = surgery.report
    if report is None:
        return []
    item = f", item {esc(report.item)}" if report.item else ""
    parts = [h.heading(2, "Cover report")]
    intro = [f'<p>Report to the <a href="{at.link(here, at.committee(report.committee))}">'
             f"{esc(report.committee)}</a>, "
             f"{h.date_cell(report.meeting_date)}{item}.</p>"]
    if report.author:
        intro.append(f"<p>Report of the {esc(report.author)}.</p>")
    parts += [h.block(*intro)]
    sections = (("Summary", report.summary), ("Recommendations", report.recommendations),
                ("Reasons for recommendations", report.reasons),
                ("Supporting information", report.supporting_information),
                ("Other options considered", report.other_options))
    appendices, targets = _appendices(archive, surgery)
    number = 0
    for title, paragraphs in sections:
        if not paragraphs:
            continue
        number += 1
        if title == "Recommendations" and len(paragraphs) == 1:
            title = "Recommendation"
        if title == "Reasons for recommendations" and len(report.recommendations) == 1:
            title = "Reasons for recommendation"
        parts += [h.heading(3, title)]
        parts += [h.block(*(_paragraph(p, f"{number}.{i}", targets)
                            for i, p in enumerate(paragraphs, 1)))]
    if report.approved_by:
        rows = [[s.role, Markup("<br>").join(s.names)] for s in report.approved_by]
        parts += [h.heading(3, "Sign-off"), h.block(h.table(
            "This report has been approved by the following officers",
            (Column("Role"), Column("Officers")), rows))]
    extra = []
    if report.contact:
        c = report.contact
        bits = [f"{esc(c.name)}, {esc(c.role)}"]
        if c.phone:
            bits.append(f"Tel: {esc(c.phone)}")
        if c.email:
            bits.append(f'<a href="mailto:{esc(c.email)}">{esc(c.email)}</a>')
        extra.append(f"<p><strong>For more information contact:</strong> {'. '.join(bits)}</p>")
    if report.background_papers:
        extra.append(f"<p><strong>Background papers:</strong> "
                     f"{h.cell_text(report.background_papers)}</p>")
    if report.appendices:
        extra.append("<p><strong>List of appendices:</strong></p><ul>" + appendices + "</ul>")
    if extra:
        parts += [h.heading(3, "Contact and papers"), h.block(*extra)]
    if report.implications:
        parts += [h.heading(3, "Implications", "implications")]
        for number, (heading, text) in enumerate(report.implications, 1):
            parts += [h.block(f'<div class="implication"><p class="implication__heading">'
                              f"<strong>{esc(heading)}</strong></p>"
                              f'<div class="para"><span class="para__number">{number}.1</span>'
                              f'<div class="para__text">{rich_referring(text, targets)}'
                              "</div></div></div>")]
    return parts


def _paragraph(paragraph: Paragraph, place: str,
               targets: tuple[tuple[str, str], ...] = ()) -> str:
    """A report paragraph, numbered as the report numbers it, else by its place (2.1); an
    "Appendix N" in it links to that appendix in the list (`targets`)."""
    number = esc(paragraph.number) if paragraph.number is not None else place
    return (f'<div class="para"><span class="para__number">{number}</span>'
            f'<div class="para__text">{rich_referring(paragraph.text, targets)}</div></div>')


APPENDIX = re.compile(r"\s*Appendix\s+(\d+)\b", re.IGNORECASE)


def _appendices(archive: Archive, surgery: Surgery) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The report's list of appendices, each linked to the part of this page it is, where
    its name says so plainly (the minutes, the implications, the action plan for an
    indicator it names by code); and the (number, id) pairs for the text's "Appendix N":
    that part, or else the appendix's entry in the list."""
    report = surgery.report
    if report is None or not report.appendices:
        return "", ()
    targets: dict[str, str] = {}
    items = []
    for text in report.appendices:
        found = APPENDIX.match(text)
        number = str(int(found.group(1))) if found else None  # "Appendix 01" is Appendix 1
        # two hyphens: an id no heading's slug can be (slugs have one between words)
        anchor = f"appendix--{number}" if number and number not in targets else None
        part = _part_named(archive, surgery, text)
        if anchor:  # the text's "Appendix N" goes to the part itself, where it is known
            targets[number] = part or anchor
        shown = f'<a href="#{part}">{esc(text)}</a>' if part else esc(text)
        items.append(f'<li{f" id={chr(34)}{anchor}{chr(34)}" if anchor else ""}>{shown}</li>')
    return "".join(items), tuple(targets.items())


def _part_named(archive: Archive, surgery: Surgery, text: str) -> str | None:
    """The id of the part of a surgery's page an appendix's name plainly names, if any."""
    words = text.lower()
    plans = [plan for plan in surgery.action_plans if plan.indicator in archive.indicators
             and any(re.search(rf"(?<![\w&]){re.escape(code.lower())}(?![\w&])", words)
                     for code in archive.indicators[plan.indicator].codes)]
    if "action plan" in words and len({p.slug for p in plans}) == 1:
        return f"plan-{plans[0].slug}"
    if "minutes" in words and surgery.minutes is not None:
        return "minutes"
    if "implications" in words and surgery.report and surgery.report.implications:
        return "implications"
    return None





def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, size // 1000)} KB"


def _file_kind(name: str) -> str:
    return PAPER_TYPES.get(PurePosixPath(name).suffix.lower(), "file")


def reviews_by_indicator(archive: Archive) -> dict[str, list[Surgery]]:
    """For each indicator, the surgeries that reviewed it, oldest first: worked out once for
    every page's "Since the last surgery"."""
    reviews: dict[str, list[Surgery]] = {}
    for s in sorted(archive.surgeries, key=_when):
        for slug in s.indicators:
            reviews.setdefault(slug, []).append(s)
    return reviews


def _when(surgery: Surgery) -> tuple[dt.date, str]:
    return surgery.date, surgery.folder


def _outcome(action: Action, day: dt.date, here: str) -> object:
    then = action.superseded_by
    if then is not None and then.date <= day:
        words = (ledger.SUPERSEDED_OVERDUE.words if ledger.overdue_when_superseded(action)
                 else SUPERSEDED.words)
        return Markup(f'{words} by <a href="{at.link(here, at.successor(then))}">'
                      f"{esc(then.id)}</a>")
    status = ledger.status_at(action, day)
    if status.can_be_overdue and action.due is not None and action.due < day:
        return f"{OVERDUE.words} ({status.words.lower()})"
    return status.words


def since_last(archive: Archive, surgery: Surgery, here: str,
               reviews: dict[str, list[Surgery]], day: dt.date | None = None,
               withheld_where: str = "not published",
               follow: dict[str, Markup] | None = None, anchor: str | None = None,
               outcome: Callable[[Action], object] | None = None) -> list:
    """For each indicator an earlier surgery reviewed: the figures since then, and what
    became of the actions agreed then, as at `day` (by default the surgery's own day; a
    briefing pack's is the build's). A count of exempt actions left out says where they
    are (`withheld_where`: a members' pack's annex); `follow` adds a line per indicator,
    and `outcome` says where an action stands in a pack's own words."""
    day = day or surgery.date
    parts: list[str] = []
    for slug in surgery.indicators:
        reviewed = reviews.get(slug, [])  # oldest first: the last before this one, by halves
        before = bisect_left(reviewed, (surgery.date, surgery.folder), key=_when)
        if not before or slug not in archive.indicators:
            continue
        last, indicator = reviewed[before - 1], archive.indicators[slug]
        # new since then: what could be known on `day` (published by then) that the last
        # meeting could not (dated after it, or published after it), never back-dated
        figures = [f for f in indicator.figures if f.date <= day
                   and f.known_on(day) and not f.known_on(last.date)]
        published = any(f.published for f in figures)  # when it became known, where said
        rows = [[f.name, Markup(str(figure_value(indicator, f))), h.date_cell(f.date),
                 *([h.date_cell(f.published) if f.published else "Not given"] * published)]
                for f in figures]
        actions = [a for plan, a in last.planned_actions if plan.indicator == slug]
        withheld = sum(plan.withheld_actions for plan in last.action_plans
                       if plan.indicator == slug)
        outcomes = [[Markup(f'<a href="{at.link(here, at.action(last, a))}">{esc(a.id)}</a>')
                     + h.flags(illustrative=a.illustrative, exempt=a.exempt is not None),
                     h.cell_text(a.action), h.due_cell(a),
                     outcome(a) if outcome else _outcome(a, day, here)]
                    for a in actions]
        parts += [h.heading(3, f"{indicator.name} since {h.long_date(last.date)}"),
                  h.block(
                      f'<p>Last reviewed at <a href="{at.link(here, at.surgery(last))}">'
                      f"{esc(last.title)}</a>, {h.date_cell(last.date)}.</p>",
                      h.table(f"Figures for {indicator.name} since then", (
                          Column("Period"), Column(f"Value ({indicator.unit})", numeric=True),
                          Column("As at"), *([Column("Published")] * published)),
                          rows, search=False)
                      if rows else "<p>No new figure since then.</p>",
                      h.table(f"The actions agreed then, as at {h.long_date(day)}", (
                          Column("ID", css="nowrap"), Column("Action", css="wide"),
                          Column("Due"), Column("Outcome", css="status")), outcomes,
                          search=False)
                      if outcomes else "" if withheld else
                      "<p>No action was agreed for it then.</p>",
                      f"<p>{withheld} exempt action{'s' * (withheld != 1)} agreed then "
                      f"{'are' if withheld != 1 else 'is'} {withheld_where}.</p>"
                      if withheld else "",
                      (follow or {}).get(slug, ""))]
    return [h.heading(2, f"Since the last {archive.meetings.one}", anchor), *parts] \
        if parts else []


def sources(surgery: Surgery) -> Markup:
    """Where the record was transcribed from: each source, linked where its address is known."""
    def title(source) -> str:
        text = esc(source.title)
        return f'<a href="{esc(source.url)}">{text}</a>' if source.url else text

    if len(surgery.sources) == 1:
        source = surgery.sources[0]
        return h.notice("source", "Source", Markup(
            f"<p>This record was transcribed from {title(source)}.</p>{rich(source.note)}"))
    items = "".join(f"<li><p>{title(s)}</p>{rich(s.note)}</li>" for s in surgery.sources)
    return h.notice("source", "Sources", Markup(
        f"<p>This record was transcribed from these sources:</p><ul>{items}</ul>"))


def surgery_page(archive: Archive, surgery: Surgery, as_of: dt.date,
                 reviews: dict[str, list[Surgery]] | None = None) -> h.Page:
    here = at.surgery(surgery)
    parts = h.title(surgery.title, feed=at.surgery_feed(surgery))
    statuses = [OVERDUE.words if a.is_overdue(as_of) else SUPERSEDED.words if a.superseded_by
                else a.recorded_status.words for a in surgery.actions]
    m = archive.meetings
    top = [h.search_facts(m.One, day=surgery.date, statuses=statuses, indicators=(
        archive.indicators[slug].name for slug in surgery.indicators),
        sample=surgery.illustrative)]
    if surgery.status == "draft":
        top.append(h.notice("draft", "Draft", f"This {m.one} is a draft, shown for preview only."))
    # a committee's own meeting considers its report the same day: not "reported to"
    same_day = surgery.report is not None and surgery.report.meeting_date == surgery.date
    notices, facts = meeting_facts(surgery, here, m,
                                   "Report considered by" if same_day else "Reported to")
    top += notices
    top.append(h.summary_list(facts))
    top.append(h.subscribe(here, at.surgery_feed(surgery), f"progress on this {m.one}'s actions"))
    top.append(f'<p class="downloads">Download this data: <a href="'
               f'{at.link(here, at.ACTIONS_CSV)}">every action (CSV)</a>, <a href="'
               f'{at.link(here, at.SURGERIES_JSON)}">every {esc(m.one)} (JSON)</a>; each '
               f'indicator\'s figures are on its page. <a href="{at.link(here, at.DATA)}">'
               "About the open data</a>.</p>")
    if surgery.summary:
        top.append(f'<div class="summary">{rich(surgery.summary)}</div>')
    if surgery.attendees:
        top += ["<p><strong>Attendees:</strong></p>", h.people(surgery.attendees)]
    if surgery.invited:  # where the source says who was invited, never shown as attendance
        top += ["<p><strong>Invited:</strong></p>", h.people(surgery.invited),
                f"<p class=\"note\">The record says who was invited to the {esc(m.one)}, not who "
                "attended.</p>"]
    if surgery.apologies:
        top += ["<p><strong>Apologies:</strong></p>", h.people(surgery.apologies)]
    parts += [h.block(*top)]

    parts += [h.heading(2, "Indicators reviewed"), h.block(indicator_table(
        archive, here, surgery.indicators, surgery.date,
        f"Indicators reviewed, with the latest figures as at {h.long_date(surgery.date)}"))]
    parts += since_last(archive, surgery, here,
                        reviews if reviews is not None else reviews_by_indicator(archive))

    if surgery.action_plans:
        parts += [h.heading(2, "Action plans")]
        for plan in surgery.action_plans:
            parts += _action_plan(archive, here, plan, as_of)
    elif surgery.no_actions:  # what the meeting did, where it agreed no actions
        parts += [h.heading(2, "Action plans"), h.block(
            '<div class="no-actions"><p>The meeting agreed no actions.</p>'
            f"{rich(surgery.no_actions)}</div>")]
    parts += _minutes(surgery)
    parts += _report(archive, surgery, here)
    parts += papers(surgery)
    return h.page(parts)


def meeting_facts(surgery: Surgery, here: str, m: Meetings, reported: str
                  ) -> tuple[list[str], list[tuple[str, object]]]:
    """A meeting's notices (exempt, sample data, where it was transcribed from) and its facts
    (date, time, venue, chair, the committee its report goes to, under `reported`, tags):
    the top of its page, or of its briefing pack."""
    notices = []
    if surgery.exempt:
        notices.append(h.exempt(surgery.exempt, m.one))
    if surgery.illustrative:
        notices.append(h.illustrative(m.one))
    if surgery.sources:
        notices.append(sources(surgery))
    facts: list[tuple[str, object]] = [("Date", h.date_cell(surgery.date))]
    facts += [(name, value) for name, value in (("Time", surgery.time),
                                                ("Venue", surgery.venue)) if value]
    if surgery.chair is not None:
        facts.append(("Chair", h.person(surgery.chair)))
    if surgery.report:
        committee = surgery.report.committee
        facts.append((reported, Markup(
            f'<a href="{at.link(here, at.committee(committee))}">{esc(committee)}</a>, '
            f"{h.date_cell(surgery.report.meeting_date)}")))
    if surgery.tags:
        facts.append(("Tags", ", ".join(surgery.tags)))
    return notices, facts


def papers(surgery: Surgery, anchor: str | None = None) -> list:
    """The surgery's papers, each linked beside its page, exempt ones marked (members)."""
    if not surgery.papers:
        return []
    items = []
    for paper in surgery.papers:
        mark = h.exempt(paper.exempt, "paper") if paper.exempt else ""
        items.append(f'<li><a href="{esc(quote(paper.file))}">{esc(paper.title)}</a> '
                     f"({_file_kind(paper.file)}, {_size(paper.size)}){mark}</li>")
    return [h.heading(2, "Papers", anchor),
            h.block('<ul class="papers">' + "".join(items) + "</ul>")]
