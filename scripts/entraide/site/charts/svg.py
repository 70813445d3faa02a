"""The SVG document every chart shares: size, palette, style (light and dark), text and number formats."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from entraide.site.pages.escape import xml as escape

WIDTH, HEIGHT = 760, 380
CHAR_WIDTH = 6.8  # average width of a 12px tick character, to keep labels apart
MAX_BAR = 96  # a bar wider than this reads as a block, not a bar
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 70, 24, 62, 64
# Material for MkDocs palette: indigo (the default primary), then deep orange, teal, pink, light blue, amber.
COLOURS = ("#4051b5", "#ff6e42", "#009485", "#e92063", "#0093d9", "#f9a825", "#7e56c2", "#4cae4f")
STYLE = """
.bg{fill:#ffffff;stroke:#e0e0e0}
text{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;fill:#37474f}
.title{font-size:17px;font-weight:700;fill:#212121}
.axis-label{font-size:13px;font-weight:600}
.tick{font-size:12px}
.legend{font-size:12.5px}
.axis{stroke:#90a4ae;stroke-width:1}
.grid{stroke:#eceff1;stroke-width:1}
.edge{stroke:#90a4ae;stroke-opacity:.55}
.node{stroke:#ffffff;stroke-width:1}
.empty{font-size:14px;font-style:italic}
""".strip()
# The same chart for the dark scheme: written as a second file (`dark_variant`), which the page shows when
# the reader picks the dark theme (Material's #only-dark), whatever the system prefers.
DARK_STYLE = """
.bg{fill:#1e2129;stroke:#2e303e}
text{fill:#d5d8e2}
.title{fill:#ffffff}
.axis{stroke:#6b7280}
.grid{stroke:#2e3440}
.edge{stroke:#8a93a8}
.node{stroke:#1e2129}
[fill="#4051b5"]{fill:#7986cb}
[stroke="#4051b5"]{stroke:#7986cb}
""".strip()


def dark_variant(svg: str) -> str:
    """The dark-scheme twin of a chart made by `_document`: same shapes, dark palette."""
    return svg.replace(f"<style>{STYLE}</style>", f"<style>{STYLE}\n{DARK_STYLE}</style>", 1)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # None: no value shown (hidden small group or no data)


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, content: str, cls: str, anchor: str = "middle", extra: str = "") -> str:
    return f'<text x="{_fmt(x)}" y="{_fmt(y)}" class="{cls}" text-anchor="{anchor}"{extra}>{escape(content)}</text>'


def _document(title: str, desc: str, body: list[str], *, width: int = WIDTH, height: int = HEIGHT) -> str:
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title chart-desc">',
            f'<title id="chart-title">{escape(title)}</title>',
            f'<desc id="chart-desc">{escape(desc)}</desc>',
            f"<style>{STYLE}</style>",
            f'<rect class="bg" x="0.5" y="0.5" width="{width - 1}" height="{height - 1}" rx="8"/>',
            _text(width / 2, 30, title, "title"),
            *body,
            "</svg>",
            "",
        ]
    )


# --------------------------------------------------------------------------- axes


def nice_ceiling(value: float) -> float:
    """The round number (1, 2, 2.5 or 5 times a power of ten) at or just above `value`."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return float(next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value - 1e-12))


def divisions(top: float) -> int:
    """Grid steps that fall on round numbers: 4 for 1, 2 and 10 (0.25, 0.5, 2.5), 5 for 2.5 and 5 (0.5, 1)."""
    mantissa = round(top / 10 ** math.floor(math.log10(top)), 6) if top > 0 else 1
    return 5 if mantissa in (2.5, 5) else 4


def _shorten(label: str, room: int) -> str:
    """A tick label cut to the room it has; the full label stays in each value's tooltip."""
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"
