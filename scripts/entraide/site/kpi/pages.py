"""The KPI pages ("Indicateurs"): one page per KPI with its definition, its chart and the same numbers in a
table; api/kpis.json for other tools; and the `entraide kpis` command.

Every number shown comes from `entraide.kpis.public.public_report`, where small groups become "<5", so
the pages, the charts and the JSON agree. Member names appear only for members who consented.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from entraide.content.i18n import Translator
from entraide.content.models import Community
from entraide.kpis import KpiReport, compute_all
from entraide.kpis.public import PublicReport, public_report
from entraide.site.charts.svg import dark_variant
from entraide.site.context import SiteContext
from entraide.site.kpi.effects import effects
from entraide.site.kpi.format import DARK_SUFFIX
from entraide.site.kpi.mentors import mentors
from entraide.site.kpi.sections import engagement, participation, retention, success
from entraide.site.kpi.support import connections, responsiveness, satisfaction
from entraide.site.pages.common import front_matter_page, table

# --------------------------------------------------------------------------- pages

# The KPI page's sections, in the order they appear.
SECTIONS = (engagement, participation, retention, success, satisfaction, responsiveness, connections, mentors, effects)


def pages(ctx: SiteContext) -> dict[str, str]:
    """The page source registered in `entraide.site.build.page_sources`."""
    report = compute_all(ctx.community, ctx.events, as_of=ctx.as_of, ledger=ctx.ledger)
    return render(report, ctx.community, tr=ctx.tr)


def render(report: KpiReport, community: Community, *, tr: Translator) -> dict[str, str]:
    public = public_report(report)
    out: dict[str, str] = {"api/kpis.json": public.as_json()}
    summaries = []
    for section in SECTIONS:
        result = section(report, public, community, tr)
        for name, svg in result.charts.items():
            out[f"kpi/{name}.svg"] = svg
            out[f"kpi/{name}{DARK_SUFFIX}.svg"] = dark_variant(svg)
        out[f"kpi/{result.slug}.md"] = front_matter_page(result.title, result.body, fallback=result.slug)
        summaries.append((f"[{result.title}]({result.slug}.md)", result.headline))
    out["kpi/index.md"] = _index(public, summaries, tr=tr)
    return out


def _index(public: PublicReport, summaries: list[tuple[str, str]], *, tr: Translator) -> str:
    intro = tr.gettext(
        "The community's health in figures, as of {day}. Each page gives the indicator's definition, its chart "
        "and the same numbers in a table. Groups of fewer than {n} people are shown as “<{n}”."
    )
    json = tr.gettext("The same indicators, aggregated and anonymous, are published as JSON: {link}.")
    body = (
        intro.format(day=tr.long_date(dt.date.fromisoformat(public.as_of)), n=public.min_group_size)
        + "\n\n"
        + table([tr.gettext("Indicator"), tr.gettext("In short")], summaries)
        + "\n\n"
        + json.format(link="[api/kpis.json](../api/kpis.json)")
        + "\n"
    )
    title = tr.gettext("Indicators")
    return front_matter_page(title, body, fallback=title)


# --------------------------------------------------------------------------- the command


def bench_stage(root: str) -> None:
    """A `make bench` stage: load, score, compute every KPI and render its pages. Its time beyond the
    "load + score" stage is what the KPIs cost."""
    from entraide import scoring
    from entraide.content import loader as content
    from entraide.content.i18n import translator
    from entraide.events import store as events
    from entraide.events.dates import as_of_date

    community = content.load_community(Path(root))
    history = tuple(events.load(Path(root) / "data"))
    as_of = as_of_date(community, history, None)
    report = compute_all(community, history, as_of=as_of, ledger=scoring.score(community, history, as_of=as_of))
    render(report, community, tr=translator(community.rules.language))
