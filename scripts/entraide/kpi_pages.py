"""The "Indicateurs" pages: one page per KPI with its definition, its chart and the same numbers in a
table; api/kpis.json for other tools; and the `entraide kpis` command.

Every number shown comes from `entraide.kpis.public.public_report`, where small groups become "<5", so
the pages, the charts and the JSON agree. Member names appear only for members who consented.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from entraide.cli import iso_date
from entraide.kpi_sections import DASH, SECTIONS, hours, pct
from entraide.kpis import KpiReport, compute_all
from entraide.kpis.public import public_report
from entraide.pages.common import front_matter_page, table

# --------------------------------------------------------------------------- pages


def pages(ctx) -> dict[str, str]:
    """The page source registered in `entraide.site.PAGE_SOURCES`."""
    report = compute_all(ctx.community, ctx.events, as_of=ctx.as_of, ledger=ctx.ledger)
    return render(report, ctx.community)


def render(report: KpiReport, community) -> dict[str, str]:
    public = public_report(report)
    out: dict[str, str] = {"api/kpis.json": json.dumps(public, ensure_ascii=False, indent=2, sort_keys=True) + "\n"}
    summaries = []
    for section in SECTIONS:
        result = section(report, public, community)
        for name, svg in result.charts.items():
            out[f"kpi/{name}.svg"] = svg
        out[f"kpi/{result.slug}.md"] = front_matter_page(result.title, result.body, fallback=result.slug)
        summaries.append((f"[{result.title}]({result.slug}.md)", result.headline))
    out["kpi/index.md"] = _index(public, summaries)
    return out


def _index(public: dict, summaries: list[tuple[str, str]]) -> str:
    body = (
        f"La santé de la communauté en chiffres, au {public['as_of']}. Chaque page donne la définition de "
        f"l'indicateur, son graphique et les mêmes nombres dans un tableau. Les groupes de moins de "
        f"{public['min_group_size']} personnes sont affichés « <{public['min_group_size']} ».\n\n"
        + table(["Indicateur", "En bref"], summaries)
        + "\n\nLes mêmes indicateurs, agrégés et anonymes, sont publiés en JSON : "
          "[api/kpis.json](../api/kpis.json).\n"
    )
    return front_matter_page("Indicateurs", body, fallback="Indicateurs")


# --------------------------------------------------------------------------- the command


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "kpis", help="print the community's KPIs",
        description="Compute every KPI from content and events, as they stood at the end of --as-of.")
    parser.add_argument("--as-of", type=iso_date, metavar="DATE",
                        help="day to compute at (YYYY-MM-DD); default: the day of the latest event")
    parser.add_argument("--json", action="store_true", help="print the privacy-safe JSON of api/kpis.json")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from entraide import content, events, scoring
    from entraide.site import as_of_date

    community = content.load_community(Path(args.root))
    history = tuple(events.load(Path(args.root) / "data"))
    as_of = args.as_of or as_of_date(community, history, None)
    ledger = scoring.score(community, history, as_of=as_of)
    public = public_report(compute_all(community, history, as_of=as_of, ledger=ledger))
    if args.json:
        json.dump(public, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
        print()
    else:
        print(summary_text(public))
    return 0


def summary_text(public: dict) -> str:
    weeks = public["participation"]["weeks"]
    last = weeks[-1] if weeks else {}
    r = public["responsiveness"]
    lines = [
        f"KPIs as of {public['as_of']}",
        f"  active members (last week):   {last.get('active', DASH)} of {last.get('registered', DASH)}",
        f"  engagement trend:             {pct(public['engagement']['trend'])}",
        f"  learners connected to a peer: {pct(public['connections']['connected_share'])}",
        f"  satisfaction (CSAT):          {pct(public['satisfaction']['total']['csat'])}",
        f"  questions, median 1st reply:  {hours(r['questions_total']['median_hours'])}",
        f"  submissions waiting:          {public['mentors']['waiting']}",
        f"  median review wait:           {hours(public['mentors']['median_wait_hours'])}",
    ]
    lines += [f"  cohort {c['id']}: success {pct(c['success_rate'])}, dropout {pct(c['dropout_share'])}"
              for c in public["cohorts"]]
    return "\n".join(lines)


def bench_stage(root: str) -> None:
    """A `make bench` stage: load, score, compute every KPI and render its pages. Its time beyond the
    "load + score" stage is what the KPIs cost."""
    from entraide import content, events, scoring
    from entraide.site import as_of_date

    community = content.load_community(Path(root))
    history = tuple(events.load(Path(root) / "data"))
    as_of = as_of_date(community, history, None)
    report = compute_all(community, history, as_of=as_of, ledger=scoring.score(community, history, as_of=as_of))
    render(report, community)
