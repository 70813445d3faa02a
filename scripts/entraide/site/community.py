"""Pages of community life: the agenda with its calendar feeds and each cohort's first-steps checklist
(questions have their own source, `entraide.site.questions`). A page source for `entraide.site.build.page_sources`.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from entraide.content.models import AgendaItem, Cohort, Community, Member
from entraide.site.agenda import attendance, calendar_feed, starts_at, upcoming_and_past
from entraide.site.context import SiteContext
from entraide.site.links import long_date
from entraide.site.pages.common import front_matter_page, public_members
from entraide.site.pages.escape import text

KINDS = {"webinar": "Webinaire", "workshop": "Atelier", "office_hours": "Permanence"}
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def pages(ctx: SiteContext) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {"evenements/index.md": agenda_page(ctx)}
    out.update(calendar_files(ctx.community))
    for cohort in ctx.community.rules.cohorts:
        out[f"premiers-pas/{cohort.id}.md"] = first_steps_page(cohort, community=ctx.community)
    out["premiers-pas/index.md"] = first_steps_index(ctx.community)
    return out


def first_steps_index(community: Community) -> str:
    cohorts = sorted(community.rules.cohorts, key=lambda c: (c.start, c.id), reverse=True)
    items = [
        f"- [{text(c.name)}]({c.id}.md) · du {long_date(c.start, 'fr')} au {long_date(c.end, 'fr')}" for c in cohorts
    ]
    return front_matter_page(
        "Premiers pas",
        "\n".join(
            [
                "La liste des étapes pour bien démarrer, par cohorte :",
                "",
                *(items or ["Aucune cohorte pour l'instant."]),
            ]
        ),
        fallback="Premiers pas",
    )


def public_logins(community: Community) -> frozenset[str]:
    return frozenset(m.login for m in public_members(community).values())


def calendar_files(community: Community) -> dict[str, bytes]:
    items, rules = community.rules.agenda, community.rules
    domain = (rules.repository or "entraide").replace("/", ".").lower()
    names = {track.id: track.name for track in rules.tracks}
    feeds = {
        "evenements/agenda.ics": calendar_feed(
            items, name=rules.name, uid_domain=domain, language=rules.language, track_names=names
        )
    }
    for track in rules.tracks:
        mine = tuple(i for i in items if i.track in (None, track.id))
        feeds[f"evenements/agenda-{track.id}.ics"] = calendar_feed(
            mine, name=f"{rules.name} · {track.name}", uid_domain=domain, language=rules.language, track_names=names
        )
    return feeds


def when(item: AgendaItem) -> str:
    start = starts_at(item)
    return f"{WEEKDAYS[start.weekday()]} {start:%d/%m/%Y à %H:%M} ({item.timezone})"


def agenda_page(ctx: SiteContext) -> str:
    community = ctx.community
    now = dt.datetime.combine(ctx.as_of, dt.time(23, 59), tzinfo=ZoneInfo("UTC"))
    upcoming, past = upcoming_and_past(community.rules.agenda, now=now)
    members = {m.login: m for m in community.members}
    present = attendance(community.rules.agenda, awards=ctx.ledger.awards, events_by_id={e.id: e for e in ctx.events})
    floor = community.rules.privacy.min_group_size
    lines = [
        "Webinaires, ateliers et permanences du programme. Abonnez-vous au calendrier : "
        "[tous les événements](agenda.ics)"
        + "".join(f" · [{text(t.name)}](agenda-{t.id}.ics)" for t in community.rules.tracks)
        + ".",
        "",
        "## À venir",
        "",
    ]
    lines += _agenda_table(upcoming, members=members, public=public_logins(community)) or ["Aucun événement prévu."]
    lines += ["", "## Passés", ""]
    public = public_logins(community)
    rows = [
        f"| {when(i)} | {text(i.title)} | {KINDS[i.kind]} | {_host(i.host, members=members, public=public)} | "
        f"{_count(len(present[i.id]), floor)} | {_link(i.recording, 'Replay')} |"
        for i in past
    ]
    lines += (
        [
            "| Date | Événement | Type | Animé par | Participant·es | Enregistrement |",
            "|---|---|---|---|---|---|",
            *rows,
        ]
        if rows
        else ["Aucun événement passé."]
    )
    return front_matter_page("Événements", "\n".join(lines), fallback="Événements")


def _agenda_table(items: Sequence[AgendaItem], *, members: dict[str, Member], public: frozenset[str]) -> list[str]:
    rows = [
        f"| {when(i)} | {text(i.title)} | {KINDS[i.kind]} | {text(i.track or 'tous')} | "
        f"{_host(i.host, members=members, public=public)} | {_link(i.link, 'Rejoindre')} |"
        for i in items
    ]
    return (
        ["| Date | Événement | Type | Parcours | Animé par | Lien |", "|---|---|---|---|---|---|", *rows]
        if rows
        else []
    )


def _host(login: str, *, members: dict[str, Member], public: frozenset[str]) -> str:
    member = members.get(login)
    return f"[{text(member.display_name)}](../membres/{login}.md)" if member and login in public else "l'équipe"


def _link(url: str | None, label: str) -> str:
    # Agenda links are validated as https:// URLs in entraide.yml; the URL is still escaped as an attribute.
    return f'<a href="{html.escape(url, quote=True)}" rel="noopener">{label}</a>' if url else "—"


def _count(n: int, floor: int) -> str:
    return f"&lt;{floor}" if 0 < n < floor else str(n)


def first_steps_page(cohort: Cohort, *, community: Community) -> str:
    starters = sorted(
        (c for c in community.challenges if not c.prerequisites), key=lambda c: (c.track, c.level, c.slug)
    )
    steps = [
        "Ajoutez votre fiche `members/<votre-login>.yml` par une pull request : la page "
        "[Rejoindre](../rejoindre/index.md) la prépare pour vous (voir aussi le [guide](../guide/index.md)).",
        "Faites connaissance avec votre binôme : le bot vous présente l'un à l'autre dans une issue.",
        "Présentez-vous dans les Discussions et lisez le code de conduite.",
        "Choisissez un premier défi : " + ", ".join(f"[{text(c.title)}](../defis/{c.slug}.md)" for c in starters) + ".",
        "Posez une question ou répondez à celle de quelqu'un (voir les [questions en attente](../questions/index.md)).",
        "Participez à un [événement](../evenements/index.md) en direct.",
        "Remerciez quelqu'un qui vous a aidé avec `/kudos @login merci pour…` dans un commentaire.",
    ]
    period = f"Du {long_date(cohort.start, 'fr')} au {long_date(cohort.end, 'fr')}."
    return front_matter_page(
        f"Premiers pas · {cohort.name}",
        "\n".join(
            [
                f"{period} Les étapes, dans l'ordre, au fil des semaines :",
                "",
                *[f"{n}. {step}" for n, step in enumerate(steps, start=1)],
            ]
        ),
        fallback="Premiers pas",
    )
