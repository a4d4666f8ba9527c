"""An inline SVG trend chart: value, target, England, region and statistical neighbours.

Each series has its own line style and marker shape, so the chart reads without colour;
sample and provisional figures have markers of their own, and each surgery that reviewed
the indicator is marked on the time axis. The chart is drawn twice, laid out for a wide
screen and for a phone (one is hidden by CSS), so that its text is never smaller than
12 px as shown. The figures table on the same page is its full text alternative.
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
    ("value", "value", lambda f: f.value),
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
        return (self.width - self.left - self.right) / self.legend_columns


WIDE = Layout("wide", 720, 230, 64, 16, 3, 8)
NARROW = Layout("narrow", 360, 220, 52, 10, 1, 4)  # shown at about 360 px on a phone
TOP = 34  # room for the unit above the axis
LEGEND_ROW = 22


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
    if kind == "region":  # a cross
        return (f'<path class="chart__cross" d="M{x - 4:.1f} {y - 4:.1f}L{x + 4:.1f} {y + 4:.1f}'
                f'M{x - 4:.1f} {y + 4:.1f}L{x + 4:.1f} {y - 4:.1f}"/>')
    return ""


def _value_marker(figure: Figure) -> str:
    return "sample" if figure.illustrative else "provisional" if figure.provisional else "value"


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
    first, last = drawn[0].date, drawn[-1].date
    years = f"from {first.year} to {last.year}" if first.year != last.year else f"in {first.year}"
    names = {kind: (region if kind == "region" and region else name)
             for kind, name, _ in SERIES}
    shown = [kind for kind, _, get in SERIES if any(get(f) is not None for f in drawn)]
    reviews = sorted(d for d in set(reviews) if d >= first)  # the axis runs on to the last
    latest = figures[-1]
    notes = [", ".join(names[k] for k in shown)]
    if any(_value_marker(f) != "value" for f in figures):
        notes.append("sample and provisional figures have markers of their own")
    if reviews:
        notes.append(f"{meetings.many} that reviewed it are marked")
    others = len(drawn) < len(indicator.figures)
    if others:
        notes.append(f"only the figures for {_PLURAL[main]} are drawn")
    description = (
        f"Line chart of {indicator.title} ({indicator.unit}) {years}: {'; '.join(notes)}. "
        f"The latest value, for {latest.name}, is {format_value(indicator, latest.value)}. "
        "The table of figures below gives every value.")
    drawings = "".join(_svg(indicator, drawn, f"{chart_id}-{layout.name}", layout, shown,
                            names, reviews, description, meetings)
                       for layout in (WIDE, NARROW))
    only = f" Only the figures for {_PLURAL[main]} are drawn." if others else ""
    return left_out_of_search(
        f'<figure class="chart">{drawings}<figcaption>{esc(indicator.title)} '
        f"({esc(indicator.unit)}), {years}.{only} Every figure is in the table below."
        "</figcaption></figure>")


_PLURAL = {"year": "years", "half-year": "half-years", "quarter": "quarters",
           "month": "months", "snapshot": "snapshots"}


def _joined(indicator: Indicator, a: Figure, b: Figure) -> bool:
    """Whether the value line joins `a` to the next point drawn, `b`: only where the table
    judges b's direction of travel against a."""
    return compared_with(indicator, b)[0] is a


def _svg(indicator: Indicator, drawn: list[Figure], chart_id: str, layout: Layout,
         shown: list[str], names: dict[str, str], reviews: list[dt.date],
         description: str, meetings: Meetings) -> str:
    first, last = drawn[0].date, max([drawn[-1].date, *reviews])
    values = [v for kind, _, get in SERIES for f in drawn if (v := get(f)) is not None]
    ticks = nice_ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1]
    left, right = layout.left, layout.width - layout.right
    plot_w, plot_h = right - left, layout.plot_height
    bottom = TOP + plot_h
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return left + plot_w * (day - first).days / span

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / ((high - low) or 1))

    parts = [f'<text class="chart__unit" x="{left}" y="{TOP - 14}">{esc(indicator.unit)}</text>']
    parts += [f'<line class="chart__grid" x1="{left}" x2="{right}" y1="{y(t):.1f}" '
              f'y2="{y(t):.1f}"/><text class="chart__tick" x="{left - 6}" y="{y(t) + 4:.1f}" '
              f'text-anchor="end">{esc(format_value(indicator, t))}</text>' for t in ticks]
    years = sorted({f.date.year for f in drawn})
    every = max(1, math.ceil(len(years) / layout.year_labels))
    for year in years[::every]:
        day = max(first, dt.date(year, 1, 1))
        parts.append(f'<text class="chart__tick" x="{x(day):.1f}" y="{bottom + 18}" '
                     f'text-anchor="middle">{year}</text>')
    for day in reviews:  # the surgeries that reviewed it, on the time axis
        parts.append(f'<g class="chart__review"><line x1="{x(day):.1f}" x2="{x(day):.1f}" '
                     f'y1="{TOP}" y2="{bottom}"/><title>{esc(meetings.One)}, {day.isoformat()}</title></g>')
    gaps = sorted((b.date - a.date).days for a, b in itertools.pairwise(drawn))
    longest = 2 * max(gaps[len(gaps) // 2] if gaps else 0, 92)  # twice the usual interval
    for kind, _, get in SERIES:
        if kind not in shown:
            continue
        segments: list[list[str]] = [[]]
        previous = None
        for f in drawn:
            value = get(f)
            if value is None or (previous and (f.date - previous.date).days > longest) or (
                    kind == "value" and previous and not _joined(indicator, previous, f)):
                segments.append([])  # a missing figure, years without one, or figures the
                # table does not compare, break the line
            if value is not None:
                segments[-1].append(f"{x(f.date):.1f},{y(value):.1f}")
            previous = f
        lines = "".join(f'<polyline points="{" ".join(s)}"/>' for s in segments if len(s) > 1)
        dots = "".join(_marker(_value_marker(f) if kind == "value" else kind, x(f.date),
                               y(get(f))) for f in drawn if get(f) is not None)
        parts.append(f'<g class="chart__series chart__series--{kind}">{lines}{dots}</g>')
    legend = [(kind, names[kind]) for kind in shown]
    marks = {_value_marker(f) for f in drawn if f.value is not None}
    legend += [(m, text) for m, text in (("sample", "Sample data (illustrative)"),
                                         ("provisional", "Provisional")) if m in marks]
    if reviews:
        legend.append(("review", f"{meetings.a} reviewed it"))
    legend_top = bottom + 44
    for i, (kind, name) in enumerate(legend):
        lx = left + (i % layout.legend_columns) * layout.legend_width
        ly = legend_top + (i // layout.legend_columns) * LEGEND_ROW
        if kind == "review":
            key = (f'<g class="chart__review"><line x1="{lx + 14:.1f}" x2="{lx + 14:.1f}" '
                   f'y1="{ly - 8}" y2="{ly + 8}"/></g>')
        elif kind in ("sample", "provisional"):
            key = f'<g class="chart__series chart__series--value">{_marker(kind, lx + 14, ly)}</g>'
        else:
            key = (f'<g class="chart__series chart__series--{kind}"><polyline points="{lx:.1f},'
                   f'{ly} {lx + 28:.1f},{ly}"/>{_marker(kind, lx + 14, ly)}</g>')
        parts.append(f'{key}<text class="chart__legend" x="{lx + 34:.1f}" y="{ly + 4}">'
                     f"{esc(name[0].upper() + name[1:])}</text>")
    rows = math.ceil(len(legend) / layout.legend_columns)
    height = legend_top + (rows - 1) * LEGEND_ROW + 16
    return (
        f'<svg class="chart__svg chart__svg--{layout.name}" viewBox="0 0 {layout.width} '
        f'{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{esc(indicator.code) + ": " if indicator.code else ""}'
        f'{esc(indicator.title)}, trend'
        f'</title><desc id="{chart_id}-desc">{esc(description)}</desc>'
        + "".join(parts) +
        f'<line class="chart__axis" x1="{left}" x2="{left}" y1="{TOP}" y2="{bottom}"/>'
        f'<line class="chart__axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}"/>'
        "</svg>")
