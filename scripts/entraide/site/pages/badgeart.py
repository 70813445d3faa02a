"""Badge images: one SVG per badge, drawn from its kind (shape, colour) and level (rings, stars).

Names reach the SVG through `escape.xml` only; the image carries an accessible <title> and role="img".
Same badge, same bytes.
"""

from __future__ import annotations

import math

from entraide.site.credentials.catalogue import Badge
from entraide.site.pages.escape import xml

# kind -> (fill, dark edge). Colours pass WCAG AA for white text at the sizes drawn.
COLOURS: dict[str, tuple[str, str]] = {
    "challenge": ("#1f5fa8", "#123a66"),
    "submissions": ("#2e7d32", "#1b4d1e"),
    "accepted_challenges": ("#1565c0", "#0d3c73"),
    "answers": ("#6a1b9a", "#3f105c"),
    "accepted_answers": ("#ad1457", "#670c34"),
    "reviews": ("#00695c", "#003d36"),
    "streak_weeks": ("#bf360c", "#7a2208"),
    "kudos_received": ("#c62828", "#7f1919"),
    "events_attended": ("#4527a0", "#2a1761"),
    "points": ("#37474f", "#1e272c"),
}
RING = ("#b0794a", "#a7b1b8", "#d4a017", "#7fb3c8", "#c9e6f0")  # by level: bronze, silver, gold, platinum, diamond
SIZE = 120


def svg(badge: Badge) -> str:
    """The badge's SVG image."""
    fill, edge = COLOURS.get(badge.kind, COLOURS["points"])
    ring = RING[min(badge.level, len(RING)) - 1]
    name = xml(badge.name)
    body = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}" '
        f'role="img" aria-labelledby="t-{badge.key} d-{badge.key}">',
        f'<title id="t-{badge.key}">{name}</title>',
        f'<desc id="d-{badge.key}">{xml(badge.description)}</desc>',
        _shape(badge.kind, ring=ring, fill=fill, edge=edge),
        _stars(badge.level),
        *_label(badge.name),
        "</svg>",
    ]
    return "\n".join(body) + "\n"


def _shape(kind: str, *, ring: str, fill: str, edge: str) -> str:
    """Challenge badges are hexagons, milestones circles (a shield for streaks): told apart without colour."""
    if kind == "challenge":
        outer, inner = _polygon(6, 58), _polygon(6, 50)
        return f'<polygon points="{outer}" fill="{ring}"/><polygon points="{inner}" fill="{fill}" stroke="{edge}"/>'
    if kind == "streak_weeks":
        path = "M60 4 L110 22 L104 78 L60 116 L16 78 L10 22 Z"
        small = "M60 13 L101 28 L96 75 L60 106 L24 75 L19 28 Z"
        return f'<path d="{path}" fill="{ring}"/><path d="{small}" fill="{fill}" stroke="{edge}"/>'
    return (
        f'<circle cx="60" cy="60" r="57" fill="{ring}"/><circle cx="60" cy="60" r="49" fill="{fill}" stroke="{edge}"/>'
    )


def _polygon(sides: int, radius: float) -> str:
    points = []
    for i in range(sides):
        angle = math.pi / 2 + 2 * math.pi * i / sides
        points.append(f"{60 + radius * math.cos(angle):.1f},{60 - radius * math.sin(angle):.1f}")
    return " ".join(points)


def _stars(level: int) -> str:
    """One small star per level, in a row above the name."""
    count = max(1, min(level, 5))
    start = 60 - (count - 1) * 7
    stars = [
        f'<text x="{start + i * 14}" y="38" font-size="13" text-anchor="middle" fill="#fff">★</text>'
        for i in range(count)
    ]
    return "".join(stars)


def _label(name: str) -> list[str]:
    """The name on at most three lines of about 12 characters, white on the badge's colour."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= 12:
            lines[-1] += " " + word
        else:
            lines.append(word)
    lines = lines[:3]
    top = 66 - (len(lines) - 1) * 7
    return [
        f'<text x="60" y="{top + i * 14}" font-family="sans-serif" font-size="12" font-weight="700" '
        f'text-anchor="middle" fill="#fff">{xml(line)}</text>'
        for i, line in enumerate(lines)
    ]
