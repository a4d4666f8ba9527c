"""The judgements the contract defines: against target, direction of travel, comparators.

Arithmetic is done in Decimal on the figures as written, so that 50.3 against a target
of 50 with a tolerance of 0.3 is exactly at the tolerance, not a float's width past it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .records.model import BUILT_IN_COMPARATORS, PERIOD_DAYS, Figure, Indicator


@dataclass(frozen=True)
class Judgement:
    """A judgement as a reader sees it: words and an icon, never colour alone."""

    words: str
    icon: str  # a text symbol, shown beside the words
    tone: str  # good | near | bad | neutral: a CSS hook, never the only signal


ON_TARGET = Judgement("On target", "✔", "good")
NEAR_TARGET = Judgement("Near target", "◐", "near")
OFF_TARGET = Judgement("Off target", "✖", "bad")
NO_TARGET = Judgement("No target", "–", "neutral")
NO_JUDGEMENT = Judgement("No judgement", "–", "neutral")
NOT_AVAILABLE = Judgement("Not available", "–", "neutral")
# As Fingertips and LAIT readers expect: the arrow shows which way the number moved; the
# word (and the colour) says whether that is better or worse.
RISE, FALL, LEVEL, SIMILAR = "▲", "▼", "=", "≈"
NO_CHANGE = Judgement("No change", LEVEL, "neutral")
UP = Judgement("Up", RISE, "neutral")
DOWN = Judgement("Down", FALL, "neutral")
NO_PREVIOUS = Judgement("No previous figure", "–", "neutral")

COMPARATORS = BUILT_IN_COMPARATORS  # archive.yml may name more: Archive.comparators


def _d(number: float) -> Decimal:
    return Decimal(str(number))


def _better(indicator: Indicator, a: float, b: float) -> int:
    """+1 when `a` is better than `b`, -1 when worse, 0 when equal (polarity set)."""
    if _d(a) == _d(b):
        return 0
    lower_better = indicator.polarity == "lower-is-better"
    return 1 if (_d(a) < _d(b)) == lower_better else -1


# The source's own judgement, where it gives no number: said as reported, never computed.
REPORTED = {
    "on-target": Judgement(f"{ON_TARGET.words} (as reported)", ON_TARGET.icon, ON_TARGET.tone),
    "near-target": Judgement(f"{NEAR_TARGET.words} (as reported)", NEAR_TARGET.icon,
                             NEAR_TARGET.tone),
    "off-target": Judgement(f"{OFF_TARGET.words} (as reported)", OFF_TARGET.icon,
                            OFF_TARGET.tone),
}


def against_target(indicator: Indicator, figure: Figure | None) -> Judgement:
    if figure is not None and figure.value is None and figure.reported is not None:
        return REPORTED[figure.reported]
    if figure is None or figure.value is None:
        return NOT_AVAILABLE
    if figure.target is None:
        return NO_TARGET
    if indicator.polarity == "none":
        return NO_JUDGEMENT
    if _better(indicator, figure.value, figure.target) >= 0:
        return ON_TARGET
    miss = abs(_d(figure.value) - _d(figure.target))
    if indicator.tolerance is not None and miss <= _d(indicator.tolerance):
        return NEAR_TARGET
    return OFF_TARGET


_PERIOD_WORDS = {"year": "a year", "half-year": "a half-year", "quarter": "a quarter",
                 "month": "a month", "snapshot": "a snapshot"}


def _not_comparable(reason: str) -> Judgement:
    return Judgement(f"Not comparable: {reason}", "–", "neutral")


def compared_with(indicator: Indicator, figure: Figure) -> tuple[Figure | None, Judgement | None]:
    """The figure this one's direction of travel is judged against, or why there is none.
    The previous figure of the same period, when the two can be compared: both real or
    both sample, both year to date or neither, and no period missing between them; for a
    year-to-date (cumulative) figure, only the one of its period dated a year before. The
    charts join two points only where this says they compare."""
    if figure.value is None:
        return None, NOT_AVAILABLE
    if figure.cumulative:
        previous = indicator.year_before(figure)
        if previous is None:
            return None, _not_comparable(
                "this figure is year to date, and there is no figure for the same point a "
                "year before")
        if not previous.cumulative:
            return None, _not_comparable("the figure a year before is not year to date")
    else:
        previous = indicator.previous_of_period(figure)
        if previous is None:
            before = indicator.previous(figure)
            if before is None:
                return None, NO_PREVIOUS
            return None, _not_comparable(
                f"no earlier figure for {_PERIOD_WORDS[figure.period]} "
                f"(the one before covers {_PERIOD_WORDS[before.period]})")
        span = PERIOD_DAYS.get(figure.period)
        if span is not None and (figure.date - previous.date).days > span * 3 // 2:
            return None, _not_comparable(f"no figure for the {figure.period} before")
        if previous.cumulative:
            return None, _not_comparable("the previous figure is year to date, this one is "
                                         "not")
    if previous.value is None:
        return None, _not_comparable("previous figure not available" if previous.reported
                                     is None else "the previous figure is a judgement as "
                                     "reported, with no number")
    if previous.illustrative != figure.illustrative:
        return None, _not_comparable("previous figure is sample data" if previous.illustrative
                                     else "this figure is sample data, the previous one is not")
    return previous, None


def direction_of_travel(indicator: Indicator, figure: Figure | None) -> Judgement:
    """Against the figure `compared_with` gives; otherwise the reason why not."""
    if figure is not None and figure.value is None and figure.reported is not None:
        return _not_comparable("this figure is a judgement as reported, with no number")
    if figure is None or figure.value is None:
        return NOT_AVAILABLE
    previous, why_not = compared_with(indicator, figure)
    if previous is None:
        return why_not or NOT_AVAILABLE
    if _d(figure.value) == _d(previous.value):
        return NO_CHANGE
    arrow = RISE if _d(figure.value) > _d(previous.value) else FALL
    if indicator.polarity == "none":
        return UP if arrow == RISE else DOWN
    if _better(indicator, figure.value, previous.value) > 0:
        return Judgement("Improving", arrow, "good")
    return Judgement("Worsening", arrow, "bad")


def against_comparator(indicator: Indicator, figure: Figure | None, which: str,
                       name: str | None = None) -> Judgement:
    """'Better than England', 'Worse than statistical neighbours', 'Higher than region',
    'Similar to England' (within the tolerance, or inside the figure's interval)... `name`
    names a comparator of archive.yml's own (`which` is its key)."""
    name = name or COMPARATORS.get(which, which)
    other = figure.comparators.get(which) if figure is not None else None
    if figure is None or figure.value is None or other is None:
        return NOT_AVAILABLE
    if _d(figure.value) == _d(other):
        return Judgement(f"Same as {name}", LEVEL, "neutral")
    if _similar(indicator, figure, other):
        return Judgement(f"Similar to {name}", SIMILAR, "neutral")
    arrow = RISE if _d(figure.value) > _d(other) else FALL  # which side of it the figure is
    if indicator.polarity == "none":
        return Judgement(f"{'Higher' if arrow == RISE else 'Lower'} than {name}", arrow,
                         "neutral")
    if _better(indicator, figure.value, other) > 0:
        return Judgement(f"Better than {name}", arrow, "good")
    return Judgement(f"Worse than {name}", arrow, "bad")


def _similar(indicator: Indicator, figure: Figure, other: float) -> bool:
    """Within the indicator's tolerance of the comparator, or the comparator inside the
    figure's confidence interval: a difference the figures cannot tell, as Fingertips says
    "similar"."""
    assert figure.value is not None
    if indicator.tolerance is not None and (
            abs(_d(figure.value) - _d(other)) <= _d(indicator.tolerance)):
        return True
    return figure.interval is not None and (
        _d(figure.interval[0]) <= _d(other) <= _d(figure.interval[1]))


def format_value(indicator: Indicator, value: float | None) -> str:
    if value is None:
        return "Not available"
    return f"{value:,.{indicator.decimals}f}"


def with_unit(indicator: Indicator, value: float | None) -> str:
    """A figure with its unit beside it, as tables of several indicators show it: "86.0%"
    for a percentage, otherwise a space between, "15.0 days"."""
    if value is None:
        return format_value(indicator, value)
    number = format_value(indicator, value)
    return f"{number}%" if indicator.unit == "%" else f"{number} {indicator.unit}"


def difference_with_unit(indicator: Indicator, value: float) -> str:
    """A difference between two figures with its unit: for a percentage, in percentage
    points ("within 0.5 percentage points of the target"), never a relative "0.5%"."""
    if indicator.unit == "%":
        return f"{format_value(indicator, value)} percentage points"
    return with_unit(indicator, value)
