"""Contest pages (concours/): an index, and one page per contest with its rules, dates, prizes, its own
leaderboard and, once closed, its winners. Only public members are named; a winner without a public
profile is shown as such, never by name."""

from __future__ import annotations

from entraide.content.animation_models import Contest
from entraide.scoring.contests import TIE_BREAK, ContestResult, ContestRow, result
from entraide.site.context import SiteContext
from entraide.site.links import long_date
from entraide.site.pages.common import front_matter_page, live_awards, member_link, table
from entraide.site.pages.escape import text

ACTIONS = {
    "challenge": "défi accepté",
    "review": "relecture",
    "comment": "commentaire",
    "answer": "réponse",
    "accepted_answer": "réponse acceptée",
    "kudos": "remerciement reçu",
    "first_contribution": "première contribution",
    "event_attendance": "présence à un atelier",
    "feedback": "avis donné",
}
PRIVATE = "*une personne au profil privé*"
PHASES = {
    "upcoming": "à venir",
    "running": "en cours",
    "validating": "terminé, résultats après la période de validation des points",
    "closed": "terminé",
}


def pages(ctx: SiteContext) -> dict[str, str]:
    contests = ctx.animation.contests.contests
    if not contests:
        return {}
    awards = live_awards(ctx.ledger)
    window = ctx.community.rules.acceptance.review_window_days
    results = [
        result(contest, awards, members=ctx.community.members, as_of=ctx.as_of, review_window_days=window)
        for contest in contests
    ]
    out = {f"concours/{r.contest.id}.md": _page(r, ctx=ctx) for r in results}
    out["concours/index.md"] = _index(results, ctx=ctx)
    return out


def _index(results: list[ContestResult], *, ctx: SiteContext) -> str:
    language = ctx.community.rules.language
    rows = [
        (
            f"[{text(r.contest.title)}]({r.contest.id}.md)",
            f"du {long_date(r.contest.start, language)} au {long_date(r.contest.end, language)}",
            PHASES[r.phase],
        )
        for r in sorted(results, key=lambda r: (r.contest.start, r.contest.id), reverse=True)
    ]
    body = table(["Concours", "Dates", "État"], rows)
    return front_matter_page("Concours", f"Données au {long_date(ctx.as_of, language)}.\n\n{body}", fallback="Concours")


def _page(r: ContestResult, *, ctx: SiteContext) -> str:
    contest, language = r.contest, ctx.community.rules.language
    sections = [
        f"Du **{long_date(contest.start, language)}** au **{long_date(contest.end, language)}**"
        f" — {PHASES[r.phase]} (données au {long_date(ctx.as_of, language)}).",
        text(contest.description) if contest.description else "",
        "## Règles",
        "Comptent les points gagnés pendant le concours pour : " + ", ".join(ACTIONS[a] for a in contest.counts) + ".",
        TIE_BREAK,
        "## Prix",
        _prizes(contest),
    ]
    if r.closed:
        sections += ["## Gagnant·es", _rows(r.winners, ctx=ctx, prizes=contest.prizes)]
    sections += ["## Classement du concours", _rows(r.rows, ctx=ctx, prizes=())]
    return front_matter_page(contest.title, "\n\n".join(s for s in sections if s), fallback="Concours")


def _prizes(contest: Contest) -> str:
    if not contest.prizes:
        return "*Pas de prix annoncé.*"
    return "\n".join(f"{rank}. {text(prize)}" for rank, prize in enumerate(contest.prizes, start=1))


def _rows(rows: tuple[ContestRow, ...], *, ctx: SiteContext, prizes: tuple[str, ...]) -> str:
    if not rows:
        return "*Pas encore de points dans ce concours.*"
    public = ctx.community.public_members()
    headers = ["Rang", "Nom", "Points"] + (["Prix"] if prizes else [])
    lines = []
    for row in rows:
        member = public.get(row.member_id)
        if member is None and not prizes:
            continue  # the board lists public members only
        who = member_link(member, base="../") if member else PRIVATE
        prize = [text(prizes[row.rank - 1]) if row.rank <= len(prizes) else "—"] if prizes else []
        lines.append((row.rank, who, row.points, *prize))
    return table(headers, lines, align="rlr" + ("l" if prizes else ""))
