"""The archive as typed, frozen values: what the rest of the code reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

Polarity = Literal["lower-is-better", "higher-is-better", "none"]
Status = Literal["not-started", "in-progress", "complete", "cancelled"]  # ACTION_STATUSES' ids
Period = Literal["year", "half-year", "quarter", "month", "snapshot"]
Reported = Literal["on-target", "near-target", "off-target"]
# About how many days each period spans: a figure further than half as much again from
# the previous one of its period leaves a gap, and no direction of travel is given.
PERIOD_DAYS = {"year": 365, "half-year": 182, "quarter": 91, "month": 30}
PERIODS: tuple[Period, ...] = ("year", "half-year", "quarter", "month", "snapshot")

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

@dataclass(frozen=True)
class Schedule:
    """The law that lets a council withhold information from the public: its name, and each
    paragraph's short name (for hints and lists) and words (for the pages)."""

    name: str  # as a sentence names it: "Part 1 of Schedule 12A to the Local Government Act 1972"
    short: str  # as a hint names it: "Schedule 12A, Part 1"
    paragraphs: dict[int, tuple[str, str]]

    @property
    def numbers(self) -> str:
        """Its paragraphs' numbers, in words: "1 to 7"."""
        return f"{min(self.paragraphs)} to {max(self.paragraphs)}"


_INDIVIDUAL = ("individual", "Information relating to any individual")
_IDENTITY = ("identity", "Information which is likely to reveal the identity of an individual")
_AFFAIRS = ("financial or business affairs",
            "Information relating to the financial or business affairs of any particular person "
            "(including the authority holding that information)")
_LABOUR = ("labour relations",
           "Information relating to any consultations or negotiations, or contemplated "
           "consultations or negotiations, in connection with any labour relations matter")
_PRIVILEGE = ("legal privilege",
              "Information in respect of which a claim to legal professional privilege could be "
              "maintained in legal proceedings")
_NOTICES = ("notices, orders or directions",
            "Information which reveals that the authority proposes to give a notice, make an "
            "order or give a direction under any enactment")
_CRIME = ("crime", "Information relating to any action taken or to be taken in connection with "
          "the prevention, investigation or prosecution of crime")

# The exemption schedules by archive.yml's `jurisdiction`. The one copy of each table.
SCHEDULES: dict[str, Schedule] = {
    # Part 1 of Schedule 12A (England), as substituted in 2006
    "england": Schedule(
        "Part 1 of Schedule 12A to the Local Government Act 1972", "Schedule 12A, Part 1",
        dict(enumerate((_INDIVIDUAL, _IDENTITY, _AFFAIRS, _LABOUR, _PRIVILEGE, _NOTICES,
                        _CRIME), 1))),
    # Part 4 of Schedule 12A (Wales, inserted in 2007): paragraphs 12 to 18 are Part 1's
    # seven, in the same order; paragraph 12 says "a particular individual"
    "wales": Schedule(
        "Part 4 of Schedule 12A to the Local Government Act 1972", "Schedule 12A, Part 4",
        dict(enumerate((("individual", "Information relating to a particular individual"),
                        _IDENTITY, _AFFAIRS, _LABOUR, _PRIVILEGE, _NOTICES, _CRIME), 12))),
    # Part I of Schedule 7A to the Local Government (Scotland) Act 1973. Paragraphs 1 to 9
    # and 12 to 14 follow the statute's words, shortened where they run on (5 also covers
    # compulsory supervision orders; 7 is about the Social Work (Scotland) Act 1968, section
    # 27(1)); 10, 11 and 15 are short, faithful summaries. Check the statute before relying on
    # a paragraph's exact words.
    "scotland": Schedule(
        "Part I of Schedule 7A to the Local Government (Scotland) Act 1973",
        "Schedule 7A, Part I", {
            1: ("employees and office-holders",
                "Information relating to a particular employee, former employee or applicant to "
                "become an employee of, or a particular office-holder, former office-holder or "
                "applicant to become an office-holder under, the authority"),
            2: ("housing occupiers",
                "Information relating to any particular occupier or former occupier of, or "
                "applicant for, accommodation provided by or at the expense of the authority"),
            3: ("service users",
                "Information relating to any particular applicant for, or recipient or former "
                "recipient of, any service provided by the authority"),
            4: ("financial assistance",
                "Information relating to any particular applicant for, or recipient or former "
                "recipient of, any financial assistance provided by the authority"),
            5: ("children",
                "Information relating to the adoption, care, fostering or education of any "
                "particular child, or to a compulsory supervision order about a child"),
            6: ("financial or business affairs",
                "Information relating to the financial or business affairs of any particular "
                "person (other than the authority)"),
            7: ("social work reports and supervision",
                "Information relating to anything done or to be done in respect of any "
                "particular person for the purposes of section 27(1) of the Social Work "
                "(Scotland) Act 1968 (reports on and supervision of certain persons)"),
            8: ("contract expenditure",
                "The amount of any expenditure proposed to be incurred by the authority under "
                "any particular contract for the acquisition of property or the supply of goods "
                "or services"),
            9: ("contract terms",
                "Any terms proposed or to be proposed by or to the authority in the course of "
                "negotiations for a contract for the acquisition or disposal of property or the "
                "supply of goods or services"),
            10: ("tenders",
                 "The identity of the authority (or of any other person) as the person offering "
                 "any particular tender for a contract for the supply of goods or services"),
            11: ("labour relations",
                 "Information relating to any consultations or negotiations, or contemplated "
                 "consultations or negotiations, in connection with any labour relations matter"),
            12: ("legal advice",
                 "Any instructions to counsel and any opinion of counsel, and any advice "
                 "received, information obtained or action to be taken in connection with legal "
                 "proceedings by or against the authority, or the determination of any matter "
                 "affecting the authority"),
            13: ("notices, orders or directions",
                 "Information which, if disclosed to the public, would reveal that the authority "
                 "proposes to give a notice, or make an order or direction, under any enactment"),
            14: ("crime",
                 "Any action taken or to be taken in connection with the prevention, "
                 "investigation or prosecution of crime"),
            15: ("protected informant", "The identity of a protected informant"),
        }),
}
JURISDICTIONS = tuple(SCHEDULES)  # archive.yml's `jurisdiction` values; the first is the default


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
# What the site shows in place of an action's status, where it is overdue or superseded,
# or where the record gives none; never written in a record. An action with no status is
# never overdue: the site does not know it is still to be done.
OVERDUE = ActionStatus("overdue", "Overdue", "⚠")
SUPERSEDED = ActionStatus("superseded", "Superseded", "⤳")
NOT_RECORDED = ActionStatus("not-recorded", "Not recorded", "?")
NO_DUE_DATE = "No date set"  # shown in place of an action's due date where none was set


@dataclass(frozen=True)
class Person:
    role: str
    name: str | None = None
    note: str | None = None  # how they took part, e.g. "remotely" (Markdown text)

    def __str__(self) -> str:
        """As plain text (data, feeds): "Cllr A Smith, Cabinet Member (remotely)"."""
        who = f"{self.name}, {self.role}" if self.name else self.role
        return f"{who} ({self.note})" if self.note else who


@dataclass(frozen=True)
class Exempt:
    paragraph: int
    reason: str
    jurisdiction: str = "england"  # archive.yml's: which schedule the paragraph is of

    @property
    def schedule(self) -> Schedule:
        return SCHEDULES[self.jurisdiction]

    @property
    def meaning(self) -> str:
        return self.schedule.paragraphs[self.paragraph][1]

    @property
    def grounds(self) -> str:
        """The paragraph in a sentence: "paragraph 3 of Part 1 of Schedule 12A to the Local
        Government Act 1972"."""
        return f"paragraph {self.paragraph} of {self.schedule.name}"


@dataclass(frozen=True)
class Comparators:
    statistical_neighbours: float | None = None
    england: float | None = None
    region: float | None = None
    named: tuple[tuple[str, float], ...] = ()  # archive.yml's own comparators, by key

    @property
    def keys(self) -> tuple[str, ...]:
        """The keys of the comparators this figure has."""
        return (*(k for k in BUILT_IN_COMPARATORS if getattr(self, k) is not None),
                *(k for k, _ in self.named))

    def get(self, key: str) -> float | None:
        """The comparator with this key: a built-in one, or one archive.yml names."""
        if key in BUILT_IN_COMPARATORS:
            return getattr(self, key)
        return dict(self.named).get(key)


# The comparators every archive has, by key, as pages name them; archive.yml may add more.
BUILT_IN_COMPARATORS = {
    "statistical_neighbours": "statistical neighbours",
    "england": "England",
    "region": "region",
}


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
    cumulative: bool = False  # year to date: compared only with the same point a year before
    reported: Reported | None = None  # the source's own judgement, where it gives no number
    published: dt.date | None = None  # the day it was first published, where known
    interval: tuple[float, float] | None = None  # a confidence interval: (lower, upper)

    def known_on(self, day: dt.date) -> bool:
        """Whether the figure had been published by `day` (by its date, where the record
        does not say when it was published)."""
        return (self.published or self.date) <= day

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
    code: str | None  # None where the council gives none: then known by its slug
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
        """Every name a record may refer to it by: its code and aliases, or without a code,
        its slug and aliases."""
        return (self.reference, *self.aliases)

    @property
    def reference(self) -> str:
        """How records and the open data name it: its code, or without one its slug."""
        return self.code if self.code is not None else self.slug

    @property
    def name(self) -> str:
        """How pages name it in short: its code, or without one its title (never an
        invented code)."""
        return self.code if self.code is not None else self.title

    @property
    def main_period(self) -> Period:
        """The period most of its figures cover (the earlier in PERIODS on a tie): the one
        its chart draws."""
        counts = {p: 0 for p in PERIODS}
        for figure in self.figures:
            counts[figure.period] += 1
        return max(PERIODS, key=lambda p: (counts[p], -PERIODS.index(p)))

    @property
    def record_path(self) -> str:
        return f"indicators/{self.slug}.yml"

    def figure_as_at(self, day: dt.date) -> Figure | None:
        """The latest figure dated on or before `day` and published by then: what a meeting
        on that day could have known."""
        latest = None
        for figure in self.figures:
            if figure.date > day:
                break
            if figure.known_on(day):
                latest = figure
        return latest

    def previous(self, figure: Figure) -> Figure | None:
        """The figure just before this one, of any period."""
        index = self._positions[figure.date, figure.period]  # unique within a period
        return self.figures[index - 1] if index > 0 else None

    def previous_of_period(self, figure: Figure) -> Figure | None:
        """The latest figure before this one that covers the same period."""
        for earlier in reversed(self.figures[:self._positions[figure.date, figure.period]]):
            if earlier.period == figure.period:
                return earlier
        return None

    def year_before(self, figure: Figure) -> Figure | None:
        """The figure of the same period dated one year before this one: the same month
        and day, or the last day of the same month where this one is a month's last day
        (29 February 2024 against 28 February 2023)."""
        for earlier in reversed(self.figures[:self._positions[figure.date, figure.period]]):
            if earlier.period == figure.period and _a_year_apart(earlier.date, figure.date):
                return earlier
        return None

    @cached_property
    def _positions(self) -> dict[tuple[dt.date, str], int]:
        return {(f.date, f.period): i for i, f in enumerate(self.figures)}


def _month_end(day: dt.date) -> bool:
    return (day + dt.timedelta(days=1)).day == 1


def _a_year_apart(earlier: dt.date, later: dt.date) -> bool:
    if earlier.year != later.year - 1 or earlier.month != later.month:
        return False
    return earlier.day == later.day or (_month_end(earlier) and _month_end(later))


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
    due: dt.date | None  # None: no date was set
    status: Status | None  # None: the record does not say
    success_measure: str | None = None
    updates: tuple[Update, ...] = ()
    exempt: Exempt | None = None
    superseded_by: Successor | None = None
    illustrative: bool = False  # sample data: its own mark, or its plan's or surgery's

    @property
    def recorded_status(self) -> ActionStatus:
        """Its status as the record gives it, or Not recorded."""
        return ACTION_STATUSES[self.status] if self.status is not None else NOT_RECORDED

    @property
    def is_open(self) -> bool:
        """Known to be still to be done: its status can be overdue, and it is not superseded."""
        return self.recorded_status.can_be_overdue and self.superseded_by is None

    def is_overdue(self, as_of: dt.date) -> bool:
        """Never without a due date or a recorded status."""
        return self.due is not None and self.due < as_of and self.is_open

    @property
    def due_order(self) -> tuple[bool, dt.date]:
        """A sort key by due date: undated actions last."""
        return (self.due is None, self.due or dt.date.max)


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
    number: str | None = None  # the council's own minute number, e.g. "O&S 36/23"
    withheld: bool = False  # an exempt item in a public build: its heading and paragraph only
    withheld_actions: int = 0  # links to exempt actions left out of a public build

    def heading(self, position: int) -> str:
        """"O&S 36/23 Title" with the council's own number, else "2. Title" by its place."""
        return f"{self.number} {self.title}" if self.number else f"{position}. {self.title}"


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
class Paragraph:
    """A paragraph of a cover report, with the report's own number where it gives one."""

    text: str
    number: str | None = None  # as written, e.g. "2.1"; None: the site numbers it


@dataclass(frozen=True)
class Report:
    committee: str
    meeting_date: dt.date
    item: str | None = None
    author: str | None = None
    summary: tuple[Paragraph, ...] = ()
    recommendations: tuple[Paragraph, ...] = ()
    reasons: tuple[Paragraph, ...] = ()
    supporting_information: tuple[Paragraph, ...] = ()
    other_options: tuple[Paragraph, ...] = ()
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
    sources: tuple[Provenance, ...] = ()  # where a transcribed record was taken from
    no_actions: str | None = None  # a meeting that agreed no actions: what it did instead
    time: str | None = None  # when it starts, HH:MM
    venue: str | None = None  # where it meets

    @property
    def record_path(self) -> str:
        return f"{self.folder}/surgery.yml"

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for _, a in self.planned_actions)

    @property
    def withheld_actions(self) -> int:
        """Exempt actions of its plans that a public build leaves out (0 for members)."""
        return sum(plan.withheld_actions for plan in self.action_plans)

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
class Licence:
    name: str
    url: str | None = None


NO_LICENCE = "No licence stated"  # what the site says where no record gives a licence


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class Meetings:
    """What the council calls the meetings the archive holds (archive.yml `meetings`): the
    one place every page, heading, feed and list takes the word from. Plain text."""

    one: str = "surgery"
    many: str = "surgeries"
    description: str | None = None  # what these meetings are (Markdown), for the home page

    @classmethod
    def named(cls, name: str, plural: str | None = None,
              description: str | None = None) -> Meetings:
        return cls(name, plural or f"{name}s", description)

    @property
    def One(self) -> str:  # noqa: N802 - the word at the start of a sentence or heading
        return _capital(self.one)

    @property
    def Many(self) -> str:  # noqa: N802
        return _capital(self.many)

    @property
    def a(self) -> str:
        """"a surgery", "an overview and scrutiny committee meeting"."""
        return f"{'an' if self.one[:1].lower() in 'aeiou' else 'a'} {self.one}"

    def count(self, n: int) -> str:
        """"1 surgery", "3 surgeries"."""
        return f"{n} {self.one if n == 1 else self.many}"


@dataclass(frozen=True)
class Organisation:
    """Who publishes the archive (archive.yml)."""

    name: str
    website: str | None = None
    site_url: str | None = None  # where this archive's site is published
    members_site_url: str | None = None  # where its members' site is served
    repository: str | None = None  # where its records are kept
    repository_private: bool = False  # the public site links to the repository nowhere
    region: str | None = None
    statistical_neighbours: tuple[str, ...] = ()
    committees: tuple[Committee, ...] = ()
    contact: ArchiveContact | None = None
    licence: Licence | None = None
    comparators: tuple[tuple[str, str], ...] = ()  # (key, name): beyond the built-in ones
    meetings: Meetings = Meetings()
    about: str | None = None  # the About page's own text (Markdown)
    jurisdiction: str = "england"  # which law exempt paragraphs are of: a key of SCHEDULES

    def committee(self, name: str) -> Committee | None:
        return next((c for c in self.committees if c.name == name), None)


@dataclass(frozen=True)
class Archive:
    indicators: dict[str, Indicator] = field(default_factory=dict)  # by slug
    surgeries: tuple[Surgery, ...] = ()  # newest first; an audience's: those that have met
    organisation: Organisation | None = None
    upcoming: tuple[Surgery, ...] = ()  # an audience's scheduled surgeries, soonest first

    @property
    def withheld_actions(self) -> int:
        """Exempt actions a public build leaves out, in every surgery (0 for members)."""
        return sum(s.withheld_actions for s in self.surgeries)

    @property
    def schedule(self) -> Schedule:
        """The law its exempt paragraphs are of (archive.yml's jurisdiction)."""
        return SCHEDULES[self.organisation.jurisdiction if self.organisation else
                         JURISDICTIONS[0]]

    @property
    def meetings(self) -> Meetings:
        """What the council calls its meetings: archive.yml's words, else surgery."""
        return self.organisation.meetings if self.organisation else Meetings()

    @cached_property
    def comparators(self) -> dict[str, str]:
        """Every comparator a figure may have, by key, as pages name it: the built-in ones,
        then archive.yml's own."""
        named = self.organisation.comparators if self.organisation else ()
        return {**BUILT_IN_COMPARATORS, **dict(named)}

    def licence(self, indicator: Indicator | None = None) -> Licence | None:
        """The licence figures are published under: the indicator's source's, else the
        archive's; None where no record says (never one it was not given)."""
        ours = self.organisation.licence if self.organisation else None
        given = indicator.source.licence if indicator and indicator.source else None
        if given is None:
            return ours
        return ours if ours is not None and ours.name == given else Licence(given)

    def indicator(self, code: str) -> Indicator | None:
        """The indicator with this code or alias."""
        for indicator in self.indicators.values():
            if code in indicator.codes:
                return indicator
        return None
