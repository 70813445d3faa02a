"""Contest pages (concours/): an index, and one page per contest with its rules, dates, prizes, its own
leaderboard and, once closed, its winners. Only public members are named; a winner without a public
profile is shown as such, never by name."""

from __future__ import annotations

from entraide.content.animation_models import Contest
from entraide.content.i18n import Translator
from entraide.scoring.contests import ContestResult, ContestRow, result
from entraide.site.context import SiteContext
from entraide.site.pages.common import front_matter_page, live_awards, member_link, table
from entraide.site.pages.escape import text


def action_label(kind: str, *, tr: Translator) -> str:
    """A reason for points, inside a sentence (« réponse acceptée »)."""
    names = {
        "challenge": tr.pgettext("points for, in a list", "accepted challenge"),
        "review": tr.pgettext("points for, in a list", "review"),
        "comment": tr.pgettext("points for, in a list", "comment"),
        "answer": tr.pgettext("points for, in a list", "answer"),
        "accepted_answer": tr.pgettext("points for, in a list", "accepted answer"),
        "kudos": tr.pgettext("points for, in a list", "thanks received"),
        "first_contribution": tr.pgettext("points for, in a list", "first contribution"),
        "event_attendance": tr.pgettext("points for, in a list", "attending a workshop"),
        "feedback": tr.pgettext("points for, in a list", "feedback given"),
    }
    return names.get(kind, kind)


def phase_label(phase: str, *, tr: Translator) -> str:
    """Where a contest stands (« en cours »)."""
    names = {
        "upcoming": tr.pgettext("a contest's state", "upcoming"),
        "running": tr.pgettext("a contest's state", "running"),
        "validating": tr.pgettext("a contest's state", "over, results after the points' review window"),
        "closed": tr.pgettext("a contest's state", "over"),
    }
    return names[phase]


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
    tr = ctx.tr
    rows = [
        (
            f"[{text(r.contest.title)}]({r.contest.id}.md)",
            tr.gettext("from {start} to {end}").format(
                start=tr.long_date(r.contest.start), end=tr.long_date(r.contest.end)
            ),
            phase_label(r.phase, tr=tr),
        )
        for r in sorted(results, key=lambda r: (r.contest.start, r.contest.id), reverse=True)
    ]
    body = table([tr.gettext("Contest"), tr.gettext("Dates"), tr.gettext("State")], rows)
    intro = tr.gettext("Data as of {day}.").format(day=tr.long_date(ctx.as_of))
    return front_matter_page(tr.gettext("Contests"), f"{intro}\n\n{body}", fallback=tr.gettext("Contests"))


def _page(r: ContestResult, *, ctx: SiteContext) -> str:
    contest, tr = r.contest, ctx.tr
    dates = tr.gettext("From **{start}** to **{end}** — {state} (data as of {day}).").format(
        start=tr.long_date(contest.start),
        end=tr.long_date(contest.end),
        state=phase_label(r.phase, tr=tr),
        day=tr.long_date(ctx.as_of),
    )
    counted = ", ".join(action_label(a, tr=tr) for a in contest.counts)
    sections = [
        dates,
        text(contest.description) if contest.description else "",
        "## " + tr.gettext("Rules"),
        tr.gettext("Points earned during the contest count for: {actions}.").format(actions=counted),
        tr.gettext(
            "When points are tied, the person who reached their total first comes first; "
            "then the smaller GitHub account number."
        ),
        "## " + tr.gettext("Prizes"),
        _prizes(contest, tr=tr),
    ]
    if r.closed:
        sections += ["## " + tr.gettext("Winners"), _rows(r.winners, ctx=ctx, prizes=contest.prizes)]
    sections += ["## " + tr.gettext("Contest leaderboard"), _rows(r.rows, ctx=ctx, prizes=())]
    return front_matter_page(contest.title, "\n\n".join(s for s in sections if s), fallback=tr.gettext("Contests"))


def _prizes(contest: Contest, *, tr: Translator) -> str:
    if not contest.prizes:
        return "*" + tr.gettext("No prize announced.") + "*"
    return "\n".join(f"{rank}. {text(prize)}" for rank, prize in enumerate(contest.prizes, start=1))


def _rows(rows: tuple[ContestRow, ...], *, ctx: SiteContext, prizes: tuple[str, ...]) -> str:
    tr = ctx.tr
    if not rows:
        return "*" + tr.gettext("No points in this contest yet.") + "*"
    public = ctx.community.public_members()
    headers = [tr.gettext("Rank"), tr.gettext("Name"), tr.gettext("Points")] + ([tr.gettext("Prize")] if prizes else [])
    lines = []
    for row in rows:
        member = public.get(row.member_id)
        if member is None and not prizes:
            continue  # the board lists public members only
        who = member_link(member, base="../") if member else "*" + tr.gettext("a person with a private profile") + "*"
        prize = [text(prizes[row.rank - 1]) if row.rank <= len(prizes) else "—"] if prizes else []
        lines.append((row.rank, who, row.points, *prize))
    return table(headers, lines, align="rlr" + ("l" if prizes else ""))
