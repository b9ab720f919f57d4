"""The 对比 tab's bar chart, drawn here as SVG: horizontal bars (department names read left
to right), the value written at each bar's end, and an axis that starts above 0 when the
values lie close together (95.5 % and 100 % must not look alike).

Why not gradio's BarPlot: its front end re-embeds the chart when an axis property (title,
limits) changes, with the dataset it held *before* the new value arrived, and sends the new
value to the view it is about to discard; so a second comparison showed the first one's bars
under the new axis title until a resize redrew it. A chart that is plain markup of the current
rows cannot go stale, and its labels and values can be read from the page.

Pure functions, no gradio: unit-tested on their own."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

WIDTH = 500  # about the width the 对比 tab gives it, so the text is drawn at its size
LABEL_W = 150  # the department names, right-aligned before the bars
VALUE_W = 84  # room after the longest bar for its value
ROW_H = 36
BAR_H = 22
TOP = 8
AXIS_H = 26
BAR_COLOUR = "#3b82f6"
RELATED_COLOUR = "#93c5fd"  # a related metric (named under its bar)
FONT = 13
CLOSE = 0.2  # values within 20 % of the largest: the axis starts above 0


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as the report writes it, e.g. "95.53%"
    related: bool = False  # a related metric, not the one compared


def nice_step(span: float, ticks: int = 5) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about `ticks` ticks."""
    if span <= 0:
        return 1.0
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw - 1e-12)


def axis_range(values: list[float]) -> tuple[float, float, float]:
    """(low, high, step) of the value axis. From 0 (or the lowest negative value) unless all
    values are positive and lie within CLOSE of the largest; then from a round number a
    little below the smallest, so that differences show."""
    if not values:
        return 0.0, 1.0, 0.2
    lo, hi = min(values), max(values)
    if len(values) > 1 and lo > 0 and hi - lo <= CLOSE * hi:
        pad = (hi - lo) / 2 or hi * 0.05
        step = nice_step(hi - (lo - pad))
        low = max(0.0, math.floor((lo - pad) / step) * step)
    else:
        low = min(0.0, lo)
        step = nice_step(max(hi, 0.0) - low or 1.0)
        low = math.floor(low / step) * step
    high = math.ceil(hi / step - 1e-9) * step
    if high <= low:
        high = low + step
    return _round(low, step), _round(high, step), step


def _round(x: float, step: float) -> float:
    return round(x, max(0, -math.floor(math.log10(step))) + 1)


def text_width(text: str, size: int = FONT) -> float:
    """About how wide the text is drawn: a Chinese character a full size, others half."""
    return sum(size if ord(ch) > 0x2e7f else size * 0.55 for ch in text)


def tick_text(x: float) -> str:
    return f"{x:,.6f}".rstrip("0").rstrip(".")


def bar_chart_svg(bars: list[Bar]) -> str:
    """The SVG of the bars, in the order given. Each bar is a <g class="bar"> carrying
    data-label and data-value (for tests and scripts) with its name, rect and value text."""
    if not bars:
        return ""
    low, high, step = axis_range([b.value for b in bars])
    plot_w = WIDTH - LABEL_W - VALUE_W
    height = TOP + ROW_H * len(bars) + AXIS_H

    def x(v: float) -> float:
        return LABEL_W + (min(max(v, low), high) - low) / (high - low) * plot_w

    parts = [f'<svg class="cmp-chart" viewBox="0 0 {WIDTH} {height}" width="100%" '
             f'style="max-width:{WIDTH * 1.4:.0f}px" role="img" '
             f'xmlns="http://www.w3.org/2000/svg" font-size="{FONT}">']
    parts += _axis(low, high, step, x, height)
    for i, b in enumerate(bars):
        y = TOP + i * ROW_H + (ROW_H - BAR_H) / 2
        left, right = x(min(max(low, 0.0), b.value)), x(b.value)
        label, shown = html.escape(b.label), html.escape(b.shown)
        fit = LABEL_W - 12
        squeeze = (f' textLength="{fit}" lengthAdjust="spacingAndGlyphs"'
                   if text_width(b.label) > fit else "")
        parts.append(
            f'<g class="bar" data-label="{label}" data-value="{b.value:g}"><title>{label} {shown}</title>'
            f'<text class="bar-label" x="{LABEL_W - 8}" y="{y + BAR_H / 2}" text-anchor="end" '
            f'dominant-baseline="central" fill="currentColor"{squeeze}>{label}</text>'
            f'<rect x="{min(left, right):.1f}" y="{y:.1f}" width="{max(abs(right - left), 1):.1f}" '
            f'height="{BAR_H}" rx="2" fill="{RELATED_COLOUR if b.related else BAR_COLOUR}"/>'
            f'<text class="bar-value" x="{max(left, right) + 6:.1f}" y="{y + BAR_H / 2}" '
            f'dominant-baseline="central" fill="currentColor">{shown}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _axis(low: float, high: float, step: float, x, height: int) -> list[str]:
    """Grid lines and tick labels along the bottom."""
    out = []
    base = height - AXIS_H
    n = round((high - low) / step)
    for k in range(n + 1):
        v = low + k * step
        px = x(v)
        out.append(f'<line x1="{px:.1f}" x2="{px:.1f}" y1="{TOP - 4}" y2="{base}" '
                   f'stroke="#d1d5db" stroke-width="1"/>')
        out.append(f'<text class="tick" x="{px:.1f}" y="{base + 16}" text-anchor="middle" '
                   f'fill="#6b7280" font-size="11">{tick_text(_round(v, step))}</text>')
    return out
