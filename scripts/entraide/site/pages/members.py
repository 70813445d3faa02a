"""Member pages: an index of the people who opted in and one profile each (membres/<login>.md).

Profiles stay out of the navigation (mkdocs.yml `not_in_nav`): MkDocs renders the whole navigation
into every page, so thousands of profiles in it would make the build quadratic.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from entraide.content.alumni import is_alumnus
from entraide.content.models import Member, Role
from entraide.events.model import Event
from entraide.insight import nextsteps
from entraide.scoring.kudos import wall_of_thanks
from entraide.scoring.model import Award, Reason, Standing
from entraide.site.context import SiteContext
from entraide.site.credentials.catalogue import catalogue
from entraide.site.credentials.records import Record, records, site_base
from entraide.site.links import long_date
from entraide.site.pages import ledger
from entraide.site.pages.common import front_matter_page, live_awards, member_link, standings_by_id, table
from entraide.site.pages.escape import text
from entraide.site.pages.i18n import strings
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

INDEX_PAGE_SIZE = 500  # members listed on one index page


def member_pages(ctx: SiteContext, *, public: dict[int, Member]) -> dict[str, str]:
    standings = standings_by_id(ctx.ledger)
    awards: dict[int, list[Award]] = {}
    for award in live_awards(ctx.ledger):
        if award.member_id in public:
            awards.setdefault(award.member_id, []).append(award)
    events_by_id = {event.id: event for event in ctx.events}
    # Computed once per build: every profile's "next steps" reads the paths of the whole community.
    pool = nextsteps.resources(ctx.docs)
    seen_all = nextsteps.transitions(s.accepted for s in ctx.ledger.standings)
    held: dict[int, dict[str, Record]] = {}
    for record in records(ctx.ledger, public=public, badges=catalogue(ctx.community)):
        held.setdefault(record.member.id, {})[record.badge.key] = record
    pending = pending_by_member(ctx.events)
    pages = {}
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
            )
            if m.role is Role.learner
            else ""
        )
        pages[f"membres/{m.login}.md"] = render_profile(
            m,
            ctx=ctx,
            standing=standing,
            awards=awards.get(m.id, []),
            events_by_id=events_by_id,
            public=public,
            next_steps=steps,
            held=held.get(m.id, {}),
            pending=pending.get(m.id, set()),
        )
    pages.update(members_index_pages(ctx, public=public, standings=standings))
    return pages


def _names(ctx: SiteContext) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    rules, community = ctx.community.rules, ctx.community
    return (
        {t.id: t.name for t in rules.tracks},
        {c.id: c.name for c in rules.cohorts},
        {c.slug: c.title for c in community.challenges},
    )


def members_index_pages(
    ctx: SiteContext, *, public: dict[int, Member], standings: dict[int, Standing]
) -> dict[str, str]:
    """The list of public members, INDEX_PAGE_SIZE a page: membres/index.md, then membres/page-2.md...

    A page listing thousands of people is slow to read and heavy to search (Zensical's search refuses a
    page past 32,768 words); a community of up to INDEX_PAGE_SIZE members gets one page, as before.
    """
    t = strings(ctx.community.rules.language)
    tracks, _, _ = _names(ctx)
    ordered = sorted(public.values(), key=lambda m: (m.display_name.casefold(), m.login.lower()))
    chunks = [ordered[i : i + INDEX_PAGE_SIZE] for i in range(0, len(ordered), INDEX_PAGE_SIZE)] or [[]]
    return {
        _index_path(number): _index_page(
            chunk, number=number, count=len(chunks), ctx=ctx, t=t, tracks=tracks, standings=standings
        )
        for number, chunk in enumerate(chunks, start=1)
    }


def _index_path(number: int) -> str:
    return "membres/index.md" if number == 1 else f"membres/page-{number}.md"


def _index_page(
    chunk: list[Member],
    *,
    number: int,
    count: int,
    ctx: SiteContext,
    t: dict[str, str],
    tracks: dict[str, str],
    standings: dict[int, Standing],
) -> str:
    rows = [
        (
            member_link(m, base="../"),
            t[f"role.{m.role.value}"],
            text(tracks.get(m.track or "", m.track or "")),
            text(standings[m.id].level) if m.id in standings else "",
            standings[m.id].points if m.id in standings else 0,
        )
        for m in chunk
    ]
    listing = (
        table([t["name"], t["role"], t["track"], t["level"], t["points"]], rows, align="llllr")
        if rows
        else f"*{t['nobody']}*"
    )
    pager = _pager(number, count, t=t)
    body = t["members_intro"] + "\n\n" + (f"{pager}\n\n{listing}\n\n{pager}" if count > 1 else listing)
    title = t["members"] if count == 1 else f"{t['members']} ({number}/{count})"
    return front_matter_page(title, body, fallback=t["members"])


def _pager(number: int, count: int, *, t: dict[str, str]) -> str:
    links = [f"**{n}**" if n == number else f"[{n}]({PurePosixPath(_index_path(n)).name})" for n in range(1, count + 1)]
    return f"{t['pages']} : " + " · ".join(links)


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
    t = strings(ctx.community.rules.language)
    sections = [_facts(member, ctx=ctx, standing=standing, t=t)]
    if member.bio:
        sections.append(f"> {text(member.bio)}")
    if standing and member.role is Role.learner:
        states = challenge_states(
            standing, challenges=ctx.community.challenges, pending=pending or set(), as_of=ctx.as_of
        )
        sections.append(progress_section(member, standing, community=ctx.community, states=states))
    sections += [
        f"## {t['badges']}",
        _badges(member, standing, ctx=ctx, held=held or {}, t=t),
        f"## {t['completed']}",
        _completed(awards, ctx=ctx, t=t),
        f"## {t['wall_of_thanks']}",
        _wall(member, awards=awards, events_by_id=events_by_id, public=public, t=t),
        f"## {t['recent_activity']}",
        _activity(awards, ctx=ctx, t=t),
        f"## {t['history']}",
        _history(awards, ctx=ctx, events_by_id=events_by_id, t=t),
    ]
    spent = spent_section(member.id, ctx=ctx)  # rewards bought: the spendable balance's debits
    sections += [spent] if spent else []
    if next_steps:
        sections.append(next_steps)
    return front_matter_page(member.display_name, "\n\n".join(sections), fallback=member.login)


def _facts(member: Member, *, ctx: SiteContext, standing: Standing | None, t: dict[str, str]) -> str:
    tracks, cohorts, _ = _names(ctx)
    facts = [(t["role"], t[f"role.{member.role.value}"])]
    if member.track:
        facts.append((t["track"], text(tracks.get(member.track, member.track))))
    if member.cohort:
        former = f" ({t['alumni']})" if is_alumnus(member, ctx.community, today=ctx.as_of) else ""
        facts.append((t["cohort"], text(cohorts.get(member.cohort, member.cohort)) + former))
    if member.volunteer:
        facts.append((t["volunteer"], ", ".join(t[f"volunteer.{v}"] for v in member.volunteer)))
    if standing:
        facts += [
            (t["level"], text(standing.level)),
            (t["points"], _points(standing, t=t)),
            (t["streak"], str(standing.streak_weeks)),
        ]
    return "\n".join(f"- **{label}** : {value}" for label, value in facts)


def _badges(
    member: Member, standing: Standing | None, *, ctx: SiteContext, held: dict[str, Record], t: dict[str, str]
) -> str:
    """Earned badges in colour with their share links, then the next ones, greyed, with what is missing."""
    signed = ctx.signing_key is not None
    base = site_base(ctx.community.rules)
    earned = earned_section(standing, community=ctx.community, held=held, base=base, signed=signed)
    coming = next_section(member, standing, community=ctx.community) if member.role is Role.learner else ""
    return "\n\n".join(part for part in (earned or f"*{t['none']}*", coming) if part)


def _points(standing: Standing, *, t: dict[str, str]) -> str:
    pending = f" ({t['pending_points'].format(points=standing.pending_points)})" if standing.pending_points else ""
    return f"{standing.points}{pending}"


def _history(awards: list[Award], *, ctx: SiteContext, events_by_id: dict[str, Event], t: dict[str, str]) -> str:
    """Every award standing, newest first, with the GitHub item behind it: the open ledger (`site.pages.ledger`)."""
    if not awards:
        return f"*{t['none']}*"
    _, _, titles = _names(ctx)
    rows = []
    for award in sorted(awards, key=lambda a: (a.at, a.reason), reverse=True):
        where = ledger.link(award, ctx=ctx, events=events_by_id)
        day = f"[{award.at.date().isoformat()}]({where})" if where else award.at.date().isoformat()
        points = f"{award.points} ({t['pending']})" if ledger.pending(award, ctx=ctx) else str(award.points)
        rows.append((day, _reason(award.reason, titles=titles, t=t), points))
    return table([t["date"], t["reason"], t["points"]], rows, align="llr")


def _completed(awards: list[Award], *, ctx: SiteContext, t: dict[str, str]) -> str:
    _, _, titles = _names(ctx)
    done = [(a.at.date(), a.challenge) for a in awards if a.challenge]
    if not done:
        return f"*{t['none']}*"
    return "\n".join(
        f"- {_challenge_link(slug, titles=titles)} · {long_date(day, t['_lang'])}" for day, slug in sorted(done)
    )


def _challenge_link(slug: str, *, titles: dict[str, str]) -> str:
    return f"[{text(titles[slug])}](../defis/{slug}.md)" if slug in titles else text(slug)


def _wall(
    member: Member, *, awards: list[Award], events_by_id: dict[str, Event], public: dict[int, Member], t: dict[str, str]
) -> str:
    """Thanks received; a giver who did not consent to a public profile is not named."""
    wall = wall_of_thanks(member, awards=awards, events_by_id=events_by_id)[:WALL_SIZE]
    if not wall:
        return f"*{t['none']}*"
    lines = []
    for thanks in wall:
        giver = public.get(thanks.giver_id) if thanks.giver_id is not None else None
        who = member_link(giver, base="../") if giver else t["someone"]
        said = f" : « {text(thanks.reason)} »" if thanks.reason else ""
        lines.append(f"- {who}{said} · {long_date(thanks.at.date(), t['_lang'])}")
    return "\n".join(lines)


def _activity(awards: list[Award], *, ctx: SiteContext, t: dict[str, str]) -> str:
    _, _, titles = _names(ctx)
    recent = sorted(awards, key=lambda a: (a.at, a.reason), reverse=True)[:RECENT_ACTIVITY]
    if not recent:
        return f"*{t['none']}*"
    rows = [(long_date(a.at.date(), t["_lang"]), _reason(a.reason, titles=titles, t=t), a.points) for a in recent]
    return table([t["date"], t["reason"], t["points"]], rows, align="llr")


def _reason(reason: str, *, titles: dict[str, str], t: dict[str, str]) -> str:
    kind, detail = Reason.of(reason)
    label = t.get(f"reason.{kind}", text(kind))
    return f"{label} : {_challenge_link(detail, titles=titles)}" if kind == "challenge" and detail else label
