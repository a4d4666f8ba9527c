"""An inline SVG trend chart: value, target, England and statistical neighbours.

Each series has its own line style and marker shape, so the chart reads without colour;
the figures table on the same page is its full text alternative.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable

from ..judgements import format_value
from ..records.model import Figure, Indicator
from .markup import esc

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 72  # room for axis labels and the legend

SERIES: tuple[tuple[str, str, Callable[[Figure], float | None]], ...] = (
    ("value", "value", lambda f: f.value),
    ("target", "target", lambda f: f.target),
    ("england", "England", lambda f: f.comparators.england),
    ("neighbours", "statistical neighbours", lambda f: f.comparators.statistical_neighbours),
)


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About `count` round numbers spanning low..high; a bounded list for any finite input."""
    if not high > low:  # one value: a band around it (at 1e15, adding 1 changes nothing)
        pad = max(abs(high) * 0.05, 1.0)
        low, high = low - pad, high + pad
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    steps = min(math.ceil((high - start) / step + 0.5), 4 * count)
    return [round(start + i * step, 10) for i in range(steps + 1)
            if start + i * step <= high + step / 2]


def _marker(kind: str, x: float, y: float) -> str:
    if kind == "value":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5"/>'
    if kind == "england":
        return f'<rect x="{x - 3:.1f}" y="{y - 3:.1f}" width="6" height="6"/>'
    if kind == "neighbours":
        return f'<path d="M{x:.1f} {y - 4:.1f}L{x + 4:.1f} {y + 3:.1f}L{x - 4:.1f} {y + 3:.1f}Z"/>'
    return ""


def trend_chart(indicator: Indicator, chart_id: str) -> str:
    """The SVG, or an empty string when there are fewer than two figures to draw."""
    figures = [f for f in indicator.figures if f.value is not None]
    if len(figures) < 2:
        return ""
    first, last = indicator.figures[0].date, indicator.figures[-1].date
    values = [v for _, _, get in SERIES for f in indicator.figures if (v := get(f)) is not None]
    ticks = _nice_ticks(min(values), max(values))
    low, high = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    span = max((last - first).days, 1)

    def x(day: dt.date) -> float:
        return LEFT + plot_w * (day - first).days / span

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / ((high - low) or 1))

    parts = [f'<line class="chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(t):.1f}" '
             f'y2="{y(t):.1f}"/><text class="chart__tick" x="{LEFT - 8}" y="{y(t) + 4:.1f}" '
             f'text-anchor="end">{esc(format_value(indicator, t))}</text>' for t in ticks]
    years = sorted({f.date.year for f in indicator.figures})
    every = max(1, math.ceil(len(years) / 8))
    for year in years[::every]:
        day = max(first, dt.date(year, 1, 1))
        parts.append(f'<text class="chart__tick" x="{x(day):.1f}" y="{TOP + plot_h + 18}" '
                     f'text-anchor="middle">{year}</text>')
    gaps = sorted((b.date - a.date).days
                  for a, b in itertools.pairwise(indicator.figures))
    longest = 2 * max(gaps[len(gaps) // 2] if gaps else 0, 92)  # twice the usual interval
    shown = []
    for kind, name, get in SERIES:
        points = [(f.date, get(f)) for f in indicator.figures]
        if not any(v is not None for _, v in points):
            continue
        shown.append((kind, name))
        segments: list[list[str]] = [[]]
        previous = None
        for day, value in points:
            if value is None or (previous and (day - previous).days > longest):
                segments.append([])  # a missing figure, or years without one, break the line
            if value is not None:
                segments[-1].append(f"{x(day):.1f},{y(value):.1f}")
            previous = day
        lines = "".join(f'<polyline points="{" ".join(s)}"/>' for s in segments if len(s) > 1)
        dots = "".join(_marker(kind, x(d), y(v)) for d, v in points if v is not None)
        parts.append(f'<g class="chart__series chart__series--{kind}">{lines}{dots}</g>')
    legend_y = HEIGHT - 22
    for i, (kind, name) in enumerate(shown):
        lx = LEFT + i * 165
        parts.append(
            f'<g class="chart__series chart__series--{kind}"><polyline points="{lx},{legend_y} '
            f'{lx + 28},{legend_y}"/>{_marker(kind, lx + 14, legend_y)}</g>'
            f'<text class="chart__legend" x="{lx + 34}" y="{legend_y + 4}">'
            f"{esc(name[0].upper() + name[1:])}</text>")
    latest = figures[-1]
    years = f"from {first.year} to {last.year}" if first.year != last.year else f"in {first.year}"
    description = (
        f"Line chart of {indicator.title} ({indicator.unit}) {years}: "
        f"{', '.join(name for _, name in shown)}. The latest value, for {latest.name}, "
        f"is {format_value(indicator, latest.value)}. The table of figures below gives every "
        "value.")
    return (
        f'<figure class="chart" data-search-exclude>'
        f'<svg class="chart__svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{esc(indicator.code)}: {esc(indicator.title)}, trend'
        f'</title><desc id="{chart_id}-desc">{esc(description)}</desc>'
        + "".join(parts) +
        f'<line class="chart__axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}"/>'
        f'<line class="chart__axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" '
        f'y2="{TOP + plot_h}"/></svg>'
        f"<figcaption>{esc(indicator.title)} ({esc(indicator.unit)}), {years}. "
        "Every figure is in the table below.</figcaption></figure>")
