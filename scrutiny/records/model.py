"""The archive as typed, frozen values: what the rest of the code reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

Polarity = Literal["lower-is-better", "higher-is-better", "none"]
Status = Literal["not-started", "in-progress", "complete", "cancelled"]

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
        index = self._positions[figure.date]  # dates are unique within an indicator
        return self.figures[index - 1] if index > 0 else None

    @cached_property
    def _positions(self) -> dict[dt.date, int]:
        return {f.date: i for i, f in enumerate(self.figures)}


@dataclass(frozen=True)
class Update:
    date: dt.date
    note: str
    status: Status | None = None


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

    def is_overdue(self, as_of: dt.date) -> bool:
        return self.due < as_of and self.status not in ("complete", "cancelled")


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
class Surgery:
    folder: str  # the permanent id and URL
    title: str
    date: dt.date
    status: Literal["draft", "published"]
    chair: Person
    attendees: tuple[Person, ...]
    indicators: tuple[str, ...]  # slugs, in the order the record lists them
    apologies: tuple[Person, ...] = ()
    summary: str | None = None
    tags: tuple[str, ...] = ()
    papers: tuple[Paper, ...] = ()
    report: Report | None = None
    exempt: Exempt | None = None
    illustrative: bool = False
    action_plans: tuple[ActionPlan, ...] = ()
    minutes: Minutes | None = None

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
class Archive:
    indicators: dict[str, Indicator] = field(default_factory=dict)  # by slug
    surgeries: tuple[Surgery, ...] = ()  # newest first

    def indicator(self, code: str) -> Indicator | None:
        """The indicator with this code or alias."""
        for indicator in self.indicators.values():
            if code in indicator.codes:
                return indicator
        return None
