"""Filter once, early: remove what an audience may not see before anything is rendered.

Every page, data file and copied paper is made from the filtered archive, so no template,
plugin or export can leak an exempt or draft record: it is simply not there.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from .records.model import ActionPlan, Archive, Item, Minutes, Organisation, Surgery

Audience = Literal["public", "members"]
AUDIENCES: tuple[Audience, ...] = ("public", "members")


def for_audience(archive: Archive, audience: Audience, *, drafts: bool = False) -> Archive:
    """The archive as `audience` may see it. Drafts are left out unless asked for."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; expected one of {AUDIENCES}")
    surgeries, upcoming = [], []
    for surgery in archive.surgeries:
        if surgery.status == "draft" and not drafts:
            continue
        if audience == "public":
            if surgery.exempt is not None:
                continue
            surgery = _public(surgery)
        (upcoming if surgery.status == "scheduled" else surgeries).append(surgery)
    indicators = archive.indicators
    if audience == "public":
        indicators = {slug: i for slug, i in indicators.items() if i.exempt is None}
    return replace(archive, indicators=indicators, surgeries=tuple(surgeries),
                   upcoming=tuple(reversed(upcoming)),
                   organisation=organisation_for(archive.organisation, audience))


def organisation_for(org: Organisation | None, audience: Audience) -> Organisation | None:
    """Who publishes the archive, as `audience` is told: a private repository is not
    named to the public (a resident could not open it); the members' site is at its own
    address, where archive.yml gives one."""
    if org is not None and org.repository_private and audience == "public":
        return replace(org, repository=None)
    if org is not None and org.members_site_url and audience == "members":
        return replace(org, site_url=org.members_site_url)
    return org


def _public(surgery: Surgery) -> Surgery:
    plans = tuple(_public_plan(plan) for plan in surgery.action_plans)
    visible = {action.id for plan in plans for action in plan.actions}
    minutes = surgery.minutes
    if minutes is not None:
        minutes = _public_minutes(minutes, visible)
    return replace(
        surgery,
        papers=tuple(p for p in surgery.papers if p.exempt is None),
        action_plans=plans,
        minutes=minutes,
    )


def _public_plan(plan: ActionPlan) -> ActionPlan:
    actions = tuple(a for a in plan.actions if a.exempt is None)
    return replace(plan, actions=actions,
                   withheld_actions=plan.withheld_actions + len(plan.actions) - len(actions))


def _public_minutes(minutes: Minutes, visible: set[str]) -> Minutes:
    items = []
    for item in minutes.items:
        if item.exempt is not None:  # kept in its place and number, as councils' public
            # minutes do (the contract): the public heading, the paragraph, nothing else
            items.append(Item(title=item.public_title or "Exempt item", number=item.number,
                              exempt=replace(item.exempt, reason=""), withheld=True))
            continue
        named = tuple(dict.fromkeys(item.actions))  # an action named twice is one action
        shown = tuple(i for i in named if i in visible)
        items.append(replace(item, actions=shown,
                             withheld_actions=item.withheld_actions + len(named) - len(shown)))
    return replace(minutes, items=tuple(items))
