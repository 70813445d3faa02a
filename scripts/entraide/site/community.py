"""Pages of community life: the agenda with its calendar feeds and each cohort's first-steps checklist
(questions have their own source, `entraide.site.questions`). A page source for `entraide.site.build.page_sources`.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from entraide.content.i18n import Translator
from entraide.content.models import AgendaItem, Cohort, Community, Member
from entraide.site.agenda import ATTENDANCE, attendance, calendar_feed, kind_name, starts_at, upcoming_and_past
from entraide.site.context import SiteContext
from entraide.site.pages.common import front_matter_page, public_members
from entraide.site.pages.escape import text
from entraide.site.pages.ledger import events_behind


def pages(ctx: SiteContext) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {"evenements/index.md": agenda_page(ctx)}
    out.update(calendar_files(ctx.community, tr=ctx.tr))
    for cohort in ctx.community.rules.cohorts:
        out[f"premiers-pas/{cohort.id}.md"] = first_steps_page(cohort, community=ctx.community, tr=ctx.tr)
    out["premiers-pas/index.md"] = first_steps_index(ctx.community, tr=ctx.tr)
    return out


def first_steps_index(community: Community, *, tr: Translator) -> str:
    cohorts = sorted(community.rules.cohorts, key=lambda c: (c.start, c.id), reverse=True)
    items = [f"- [{text(c.name)}]({c.id}.md) · {_period(c, tr=tr)}" for c in cohorts]
    title = tr.gettext("First steps")
    intro = tr.gettext("The steps for a good start, by cohort:")
    return front_matter_page(title, "\n".join([intro, "", *(items or [tr.gettext("No cohort yet.")])]), fallback=title)


def _period(cohort: Cohort, *, tr: Translator) -> str:
    """« du 2 mars 2026 au 30 juin 2026 »"""
    return tr.gettext("from {start} to {end}").format(start=tr.long_date(cohort.start), end=tr.long_date(cohort.end))


def public_logins(community: Community) -> frozenset[str]:
    return frozenset(m.login for m in public_members(community).values())


def calendar_files(community: Community, *, tr: Translator) -> dict[str, bytes]:
    items, rules = community.rules.agenda, community.rules
    domain = (rules.repository or "entraide").replace("/", ".").lower()
    names = {track.id: track.name for track in rules.tracks}
    feeds = {
        "evenements/agenda.ics": calendar_feed(items, name=rules.name, uid_domain=domain, tr=tr, track_names=names)
    }
    for track in rules.tracks:
        mine = tuple(i for i in items if i.track in (None, track.id))
        feeds[f"evenements/agenda-{track.id}.ics"] = calendar_feed(
            mine, name=f"{rules.name} · {track.name}", uid_domain=domain, tr=tr, track_names=names
        )
    return feeds


def when(item: AgendaItem, *, tr: Translator) -> str:
    """« jeudi 12 mars 2026 à 18:30 (Europe/Paris) »"""
    return f"{tr.moment(starts_at(item))} ({item.timezone})"


def agenda_page(ctx: SiteContext) -> str:
    community = ctx.community
    now = dt.datetime.combine(ctx.as_of, dt.time(23, 59), tzinfo=ZoneInfo("UTC"))
    upcoming, past = upcoming_and_past(community.rules.agenda, now=now)
    members = {m.login: m for m in community.members}
    # The events behind attendance points, not an index of every event (at ten million events, gigabytes).
    attended = [award for award in ctx.ledger.awards if award.reason == ATTENDANCE]
    behind = events_behind([attended], ctx.events)
    present = attendance(community.rules.agenda, awards=tuple(attended), events_by_id=behind)
    floor = community.rules.privacy.min_group_size
    tr, public = ctx.tr, public_logins(community)
    feeds = "".join(f" · [{text(t.name)}](agenda-{t.id}.ics)" for t in community.rules.tracks)
    lines = [tr.gettext("The programme's webinars, workshops and office hours. Subscribe to the calendar:"), ""]
    lines[0] += " [" + tr.gettext("all events") + "](agenda.ics)" + feeds + "."
    lines += ["## " + tr.gettext("Upcoming"), ""]
    lines += _agenda_table(upcoming, members=members, public=public, tr=tr) or [tr.gettext("No event planned.")]
    lines += ["", "## " + tr.gettext("Past"), ""]
    rows = [
        f"| {when(i, tr=tr)} | {text(i.title)} | {kind_name(i.kind, tr=tr)} | "
        f"{_host(i.host, members=members, public=public, tr=tr)} | "
        f"{_count(len(present[i.id]), floor)} | {_link(i.recording, tr.gettext('Replay'))} |"
        for i in past
    ]
    heads = [tr.gettext("Date"), tr.gettext("Event"), tr.gettext("Type"), tr.gettext("Hosted by")]
    heads += [tr.gettext("Participants"), tr.gettext("Recording")]
    lines += (
        ["| " + " | ".join(heads) + " |", "|---|---|---|---|---|---|", *rows]
        if rows
        else [tr.gettext("No past event.")]
    )
    return front_matter_page(tr.gettext("Events"), "\n".join(lines), fallback=tr.gettext("Events"))


def _agenda_table(
    items: Sequence[AgendaItem], *, members: dict[str, Member], public: frozenset[str], tr: Translator
) -> list[str]:
    rows = [
        f"| {when(i, tr=tr)} | {text(i.title)} | {kind_name(i.kind, tr=tr)} | "
        f"{text(i.track) if i.track else tr.gettext('all')} | "
        f"{_host(i.host, members=members, public=public, tr=tr)} | {_link(i.link, tr.gettext('Join'))} |"
        for i in items
    ]
    heads = [tr.gettext("Date"), tr.gettext("Event"), tr.gettext("Type"), tr.gettext("Track")]
    heads += [tr.gettext("Hosted by"), tr.gettext("Link")]
    return ["| " + " | ".join(heads) + " |", "|---|---|---|---|---|---|", *rows] if rows else []


def _host(login: str, *, members: dict[str, Member], public: frozenset[str], tr: Translator) -> str:
    member = members.get(login)
    if member and login in public:
        return f"[{text(member.display_name)}](../membres/{login}.md)"
    return tr.gettext("the team")


def _link(url: str | None, label: str) -> str:
    # Agenda links are validated as https:// URLs in entraide.yml; the URL is still escaped as an attribute.
    return f'<a href="{html.escape(url, quote=True)}" rel="noopener">{label}</a>' if url else "—"


def _count(n: int, floor: int) -> str:
    return f"&lt;{floor}" if 0 < n < floor else str(n)


def first_steps_page(cohort: Cohort, *, community: Community, tr: Translator) -> str:
    starters = sorted(
        (c for c in community.challenges if not c.prerequisites), key=lambda c: (c.track, c.level, c.slug)
    )
    first = ", ".join(f"[{text(c.title)}](../defis/{c.slug}.md)" for c in starters)
    steps = [
        tr.gettext(
            "Add your file `members/<your-login>.yml` through a pull request: the [Join](../rejoindre/index.md) "
            "page prepares it for you (see also the [handbook](../guide/index.md))."
        ),
        tr.gettext("Meet your buddy: the bot introduces you to each other in an issue."),
        tr.gettext("Introduce yourself in the Discussions and read the code of conduct."),
        tr.gettext("Choose a first challenge: {challenges}.").format(challenges=first),
        tr.gettext("Ask a question or answer someone's (see the [questions waiting](../questions/index.md))."),
        tr.gettext("Take part in a live [event](../evenements/index.md)."),
        tr.gettext("Thank someone who helped you with `/kudos @login thanks for…` in a comment."),
    ]
    period = _period(cohort, tr=tr)
    intro = tr.gettext("{period}: the steps, in order, over the weeks:").format(period=period[:1].upper() + period[1:])
    title = tr.gettext("First steps")
    return front_matter_page(
        f"{title} · {cohort.name}",
        "\n".join([intro, "", *[f"{n}. {step}" for n, step in enumerate(steps, start=1)]]),
        fallback=title,
    )
