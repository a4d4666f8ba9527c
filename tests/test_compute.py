"""Judgements against hand-worked examples, boundaries included."""

from __future__ import annotations

import datetime as dt
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny import judgements as compute
from scrutiny.records.model import ACTION_STATUSES, Action, Comparators, Figure, Indicator, Status
from scrutiny.records.schema import load_schema

D = dt.date


def indicator(polarity="lower-is-better", tolerance=None, values=(), decimals=1):
    figures = tuple(
        Figure(D(2011, 3, 31) + dt.timedelta(days=365 * i), value=v, target=t,
               comparators=Comparators(statistical_neighbours=sn, england=en, region=rg))
        for i, (v, t, sn, en, rg) in enumerate(values)
    )
    return Indicator("x", "X 1", "X", "%", polarity, figures, tolerance=tolerance,
                     decimals=decimals)


@pytest.mark.parametrize(("polarity", "tolerance", "value", "target", "words"), [
    # lower is better, target 50, tolerance 2.5
    ("lower-is-better", 2.5, 49.0, 50, "On target"),
    ("lower-is-better", 2.5, 50.0, 50, "On target"),       # exactly on target
    ("lower-is-better", 2.5, 52.5, 50, "Near target"),     # exactly at tolerance
    ("lower-is-better", 2.5, 52.6, 50, "Off target"),      # just past it
    ("lower-is-better", None, 50.1, 50, "Off target"),     # no tolerance: no near band
    ("lower-is-better", 0.3, 1.3, 1.0, "Near target"),     # in floats, 1.3 - 1.0 > 0.3
    ("higher-is-better", 0.3, 1.0, 1.3, "Near target"),    # in floats, 1.3 - 1.0 > 0.3
    ("higher-is-better", 5, 80, 75, "On target"),
    ("higher-is-better", 5, 75, 75, "On target"),
    ("higher-is-better", 5, 70, 75, "Near target"),
    ("higher-is-better", 5, 69.9, 75, "Off target"),
    ("none", 5, 69.9, 75, "No judgement"),
    ("lower-is-better", 5, 60, None, "No target"),
    ("lower-is-better", 5, None, 50, "Not available"),
])
def test_against_target(polarity, tolerance, value, target, words):
    ind = indicator(polarity, tolerance, [(value, target, None, None, None)])
    assert compute.against_target(ind, ind.figures[0]).words == words


@pytest.mark.parametrize(("polarity", "previous", "current", "words"), [
    ("lower-is-better", 76, 77, "Worsening"),
    ("lower-is-better", 77, 76, "Improving"),
    ("lower-is-better", 76, 76.0, "No change"),           # equal to the previous figure
    ("higher-is-better", 76, 77, "Improving"),
    ("higher-is-better", 77, 76, "Worsening"),
    ("none", 76, 77, "Up"),
    ("none", 77, 76, "Down"),
    ("none", 76, 76, "No change"),
    ("lower-is-better", None, 76, "Not comparable: previous figure not available"),
    ("lower-is-better", 76, None, "Not available"),
])
def test_direction_of_travel(polarity, previous, current, words):
    ind = indicator(polarity, values=[(previous, None, None, None, None),
                                      (current, None, None, None, None)])
    assert compute.direction_of_travel(ind, ind.figures[1]).words == words


def _figures(*specs):
    """(date, value, period, illustrative) -> an indicator, lower is better."""
    return Indicator("x", "X 1", "X", "%", "lower-is-better", tuple(
        Figure(D.fromisoformat(day), value=v, period=period, illustrative=sample)
        for day, v, period, sample in specs))


@pytest.mark.parametrize(("specs", "words"), [
    # consecutive years, both real: a direction
    ([("2016-03-31", 76, "year", False), ("2017-03-31", 82, "year", False)], "Worsening"),
    # a year against the sample year before it: not comparable, and why
    ([("2012-03-31", 77, "year", True), ("2013-03-31", 70, "year", False)],
     "Not comparable: previous figure is sample data"),
    ([("2012-03-31", 77, "year", False), ("2013-03-31", 70, "year", True)],
     "Not comparable: this figure is sample data, the previous one is not"),
    # 2011/12 (sample) to 2015/16 (real): a four-year gap, whatever else
    ([("2012-03-31", 77, "year", True), ("2016-03-31", 76, "year", True)],
     "Not comparable: no figure for the year before"),
    # an annual figure after a quarter: judged against the year before, not the quarter
    ([("2011-03-31", 71, "year", False), ("2011-12-31", 76, "quarter", False),
      ("2012-03-31", 77, "year", False)], "Worsening"),
    # a quarter with only a year before it: nothing of its own period to compare with
    ([("2011-03-31", 71, "year", False), ("2011-06-30", 60, "quarter", False)],
     "Not comparable: no earlier figure for a quarter (the one before covers a year)"),
    # consecutive quarters, then a missing quarter
    ([("2011-06-30", 60, "quarter", False), ("2011-09-30", 58, "quarter", False)],
     "Improving"),
    ([("2011-03-31", 60, "quarter", False), ("2011-09-30", 58, "quarter", False)],
     "Not comparable: no figure for the quarter before"),
    ([("2020-01-31", 5, "month", False), ("2020-02-29", 6, "month", False)], "Worsening"),
    ([("2020-01-31", 5, "month", False), ("2020-03-31", 6, "month", False)],
     "Not comparable: no figure for the month before"),
    # snapshots have no fixed span: the previous snapshot, however long before
    ([("2015-01-01", 5, "snapshot", False), ("2020-01-01", 4, "snapshot", False)],
     "Improving"),
])
def test_direction_only_between_comparable_figures(specs, words):
    ind = _figures(*specs)
    assert compute.direction_of_travel(ind, ind.figures[-1]).words == words


def test_first_figure_has_no_direction():
    ind = indicator(values=[(10, None, None, None, None)])
    assert compute.direction_of_travel(ind, ind.figures[0]).words == "No previous figure"


@pytest.mark.parametrize(("polarity", "value", "england", "words"), [
    ("lower-is-better", 40.7, 40.6, "Worse than England"),
    ("lower-is-better", 40.5, 40.6, "Better than England"),
    ("higher-is-better", 40.7, 40.6, "Better than England"),
    ("lower-is-better", 40.6, 40.6, "Same as England"),
    ("none", 40.7, 40.6, "Higher than England"),
    ("none", 40.5, 40.6, "Lower than England"),
    ("lower-is-better", 40.5, None, "Not available"),
])
def test_against_england(polarity, value, england, words):
    ind = indicator(polarity, values=[(value, None, None, england, None)])
    assert compute.against_comparator(ind, ind.figures[0], "england").words == words


def test_every_comparator_is_named():
    # Derby 2024/25 children in care: 88 against SN 91.6, England 67, East Midlands 62.
    ind = indicator(values=[(88.0, None, 91.6, 67.0, 62.0)])
    figure = ind.figures[0]
    assert [compute.against_comparator(ind, figure, c).words for c in compute.COMPARATORS] == [
        "Better than statistical neighbours", "Worse than England", "Worse than region"]


def test_judgements_carry_words_and_an_icon():
    ind = indicator(values=[(60, 50, None, None, None)])
    judgement = compute.against_target(ind, ind.figures[0])
    assert (judgement.words, judgement.icon, judgement.tone) == ("Off target", "✖", "bad")


def test_latest_figure_as_at_a_date():
    ind = indicator(values=[(1, None, None, None, None), (2, None, None, None, None)])
    first, second = ind.figures
    assert ind.figure_as_at(first.date - dt.timedelta(days=1)) is None
    assert ind.figure_as_at(first.date) == first              # on the day counts
    assert ind.figure_as_at(second.date - dt.timedelta(days=1)) == first
    assert ind.figure_as_at(D(2030, 1, 1)) == second


@pytest.mark.parametrize(("status", "due", "as_of", "overdue"), [
    ("in-progress", D(2012, 6, 30), D(2012, 7, 1), True),
    ("in-progress", D(2012, 6, 30), D(2012, 6, 30), False),   # due today is not overdue
    ("not-started", D(2012, 6, 30), D(2013, 1, 1), True),
    ("complete", D(2012, 6, 30), D(2013, 1, 1), False),
    ("cancelled", D(2012, 6, 30), D(2013, 1, 1), False),
])
def test_overdue_as_at_a_date(status, due, as_of, overdue):
    action = Action("A-1", "action-a-1", "Do it.", "Owner", due, status)
    assert action.is_overdue(as_of) is overdue


def test_the_status_table_has_the_schemas_statuses():
    """The action-plan schema defines the statuses; the table says how each is shown."""
    enum = load_schema("action-plan")["$defs"]["status"]["enum"]
    assert list(ACTION_STATUSES) == enum
    assert list(get_args(Status)) == enum
    assert [s.id for s in ACTION_STATUSES.values()] == enum


def test_values_are_shown_with_the_indicators_decimals():
    assert compute.format_value(indicator(decimals=1), 76) == "76.0"
    assert compute.format_value(indicator(decimals=0), 1234.4) == "1,234"
    assert compute.format_value(indicator(), None) == "Not available"


@pytest.mark.parametrize(("polarity", "previous", "current", "england", "direction",
                          "comparison"), [
    # children in care fell from 99 to 88: the arrow points down, and that is improving
    ("lower-is-better", 99, 88, 67, ("Improving", "▼", "good"), ("Worse than England", "▲",
                                                                 "bad")),
    ("lower-is-better", 88, 99, 120, ("Worsening", "▲", "bad"), ("Better than England", "▼",
                                                                 "good")),
    ("higher-is-better", 88, 99, 67, ("Improving", "▲", "good"), ("Better than England", "▲",
                                                                  "good")),
    # where no side is better, neutral words and the arrow alone
    ("none", 99, 88, 67, ("Down", "▼", "neutral"), ("Higher than England", "▲", "neutral")),
    ("none", 88, 88, 88, ("No change", "=", "neutral"), ("Same as England", "=", "neutral")),
])
def test_arrows_show_the_number_and_words_say_better_or_worse(polarity, previous, current,
                                                               england, direction, comparison):
    ind = indicator(polarity, values=[(previous, None, None, None, None),
                                      (current, None, None, england, None)])
    got = compute.direction_of_travel(ind, ind.figures[1])
    assert (got.words, got.icon, got.tone) == direction
    got = compute.against_comparator(ind, ind.figures[1], "england")
    assert (got.words, got.icon, got.tone) == comparison


# Year to date, as reported, shared dates, named comparators, units (issue 22) ------------

def _ytd(*specs):
    """(date, value, cumulative, period) -> an indicator, higher is better."""
    return Indicator("x", None, "X", "%", "higher-is-better", tuple(sorted((
        Figure(D.fromisoformat(day), value=v, cumulative=ytd, period=period)
        for day, v, ytd, period in specs), key=lambda f: f.date)))


@pytest.mark.parametrize(("specs", "words"), [
    # Q2 year to date against Q2 a year before, never against Q1 just before
    ([("2022-09-30", 48.0, True, "quarter"), ("2023-06-30", 30.0, True, "quarter"),
      ("2023-09-30", 50.0, True, "quarter")], "Improving"),
    ([("2022-09-30", 52.0, True, "quarter"), ("2023-06-30", 60.0, True, "quarter"),
      ("2023-09-30", 50.0, True, "quarter")], "Worsening"),
    # no figure a year before: not comparable, and why
    ([("2023-06-30", 30.0, True, "quarter"), ("2023-09-30", 50.0, True, "quarter")],
     "Not comparable: this figure is year to date, and there is no figure for the same "
     "point a year before"),
    # a year before, but of another period
    ([("2022-09-30", 48.0, True, "month"), ("2023-09-30", 50.0, True, "quarter")],
     "Not comparable: this figure is year to date, and there is no figure for the same "
     "point a year before"),
    # a year before, but not year to date
    ([("2022-09-30", 48.0, False, "quarter"), ("2023-09-30", 50.0, True, "quarter")],
     "Not comparable: the figure a year before is not year to date"),
    # month ends meet across a leap day
    ([("2023-02-28", 8.0, True, "month"), ("2024-02-29", 9.0, True, "month")], "Improving"),
    # a figure that is not year to date is never judged against one that is
    ([("2023-06-30", 30.0, True, "quarter"), ("2023-09-30", 50.0, False, "quarter")],
     "Not comparable: the previous figure is year to date, this one is not"),
])
def test_year_to_date_figures_are_judged_against_a_year_before(specs, words):
    ind = _ytd(*specs)
    assert compute.direction_of_travel(ind, ind.figures[-1]).words == words


@pytest.mark.parametrize(("reported", "words", "tone"), [
    ("on-target", "On target (as reported)", "good"),
    ("near-target", "Near target (as reported)", "near"),
    ("off-target", "Off target (as reported)", "bad"),
])
def test_a_reported_judgement_is_said_as_reported_and_gives_no_direction(reported, words, tone):
    ind = Indicator("x", "X 1", "X", "%", "lower-is-better", (
        Figure(D(2020, 3, 31), value=10.0),
        Figure(D(2021, 3, 31), value=None, target=5.0, reported=reported),
        Figure(D(2022, 3, 31), value=9.0)))
    judged = compute.against_target(ind, ind.figures[1])
    assert (judged.words, judged.tone) == (words, tone)
    assert compute.direction_of_travel(ind, ind.figures[1]).words == (
        "Not comparable: this figure is a judgement as reported, with no number")
    assert compute.direction_of_travel(ind, ind.figures[2]).words == (
        "Not comparable: the previous figure is a judgement as reported, with no number")


def test_a_month_and_the_quarter_it_ends_share_a_date_and_are_judged_apart():
    ind = _ytd(("2023-05-31", 4.0, False, "month"), ("2023-03-31", 10.0, False, "quarter"),
               ("2023-06-30", 5.0, False, "month"), ("2023-06-30", 9.0, False, "quarter"))
    month, quarter = (f for f in ind.figures if f.date == D(2023, 6, 30))
    assert (month.period, quarter.period) == ("month", "quarter")
    assert compute.direction_of_travel(ind, month).words == "Improving"  # 4 -> 5
    assert compute.direction_of_travel(ind, quarter).words == "Worsening"  # 10 -> 9


def test_a_named_comparator_is_judged_like_a_built_in_one():
    figure = Figure(D(2020, 3, 31), value=12.0,
                    comparators=Comparators(england=10.0, named=(("national-target", 15.0),)))
    ind = Indicator("x", "X 1", "X", "%", "lower-is-better", (figure,))
    assert figure.comparators.keys == ("england", "national-target")
    assert compute.against_comparator(ind, figure, "national-target",
                                      "National target").words == "Better than National target"
    assert compute.against_comparator(ind, figure, "england").words == "Worse than England"


def test_units_are_written_beside_figures():
    percent = indicator(decimals=0)
    days = Indicator("x", "X 1", "X", "days", "lower-is-better", decimals=1)
    assert compute.with_unit(percent, 86) == "86%"
    assert compute.with_unit(days, 15) == "15.0 days"
    assert compute.with_unit(days, None) == "Not available"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(2015, 2024), st.sampled_from([3, 6, 9, 12]),
                          st.floats(0, 100, allow_nan=False), st.booleans()),
                min_size=1, max_size=30, unique_by=lambda t: (t[0], t[1])))
def test_a_year_to_date_figure_is_only_ever_compared_with_the_same_point_a_year_before(data):
    """Whatever the figures, a cumulative quarter's direction is judged against the
    cumulative quarter ending a year before it, or it is not comparable: never the figure
    just before it."""
    ends = {3: 31, 6: 30, 9: 30, 12: 31}
    ind = _ytd(*((f"{y}-{m:02d}-{ends[m]}", v, ytd, "quarter") for y, m, v, ytd in data))
    for figure in ind.figures:
        if not figure.cumulative:
            continue
        previous, why_not = compute.compared_with(ind, figure)
        if previous is None:
            assert why_not is not None and why_not.words.startswith(("Not comparable",
                                                                     "No previous"))
        else:
            assert previous.cumulative and previous.period == figure.period
            assert (previous.date.year, previous.date.month, previous.date.day) == (
                figure.date.year - 1, figure.date.month, figure.date.day)


@pytest.mark.parametrize("polarity,tolerance,interval,value,england,words", [
    # within the tolerance, exactly at it (Decimal arithmetic: 22.5 - 22.2 is 0.3), past it
    ("lower-is-better", 0.3, None, 22.5, 22.4, "Similar to England"),
    ("lower-is-better", 0.3, None, 22.5, 22.2, "Similar to England"),
    ("lower-is-better", 0.3, None, 22.5, 22.1, "Worse than England"),
    # inside the figure's confidence interval, at its edge, outside it
    ("higher-is-better", None, (20.0, 25.0), 22.5, 24.9, "Similar to England"),
    ("higher-is-better", None, (20.0, 25.0), 22.5, 25.0, "Similar to England"),
    ("higher-is-better", None, (20.0, 25.0), 22.5, 25.1, "Worse than England"),
    ("none", 1, None, 22.5, 23.0, "Similar to England"),
    ("lower-is-better", 0.3, None, 22.5, 22.5, "Same as England"),
    ("lower-is-better", None, None, 22.5, 22.4, "Worse than England"),  # neither: judged
])
def test_similar_within_the_tolerance_or_the_interval(polarity, tolerance, interval, value,
                                                     england, words):
    ind = indicator(polarity, tolerance, values=[(value, None, None, england, None)])
    figure = ind.figures[0]
    if interval is not None:
        import dataclasses
        figure = dataclasses.replace(figure, interval=interval)
    judgement = compute.against_comparator(ind, figure, "england")
    assert judgement.words == words
    if words.startswith("Similar"):
        assert (judgement.icon, judgement.tone) == ("≈", "neutral")
