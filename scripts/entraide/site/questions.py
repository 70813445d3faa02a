"""Question pages: the questions waiting for an answer (the same question asked several times is one row) and
« Questions fréquentes », built from the accepted answers of recurring questions. No asker is named: both
pages are public and show only titles, dates and links to GitHub. A page source for `site.build.page_sources`.
"""

from __future__ import annotations

import html

from entraide.events.questions import Question, questions
from entraide.insight.recurring import QuestionGroup, group, recurring_answered
from entraide.site.context import SiteContext
from entraide.site.pages.common import front_matter_page
from entraide.site.pages.escape import text

WAITING = "questions/index.md"
FREQUENT = "questions/frequentes.md"
WAITING_SHOWN = 100  # rows of the open questions page, oldest first; the newer ones as a number and a link
LINKS_SHOWN = 5  # links of one row (a question asked many times); the others as a number


def pages(ctx: SiteContext) -> dict[str, str | bytes]:
    rules = ctx.community.rules
    asked = questions(ctx.events, moderation_labels=rules.moderation_labels, bots=frozenset(rules.bots))
    groups = group(asked, language=rules.language)
    return {WAITING: waiting_page(groups, ctx=ctx), FREQUENT: frequent_page(groups, ctx=ctx)}


def waiting_page(groups: tuple[QuestionGroup, ...], *, ctx: SiteContext) -> str:
    tr = ctx.tr
    title = tr.gettext("Open questions")
    lines = [
        tr.gettext(
            "These questions are still waiting for a first answer, oldest first. Answering a question earns "
            "points; an accepted answer earns more. A question asked several times takes one row; the answers "
            "already accepted are in the [frequent questions]({link})."
        ).format(link="frequentes.md"),
        "",
    ]
    rows = [(g, [q for q in g.questions if q.waiting]) for g in groups]
    rows = sorted(((g, w) for g, w in rows if w), key=lambda row: (row[1][0].asked_at, row[1][0].subject))
    if not rows:
        lines.append(tr.gettext("Every question has an answer. Well done!"))
        return front_matter_page(title, "\n".join(lines), fallback=title)
    lines += [
        f"| {tr.gettext('Waiting for')} | {tr.gettext('Question')} | {tr.gettext('Answer on GitHub')} |",
        "|---|---|---|",
    ]
    for grouped, pending in rows[:WAITING_SHOWN]:
        days = (ctx.as_of - pending[0].asked_at.date()).days
        asked = (
            f"{_title(pending[0], ctx)} ({_times(len(pending), ctx)})" if len(pending) > 1 else _title(pending[0], ctx)
        )
        where = " · ".join(_answer_link(q, ctx=ctx) for q in pending[:LINKS_SHOWN])
        if len(pending) > LINKS_SHOWN:
            more = len(pending) - LINKS_SHOWN
            where += " " + tr.ngettext("and {n} more", "and {n} more", more).format(n=tr.number(more))
        if grouped.answers:
            where += " · " + _link(
                _answer_url(grouped.answers[0], ctx=ctx), tr.gettext("accepted answer to the same question")
            )
        waited = ctx.tr.ngettext("{n} day", "{n} days", days).format(n=ctx.tr.number(days))
        lines.append(f'| <span class="entraide-nowrap">{waited}</span> | {asked} | {where} |')
    if len(rows) > WAITING_SHOWN:
        lines += ["", _newer(len(rows) - WAITING_SHOWN, ctx=ctx)]
    return front_matter_page(title, "\n".join(lines), fallback=title)


def _newer(more: int, *, ctx: SiteContext) -> str:
    """The questions past WAITING_SHOWN: how many, and where GitHub lists the open ones. The page stays
    readable (and searchable: Zensical refuses a page's text past 32,768 bytes) at thousands of members."""
    said = ctx.tr.ngettext("… and {n} more, asked more recently.", "… and {n} more, asked more recently.", more)
    said = said.format(n=ctx.tr.number(more))
    repository = ctx.community.rules.repository
    if not repository:
        return said
    url = f"https://github.com/{repository}/issues?q=is%3Aopen+label%3Aquestion%2Chelp"
    return f"{said} {_link(url, ctx.tr.gettext('Open questions on GitHub'))}"


def frequent_page(groups: tuple[QuestionGroup, ...], *, ctx: SiteContext) -> str:
    tr = ctx.tr
    lines = [
        tr.gettext(
            "Questions asked several times that have an accepted answer, the most asked first. Before asking "
            "yours, see whether it is here; if not, see the [open questions]({link}) or open one on GitHub."
        ).format(link="index.md"),
        "",
    ]
    frequent = recurring_answered(groups)
    if not frequent:
        lines.append(tr.gettext("No question has been asked several times with an accepted answer yet."))
    for grouped in frequent:
        first, last = grouped.questions[0].asked_at.date(), grouped.questions[-1].asked_at.date()
        answer = grouped.answers[0]
        accepted = tr.long_date(answer.answered_at.date()) if answer.answered_at else "—"
        asked = tr.gettext("Asked {times}, from {first} to {last}.").format(
            times=_times(len(grouped.questions), ctx), first=tr.long_date(first), last=tr.long_date(last)
        )
        read = _link(_answer_url(answer, ctx=ctx), tr.gettext("Read the accepted answer on GitHub"))
        lines += [
            f"## {_title(grouped.first, ctx)}",
            "",
            f"{asked} {read} ({tr.gettext('accepted on {day}').format(day=accepted)}).",
            "",
        ]
    title = tr.gettext("Frequent questions")
    return front_matter_page(title, "\n".join(lines), fallback=title)


def _title(question: Question, ctx: SiteContext) -> str:
    return text(question.title) if question.title else ctx.tr.gettext("Question #{n}").format(n=question.subject)


def _times(n: int, ctx: SiteContext) -> str:
    return ctx.tr.ngettext("{n} time", "{n} times", n).format(n=ctx.tr.number(n))


def _url(question: Question, *, ctx: SiteContext) -> str | None:
    repository = question.repo or ctx.community.rules.repository
    where = "discussions" if question.subject_type == "discussion" else "issues"
    return f"https://github.com/{repository}/{where}/{question.subject}" if repository else None


def _answer_url(question: Question, *, ctx: SiteContext) -> str | None:
    url = _url(question, ctx=ctx)
    return f"{url}#discussioncomment-{question.answer_id}" if url and question.answer_id else url


def _answer_link(question: Question, *, ctx: SiteContext) -> str:
    """A short link (« n° 32 », "#32") whose accessible name says where it goes."""
    url, label = _url(question, ctx=ctx), ctx.tr.gettext("#{n}").format(n=question.subject)
    if not url:
        return label
    name = html.escape(ctx.tr.gettext("Answer question #{n} on GitHub").format(n=question.subject), quote=True)
    return f'<a href="{html.escape(url, quote=True)}" aria-label="{name}" rel="noopener">{label}</a>'


def _link(url: str | None, label: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}" rel="noopener">{label}</a>' if url else label
