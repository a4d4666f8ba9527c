"""The promise ledger: what became of each action, followed to its end.

Scrutiny asks "did they do what they said?". An action superseded by one agreed at a later
surgery is closed, but the site says what it was when superseded (overdue then, or not)
and where the chain of its successors stands now. Counts of what was not done on time
include what was overdue when superseded, as the contract says.

Plain Python over the checked model, for an audience's archive: a successor the audience
may not see ends the chain there.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from .records.model import ACTION_STATUSES, Action, ActionStatus, Archive, Surgery


@dataclass(frozen=True)
class Outcome:
    """Where an action stands, for counting: one of OUTCOMES."""

    id: str
    words: str
    late: bool = False  # not done on time: overdue now, done late, or overdue when superseded


DONE_ON_TIME = Outcome("done-on-time", "Done on time")
DONE_LATE = Outcome("done-late", "Done late", late=True)
# complete, where no due date or no dated update says whether it was done on time
DONE = Outcome("done", "Done, timing not known")
CANCELLED = Outcome("cancelled", "Cancelled")
SUPERSEDED_OVERDUE = Outcome("superseded-overdue", "Overdue when superseded", late=True)
SUPERSEDED_IN_TIME = Outcome("superseded", "Superseded before it was due")
# superseded with no due date, or no recorded status: nothing to judge it late by
SUPERSEDED_UNJUDGED = Outcome("superseded-unjudged", "Superseded, no date or status to judge")
OVERDUE_NOW = Outcome("overdue", "Overdue now", late=True)
OPEN = Outcome("open", "Still open, not overdue")
UNKNOWN = Outcome("not-recorded", "No recorded status")
OUTCOMES = (DONE_ON_TIME, DONE_LATE, DONE, CANCELLED, SUPERSEDED_OVERDUE, SUPERSEDED_IN_TIME,
            SUPERSEDED_UNJUDGED, OVERDUE_NOW, OPEN, UNKNOWN)


def status_at(action: Action, day: dt.date) -> ActionStatus:
    """The action's status as it stood on `day`: the latest dated update on or before it
    that gives one; where none does, its recorded status, unless a later update gives one
    and it is now closed (then it was still to be done on `day`)."""
    said = [u.status for u in action.updates if u.status and u.date <= day]
    if said:
        return ACTION_STATUSES[said[-1]]
    later = any(u.status for u in action.updates if u.date > day)
    closed = action.status is not None and not action.recorded_status.can_be_overdue
    return ACTION_STATUSES["in-progress"] if later and closed else action.recorded_status


def completed_on(action: Action, by: dt.date | None = None) -> dt.date | None:
    """The day dated updates (up to `by`) last said it became complete, and it stayed so:
    a completed action reopened and completed again was done the second time."""
    day = None
    for update in action.updates:
        if by is not None and update.date > by:
            break
        if update.status == "complete":
            day = day or update.date
        elif update.status is not None:
            day = None  # reopened
    return day


def _done(action: Action, by: dt.date | None = None) -> Outcome:
    day = completed_on(action, by)
    if day is None or action.due is None:
        return DONE
    return DONE_ON_TIME if day <= action.due else DONE_LATE


def overdue_when_superseded(action: Action) -> bool:
    """Superseded after its due date, and still to be done then (not complete or
    cancelled, as its dated updates show it on that day)."""
    then = action.superseded_by
    return (then is not None and action.due is not None and action.due < then.date
            and status_at(action, then.date).can_be_overdue)


def outcome(action: Action, as_of: dt.date) -> Outcome:
    then = action.superseded_by
    if then is not None:  # what it was when the later meeting replaced it
        was = status_at(action, then.date)
        if was.id == "complete":
            return _done(action, then.date)
        if was.id == "cancelled":
            return CANCELLED
        if not was.can_be_overdue or action.due is None:
            return SUPERSEDED_UNJUDGED
        return SUPERSEDED_OVERDUE if action.due < then.date else SUPERSEDED_IN_TIME
    if action.status is None:
        return UNKNOWN
    if action.status == "cancelled":
        return CANCELLED
    if action.status == "complete":
        return _done(action)
    return OVERDUE_NOW if action.is_overdue(as_of) else OPEN


SUPERSEDED_KINDS = (SUPERSEDED_OVERDUE, SUPERSEDED_IN_TIME, SUPERSEDED_UNJUDGED)


def superseded_kind(action: Action, as_of: dt.date) -> Outcome:
    """For a superseded action, how a list filters it: overdue when superseded, before it was
    due, or with nothing to judge by; one done or cancelled before then counts as that."""
    found = outcome(action, as_of)
    if found in SUPERSEDED_KINDS:
        return found
    return CANCELLED if found is CANCELLED else Outcome("complete", "Complete")


def how_long(start: dt.date, end: dt.date) -> str:
    """"3 days", "14 months", "2 years 1 month": from `start` to `end`, whole units."""
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    if months < 1:
        days = (end - start).days
        return f"{days} day{'s' * (days != 1)}"
    years, months = divmod(months, 12)
    parts = [f"{n} {unit}{'s' * (n != 1)}" for n, unit in ((years, "year"), (months, "month"))
             if n]
    return " ".join(parts)


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def state_when_superseded(action: Action) -> str:
    """What the action was when a later surgery replaced it: "Not started, 4 years 5 months
    past due", "In progress, not yet due"."""
    then = action.superseded_by
    assert then is not None
    was = status_at(action, then.date)
    said = was.words
    if overdue_when_superseded(action):
        assert action.due is not None
        return f"{said}, {how_long(action.due, then.date)} past due"
    if action.due is not None and was.can_be_overdue:
        return f"{said}, not yet due"
    return said


def when_superseded(action: Action) -> str:
    """"Not started, 4 years 5 months past due, when superseded by CIC-4 on 20 June 2025"."""
    then = action.superseded_by
    assert then is not None
    return (f"{state_when_superseded(action)}, when superseded by {then.id} on "
            f"{long_date(then.date)}")


def of(archive: Archive) -> Ledger:
    """The archive's ledger, made once (kept on the archive, which never changes)."""
    made = archive.__dict__.get("_ledger")  # a cache beside its fields, not one of them
    if made is None:
        made = archive.__dict__["_ledger"] = Ledger(archive)
    return made


class Ledger:
    """Every action of an audience's archive, findable by where it was agreed, so that a
    chain of successors can be followed to its end."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.groups: dict[dt.date, dict] = {}  # by_group's figures, by as-of day

    @cached_property
    def _actions(self) -> dict[tuple[str, str], tuple[Surgery, Action]]:
        return {(s.folder, a.id): (s, a) for s in self.archive.surgeries for a in s.actions}

    def chain(self, action: Action) -> list[tuple[Surgery, Action]]:
        """Its successors in order, to the last one this audience may see (none when the
        action was not superseded). A loop, which check refuses, ends the chain too."""
        found: list[tuple[Surgery, Action]] = []
        seen = {id(action)}
        then = action.superseded_by
        while then is not None:
            step = self._actions.get((then.folder, then.id))
            if step is None or id(step[1]) in seen:
                break
            found.append(step)
            seen.add(id(step[1]))
            then = step[1].superseded_by
        return found

    def now(self, action: Action, as_of: dt.date) -> str | None:
        """Where the chain stands now, for a superseded action: "CIC-4: in progress, due 31
        December 2026" (or overdue); None when it was not superseded or its successor is
        not shown to this audience."""
        chain = self.chain(action)
        if not chain:
            return None
        _, last = chain[-1]
        state = outcome(last, as_of)
        if state in (OVERDUE_NOW, OPEN):
            words = f"{last.recorded_status.words.lower()}, " + (
                f"overdue since {long_date(last.due)}" if state is OVERDUE_NOW and last.due
                else f"due {long_date(last.due)}" if last.due else "no date set")
        elif state is UNKNOWN:
            words = "no recorded status"
        else:
            words = ACTION_STATUSES[last.status].words.lower() if last.status else state.words
        return f"{last.id}: {words}"


def tally(actions: Iterable[Action], as_of: dt.date) -> Counter[str]:
    """How many of `actions` have each outcome, by id; "agreed" counts them all."""
    counts: Counter[str] = Counter({o.id: 0 for o in OUTCOMES})
    for action in actions:
        counts[outcome(action, as_of).id] += 1
        counts["agreed"] += 1
    return counts


def late(counts: Counter[str]) -> int:
    """Not done on time: overdue now, done late, or overdue when superseded."""
    return sum(counts[o.id] for o in OUTCOMES if o.late)


def by_group(archive: Archive, as_of: dt.date) -> dict[str, Sequence[tuple[str, Counter[str]]]]:
    """The follow-through figures per surgery, committee and indicator: (key, counts), the
    counts with "withheld": exempt actions a public build leaves out, counted apart, and
    "sample": how many of those counted are sample data. Worked out once for the archive
    and day (the page and its CSV both show them), each action's outcome once."""
    made = of(archive).groups
    if as_of not in made:
        made[as_of] = _groups(archive, as_of)
    return made[as_of]


def _groups(archive: Archive, as_of: dt.date) -> dict[str, Sequence[tuple[str, Counter[str]]]]:
    groups: dict[str, dict[str, Counter[str]]] = {"surgery": {}, "committee": {},
                                                  "indicator": {}}
    empty = dict.fromkeys((*(o.id for o in OUTCOMES), "agreed", "withheld", "sample"), 0)

    def add(kind: str, key: str, outcomes: list[str], withheld: int, sample: int) -> None:
        counts = groups[kind].setdefault(key, Counter(empty))
        for found in outcomes:
            counts[found] += 1
        counts["agreed"] += len(outcomes)
        counts["withheld"] += withheld
        counts["sample"] += sample

    for s in archive.surgeries:
        every: list[str] = []
        for plan in s.action_plans:
            found = [outcome(a, as_of).id for a in plan.actions]
            every += found
            if plan.indicator is not None:
                add("indicator", plan.indicator, found, plan.withheld_actions,
                    sum(a.illustrative for a in plan.actions))
        withheld = s.withheld_actions
        sample = sum(a.illustrative for a in s.actions)
        add("surgery", s.folder, every, withheld, sample)
        if s.report is not None:
            add("committee", s.report.committee, every, withheld, sample)
    indicators = archive.indicators
    return {"surgery": list(groups["surgery"].items()),
            "committee": sorted(groups["committee"].items()),
            "indicator": sorted(groups["indicator"].items(),
                                key=lambda kv: indicators[kv[0]].name)}
