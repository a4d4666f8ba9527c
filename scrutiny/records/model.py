"""The archive as typed, frozen values: what the rest of the code reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

Polarity = Literal["lower-is-better", "higher-is-better", "none"]
Status = Literal["not-started", "in-progress", "complete", "cancelled"]  # ACTION_STATUSES' ids
Period = Literal["year", "half-year", "quarter", "month", "snapshot"]
# About how many days each period spans: a figure further than half as much again from
# the previous one of its period leaves a gap, and no direction of travel is given.
PERIOD_DAYS = {"year": 365, "half-year": 182, "quarter": 91, "month": 30}

# Papers are published beside the pages, on the site's own origin: only document types
# that a browser does not run (no HTML, SVG, XML, script or Markdown, which would become a
# page) are allowed.
PAPER_TYPES = {
    ".pdf": "PDF", ".doc": "Word document", ".docx": "Word document",
    ".xls": "Excel spreadsheet", ".xlsx": "Excel spreadsheet",
    ".ppt": "PowerPoint presentation", ".pptx": "PowerPoint presentation",
    ".odt": "OpenDocument text", ".ods": "OpenDocument spreadsheet",
    ".odp": "OpenDocument presentation", ".rtf": "Rich Text document", ".csv": "CSV",
    ".txt": "plain text", ".png": "PNG image", ".jpg": "JPEG image", ".jpeg": "JPEG image",
    ".gif": "GIF image", ".webp": "WebP image",
}

# Part 1 of Schedule 12A to the Local Government Act 1972: each paragraph's short name
# (for hints and lists) and its words (for the pages). The one copy of the table.
SCHEDULE_12A = {
    1: ("individual", "Information relating to any individual"),
    2: ("identity", "Information which is likely to reveal the identity of an individual"),
    3: ("financial or business affairs",
        "Information relating to the financial or business affairs of any particular person "
        "(including the authority holding that information)"),
    4: ("labour relations",
        "Information relating to any consultations or negotiations, or contemplated "
        "consultations or negotiations, in connection with any labour relations matter"),
    5: ("legal privilege",
        "Information in respect of which a claim to legal professional privilege could be "
        "maintained in legal proceedings"),
    6: ("notices, orders or directions",
        "Information which reveals that the authority proposes to give a notice, make an "
        "order or give a direction under any enactment"),
    7: ("crime",
        "Information relating to any action taken or to be taken in connection with the "
        "prevention, investigation or prosecution of crime"),
}


@dataclass(frozen=True)
class ActionStatus:
    """How an action's status is written in a record, said on a page, and marked."""

    id: str  # as a record writes it: schema/action-plan.schema.json's enum, in its order
    words: str  # as pages say it
    icon: str  # shown beside the words, never instead of them
    can_be_overdue: bool = False  # still to be done: overdue once its due date has passed


# The statuses a record may give an action. The one copy of the table (a test holds its ids
# to the schema's enum).
ACTION_STATUSES: dict[str, ActionStatus] = {s.id: s for s in (
    ActionStatus("not-started", "Not started", "○", can_be_overdue=True),
    ActionStatus("in-progress", "In progress", "◐", can_be_overdue=True),
    ActionStatus("complete", "Complete", "✔"),
    ActionStatus("cancelled", "Cancelled", "✖"),
)}
# What the site shows in place of an action's status, where it is overdue or superseded;
# never written in a record.
OVERDUE = ActionStatus("overdue", "Overdue", "⚠")
SUPERSEDED = ActionStatus("superseded", "Superseded", "⤳")


@dataclass(frozen=True)
class Person:
    role: str
    name: str | None = None

    def __str__(self) -> str:
        return f"{self.name}, {self.role}" if self.name else self.role


@dataclass(frozen=True)
class Exempt:
    paragraph: int
    reason: str

    @property
    def meaning(self) -> str:
        return SCHEDULE_12A[self.paragraph][1]


@dataclass(frozen=True)
class Comparators:
    statistical_neighbours: float | None = None
    england: float | None = None
    region: float | None = None


@dataclass(frozen=True)
class Figure:
    date: dt.date
    value: float | None
    label: str | None = None
    target: float | None = None
    comparators: Comparators = Comparators()
    note: str | None = None
    provisional: bool = False
    illustrative: bool = False
    period: Period = "year"

    @property
    def name(self) -> str:
        return self.label or self.date.isoformat()


@dataclass(frozen=True)
class Source:
    name: str
    url: str | None = None
    licence: str | None = None


@dataclass(frozen=True)
class Indicator:
    slug: str
    code: str
    title: str
    unit: str
    polarity: Polarity
    figures: tuple[Figure, ...] = ()  # oldest first
    aliases: tuple[str, ...] = ()
    decimals: int = 1
    polarity_note: str | None = None
    tolerance: float | None = None
    service: str | None = None
    definition: str | None = None
    source: Source | None = None
    illustrative: bool = False
    exempt: Exempt | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        return (self.code, *self.aliases)

    @property
    def record_path(self) -> str:
        return f"indicators/{self.slug}.yml"

    def figure_as_at(self, day: dt.date) -> Figure | None:
        """The latest figure dated on or before `day`."""
        latest = None
        for figure in self.figures:
            if figure.date > day:
                break
            latest = figure
        return latest

    def previous(self, figure: Figure) -> Figure | None:
        """The figure just before this one, of any period."""
        index = self._positions[figure.date]  # dates are unique within an indicator
        return self.figures[index - 1] if index > 0 else None

    def previous_of_period(self, figure: Figure) -> Figure | None:
        """The latest figure before this one that covers the same period."""
        for earlier in reversed(self.figures[:self._positions[figure.date]]):
            if earlier.period == figure.period:
                return earlier
        return None

    @cached_property
    def _positions(self) -> dict[dt.date, int]:
        return {f.date: i for i, f in enumerate(self.figures)}


@dataclass(frozen=True)
class Update:
    date: dt.date
    note: str
    status: Status | None = None


@dataclass(frozen=True)
class Successor:
    """The action, agreed at a later surgery, that replaces another."""

    folder: str  # the later surgery's folder
    id: str
    anchor: str
    date: dt.date  # when the later surgery met


@dataclass(frozen=True)
class Action:
    id: str
    anchor: str  # the action's id on its surgery's page: unique there, whatever the audience
    action: str
    owner: str
    due: dt.date
    status: Status
    success_measure: str | None = None
    updates: tuple[Update, ...] = ()
    exempt: Exempt | None = None
    superseded_by: Successor | None = None
    illustrative: bool = False  # sample data: its own plan's or surgery's mark

    @property
    def is_open(self) -> bool:
        """Still to be done: its status can be overdue, and it is not superseded."""
        return ACTION_STATUSES[self.status].can_be_overdue and self.superseded_by is None

    def is_overdue(self, as_of: dt.date) -> bool:
        return self.due < as_of and self.is_open


@dataclass(frozen=True)
class ActionPlan:
    slug: str
    title: str
    lead: Person
    actions: tuple[Action, ...]
    indicator: str | None = None  # the indicator's slug, resolved from the code given
    context: str | None = None
    illustrative: bool = False
    withheld_actions: int = 0  # exempt actions left out of a public build


@dataclass(frozen=True)
class Item:
    title: str
    notes: str | None = None
    decisions: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    exempt: Exempt | None = None
    public_title: str | None = None  # for an exempt item: the heading the public may see
    withheld: bool = False  # an exempt item in a public build: its heading and paragraph only
    withheld_actions: int = 0  # links to exempt actions left out of a public build


@dataclass(frozen=True)
class Minutes:
    present: tuple[Person, ...]
    items: tuple[Item, ...]
    apologies: tuple[Person, ...] = ()
    illustrative: bool = False


@dataclass(frozen=True)
class Paper:
    title: str
    file: str  # relative to the surgery folder
    size: int  # bytes, read when the records are
    exempt: Exempt | None = None


@dataclass(frozen=True)
class SignOff:
    role: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Contact:
    name: str
    role: str
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Report:
    committee: str
    meeting_date: dt.date
    item: str | None = None
    author: str | None = None
    summary: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    supporting_information: tuple[str, ...] = ()
    other_options: tuple[str, ...] = ()
    approved_by: tuple[SignOff, ...] = ()
    contact: Contact | None = None
    background_papers: str | None = None
    appendices: tuple[str, ...] = ()
    implications: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Provenance:
    """Where a transcribed record was taken from."""

    title: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Surgery:
    folder: str  # the permanent id and URL
    title: str
    date: dt.date
    status: Literal["draft", "scheduled", "published"]
    chair: Person | None  # None only while scheduled
    attendees: tuple[Person, ...]
    indicators: tuple[str, ...]  # slugs, in the order the record lists them
    invited: tuple[Person, ...] = ()  # where the source says who was invited, not who came
    apologies: tuple[Person, ...] = ()
    summary: str | None = None
    tags: tuple[str, ...] = ()
    papers: tuple[Paper, ...] = ()
    report: Report | None = None
    exempt: Exempt | None = None
    illustrative: bool = False
    action_plans: tuple[ActionPlan, ...] = ()
    minutes: Minutes | None = None
    source: Provenance | None = None

    @property
    def record_path(self) -> str:
        return f"{self.folder}/surgery.yml"

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for _, a in self.planned_actions)

    @cached_property
    def planned_actions(self) -> tuple[tuple[ActionPlan, Action], ...]:
        """Each action with the plan it belongs to."""
        return tuple((plan, a) for plan in self.action_plans for a in plan.actions)


@dataclass(frozen=True)
class Committee:
    name: str
    url: str | None = None


@dataclass(frozen=True)
class ArchiveContact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Organisation:
    """Who publishes the archive (archive.yml)."""

    name: str
    website: str | None = None
    region: str | None = None
    statistical_neighbours: tuple[str, ...] = ()
    committees: tuple[Committee, ...] = ()
    contact: ArchiveContact | None = None

    def committee(self, name: str) -> Committee | None:
        return next((c for c in self.committees if c.name == name), None)


@dataclass(frozen=True)
class Archive:
    indicators: dict[str, Indicator] = field(default_factory=dict)  # by slug
    surgeries: tuple[Surgery, ...] = ()  # newest first; an audience's: those that have met
    organisation: Organisation | None = None
    upcoming: tuple[Surgery, ...] = ()  # an audience's scheduled surgeries, soonest first

    def indicator(self, code: str) -> Indicator | None:
        """The indicator with this code or alias."""
        for indicator in self.indicators.values():
            if code in indicator.codes:
                return indicator
        return None
