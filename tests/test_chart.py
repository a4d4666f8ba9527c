"""The trend chart's axis: bounded, and spanning every figure, for any finite input."""

from __future__ import annotations

import itertools

from hypothesis import example, given, settings
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


def _quarters(ytd: bool, region: float | None = None):
    """Two years of quarterly figures; year to date, targets and England rise through each
    year and start again, as council tax collection does."""
    import datetime as dt

    from scrutiny.records.model import Comparators, Figure, Indicator

    days = ("2022-06-30", "2022-09-30", "2022-12-31", "2023-03-31", "2023-06-30", "2023-09-30")
    shares = (25, 50, 75, 97, 25, 50)
    return Indicator("tax", None, "Council tax collected", "%", "higher-is-better", tuple(
        Figure(dt.date.fromisoformat(day), share + 1, period="quarter", cumulative=ytd,
               target=share, comparators=Comparators(england=share - 1, region=region))
        for day, share in zip(days, shares, strict=True)))


def _drawings(svg: str) -> dict[str, str]:
    """Each drawing of the chart, by layout: wide and narrow."""
    import re

    return {m.group(1): m.group(0) for m in re.finditer(
        r'<svg class="chart__svg chart__svg--(\w+)".*?</svg>', svg, re.S)}


def _groups(drawing: str, kind: str) -> list[str]:
    """The series' group in the plot, then its legend key."""
    import re

    return re.findall(rf'<g class="chart__series chart__series--{kind}">(.*?)</g>', drawing)


def test_a_year_to_date_series_is_points_and_its_key_has_no_line():
    from scrutiny.site.chart import trend_chart

    svg = trend_chart(_quarters(ytd=True), "c")
    for drawing in _drawings(svg).values():
        plot, key = _groups(drawing, "value")
        assert "<polyline" not in plot and plot.count("<circle") == 6
        assert "<polyline" not in key and "<circle" in key  # the marker alone
        assert ">Year-to-date figure</text>" in drawing and ">Value<" not in drawing
    assert "year-to-date figure, target, England" in svg  # the description names the series
    # the same figures, not year to date: joined, and the key shows the line
    for drawing in _drawings(trend_chart(_quarters(ytd=False), "c")).values():
        plot, key = _groups(drawing, "value")
        assert "<polyline" in plot and "<polyline" in key and ">Figure</text>" in drawing


def test_a_key_has_a_line_only_where_its_series_has_one():
    import datetime as dt

    from scrutiny.records.model import Comparators, Figure, Indicator
    from scrutiny.site.chart import trend_chart

    figures = (Figure(dt.date(2020, 3, 31), 50), Figure(dt.date(2021, 3, 31), 48),
               Figure(dt.date(2022, 3, 31), 47, comparators=Comparators(england=45)))
    svg = trend_chart(Indicator("x", None, "X", "%", "lower-is-better", figures), "c")
    for drawing in _drawings(svg).values():
        plot, key = _groups(drawing, "england")  # one point: nothing to join
        assert "<rect" in plot and "<polyline" not in plot
        assert "<rect" in key and "<polyline" not in key


def test_year_to_date_targets_and_comparators_are_never_joined():
    from scrutiny.site.chart import trend_chart

    for drawing in _drawings(trend_chart(_quarters(ytd=True), "c")).values():
        plot, key = _groups(drawing, "target")  # no zig-zag from 97% in Q4 to 25% in Q1
        assert "<polyline" not in plot and plot.count('class="chart__dash"') == 6
        assert "<polyline" not in key and 'class="chart__dash"' in key
        plot, key = _groups(drawing, "england")
        assert "<polyline" not in plot and plot.count("<rect") == 6 and "<polyline" not in key
    for drawing in _drawings(trend_chart(_quarters(ytd=False), "c")).values():
        plot, key = _groups(drawing, "target")  # as ever: a dashed line, and no marker
        assert plot.count("<polyline") == 1 and "chart__dash" not in plot + key


def _lines(drawing: str, cls: str) -> list[tuple[float, float, str]]:
    """Each line of the text of a class: (x, baseline, text)."""
    import html
    import re

    found = []
    for x, y, body in re.findall(rf'<text class="{cls}" x="([\d.]+)" y="([\d.]+)">(.*?)</text>',
                                 drawing):
        spans = re.findall(r'<tspan x="([\d.]+)" dy="([\d.]+)">(.*?)</tspan>', body)
        baseline = float(y)
        for sx, dy, text in spans or [(x, "0", body)]:
            baseline += float(dy)
            found.append((float(sx), baseline, html.unescape(text)))
    return found


def test_long_labels_wrap_inside_the_chart_in_both_layouts():
    """7 units a character is a generous estimate of 12 px text (archive.css .chart__legend)
    in the widest usual fallback font: no line of it runs past the edge, none overlaps."""
    import datetime as dt
    import re
    from dataclasses import replace

    from scrutiny.records.model import Meetings
    from scrutiny.site.chart import trend_chart

    meetings = Meetings.named("overview and scrutiny committee meeting of the resources and "
                              "performance panel")
    indicator = replace(_quarters(ytd=True, region=40), unit="per 10,000 households on the "
                        "council's waste collection rounds, excluding flats above shops")
    region = "Cambridgeshire and Peterborough Combined Authority (an unusually long region)"
    svg = trend_chart(indicator, "c", [dt.date(2023, 9, 30)], region, meetings)
    for drawing in _drawings(svg).values():
        width, height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"',
                                             drawing).groups())
        legend = _lines(drawing, "chart__legend")
        assert any("reviewed it" in text for _, _, text in legend)
        for x, _, text in legend + _lines(drawing, "chart__unit"):
            assert x + 7 * len(text) <= width, text
        assert len(legend) > drawing.count('class="chart__legend"')  # some take more than a line
        lines = sorted((y, x) for x, y, _ in legend)  # no two lines of a column share a band
        for column in {x for x, _, _ in legend}:
            baselines = [y for y, x in lines if x == column]
            assert all(b - a >= 14 for a, b in itertools.pairwise(baselines))
        assert lines[-1][0] + 4 <= height  # the last line's descenders are inside
        assert float(re.search(r'class="chart__axis" x1="\d+" x2="\d+" y1="(\d+)"',
                               drawing).group(1)) > max(y for _, y, _ in
                                                        _lines(drawing, "chart__unit"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \u00e9", max_size=80), st.integers(min_value=7, max_value=400))
def test_wrapping_keeps_every_character_and_each_line_fits(text, room):
    from scrutiny.site.chart import CHAR, _wrap

    lines = _wrap(text, room)
    assert all(len(line) * CHAR <= room for line in lines)
    assert "".join("".join(line.split()) for line in lines) == "".join(text.split())


def _years_inside(svg: str) -> None:
    import re

    for drawing in _drawings(svg).values():
        width = float(re.search(r'viewBox="0 0 ([\d.]+)', drawing).group(1))
        years = re.findall(r'<text class="chart__tick" x="([\d.]+)" y="[\d.]+" '
                           r'text-anchor="middle">([^<]+)</text>', drawing)
        assert years
        for x, year in years:
            assert 0 <= float(x) - 3.5 * len(year) and float(x) + 3.5 * len(year) <= width


def test_a_year_that_starts_at_either_end_of_the_axis_is_labelled_inside_it():
    import datetime as dt

    from scrutiny.records.model import Figure, Indicator
    from scrutiny.site.chart import trend_chart

    figures = tuple(Figure(dt.date(year, 1, 1), 50 + year % 3) for year in range(2020, 2024))
    _years_inside(trend_chart(Indicator("x", None, "X", "%", "none", figures), "c"))
    _years_inside(trend_chart(_quarters(ytd=True), "c"))


def test_where_every_figure_is_sample_data_the_key_shows_their_marker():
    """A filled circle in the key only where some point is drawn as one."""
    import dataclasses

    from scrutiny.site.chart import trend_chart

    tax = _quarters(ytd=True)
    sample = dataclasses.replace(tax, figures=tuple(
        dataclasses.replace(f, illustrative=True) for f in tax.figures))
    for drawing in _drawings(trend_chart(sample, "c")).values():
        plot, key = _groups(drawing, "value")[:2]
        assert "<circle" not in plot and plot.count("chart__hollow") == 6  # diamonds
        assert "<circle" not in key and "chart__hollow" in key


dates = st.lists(st.dates(min_value=__import__("datetime").date(1995, 1, 1),
                          max_value=__import__("datetime").date(2060, 12, 31)),
                 min_size=2, max_size=40, unique=True)


@settings(max_examples=200, deadline=None)
@given(dates, st.sampled_from(["2016/17", "Q2 2025/26", "31 December"]))
@example([__import__("datetime").date(2022, 12, 31), __import__("datetime").date(2023, 12, 31),
          __import__("datetime").date(2024, 12, 31)], "2022")  # labels 1.3 px apart, once
def test_for_any_dates_every_point_is_inside_the_plot_and_no_year_labels_overlap(days, name):
    """Whatever the figures' dates (a first figure on 31 December, two days apart, decades
    apart), in both drawings: every point inside the plot, and no two year labels on one
    another."""
    import datetime as dt
    import re

    from scrutiny.records.model import Figure, Indicator
    from scrutiny.site.chart import CHAR, GAP, INSET, NARROW, WIDE, trend_chart

    figures = tuple(Figure(day, value=float(i % 7), label=f"{name} {i}")
                    for i, day in enumerate(sorted(days)))
    svg = trend_chart(Indicator("x", None, "X", "%", "none", figures), "c",
                      reviews=[sorted(days)[-1] + dt.timedelta(days=30)])
    for layout in (WIDE, NARROW):
        drawing = re.search(rf'<svg class="chart__svg chart__svg--{layout.name}".*?</svg>',
                            svg).group(0)
        left, right = layout.left, layout.width - layout.right
        # the plot: everything before the legend's first key
        plot = drawing[:drawing.rindex("<g ", 0, drawing.index('class="chart__legend"'))]
        xs = [float(v) for v in re.findall(r'<circle cx="([-\d.]+)"', plot)]
        xs += [float(p.split(",")[0]) for line in re.findall(r'<polyline points="([^"]*)"',
                                                              plot)
               for p in line.split()]
        assert xs and all(left + INSET - 0.1 <= v <= right - INSET + 0.1 for v in xs), layout
        labels = sorted((float(x), year) for x, year in re.findall(
            r'<text class="chart__tick" x="([\d.]+)" y="[\d.]+" text-anchor="middle">([^<]+)<',
            drawing))
        assert labels, layout
        for (xa, a), (xb, b) in itertools.pairwise(labels):
            assert xb - xa >= (len(a) + len(b)) * CHAR / 2 + GAP - 0.1, (layout, a, b)
        for x, year in labels:
            assert len(year) * CHAR / 2 - 0.1 <= x <= layout.width - len(year) * CHAR / 2 + 0.1


def test_the_caption_names_the_first_and_last_figures_drawn():
    import datetime as dt

    from scrutiny.records.model import Figure, Indicator
    from scrutiny.site.chart import trend_chart

    figures = (Figure(dt.date(2016, 3, 31), 1.0, label="2015/16"),
               Figure(dt.date(2025, 9, 30), 2.0, label="Q2 2025/26"))
    svg = trend_chart(Indicator("x", None, "X", "%", "none", figures), "c")
    assert "X (%), from 2015/16 to Q2 2025/26." in svg
    months = tuple(Figure(dt.date(2023, m, 1), float(m), label=f"{m}/2023", period="month")
                   for m in range(4, 11))
    svg = trend_chart(Indicator("x", None, "Missed bins per 100,000 collections",
                                "per 100,000 collections", "none", months), "c")
    assert ">Apr 2023<" in svg and ">Jul<" in svg  # months, where the figures span months
    assert "Missed bins per 100,000 collections, from" in svg  # its unit said once
