"""Horizontal bars: one row per label, for people and other long labels written in full."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from entraide.site.charts.svg import COLOURS, WIDTH, _document, _fmt, _shorten, _text, divisions, nice_ceiling
from entraide.site.pages.escape import xml as escape


def hbar_chart(
    *,
    title: str,
    desc: str,
    x_label: str,
    y_label: str,
    labels: Sequence[str],
    values: Sequence[float],
    x_format: Callable[[float], str] = _fmt,
    threshold: float | None = None,
    empty: str = "",  # what an empty chart says, in the reader's language (the caller translates it)
) -> str:
    """One horizontal bar per label, names written in full on the left: for people and other long labels."""
    left, right, top, row = 190, WIDTH - 30, 80, 28
    height = top + max(len(labels), 1) * row + 66
    x_max = nice_ceiling(max([*values, threshold or 0], default=0))

    def x_of(value: float) -> float:
        return left + (right - left) * value / x_max

    bottom = top + max(len(labels), 1) * row
    body = [_text(left - 10, top - 14, y_label, "axis-label", "end")]
    steps = divisions(x_max)
    for k in range(steps + 1):
        x = x_of(x_max * k / steps)
        body.append(f'<line class="grid" x1="{_fmt(x)}" x2="{_fmt(x)}" y1="{top}" y2="{bottom}"/>')
        body.append(_text(x, bottom + 18, x_format(x_max * k / steps), "tick"))
    body += [
        f'<line class="axis" x1="{left}" x2="{left}" y1="{top}" y2="{bottom}"/>',
        f'<line class="axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}"/>',
        _text((left + right) / 2, height - 16, x_label, "axis-label"),
    ]
    if not labels:
        return _document(
            title, desc, body + [_text((left + right) / 2, (top + bottom) / 2, empty, "empty")], height=height
        )
    for i, (label, value) in enumerate(zip(labels, values)):
        y = top + i * row
        body.append(_text(left - 10, y + row / 2 + 4, _shorten(label, 26), "tick", "end"))
        body.append(
            f'<rect class="bar" x="{left}" y="{_fmt(y + 4)}" width="{_fmt(x_of(value) - left)}" '
            f'height="{row - 8}" rx="2" fill="{COLOURS[0]}" data-label="{escape(label)}" '
            f'data-value="{value!r}"><title>{escape(label)} : {escape(x_format(value))}</title></rect>'
        )
    if threshold is not None:
        x = x_of(threshold)
        body.append(
            f'<line x1="{_fmt(x)}" x2="{_fmt(x)}" y1="{top - 6}" y2="{bottom}" stroke="{COLOURS[3]}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        body.append(_text(x, top - 12, f"seuil : {x_format(threshold)}", "tick"))
    return _document(title, desc, body, height=height)
