"""What every KPI section shares: the Section it returns, French number and date formats, tables and figures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from entraide.kpis.public import Value
from entraide.site.pages.common import table

CHAOSS = "https://chaoss.community/kb/metric-{}/"


NETWORK_LIMIT = 300  # nodes drawn in the network picture: the layout is quadratic


DASH = "—"


FOLD_ROWS = 15


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    body: str
    headline: str
    charts: dict[str, str] = field(default_factory=dict)


def pct(value: Value) -> str:
    if value is None or isinstance(value, str):
        return value or DASH
    return f"{value * 100:.0f}\u00a0%"


def num(value: Value, digits: int = 1) -> str:
    if value is None or isinstance(value, str):
        return value if value is not None else DASH
    return f"{value:.{digits}f}".replace(".", ",") if isinstance(value, float) else str(value)


def hours(value: Value) -> str:
    return DASH if value is None else value if isinstance(value, str) else f"{num(float(value))}\u00a0h"


def day(iso: str) -> str:
    year, month, date = iso.split("-")
    return f"{date}/{month}/{year}"


def plotted(value: Value) -> float | None:
    """The value a chart draws: hidden ("<5") and missing values leave a gap."""
    return None if value is None or isinstance(value, str) else float(value)


def pct_axis(value: float) -> str:
    return f"{value * 100:.0f} %"


def num_axis(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def chaoss(name: str, slug: str) -> str:
    return f"[{name}]({CHAOSS.format(slug)})"


DARK_SUFFIX = "-sombre"  # the chart's dark-scheme twin (entraide.site.charts.svg.dark_variant)
SCROLL_CUE = "↔ Faites glisser le graphique pour le voir en entier."


def figure(name: str, alt: str) -> str:
    """A chart in its light and dark versions (the theme shows the one of the reader's scheme). On a phone
    it keeps a readable size and scrolls sideways, with a visible cue saying so."""
    return (
        f'<div class="entraide-chart" data-entraide-scroll-cue markdown>\n\n'
        f'<p class="entraide-cue">{SCROLL_CUE}</p>\n\n'
        f"![{alt}]({name}.svg#only-light){{ loading=lazy }}\n"
        f"![{alt}]({name}{DARK_SUFFIX}.svg#only-dark){{ loading=lazy }}\n\n</div>"
    )


def data_table(headers: Sequence[str], rows: Sequence[Sequence[object]], *, align: str | None = None) -> str:
    """The numbers behind a chart; a long table folds away (still in the page, for search and readers)."""
    rows = list(rows)
    markdown = table(headers, rows, align=align)
    if len(rows) <= FOLD_ROWS:
        return markdown
    return f'<details markdown="1">\n<summary>Tableau des {len(rows)} valeurs</summary>\n\n{markdown}\n\n</details>'


def hidden_notes(values: Iterable[Value]) -> list[str | None]:
    """What a bar chart writes where a value is hidden: the "<5" itself."""
    return [value if isinstance(value, str) else None for value in values]


def definition(textual: str, source: str) -> str:
    return f'!!! info "Définition"\n\n    {textual}\n\n    {source}\n'
