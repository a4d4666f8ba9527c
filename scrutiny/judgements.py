"""The judgements the contract defines: against target, direction of travel, comparators.

Arithmetic is done in Decimal on the figures as written, so that 50.3 against a target
of 50 with a tolerance of 0.3 is exactly at the tolerance, not a float's width past it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .records.model import PERIOD_DAYS, Figure, Indicator


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
RISE, FALL, LEVEL = "▲", "▼", "="
NO_CHANGE = Judgement("No change", LEVEL, "neutral")
UP = Judgement("Up", RISE, "neutral")
DOWN = Judgement("Down", FALL, "neutral")
NO_PREVIOUS = Judgement("No previous figure", "–", "neutral")

COMPARATORS = {
    "statistical_neighbours": "statistical neighbours",
    "england": "England",
    "region": "region",
}


def _d(number: float) -> Decimal:
    return Decimal(str(number))


def _better(indicator: Indicator, a: float, b: float) -> int:
    """+1 when `a` is better than `b`, -1 when worse, 0 when equal (polarity set)."""
    if _d(a) == _d(b):
        return 0
    lower_better = indicator.polarity == "lower-is-better"
    return 1 if (_d(a) < _d(b)) == lower_better else -1


def against_target(indicator: Indicator, figure: Figure | None) -> Judgement:
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


def direction_of_travel(indicator: Indicator, figure: Figure | None) -> Judgement:
    """Against the previous figure of the same period, when the two can be compared: both
    real or both sample, and no period missing between them; otherwise the reason why not."""
    if figure is None or figure.value is None:
        return NOT_AVAILABLE
    previous = indicator.previous_of_period(figure)
    if previous is None:
        before = indicator.previous(figure)
        if before is None:
            return NO_PREVIOUS
        return _not_comparable(f"no earlier figure for {_PERIOD_WORDS[figure.period]} "
                               f"(the one before covers {_PERIOD_WORDS[before.period]})")
    span = PERIOD_DAYS.get(figure.period)
    if span is not None and (figure.date - previous.date).days > span * 3 // 2:
        return _not_comparable(f"no figure for the {figure.period} before")
    if previous.value is None:
        return _not_comparable("previous figure not available")
    if previous.illustrative != figure.illustrative:
        return _not_comparable("previous figure is sample data" if previous.illustrative
                               else "this figure is sample data, the previous one is not")
    if _d(figure.value) == _d(previous.value):
        return NO_CHANGE
    arrow = RISE if _d(figure.value) > _d(previous.value) else FALL
    if indicator.polarity == "none":
        return UP if arrow == RISE else DOWN
    if _better(indicator, figure.value, previous.value) > 0:
        return Judgement("Improving", arrow, "good")
    return Judgement("Worsening", arrow, "bad")


def against_comparator(indicator: Indicator, figure: Figure | None, which: str) -> Judgement:
    """'Better than England', 'Worse than statistical neighbours', 'Higher than region'..."""
    name = COMPARATORS[which]
    other = getattr(figure.comparators, which) if figure is not None else None
    if figure is None or figure.value is None or other is None:
        return NOT_AVAILABLE
    if _d(figure.value) == _d(other):
        return Judgement(f"Same as {name}", LEVEL, "neutral")
    arrow = RISE if _d(figure.value) > _d(other) else FALL  # which side of it the figure is
    if indicator.polarity == "none":
        return Judgement(f"{'Higher' if arrow == RISE else 'Lower'} than {name}", arrow,
                         "neutral")
    if _better(indicator, figure.value, other) > 0:
        return Judgement(f"Better than {name}", arrow, "good")
    return Judgement(f"Worse than {name}", arrow, "bad")


def format_value(indicator: Indicator, value: float | None) -> str:
    if value is None:
        return "Not available"
    return f"{value:,.{indicator.decimals}f}"
