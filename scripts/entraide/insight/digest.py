"""The monthly digest for mentors and maintainers: the KPIs that moved, waiting submissions, at-risk
counts (counts only: no name, even in the private space), waiting and recurring questions, the survey
comments of the month, and a link to « Ce qui aide ». Pure: every input is passed in; `bot.digest`
gathers them and files the text, once per month, in the private mentors' repository.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from entraide.content.i18n import Translator, translator
from entraide.content.models import Community, Frozen
from entraide.kpis.api import PublicReport

EFFECTS_PAGE = "kpi/ce-qui-aide/"


class Moved(Frozen):
    name: str  # satisfaction, satisfied, answered_24h, median_hours or reviewed_24h (worded by `kpi_name`)
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
    language: str = "fr"  # the mentors' language (the community's)


def month_before(month: str) -> str:
    first = dt.date.fromisoformat(f"{month}-01")
    return (first - dt.timedelta(days=1)).strftime("%Y-%m")


def moved_kpis(report: PublicReport, *, month: str, threshold: float) -> tuple[Moved, ...]:
    """Month-over-month figures of the public report that changed by at least `threshold` (relative)."""
    series = {
        "satisfaction": {m.month: m.mean for m in report.satisfaction.months},
        "satisfied %": {m.month: m.csat for m in report.satisfaction.months},
        "answered_24h %": {m.month: m.within_24h_share for m in report.responsiveness.questions},
        "median_hours": {m.month: m.median_hours for m in report.responsiveness.questions},
        "reviewed_24h %": {m.month: m.within_24h_share for m in report.responsiveness.submissions},
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


def kpi_name(name: str, *, tr: Translator) -> str:
    names = {
        "satisfaction": tr.gettext("Mean satisfaction (out of 5)"),
        "satisfied": tr.gettext("Satisfied (4 or 5)"),
        "answered_24h": tr.gettext("Questions answered within 24 h"),
        "median_hours": tr.gettext("Median time to answer (h)"),
        "reviewed_24h": tr.gettext("Challenges reviewed within 24 h"),
    }
    return names.get(name, name)


def render(d: DigestInputs) -> str:
    tr = translator(d.language)
    title = tr.gettext("Digest of the month {month} for mentors and maintainers").format(month=d.month)
    lines = [f"# {title}", "", "## " + tr.gettext("Figures that moved"), ""]
    pair = tr.gettext("{label}: {value}")
    lines += [
        "- "
        + pair.format(label=kpi_name(m.name, tr=tr), value=f"{_n(m.before, m.share, tr)} → {_n(m.after, m.share, tr)}")
        for m in d.moved
    ] or ["- " + tr.gettext("No notable change.")]
    oldest = ""
    if d.oldest_wait_days is not None:
        oldest = " " + tr.gettext("(the oldest has waited {days} d)").format(days=d.oldest_wait_days)
    lines += [
        "",
        "## " + tr.gettext("To do"),
        "",
        "- " + tr.gettext("Submissions waiting for a review: {n}").format(n=d.waiting_submissions) + oldest,
        "- "
        + tr.gettext("Learners at risk (short list of the private report): {n} of {total}").format(
            n=d.at_risk, total=d.assessed
        ),
        "- "
        + tr.gettext("Unanswered questions: {n}; questions of the month already asked before: {recurring}").format(
            n=d.waiting_questions, recurring=d.recurring_questions
        ),
        "",
        "## " + tr.gettext("What this month's feedback says"),
        "",
    ]
    lines += [f"> {_quote(c)}" + "\n" for c in d.comments] or [tr.gettext("No comment this month.")]
    if d.effects_url:
        lines += ["", tr.gettext("What helps, measured: {url}").format(url=d.effects_url)]
    return "\n".join(lines).rstrip() + "\n"


def _n(value: float, share: bool, tr: Translator) -> str:
    return f"{round(100 * value)} %" if share else tr.number(round(value, 1), digits=1)


def _quote(comment: str) -> str:
    return " ".join(comment.split())[:500].replace("@", "@\u200b")  # no one is pinged from the digest
