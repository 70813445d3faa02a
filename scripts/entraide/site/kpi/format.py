"""What every KPI section shares: the Section it returns, numbers and dates in the reader's language, tables and
figures."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from entraide.content.i18n import Translator
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


def pct(tr: Translator, value: Value) -> str:
    """« 40 % », "40%"; a hidden value ("<5") as it is, a missing one as a dash."""
    if value is None or isinstance(value, str):
        return value or DASH
    return tr.percent(value)


def num(tr: Translator, value: Value, digits: int = 1) -> str:
    """« 1,5 », "1.5": a float with `digits` decimals, an integer as it is."""
    if value is None or isinstance(value, str):
        return value if value is not None else DASH
    return tr.decimal(value, digits=digits) if isinstance(value, float) else tr.number(value)


def hours(tr: Translator, value: Value) -> str:
    if value is None or isinstance(value, str):
        return DASH if value is None else value
    return tr.gettext("{hours}\u00a0h").format(hours=num(tr, float(value)))


def day(iso: str) -> str:
    year, month, date = iso.split("-")
    return f"{date}/{month}/{year}"


def plotted(value: Value) -> float | None:
    """The value a chart draws: hidden ("<5") and missing values leave a gap."""
    return None if value is None or isinstance(value, str) else float(value)


def pct_axis(tr: Translator) -> Callable[[float], str]:
    """A chart axis' percentages: « 40 % »."""
    return tr.percent


def num_axis(tr: Translator) -> Callable[[float], str]:
    """A chart axis' numbers: « 0,25 », "0.25" (two decimals at most)."""
    return lambda value: tr.number(value, digits=2)


def chaoss(name: str, slug: str) -> str:
    """A CHAOSS metric (its English name: the project's own)."""
    return f"[{name}]({CHAOSS.format(slug)})"


def see_chaoss(tr: Translator, *metrics: str) -> str:
    """« Voir CHAOSS : [Contributors](…), [Inactive Contributors](…). »"""
    return tr.gettext("See CHAOSS: {metrics}.").format(metrics=", ".join(metrics))


DARK_SUFFIX = "-sombre"  # the chart's dark-scheme twin (entraide.site.charts.svg.dark_variant)


def figure(tr: Translator, name: str, alt: str) -> str:
    """A chart in its light and dark versions (the theme shows the one of the reader's scheme). On a phone
    it keeps a readable size and scrolls sideways, with a visible cue saying so."""
    cue = tr.gettext("↔ Slide the chart sideways to see all of it.")
    return (
        f'<div class="entraide-chart" data-entraide-scroll-cue markdown>\n\n'
        f'<p class="entraide-cue">{cue}</p>\n\n'
        f"![{alt}]({name}.svg#only-light){{ loading=lazy }}\n"
        f"![{alt}]({name}{DARK_SUFFIX}.svg#only-dark){{ loading=lazy }}\n\n</div>"
    )


def data_table(
    tr: Translator, headers: Sequence[str], rows: Sequence[Sequence[object]], *, align: str | None = None
) -> str:
    """The numbers behind a chart; a long table folds away (still in the page, for search and readers)."""
    rows = list(rows)
    markdown = table(headers, rows, align=align)
    if len(rows) <= FOLD_ROWS:
        return markdown
    summary = tr.ngettext("Table of {n} value", "Table of {n} values", len(rows)).format(n=tr.number(len(rows)))
    return f'<details markdown="1">\n<summary>{summary}</summary>\n\n{markdown}\n\n</details>'


def hidden_notes(values: Iterable[Value]) -> list[str | None]:
    """What a bar chart writes where a value is hidden: the "<5" itself."""
    return [value if isinstance(value, str) else None for value in values]


def definition(tr: Translator, textual: str, source: str) -> str:
    return f'!!! info "{tr.gettext("Definition")}"\n\n    {textual}\n\n    {source}\n'
