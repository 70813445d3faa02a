"""Static SVG charts rendered at build time: line, bar, histogram and network pictures.

Each chart is a complete, self-contained SVG document: a title, labelled axes, an accessible
<title>/<desc> pair, no script, no external reference. Its own stylesheet follows the reader's light or
dark colour scheme, in the colours of Material for MkDocs' palette. Every plotted value carries a
`data-value` attribute and a tooltip, so a test (or a curious reader) can compare it with the table the
page prints beneath the chart. All text is XML-escaped here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from entraide.site.charts.hbar import hbar_chart
from entraide.site.charts.network import network
from entraide.site.charts.svg import (  # noqa: F401 - Series is part of this package's interface
    CHAR_WIDTH,
    COLOURS,
    HEIGHT,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MAX_BAR,
    STYLE,
    WIDTH,
    Series,
    _document,
    _fmt,
    _shorten,
    _text,
    divisions,
    nice_ceiling,
)
from entraide.site.pages.escape import xml as escape

__all__ = ["Series", "bar_chart", "hbar_chart", "histogram", "line_chart", "network"]


@dataclass(frozen=True)
class Frame:
    """The plotting area and the value range of the y axis."""

    y_max: float
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def left(self) -> float:
        return MARGIN_LEFT

    @property
    def right(self) -> float:
        return self.width - MARGIN_RIGHT

    @property
    def top(self) -> float:
        return MARGIN_TOP

    @property
    def bottom(self) -> float:
        return self.height - MARGIN_BOTTOM

    def y(self, value: float) -> float:
        return self.bottom - (self.bottom - self.top) * (value / self.y_max)


def _axes(frame: Frame, *, x_label: str, y_label: str, y_format: Callable[[float], str]) -> list[str]:
    parts = []
    steps = divisions(frame.y_max)
    for k in range(steps + 1):
        value = frame.y_max * k / steps
        y = frame.y(value)
        parts.append(f'<line class="grid" x1="{frame.left}" x2="{frame.right}" y1="{_fmt(y)}" y2="{_fmt(y)}"/>')
        parts.append(_text(frame.left - 8, y + 4, y_format(value), "tick", "end"))
    parts += [
        f'<line class="axis" x1="{frame.left}" x2="{frame.right}" y1="{frame.bottom}" y2="{frame.bottom}"/>',
        f'<line class="axis" x1="{frame.left}" x2="{frame.left}" y1="{frame.top}" y2="{frame.bottom}"/>',
        _text((frame.left + frame.right) / 2, frame.height - 14, x_label, "axis-label"),
        _text(
            18,
            (frame.top + frame.bottom) / 2,
            y_label,
            "axis-label",
            extra=f' transform="rotate(-90 18 {_fmt((frame.top + frame.bottom) / 2)})"',
        ),
    ]
    return parts


def _x_ticks(labels: Sequence[str], xs: Sequence[float], frame: Frame, *, each: bool = False) -> list[str]:
    """Tick labels that never overlap: every `step`-th one, or (`each`, for a few bars) every one,
    shortened to the room it has."""
    width = frame.right - frame.left
    longest = max(len(label) for label in labels)
    fit = max(1, int(width / (longest * CHAR_WIDTH + 14)))
    step = 1 if each and len(labels) <= 20 else max(1, math.ceil(len(labels) / fit))
    room = max(3, int(width / math.ceil(len(labels) / step) / CHAR_WIDTH) - 1)
    return [
        _text(x, frame.bottom + 18, _shorten(label, room), "tick")
        for i, (label, x) in enumerate(zip(labels, xs))
        if i % step == 0
    ]


def _legend(names: Sequence[str], frame: Frame) -> list[str]:
    if len(names) < 2:
        return []
    parts, x = [], frame.left
    for index, name in enumerate(names):
        colour = COLOURS[index % len(COLOURS)]
        parts.append(f'<rect x="{_fmt(x)}" y="41" width="12" height="12" rx="2" fill="{colour}"/>')
        parts.append(_text(x + 17, 51.5, name, "legend", "start"))
        x += 30 + 7.2 * len(name)
    return parts


def _empty(frame: Frame, message: str) -> list[str]:
    return [_text((frame.left + frame.right) / 2, (frame.top + frame.bottom) / 2, message, "empty")]


def _y_max(values: Sequence[float | None], fixed: float | None) -> float:
    return fixed if fixed is not None else nice_ceiling(max((v for v in values if v is not None), default=0))


# --------------------------------------------------------------------------- line chart


def line_chart(
    *,
    title: str,
    desc: str,
    x_label: str,
    y_label: str,
    labels: Sequence[str],
    series: Sequence[Series],
    y_format: Callable[[float], str] = _fmt,
    y_max: float | None = None,
    empty: str = "",  # what an empty chart says, in the reader's language (the caller translates it)
) -> str:
    """One polyline per series over the same x labels; a None value breaks the line."""
    frame = Frame(_y_max([v for s in series for v in s.values], y_max))
    body = _axes(frame, x_label=x_label, y_label=y_label, y_format=y_format) + _legend([s.name for s in series], frame)
    if not labels or all(v is None for s in series for v in s.values):
        return _document(title, desc, body + _empty(frame, empty))
    xs = _spread(len(labels), frame)
    body += _x_ticks(labels, xs, frame)
    for index, one in enumerate(series):
        body += _polyline(one, index, labels=labels, xs=xs, frame=frame, y_format=y_format)
    return _document(title, desc, body)


def _spread(count: int, frame: Frame) -> list[float]:
    if count == 1:
        return [(frame.left + frame.right) / 2]
    inner_left, inner_right = frame.left + 16, frame.right - 8
    return [inner_left + (inner_right - inner_left) * i / (count - 1) for i in range(count)]


def _polyline(
    one: Series,
    index: int,
    *,
    labels: Sequence[str],
    xs: Sequence[float],
    frame: Frame,
    y_format: Callable[[float], str],
) -> list[str]:
    colour = COLOURS[index % len(COLOURS)]
    points = [(x, None if v is None else frame.y(v), label, v) for x, v, label in zip(xs, one.values, labels)]
    segments: list[list[tuple[float, float, str, float]]] = []
    current: list[tuple[float, float, str, float]] = []
    for x, y, label, value in points:
        if y is None or value is None:
            segments.append(current) if current else None
            current = []
        else:
            current.append((x, y, label, value))
    segments.append(current) if current else None
    parts = [
        f'<path class="series" data-series="{escape(one.name)}" fill="none" stroke="{colour}" '
        f'stroke-width="2.5" stroke-linejoin="round" d="'
        + " ".join(f"{'M' if i == 0 else 'L'}{_fmt(x)},{_fmt(y)}" for i, (x, y, _, _) in enumerate(seg))
        + '"/>'
        for seg in segments
    ]
    radius = 3.5 if len(labels) <= 40 else 2
    parts += [
        f'<circle class="point" cx="{_fmt(x)}" cy="{_fmt(y)}" r="{radius}" fill="{colour}" '
        f'data-label="{escape(label)}" data-value="{value!r}"><title>{escape(one.name)}, '
        f"{escape(label)} : {escape(y_format(value))}</title></circle>"
        for x, y, label, value in points
        if value is not None and y is not None
    ]
    return parts


# --------------------------------------------------------------------------- bar chart and histogram


def bar_chart(
    *,
    title: str,
    desc: str,
    x_label: str,
    y_label: str,
    labels: Sequence[str],
    series: Sequence[Series],
    y_format: Callable[[float], str] = _fmt,
    y_max: float | None = None,
    threshold: float | None = None,
    gap: float = 0.25,
    empty: str = "",  # what an empty chart says, in the reader's language (the caller translates it)
    notes: Sequence[str | None] = (),
) -> str:
    """Grouped bars, one group per label; `gap=0` draws a histogram. A threshold draws a dashed line.
    `notes` are written on the axis where a value is hidden (e.g. "<5" for a small group)."""
    frame = Frame(_y_max([v for s in series for v in s.values] + [threshold], y_max))
    body = _axes(frame, x_label=x_label, y_label=y_label, y_format=y_format) + _legend([s.name for s in series], frame)
    if not labels or all(v is None for s in series for v in s.values):
        return _document(title, desc, body + _empty(frame, empty))
    slot = (frame.right - frame.left) / len(labels)
    bar = slot * (1 - gap) / len(series) if gap == 0 else min(slot * (1 - gap) / len(series), MAX_BAR)
    offset = (slot - bar * len(series)) / 2 if gap else 0  # bars narrower than their slot sit in its middle
    valued = gap > 0 and len(labels) * len(series) <= 24  # room to write each value above its bar
    xs = [frame.left + slot * (i + 0.5) for i in range(len(labels))]
    body += _x_ticks(labels, xs, frame, each=True)
    body += [_text(x, frame.bottom - 6, note, "tick") for x, note in zip(xs, notes) if note]
    for index, one in enumerate(series):
        for i, (label, value) in enumerate(zip(labels, one.values)):
            if value is None:
                continue
            x = frame.left + slot * i + offset + bar * index
            y = frame.y(value)
            if valued:
                body.append(_text(x + bar / 2, y - 5, y_format(value), "tick"))
            body.append(
                f'<rect class="bar" x="{_fmt(x + (0.5 if gap == 0 else 0))}" y="{_fmt(y)}" '
                f'width="{_fmt(max(bar - (1 if gap == 0 else 0), 1))}" height="{_fmt(frame.bottom - y)}" '
                f'rx="2" fill="{COLOURS[index % len(COLOURS)]}" data-label="{escape(label)}" '
                f'data-value="{value!r}"><title>{escape(one.name)}, {escape(label)} : '
                f"{escape(y_format(value))}</title></rect>"
            )
    if threshold is not None:
        y = frame.y(threshold)
        body.append(
            f'<line x1="{frame.left}" x2="{frame.right}" y1="{_fmt(y)}" y2="{_fmt(y)}" '
            f'stroke="{COLOURS[3]}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        body.append(_text(frame.right - 4, y - 6, f"seuil : {y_format(threshold)}", "tick", "end"))
    return _document(title, desc, body)


def histogram(
    *,
    title: str,
    desc: str,
    x_label: str,
    y_label: str,
    bins: Sequence[str],
    counts: Sequence[float | None],
    name: str = "",
    **kwargs: Any,
) -> str:
    return bar_chart(
        title=title,
        desc=desc,
        x_label=x_label,
        y_label=y_label,
        labels=bins,
        series=[Series(name or y_label, counts)],
        gap=0.0,
        **kwargs,
    )
