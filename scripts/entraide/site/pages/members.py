"""Member pages: an index of the people who opted in and one profile each (membres/<login>.md).

Profiles stay out of the navigation (mkdocs.yml `not_in_nav`): MkDocs renders the whole navigation
into every page, so thousands of profiles in it would make the build quadratic.
"""

from __future__ import annotations

from collections.abc import Iterator

from entraide.content.alumni import is_alumnus
from entraide.content.i18n import Translator
from entraide.content.models import Member, Role
from entraide.events.model import Event
from entraide.insight import nextsteps
from entraide.scoring.kudos import wall_of_thanks
from entraide.scoring.model import Award, Reason, Standing
from entraide.site.context import SiteContext
from entraide.site.credentials.catalogue import catalogue
from entraide.site.credentials.records import Record, records, site_base
from entraide.site.pages import ledger
from entraide.site.pages.common import front_matter_page, live_awards, member_link, standings_by_id, table
from entraide.site.pages.escape import text
from entraide.site.pages.labels import reason_label, role_label
from entraide.site.pages.members_index import members_index_pages
from entraide.site.pages.shop import spent_section
from entraide.site.pages.showcase import (
    challenge_states,
    earned_section,
    next_section,
    pending_by_member,
    progress_section,
)

RECENT_ACTIVITY = 10
WALL_SIZE = 20


def member_pages(ctx: SiteContext, *, public: dict[int, Member]) -> Iterator[tuple[str, str]]:
    """(path, page) of every public member's profile, one at a time, then of the index."""
    standings = standings_by_id(ctx.ledger)
    awards: dict[int, list[Award]] = {}
    for award in live_awards(ctx.ledger):
        if award.member_id in public:
            awards.setdefault(award.member_id, []).append(award)
    events_by_id = ledger.events_behind(awards.values(), ctx.events)
    # Computed once per build: every profile's "next steps" reads the paths of the whole community.
    pool = nextsteps.resources(ctx.docs)
    seen_all = nextsteps.transitions(s.accepted for s in ctx.ledger.standings)
    held: dict[int, dict[str, Record]] = {}
    for record in records(ctx.ledger, public=public, badges=catalogue(ctx.community)):
        held.setdefault(record.member.id, {})[record.badge.key] = record
    pending = pending_by_member(ctx.events)
    for m in public.values():
        standing = standings.get(m.id)
        steps = (
            nextsteps.profile_section(
                m,
                accepted=standing.accepted if standing else (),
                community=ctx.community,
                as_of=ctx.as_of,
                pool=pool,
                seen_all=seen_all,
                tr=ctx.tr,
            )
            if m.role is Role.learner
            else ""
        )
        yield (
            f"membres/{m.login}.md",
            render_profile(
                m,
                ctx=ctx,
                standing=standing,
                awards=awards.get(m.id, []),
                events_by_id=events_by_id,
                public=public,
                next_steps=steps,
                held=held.get(m.id, {}),
                pending=pending.get(m.id, set()),
            ),
        )
    yield from members_index_pages(ctx, public=public, standings=standings).items()


def _names(ctx: SiteContext) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    rules, community = ctx.community.rules, ctx.community
    return (
        {t.id: t.name for t in rules.tracks},
        {c.id: c.name for c in rules.cohorts},
        {c.slug: c.title for c in community.challenges},
    )


def render_profile(
    member: Member,
    *,
    ctx: SiteContext,
    standing: Standing | None,
    awards: list[Award],
    events_by_id: dict[str, Event],
    public: dict[int, Member],
    next_steps: str = "",
    held: dict[str, Record] | None = None,
    pending: set[str] | None = None,
) -> str:
    tr = ctx.tr
    sections = [_facts(member, ctx=ctx, standing=standing, tr=tr)]
    if member.bio:
        sections.append(f"> {text(member.bio)}")
    if standing and member.role is Role.learner:
        states = challenge_states(
            standing, challenges=ctx.community.challenges, pending=pending or set(), as_of=ctx.as_of
        )
        sections.append(progress_section(member, standing, community=ctx.community, tr=tr, states=states))
    sections += [
        f"## {tr.gettext('Badges')}",
        _badges(member, standing, ctx=ctx, held=held or {}, tr=tr),
        f"## {tr.gettext('Completed challenges')}",
        _completed(awards, ctx=ctx, tr=tr),
        f"## {tr.gettext('Wall of thanks')}",
        _wall(member, awards=awards, events_by_id=events_by_id, public=public, tr=tr),
        f"## {tr.gettext('Recent activity')}",
        _activity(awards, ctx=ctx, tr=tr),
        f"## {tr.gettext('Points history')}",
        _history(awards, ctx=ctx, events_by_id=events_by_id, tr=tr),
    ]
    spent = spent_section(member.id, ctx=ctx)  # rewards bought: the spendable balance's debits
    sections += [spent] if spent else []
    if next_steps:
        sections.append(next_steps)
    return front_matter_page(member.display_name, "\n\n".join(sections), fallback=member.login)


def _facts(member: Member, *, ctx: SiteContext, standing: Standing | None, tr: Translator) -> str:
    tracks, cohorts, _ = _names(ctx)
    facts = [(tr.gettext("Role"), role_label(member.role.value, tr=tr))]
    if member.track:
        facts.append((tr.gettext("Track"), text(tracks.get(member.track, member.track))))
    if member.cohort:
        former = f" ({tr.gettext('alumna or alumnus')})" if is_alumnus(member, ctx.community, today=ctx.as_of) else ""
        facts.append((tr.gettext("Cohort"), text(cohorts.get(member.cohort, member.cohort)) + former))
    if member.volunteer:
        offers = {"buddy": tr.gettext("buddy"), "mentor": tr.gettext("mentor")}
        facts.append((tr.gettext("Volunteers as"), ", ".join(offers[v] for v in member.volunteer)))
    if standing:
        facts += [
            (tr.gettext("Level"), text(standing.level)),
            (tr.gettext("Points"), _points(standing, tr=tr)),
            (tr.gettext("Current streak (weeks)"), str(standing.streak_weeks)),
        ]
    return "\n".join(
        "- " + tr.gettext("{label}: {value}").format(label=f"**{label}**", value=value) for label, value in facts
    )


def _badges(
    member: Member, standing: Standing | None, *, ctx: SiteContext, held: dict[str, Record], tr: Translator
) -> str:
    """Earned badges in colour with their share links, then the next ones, greyed, with what is missing."""
    signed = ctx.signing_key is not None
    base = site_base(ctx.community.rules)
    earned = earned_section(standing, community=ctx.community, tr=tr, held=held, base=base, signed=signed)
    coming = next_section(member, standing, community=ctx.community, tr=tr) if member.role is Role.learner else ""
    return "\n\n".join(part for part in (earned or f"*{tr.gettext('None yet.')}*", coming) if part)


def _points(standing: Standing, *, tr: Translator) -> str:
    pending = (
        f" ({tr.gettext('of which {points} awaiting validation').format(points=tr.number(standing.pending_points))})"
        if standing.pending_points
        else ""
    )
    return f"{standing.points}{pending}"


def _history(awards: list[Award], *, ctx: SiteContext, events_by_id: dict[str, Event], tr: Translator) -> str:
    """Every award standing, newest first, with the GitHub item behind it: the open ledger (`site.pages.ledger`)."""
    if not awards:
        return f"*{tr.gettext('None yet.')}*"
    _, _, titles = _names(ctx)
    rows = []
    for award in sorted(awards, key=lambda a: (a.at, a.reason), reverse=True):
        where = ledger.link(award, ctx=ctx, events=events_by_id)
        day = f"[{award.at.date().isoformat()}]({where})" if where else award.at.date().isoformat()
        points = (
            f"{award.points} ({tr.gettext('awaiting validation')})"
            if ledger.pending(award, ctx=ctx)
            else str(award.points)
        )
        rows.append((day, _reason(award.reason, titles=titles, tr=tr), points))
    return table([tr.gettext("Date"), tr.gettext("Reason"), tr.gettext("Points")], rows, align="llr")


def _completed(awards: list[Award], *, ctx: SiteContext, tr: Translator) -> str:
    _, _, titles = _names(ctx)
    done = [(a.at.date(), a.challenge) for a in awards if a.challenge]
    if not done:
        return f"*{tr.gettext('None yet.')}*"
    return "\n".join(f"- {_challenge_link(slug, titles=titles)} · {tr.long_date(day)}" for day, slug in sorted(done))


def _challenge_link(slug: str, *, titles: dict[str, str]) -> str:
    return f"[{text(titles[slug])}](../defis/{slug}.md)" if slug in titles else text(slug)


def _wall(
    member: Member, *, awards: list[Award], events_by_id: dict[str, Event], public: dict[int, Member], tr: Translator
) -> str:
    """Thanks received; a giver who did not consent to a public profile is not named."""
    wall = wall_of_thanks(member, awards=awards, events_by_id=events_by_id)[:WALL_SIZE]
    if not wall:
        return f"*{tr.gettext('None yet.')}*"
    lines = []
    for thanks in wall:
        giver = public.get(thanks.giver_id) if thanks.giver_id is not None else None
        who = member_link(giver, base="../") if giver else tr.gettext("A community member")
        said = tr.gettext("{giver}: “{thanks}”").format(giver=who, thanks=text(thanks.reason)) if thanks.reason else who
        lines.append(f"- {said} · {tr.long_date(thanks.at.date())}")
    return "\n".join(lines)


def _activity(awards: list[Award], *, ctx: SiteContext, tr: Translator) -> str:
    _, _, titles = _names(ctx)
    recent = sorted(awards, key=lambda a: (a.at, a.reason), reverse=True)[:RECENT_ACTIVITY]
    if not recent:
        return f"*{tr.gettext('None yet.')}*"
    rows = [(tr.long_date(a.at.date()), _reason(a.reason, titles=titles, tr=tr), a.points) for a in recent]
    return table([tr.gettext("Date"), tr.gettext("Reason"), tr.gettext("Points")], rows, align="llr")


def _reason(reason: str, *, titles: dict[str, str], tr: Translator) -> str:
    kind, detail = Reason.of(reason)
    label = reason_label(kind, tr=tr) or text(kind)
    if kind == "challenge" and detail:
        return tr.gettext("{label}: {value}").format(label=label, value=_challenge_link(detail, titles=titles))
    return label
