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
from entraide.insight import nextsteps, profilesteps
from entraide.scoring.kudos import wall_of_thanks
from entraide.scoring.model import Award, Standing
from entraide.site.context import SiteContext
from entraide.site.credentials.catalogue import catalogue
from entraide.site.credentials.records import Record, records
from entraide.site.pages import ledger
from entraide.site.pages.awardgroups import public_awards
from entraide.site.pages.awardtables import AwardTables
from entraide.site.pages.badgecards import BadgeCards
from entraide.site.pages.common import front_matter_page, member_link, standings_by_id
from entraide.site.pages.escape import text
from entraide.site.pages.labels import role_label
from entraide.site.pages.members_index import members_index_pages
from entraide.site.pages.shop import spent_section
from entraide.site.pages.showcase import (
    challenge_states,
    pending_by_member,
    progress_section,
)

WALL_SIZE = 20


def member_pages(ctx: SiteContext, *, public: dict[int, Member]) -> Iterator[tuple[str, str]]:
    """(path, page) of every public member's profile, one at a time, then of the index."""
    standings = standings_by_id(ctx.ledger)
    awards = public_awards(ctx.ledger, public)
    events_by_id = ledger.events_behind(awards.values(), ctx.events)
    # Computed once per build: every profile's "next steps" reads the paths of the whole community.
    pool = nextsteps.resources(ctx.docs)
    seen_all = nextsteps.transitions(s.accepted for s in ctx.ledger.standings)
    held: dict[int, dict[str, Record]] = {}
    for record in records(ctx.ledger, public=public, badges=catalogue(ctx.community)):
        held.setdefault(record.member.id, {})[record.badge.key] = record
    pending = pending_by_member(ctx.events)
    tables, cards, names = AwardTables(ctx, events_by_id=events_by_id), BadgeCards(ctx), _names(ctx)
    for m in public.values():
        standing = standings.get(m.id)
        steps = (
            profilesteps.profile_section(
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
                tables=tables,
                cards=cards,
                names=names,
            ),
        )
    yield from members_index_pages(ctx, public=public, standings=standings).items()


def _names(ctx: SiteContext) -> tuple[dict[str, str], dict[str, str]]:
    """Track and cohort names by id (once per build)."""
    rules = ctx.community.rules
    return {t.id: t.name for t in rules.tracks}, {c.id: c.name for c in rules.cohorts}


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
    tables: AwardTables,
    cards: BadgeCards,
    names: tuple[dict[str, str], dict[str, str]],
) -> str:
    tr = ctx.tr
    sections = [_facts(member, ctx=ctx, standing=standing, tr=tr, names=names)]
    if member.bio:
        sections.append(f"> {text(member.bio)}")
    if standing and member.role is Role.learner:
        states = challenge_states(
            standing, challenges=ctx.community.challenges, pending=pending or set(), as_of=ctx.as_of
        )
        sections.append(progress_section(member, standing, community=ctx.community, tr=tr, states=states))
    newest = tables.newest_first(awards)
    sections += [
        f"## {tr.gettext('Badges')}",
        _badges(member, standing, cards=cards, held=held or {}, tr=tr),
        f"## {tr.gettext('Completed challenges')}",
        tables.completed(awards),
        f"## {tr.gettext('Wall of thanks')}",
        _wall(member, awards=awards, events_by_id=events_by_id, public=public, tr=tr),
        f"## {tr.gettext('Recent activity')}",
        tables.activity(newest),
        f"## {tr.gettext('Points history')}",
        tables.history(newest),
    ]
    spent = spent_section(member.id, ctx=ctx)  # rewards bought: the spendable balance's debits
    sections += [spent] if spent else []
    if next_steps:
        sections.append(next_steps)
    return front_matter_page(member.display_name, "\n\n".join(sections), fallback=member.login)


def _facts(
    member: Member,
    *,
    ctx: SiteContext,
    standing: Standing | None,
    tr: Translator,
    names: tuple[dict[str, str], dict[str, str]],
) -> str:
    tracks, cohorts = names
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
    member: Member, standing: Standing | None, *, cards: BadgeCards, held: dict[str, Record], tr: Translator
) -> str:
    """Earned badges in colour with their share links, then the next ones, greyed, with what is missing."""
    coming = cards.coming(member, standing) if member.role is Role.learner else ""
    return "\n\n".join(
        part for part in (cards.earned(standing, held=held) or f"*{tr.gettext('None yet.')}*", coming) if part
    )


def _points(standing: Standing, *, tr: Translator) -> str:
    pending = (
        f" ({tr.gettext('of which {points} awaiting validation').format(points=tr.number(standing.pending_points))})"
        if standing.pending_points
        else ""
    )
    return f"{standing.points}{pending}"


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
