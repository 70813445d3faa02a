"""The monthly digest for mentors and maintainers: the KPIs that moved, waiting submissions, at-risk
counts (counts only: no name, even in the private space), waiting and recurring questions, the survey
comments of the month, and a link to « Ce qui aide ». Pure: every input is passed in; `bot.digest`
gathers them and files the text, once per month, in the private mentors' repository.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from entraide.content.models import Community, Frozen
from entraide.kpis.api import PublicReport

EFFECTS_PAGE = "kpi/ce-qui-aide/"


class Moved(Frozen):
    name: str
    before: float
    after: float
    share: bool = False  # shown as a percentage


class DigestInputs(Frozen):
    month: str  # "YYYY-MM", the month the digest is about
    moved: tuple[Moved, ...]
    waiting_submissions: int
    oldest_wait_days: int | None
    at_risk: int  # learners the risk report would list this week
    assessed: int  # learners of the running cohorts
    waiting_questions: int
    recurring_questions: int  # questions of the month already asked before in the same words
    comments: tuple[str, ...]
    effects_url: str | None


def month_before(month: str) -> str:
    first = dt.date.fromisoformat(f"{month}-01")
    return (first - dt.timedelta(days=1)).strftime("%Y-%m")


def moved_kpis(report: PublicReport, *, month: str, threshold: float) -> tuple[Moved, ...]:
    """Month-over-month figures of the public report that changed by at least `threshold` (relative)."""
    series = {
        "Satisfaction moyenne (sur 5)": {m.month: m.mean for m in report.satisfaction.months},
        "Satisfaits (4 ou 5) %": {m.month: m.csat for m in report.satisfaction.months},
        "Questions répondues en 24 h %": {m.month: m.within_24h_share for m in report.responsiveness.questions},
        "Délai médian de réponse (h)": {m.month: m.median_hours for m in report.responsiveness.questions},
        "Défis relus en 24 h %": {m.month: m.within_24h_share for m in report.responsiveness.submissions},
    }
    out = []
    for name, by_month in series.items():
        before, after = by_month.get(month_before(month)), by_month.get(month)
        numbers = isinstance(before, int | float) and isinstance(after, int | float) and before
        if numbers and abs(after - before) / abs(before) >= threshold:  # type: ignore[operator,arg-type]
            share = name.endswith(" %")
            values = {"before": float(before), "after": float(after)}  # type: ignore[arg-type]
            out.append(Moved(name=name.removesuffix(" %"), share=share, **values))
    return tuple(out)


def recurring(titles: list[str], *, earlier: tuple[str, ...] | list[str] = ()) -> int:
    """Questions of `titles` whose words (lower case, no punctuation) were asked before, earlier in
    `titles` or in `earlier`: a plain count (issue 12 builds the real grouping)."""
    seen = Counter(_words(t) for t in earlier if t)
    count = 0
    for title in (t for t in titles if t):
        count += 1 if seen[_words(title)] else 0
        seen[_words(title)] += 1
    return count


def _words(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.casefold()))


def effects_url(community: Community) -> str | None:
    site = community.rules.site_url
    return f"{site.rstrip('/')}/{EFFECTS_PAGE}" if site else None


def render(d: DigestInputs) -> str:
    lines = [f"# Bilan du mois {d.month} pour les mentors et mainteneurs", "", "## Indicateurs qui ont bougé", ""]
    lines += [f"- {m.name} : {_n(m.before, m.share)} → {_n(m.after, m.share)}" for m in d.moved] or [
        "- Aucun changement notable."
    ]
    oldest = f" (la plus ancienne attend depuis {d.oldest_wait_days} j)" if d.oldest_wait_days is not None else ""
    lines += [
        "",
        "## À faire",
        "",
        f"- Soumissions en attente de relecture : {d.waiting_submissions}{oldest}",
        f"- Apprenant·es à risque (liste courte du rapport privé) : {d.at_risk} sur {d.assessed}",
        f"- Questions sans réponse : {d.waiting_questions} ; questions du mois déjà posées avant : {d.recurring_questions}",
        "",
        "## Ce que disent les avis du mois",
        "",
    ]
    lines += [f"> {_quote(c)}" + "\n" for c in d.comments] or ["Aucun commentaire ce mois-ci."]
    if d.effects_url:
        lines += ["", f"Ce qui aide, mesuré : {d.effects_url}"]
    return "\n".join(lines).rstrip() + "\n"


def _n(value: float, share: bool) -> str:
    return f"{round(100 * value)} %" if share else f"{round(value, 1):g}".replace(".", ",")


def _quote(comment: str) -> str:
    return " ".join(comment.split())[:500].replace("@", "@\u200b")  # no one is pinged from the digest
