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
