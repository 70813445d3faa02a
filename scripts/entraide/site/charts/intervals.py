"""Estimates with their intervals, one row each (a forest plot): a dot for the estimate, a bar for its
95 % interval, a line at zero (no difference). Rows without an estimate keep their place and say why."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from entraide.content.i18n import Translator
from entraide.site.charts.svg import COLOURS, _document, _fmt, _shorten, _text, divisions, nice_ceiling

CHART_WIDTH = 560  # narrower than the other charts: read on a phone, its labels stay legible


@dataclass(frozen=True)
class Interval:
    label: str
    value: float | None  # None: no estimate; `note` says why
    low: float | None = None
    high: float | None = None
    note: str = ""


def interval_chart(
    *,
    title: str,
    desc: str,
    x_label: str,
    rows: Sequence[Interval],
    tr: Translator,
    x_format: Callable[[float], str] = _fmt,
) -> str:
    """One row per estimate, its label above it, on a symmetric axis around zero."""
    left, right, top, row = 30, CHART_WIDTH - 30, 78, 46
    height = top + max(len(rows), 1) * row + 66
    bottom = top + max(len(rows), 1) * row
    reach = nice_ceiling(max([abs(v) for r in rows for v in (r.low, r.high, r.value) if v is not None], default=0))

    def x_of(value: float) -> float:
        return left + (right - left) * (value + reach) / (2 * reach)

    body = _grid(reach, x_of, top=top, bottom=bottom, x_format=x_format)
    body += [
        f'<line class="axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}"/>',
        f'<line x1="{_fmt(x_of(0))}" x2="{_fmt(x_of(0))}" y1="{top - 6}" y2="{bottom}" stroke="{COLOURS[3]}" '
        f'stroke-width="1.5" stroke-dasharray="5 4"/>',
        _text(x_of(0), top - 12, tr.gettext("no difference"), "tick"),
        _text((left + right) / 2, height - 16, x_label, "axis-label"),
    ]
    for i, one in enumerate(rows):
        body += _row(one, y=top + i * row + row / 2, left=left, x_of=x_of, x_format=x_format, tr=tr)
    return _document(title, desc, body, width=CHART_WIDTH, height=height)


def _grid(
    reach: float, x_of: Callable[[float], float], *, top: float, bottom: float, x_format: Callable[[float], str]
) -> list[str]:
    steps = divisions(reach)
    parts = []
    for k in range(-steps, steps + 1):
        value = reach * k / steps
        x = _fmt(x_of(value))
        parts.append(f'<line class="grid" x1="{x}" x2="{x}" y1="{top}" y2="{bottom}"/>')
        if k % 2 == 0 or steps <= 2:
            parts.append(_text(x_of(value), bottom + 18, x_format(value), "tick"))
    return parts


def _row(
    one: Interval,
    *,
    y: float,
    left: float,
    x_of: Callable[[float], float],
    x_format: Callable[[float], str],
    tr: Translator,
) -> list[str]:
    parts = [_text(left, y - 10, _shorten(one.label, 70), "tick", "start")]  # the label above its interval
    y += 6
    if one.value is None or one.low is None or one.high is None:
        return parts + [_text(left + 8, y + 4, one.note, "empty", "start")]
    tip = tr.gettext("{label}: {value} (interval {low} to {high})").format(
        label=one.label, value=x_format(one.value), low=x_format(one.low), high=x_format(one.high)
    )
    return parts + [
        f'<line class="interval" x1="{_fmt(x_of(one.low))}" x2="{_fmt(x_of(one.high))}" y1="{_fmt(y)}" '
        f'y2="{_fmt(y)}" stroke="{COLOURS[0]}" stroke-width="3" stroke-linecap="round" '
        f'data-low="{one.low!r}" data-high="{one.high!r}"/>',
        f'<circle class="point" cx="{_fmt(x_of(one.value))}" cy="{_fmt(y)}" r="6" fill="{COLOURS[0]}" '
        f'data-label="{escape(one.label)}" data-value="{one.value!r}"><title>{escape(tip)}</title></circle>',
    ]
