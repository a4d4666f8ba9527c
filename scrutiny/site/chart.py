"""An inline SVG trend chart: value, target, England, region and statistical neighbours.

Each series has its own line style and marker shape, so the chart reads without colour;
sample and provisional figures have markers of their own, and each surgery that reviewed
the indicator is marked on the time axis. Year-to-date (cumulative) figures rise through
each year and start again, so no series of theirs is joined within a year. The chart is
drawn twice, laid out for a wide screen and for a phone (one is hidden by CSS), so that its
text is never smaller than 12 px as shown; labels wrap, as SVG text never does itself. The
figures table on the same page is its full text alternative.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..judgements import compared_with, format_value
from ..records.model import Figure, Indicator, Meetings
from .markup import esc, left_out_of_search

SERIES: tuple[tuple[str, str, Callable[[Figure], float | None]], ...] = (
    ("value", "figure", lambda f: f.value),
    ("target", "target", lambda f: f.target),
    ("england", "England", lambda f: f.comparators.england),
    ("region", "region", lambda f: f.comparators.region),
    ("neighbours", "statistical neighbours", lambda f: f.comparators.statistical_neighbours),
)


@dataclass(frozen=True)
class Layout:
    """One drawing of the chart: its size in the units it is shown at, near enough."""

    name: str
    width: int
    plot_height: int
    left: int
    right: int
    legend_columns: int
    year_labels: int  # at most this many year labels on the time axis

    @property
    def legend_width(self) -> float:
        """A legend column; the last may use the right margin, which the plot keeps only
        for its last markers."""
        return (self.width - self.left) / self.legend_columns


WIDE = Layout("wide", 720, 230, 64, 16, 3, 8)
# shown at about 358 px on a 390 px phone (343 px on a 375 px one): drawn narrower, so its
# 12 px text is shown at 12 px or more (measured in tests/test_browser_phone.py)
NARROW = Layout("narrow", 330, 220, 52, 10, 1, 4)
TOP = 34  # room for the unit above the axis
LEGEND_ROW = 22
LINE = 14  # between lines of 12 px text (archive.css: .chart__legend, .chart__unit)
CHAR = 7  # at most, near enough, what a character of 12 px text takes: DejaVu Sans, the
# widest usual fallback, averages 6 over words; only a row of capitals or m and w is wider
KEY = 34  # a legend key's width, to where its label starts
INSET = 8  # between the plot's edges and its first and last points: a marker stays inside


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About `count` round numbers spanning low..high; a bounded list for any finite input."""
    if not high - low > max(abs(low), abs(high), 1.0) * 1e-9:
        # one value, or values no label can tell apart: a band around them (at 1e15 adding
        # 1 changes nothing; at 5e-324 a step would round to nothing)
        pad = max(abs(high) * 0.05, 1.0)
        low, high = low - pad, high + pad
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    steps = max(1, min(math.ceil((high - start) / step - 1e-9), 4 * count))
    return [float(f"{start + i * step:.12g}") for i in range(steps + 1)]  # last >= high


def _marker(kind: str, x: float, y: float) -> str:
    if kind == "value":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>'
    if kind == "sample":  # hollow diamond: sample data, not the council's
        return (f'<path class="chart__hollow" d="M{x:.1f} {y - 5:.1f}L{x + 5:.1f} {y:.1f}'
                f'L{x:.1f} {y + 5:.1f}L{x - 5:.1f} {y:.1f}Z"/>')
    if kind == "provisional":  # hollow circle: may still be revised
        return f'<circle class="chart__hollow" cx="{x:.1f}" cy="{y:.1f}" r="4.5"/>'
    if kind == "england":
        return f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6"/>'
    if kind == "neighbours":
        return f'<path d="M{x:.1f} {y - 4:.1f}L{x + 4:.1f} {y + 3:.1f}L{x - 4:.1f} {y + 3:.1f}Z"/>'
    if kind == "target":  # a level dash, where a target is not joined to the next
        return f'<path class="chart__dash" d="M{x - 7:.1f} {y:.1f}H{x + 7:.1f}"/>'
    if kind == "region":  # a cross
        return (f'<path class="chart__cross" d="M{x - 4:.1f} {y - 4:.1f}L{x + 4:.1f} {y + 4:.1f}'
                f'M{x - 4:.1f} {y + 4:.1f}L{x + 4:.1f} {y - 4:.1f}"/>')
    return ""


def _value_marker(figure: Figure) -> str:
    return "sample" if figure.illustrative else "provisional" if figure.provisional else "value"


def _wrap(text: str, room: float) -> list[str]:
    """`text` in lines of an estimated width within `room`, broken at spaces (a word too
    long for a line, anywhere): SVG text never wraps itself, and runs past the edge."""
    most = max(1, int(room // CHAR))
    lines = [""]
    for word in text.split():
        for piece in (word[i:i + most] for i in range(0, len(word), most)):
            joined = f"{lines[-1]} {piece}" if lines[-1] else piece
            if len(joined) <= most:
                lines[-1] = joined
            else:
                lines.append(piece)
    return lines


def _text(cls: str, x: str, y: int, lines: list[str]) -> str:
    """One line as plain text; more as tspans, LINE apart, each from x."""
    if len(lines) == 1:
        return f'<text class="{cls}" x="{x}" y="{y}">{esc(lines[0])}</text>'
    spans = "".join(f'<tspan x="{x}" dy="{LINE if i else 0}">{esc(line)}</tspan>'
                    for i, line in enumerate(lines))
    return f'<text class="{cls}" x="{x}" y="{y}">{spans}</text>'


def trend_chart(indicator: Indicator, chart_id: str, reviews: Sequence[dt.date] = (),
                region: str | None = None, meetings: Meetings = Meetings()) -> str:
    """Both drawings in a figure, or an empty string when there are fewer than two figures.

    `reviews` are the days `meetings` reviewed the indicator; `region` names the region.
    Only the figures of the indicator's main period are drawn (a quarter is never joined to
    a year), and two points are joined only where the figures table compares them."""
    main = indicator.main_period
    drawn = [f for f in indicator.figures if f.period == main]
    figures = [f for f in drawn if f.value is not None]
    if len(figures) < 2:
        return ""
    # the span as the figures name it ("from 2016/17 to Q2 2025/26"), never a year the
    # last figure is not of
    years = (f"from {drawn[0].name} to {drawn[-1].name}" if drawn[0].name != drawn[-1].name
             else f"for {drawn[0].name}")
    cumulative = all(f.cumulative for f in figures)
    names = {kind: (region if kind == "region" and region else name)
             for kind, name, _ in SERIES}
    if cumulative:
        names["value"] = "year-to-date figure"
    shown = [kind for kind, _, get in SERIES if any(get(f) is not None for f in drawn)]
    first = drawn[0].date
    reviews = sorted(d for d in set(reviews) if d >= first)  # the axis runs on to the last
    latest = figures[-1]
    notes = [", ".join(names[k] for k in shown)]
    if any(_value_marker(f) != "value" for f in figures):
        notes.append("sample and provisional figures have markers of their own")
    if reviews:
        notes.append(f"{meetings.many} that reviewed it are marked")
    ytd = (" Each year-to-date figure compares only with the same point a year before, so the "
           "points within a year are not joined." if cumulative else "")
    others = len(drawn) < len(indicator.figures)
    if others:
        notes.append(f"only the figures for {_PLURAL[main]} are drawn")
    description = (
        f"{'Chart' if cumulative else 'Line chart'} of {indicator.title} ({indicator.unit}) "
        f"{years}: {'; '.join(notes)}.{ytd} The latest figure drawn, for {latest.name}, is "
        f"{format_value(indicator, latest.value)}. The table of figures below gives every value.")
    drawings = "".join(_svg(indicator, drawn, f"{chart_id}-{layout.name}", layout, shown,
                            names, reviews, description, meetings)
                       for layout in (WIDE, NARROW))
    only = f" Only the figures for {_PLURAL[main]} are drawn." if others else ""
    # the unit, unless the title says it already ("... per 100,000 collections")
    unit = ("" if indicator.unit.lower() in indicator.title.lower()
            else f" ({esc(indicator.unit)})")
    return left_out_of_search(
        f'<figure class="chart">{drawings}<figcaption>{esc(indicator.title)}{unit}, '
        f"{esc(years)}.{only}{ytd} Every figure is in the table below.</figcaption></figure>")


def time_labels(first: dt.date, last: dt.date, years: list[int],
                x: Callable[[dt.date], float], layout: Layout) -> list[tuple[str, float]]:
    """The time axis's labels and where they go: each year at its first day (the first year
    at the first figure), at most `year_labels` of them, evenly; over two years or less,
    each month ("Sep", with its year at the first and at January). Never two closer than
    their width and a gap, whatever the dates (a first figure on 31 December would
    otherwise put its year's label on the next's); near either end, inside the edge."""
    if (last - first).days > 731:
        every = max(1, math.ceil(len(years) / layout.year_labels))
        wanted = [(str(year), max(first, dt.date(year, 1, 1))) for year in years[::every]]
    else:
        wanted, day = [], dt.date(first.year, first.month, 1)
        while day <= last:
            shown = f"{day:%b %Y}" if not wanted or day.month == 1 else f"{day:%b}"
            wanted.append((shown, max(first, day)))
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    placed: list[tuple[str, float]] = []
    for label, day in wanted:
        half = len(label) * CHAR / 2
        at = min(max(x(day), half), layout.width - half)
        if placed and at - placed[-1][1] < half + len(placed[-1][0]) * CHAR / 2 + GAP:
            if len(placed) == 1:  # the first label's few days give way to a whole period
                placed[0] = (label, at)
            continue
        placed.append((label, at))
    return placed


GAP = 8  # px between two year labels, at least

_PLURAL = {"year": "years", "half-year": "half-years", "quarter": "quarters",
           "month": "months", "snapshot": "snapshots"}


def _joined(indicator: Indicator, a: Figure, b: Figure) -> bool:
    """Whether the value line joins `a` to the next point drawn, `b`: only where the table
    judges b's direction of travel against a."""
    return compared_with(indicator, b)[0] is a


def _breaks(indicator: Indicator, kind: str, a: Figure, b: Figure, longest: int) -> bool:
    """Whether the line of `kind` stops between `a` and the next point drawn, `b`: after
    years without a figure; the value line where the table does not compare b with a; the
    others between year-to-date figures, which start again each year (a target of 97% in
    Q4 then 25% in Q1 is no trend, and neither is a year's rise to its total)."""
    if (b.date - a.date).days > longest:
        return True
    if kind == "value":
        return not _joined(indicator, a, b)
    return a.cumulative or b.cumulative


def _svg(indicator: Indicator, drawn: list[Figure], chart_id: str, layout: Layout,
         shown: list[str], names: dict[str, str], reviews: list[dt.date],
         description: str, meetings: Meetings) -> str:
    first, last = drawn[0].date, max([drawn[-1].date, *reviews])
    values = [v for kind, _, get in SERIES for f in drawn if (v := get(f)) is not None]
    ticks = nice_ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1]
    left, right = layout.left, layout.width - layout.right
    unit = _wrap(indicator.unit, right - left)
    top = TOP + LINE * (len(unit) - 1)  # a unit too long for a line pushes the plot down
    plot_w, plot_h = right - left, layout.plot_height
    bottom = top + plot_h
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:  # inside the plot, INSET from either edge
        return left + INSET + (plot_w - 2 * INSET) * (day - first).days / span

    def y(value: float) -> float:
        return top + plot_h * (1 - (value - low) / ((high - low) or 1))

    parts = [_text("chart__unit", str(left), TOP - 14, unit)]
    parts += [f'<line class="chart__grid" x1="{left}" x2="{right}" y1="{y(t):.1f}" '
              f'y2="{y(t):.1f}"/><text class="chart__tick" x="{left - 6}" y="{y(t) + 4:.1f}" '
              f'text-anchor="end">{esc(format_value(indicator, t))}</text>' for t in ticks]
    for label, at in time_labels(first, last, sorted({f.date.year for f in drawn}), x, layout):
        parts.append(f'<text class="chart__tick" x="{at:.1f}" y="{bottom + 18}" '
                     f'text-anchor="middle">{label}</text>')
    for day in reviews:  # the surgeries that reviewed it, on the time axis
        parts.append(f'<g class="chart__review"><line x1="{x(day):.1f}" x2="{x(day):.1f}" '
                     f'y1="{top}" y2="{bottom}"/>'
                     f'<title>{esc(meetings.One)}, {day.isoformat()}</title></g>')
    gaps = sorted((b.date - a.date).days for a, b in itertools.pairwise(drawn))
    longest = 2 * max(gaps[len(gaps) // 2] if gaps else 0, 92)  # twice the usual interval
    keys: dict[str, tuple[bool, bool]] = {}  # each series' legend key: (a line, a marker)
    value_mark = "value"
    for kind, _, get in SERIES:
        if kind not in shown:
            continue
        segments: list[list[Figure]] = [[]]
        previous = None
        for f in drawn:
            if get(f) is None or (previous and _breaks(indicator, kind, previous, f, longest)):
                segments.append([])  # a missing figure breaks the line too
            if get(f) is not None:
                segments[-1].append(f)
            previous = f
        joined = [s for s in segments if len(s) > 1]
        lines = "".join('<polyline points="' + " ".join(f"{x(f.date):.1f},{y(get(f)):.1f}"
                                                         for f in s) + '"/>' for s in joined)
        # a target has a marker only where it stands alone: a line is mark enough
        marked = ([s[0] for s in segments if len(s) == 1] if kind == "target"
                  else [f for s in segments for f in s])
        dots = "".join(_marker(_value_marker(f) if kind == "value" else kind, x(f.date),
                               y(get(f))) for f in marked)
        keys[kind] = (bool(joined), bool(marked))
        if kind == "value" and marked:  # its key shows the mark its points have most: a
            # filled circle only where some point has one (every figure may be sample data)
            value_mark = max(("value", "provisional", "sample"), key=[
                _value_marker(f) for f in marked].count)
        parts.append(f'<g class="chart__series chart__series--{kind}">{lines}{dots}</g>')
    legend = [(kind, names[kind]) for kind in shown]
    marks = {_value_marker(f) for f in drawn if f.value is not None}
    legend += [(m, text) for m, text in (("sample", "Sample data (illustrative)"),
                                         ("provisional", "Provisional")) if m in marks]
    if reviews:
        legend.append(("review", f"{meetings.a} reviewed it"))
    columns = layout.legend_columns
    labels = [_wrap(name[0].upper() + name[1:], layout.legend_width - KEY) for _, name in legend]
    depths = [max(map(len, labels[i:i + columns])) for i in range(0, len(labels), columns)]
    rows = list(itertools.accumulate((LEGEND_ROW + LINE * (d - 1) for d in depths[:-1]),
                                     initial=bottom + 44))  # each as deep as its longest label
    for i, (kind, _) in enumerate(legend):
        lx = left + (i % columns) * layout.legend_width
        ly = rows[i // columns]
        if kind == "review":
            key = (f'<g class="chart__review"><line x1="{lx + 14:.1f}" x2="{lx + 14:.1f}" '
                   f'y1="{ly - 8}" y2="{ly + 8}"/></g>')
        elif kind in ("sample", "provisional"):
            key = f'<g class="chart__series chart__series--value">{_marker(kind, lx + 14, ly)}</g>'
        else:  # a line only where the series has one, so a key never joins what it does not
            line, mark = keys[kind]
            shape = value_mark if kind == "value" else kind
            key = (f'<g class="chart__series chart__series--{kind}">'
                   + (f'<polyline points="{lx:.1f},{ly} {lx + 28:.1f},{ly}"/>' if line else "")
                   + (_marker(shape, lx + 14, ly) if mark else "") + "</g>")
        parts.append(key + _text("chart__legend", f"{lx + KEY:.1f}", ly + 4, labels[i]))
    height = rows[-1] + LINE * (depths[-1] - 1) + 16
    return (
        f'<svg class="chart__svg chart__svg--{layout.name}" viewBox="0 0 {layout.width} '
        f'{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{esc(indicator.code) + ": " if indicator.code else ""}'
        f'{esc(indicator.title)}, trend'
        f'</title><desc id="{chart_id}-desc">{esc(description)}</desc>'
        + "".join(parts) +
        f'<line class="chart__axis" x1="{left}" x2="{left}" y1="{top}" y2="{bottom}"/>'
        f'<line class="chart__axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}"/>'
        "</svg>")
