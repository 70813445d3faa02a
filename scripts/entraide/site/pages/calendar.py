"""The maintainers' editorial page (animation/calendrier.md): planned content by week, the weekly prompts
with the week each one is posted, and participation in prompts (a KPI). Owners are named only when their
profile is public; entries and prompts are written by maintainers but still go through the escaping path."""

from __future__ import annotations

import datetime as dt

from entraide.content.animation_models import CalendarEntry, ContentKind, Status
from entraide.content.i18n import Translator
from entraide.kpis.prompts import monday, participation, schedule
from entraide.site.context import SiteContext
from entraide.site.pages.common import front_matter_page, member_link, table
from entraide.site.pages.escape import text

PATH = "animation/calendrier.md"


def kind_label(kind: ContentKind, *, tr: Translator) -> str:
    """A kind of content as the calendar names it (« Témoignage »)."""
    names = {
        ContentKind.article: tr.pgettext("a kind of content", "Article"),
        ContentKind.video: tr.pgettext("a kind of content", "Video"),
        ContentKind.podcast: tr.pgettext("a kind of content", "Podcast"),
        ContentKind.qa: tr.pgettext("a kind of content", "Questions and answers"),
        ContentKind.challenge: tr.pgettext("a kind of content", "Challenge"),
        ContentKind.story: tr.pgettext("a kind of content", "Testimony"),
    }
    return names[kind]


def status_label(status: Status, *, tr: Translator) -> str:
    """Where an entry of the calendar stands (« En rédaction »)."""
    names = {
        Status.idea: tr.pgettext("an editorial entry's state", "Idea"),
        Status.planned: tr.pgettext("an editorial entry's state", "Planned"),
        Status.drafting: tr.pgettext("an editorial entry's state", "Drafting"),
        Status.ready: tr.pgettext("an editorial entry's state", "Ready"),
        Status.published: tr.pgettext("an editorial entry's state", "Published"),
    }
    return names[status]


def pages(ctx: SiteContext) -> dict[str, str]:
    calendar = ctx.animation.calendar
    if not calendar.entries and not ctx.animation.prompts.prompts:
        return {}
    tr = ctx.tr
    intro = tr.gettext(
        "Data as of {day}. The calendar is edited in `animation/calendar.yml`; "
        "the person in charge gets a reminder issue {days} before the date. "
        "A page whose header holds `publish: YYYY-MM-DD` appears on the site that day."
    ).format(day=tr.long_date(ctx.as_of), days=_days(calendar.reminder_days, tr=tr))
    sections = [intro, *_weeks(ctx), *_prompts(ctx)]
    title, fallback = tr.gettext("Editorial calendar"), tr.gettext("Calendar")
    return {PATH: front_matter_page(title, "\n\n".join(sections), fallback=fallback)}


def _weeks(ctx: SiteContext) -> list[str]:
    weeks: dict[dt.date, list[CalendarEntry]] = {}
    for entry in sorted(ctx.animation.calendar.entries, key=lambda e: (e.date, e.id)):
        weeks.setdefault(monday(entry.date), []).append(entry)
    tr = ctx.tr
    sections = []
    for week, entries in weeks.items():
        heading = tr.gettext("Week of {day} (this week)") if week == monday(ctx.as_of) else tr.gettext("Week of {day}")
        sections.append("## " + heading.format(day=tr.long_date(week)))
        rows = [_row(entry, ctx=ctx) for entry in entries]
        headers = [tr.gettext("Date"), tr.gettext("Kind"), tr.gettext("Content"), tr.gettext("In charge")]
        body = table([*headers, tr.gettext("State")], rows)
        sections.append(f'<div class="entraide-calendar" markdown>\n\n{body}\n\n</div>')
    return sections


def _row(entry: CalendarEntry, *, ctx: SiteContext) -> tuple[str, ...]:
    owners = {m.login.casefold(): m for m in ctx.community.public_members().values()}
    owner = owners.get(entry.owner.casefold())
    title = text(entry.title)
    if entry.page and entry.status is Status.published:
        title = f"[{title}](../{entry.page})"
    day = ctx.tr.long_date(entry.date)
    who = member_link(owner, base="../") if owner else "—"
    return (day, kind_label(entry.kind, tr=ctx.tr), title, who, status_label(entry.status, tr=ctx.tr))


def _prompts(ctx: SiteContext) -> list[str]:
    prompts = ctx.animation.prompts
    rows = schedule(prompts)
    if not rows:
        return []
    tr = ctx.tr
    counts = {p.prompt_id: p for p in participation(prompts, ctx.events, ctx.community.members).prompts}
    lines = []
    for row in rows:
        seen = counts.get(row.prompt.id)
        answers = _answers(seen.answers, seen.participants, tr=tr) if seen else "—"
        lines.append((tr.long_date(row.week), text(row.category), text(row.prompt.title), answers))
    kpi = participation(prompts, ctx.events, ctx.community.members)
    share = _of(kpi.learners_answering, kpi.learners, tr=tr) if kpi.learners else "—"
    return [
        "## " + tr.gettext("Questions of the week"),
        tr.gettext(
            "Every Monday the bot opens the question of the week in its Discussions category "
            "and thanks the first answers."
        ),
        tr.gettext("**Participation**: learners who answered at least one question of the week: {share}.").format(
            share=share
        ),
        table([tr.gettext("Week"), tr.gettext("Category"), tr.gettext("Question"), tr.gettext("Participation")], lines),
    ]


def _answers(answers: int, people: int, *, tr: Translator) -> str:
    """« 3 réponses, 2 personnes »."""
    return tr.gettext("{answers}, {people}").format(
        answers=tr.ngettext("{n} answer", "{n} answers", answers).format(n=tr.number(answers)),
        people=tr.ngettext("{n} person", "{n} people", people).format(n=tr.number(people)),
    )


def _of(part: int, whole: int, *, tr: Translator) -> str:
    """« 8 sur 30 »."""
    return tr.gettext("{part} of {whole}").format(part=tr.number(part), whole=tr.number(whole))


def _days(n: int, *, tr: Translator) -> str:
    return tr.ngettext("{n} day", "{n} days", n).format(n=tr.number(n))
