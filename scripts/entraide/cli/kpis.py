"""entraide kpis: compute the KPIs and print or write them."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from entraide.cli.flags import iso_date
from entraide.content.i18n import Translator, translator
from entraide.content.models import Community
from entraide.events.model import Event
from entraide.kpis import compute_all
from entraide.kpis.public import PublicReport, public_report
from entraide.site.kpi.format import DASH, hours, pct


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "kpis",
        help="print the community's KPIs",
        description="Compute every KPI from content and events, as they stood at the end of --as-of.",
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="day to compute at (YYYY-MM-DD); default: the day of the latest event",
    )
    parser.add_argument("--json", action="store_true", help="print the privacy-safe JSON of api/kpis.json")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from entraide import scoring
    from entraide.events.dates import as_of_date
    from entraide.events.progress import Steps
    from entraide.events.sidebyside import load_with_community

    shown = Steps("entraide kpis", 3)
    shown.start("content and events")
    community, history = load_with_community(Path(args.root), not_after=dt.datetime.now(dt.UTC))
    as_of = args.as_of or as_of_date(community, history, None)
    shown.start("scoring")
    ledger = scoring.score(community, history, as_of=as_of)
    shown.start("KPIs")
    public = public_report(compute_all(community, history, as_of=as_of, ledger=ledger))
    shown.close()
    if args.json:
        sys.stdout.write(public.as_json())
    else:
        print(summary_text(public, tr=translator("en")) + _prompts_line(Path(args.root), community, history))
    return 0


def _prompts_line(root: Path, community: Community, history: tuple[Event, ...]) -> str:
    """Participation in the weekly prompts (animation/prompts.yml), when the community has some."""
    from entraide.content.animation import load_animation
    from entraide.kpis.prompts import participation

    prompts = load_animation(root, community).prompts
    if not prompts.prompts:
        return ""
    kpi = participation(prompts, history, community.members)
    answers = sum(p.answers for p in kpi.prompts)
    return (
        f"\n  weekly prompts:               {len(kpi.prompts)} opened, {answers} answers, "
        f"{kpi.learners_answering} of {kpi.learners} learners took part"
    )


def summary_text(public: PublicReport, *, tr: Translator) -> str:
    """The maintainers' summary (English labels, so English numbers)."""
    weeks = public.participation.weeks
    last = weeks[-1] if weeks else None
    r = public.responsiveness
    lines = [
        f"KPIs as of {public.as_of}",
        f"  active members (last week):   {last.active if last else DASH} of {last.registered if last else DASH}",
        f"  engagement trend:             {pct(tr, public.engagement.trend)}",
        f"  learners connected to a peer: {pct(tr, public.connections.connected_share)}",
        f"  satisfaction (CSAT):          {pct(tr, public.satisfaction.total.csat)}",
        f"  questions, median 1st reply:  {hours(tr, r.questions_total.median_hours)}",
        f"  submissions waiting:          {public.mentors.waiting}",
        f"  median review wait:           {hours(tr, public.mentors.median_wait_hours)}",
    ]
    lines += [
        f"  cohort {c.id}: success {pct(tr, c.success_rate)}, dropout {pct(tr, c.dropout_share)}"
        for c in public.cohorts
    ]
    return "\n".join(lines)
