"""The trend chart's axis: bounded, and spanning every figure, for any finite input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny.site.chart import nice_ticks

finite = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(finite, finite)
def test_ticks_span_the_figures_and_stay_few(a, b):
    low, high = min(a, b), max(a, b)
    ticks = nice_ticks(low, high)
    assert 2 <= len(ticks) <= 21
    slack = (ticks[1] - ticks[0]) * 1e-6  # what no label or pixel can show
    assert ticks[0] <= low + slack and ticks[-1] >= high - slack
    assert ticks == sorted(ticks)


def test_a_known_axis():
    assert nice_ticks(53, 109) == [40, 60, 80, 100, 120]  # 109 is under the top line
    assert nice_ticks(0, 10) == [0, 2, 4, 6, 8, 10]


def _indicator(*figures):
    import datetime as dt

    from scrutiny.records.model import Figure, Indicator

    return Indicator("x", None, "Missed collections", "%", "lower-is-better", tuple(
        Figure(dt.date.fromisoformat(day), value=v, period=period, cumulative=ytd)
        for day, v, period, ytd in figures))


def _value_lines(svg: str) -> list[str]:
    import re

    wide = svg[:svg.index("chart__svg--narrow")]
    series = re.search(r'chart__series--value">(.*?)</g>', wide).group(1)
    return re.findall(r'<polyline points="([^"]*)"', series)


def test_only_the_main_period_is_drawn_and_a_quarter_is_never_joined_to_a_year():
    from scrutiny.site.chart import trend_chart

    svg = trend_chart(_indicator(("2019-03-31", 50, "year", False),
                                 ("2019-06-30", 10, "quarter", False),
                                 ("2020-03-31", 48, "year", False),
                                 ("2021-03-31", 47, "year", False)), "c")
    lines = _value_lines(svg)
    assert len(lines) == 1 and len(lines[0].split()) == 3  # the three years, joined
    assert "Only the figures for years are drawn." in svg


def test_year_to_date_points_are_not_joined_to_the_one_just_before():
    from scrutiny.site.chart import trend_chart

    svg = trend_chart(_indicator(("2022-06-30", 20, "quarter", True),
                                 ("2022-09-30", 45, "quarter", True),
                                 ("2023-06-30", 22, "quarter", True),
                                 ("2023-09-30", 47, "quarter", True)), "c")
    assert _value_lines(svg) == []  # each compares with a year before, not its neighbour
    assert svg.count("<circle") >= 4
