"""Question pages: the questions waiting for an answer (the same question asked several times is one row) and
« Questions fréquentes », built from the accepted answers of recurring questions. No asker is named: both
pages are public and show only titles, dates and links to GitHub. A page source for `site.build.page_sources`.
"""

from __future__ import annotations

import html

from entraide.content.i18n import Translator
from entraide.events.questions import Question, questions
from entraide.insight.recurring import QuestionGroup, group, recurring_answered
from entraide.site.context import SiteContext
from entraide.site.pages.common import front_matter_page
from entraide.site.pages.escape import text

WAITING = "questions/index.md"
FREQUENT = "questions/frequentes.md"


def pages(ctx: SiteContext) -> dict[str, str | bytes]:
    rules = ctx.community.rules
    asked = questions(ctx.events, moderation_labels=rules.moderation_labels, bots=frozenset(rules.bots))
    groups = group(asked, language=rules.language)
    return {WAITING: waiting_page(groups, ctx=ctx), FREQUENT: frequent_page(groups, ctx=ctx)}


def waiting_page(groups: tuple[QuestionGroup, ...], *, ctx: SiteContext) -> str:
    tr = ctx.tr
    lines = [
        tr.gettext(
            "These questions are still waiting for a first answer, oldest first. "
            "Answering a question earns points; an accepted answer earns more. "
            "A question asked several times takes one row; answers already accepted are in the "
            "[frequent questions](frequentes.md)."
        ),
        "",
    ]
    rows = [(g, [q for q in g.questions if q.waiting]) for g in groups]
    rows = sorted(((g, w) for g, w in rows if w), key=lambda row: (row[1][0].asked_at, row[1][0].subject))
    if not rows:
        lines.append(tr.gettext("Every question has an answer. Well done!"))
        return front_matter_page(tr.gettext("Waiting questions"), "\n".join(lines), fallback=tr.gettext("Questions"))
    headers = [tr.gettext("Since"), tr.gettext("Question"), tr.gettext("Answer on GitHub")]
    lines += ["| " + " | ".join(headers) + " |", "|---|---|---|"]
    for grouped, pending in rows:
        days = (ctx.as_of - pending[0].asked_at.date()).days
        title = _title(pending[0], tr=tr)
        asked = f"{title} ({_times(len(pending), tr=tr)})" if len(pending) > 1 else title
        where = " · ".join(_answer_link(q, ctx=ctx) for q in pending)
        if grouped.answers:
            same = tr.gettext("accepted answer to the same question")
            where += " · " + _link(_answer_url(grouped.answers[0], ctx=ctx), same)
        since = tr.gettext("{days} d").format(days=tr.number(days))
        lines.append(f'| <span class="entraide-nowrap">{since}</span> | {asked} | {where} |')
    return front_matter_page(tr.gettext("Waiting questions"), "\n".join(lines), fallback=tr.gettext("Questions"))


def frequent_page(groups: tuple[QuestionGroup, ...], *, ctx: SiteContext) -> str:
    tr = ctx.tr
    lines = [
        tr.gettext(
            "Questions asked several times that have an accepted answer, the most asked first. "
            "Before asking yours, see whether it is here; if not, look at the "
            "[waiting questions](index.md) or open one on GitHub."
        ),
        "",
    ]
    frequent = recurring_answered(groups)
    if not frequent:
        lines.append(tr.gettext("No question has been asked several times with an accepted answer yet."))
    for grouped in frequent:
        first, last = grouped.questions[0].asked_at.date(), grouped.questions[-1].asked_at.date()
        answer = grouped.answers[0]
        accepted = tr.long_date(answer.answered_at.date()) if answer.answered_at else "—"
        read = _link(_answer_url(answer, ctx=ctx), tr.gettext("Read the accepted answer on GitHub"))
        asked = tr.gettext("Asked {times}, from {first} to {last}.").format(
            times=_times(len(grouped.questions), tr=tr), first=tr.long_date(first), last=tr.long_date(last)
        )
        lines += [
            f"## {_title(grouped.first, tr=tr)}",
            "",
            asked + " " + read + " " + tr.gettext("(accepted on {day}).").format(day=accepted),
            "",
        ]
    title = tr.gettext("Frequent questions")
    return front_matter_page(title, "\n".join(lines), fallback=title)


def _title(question: Question, *, tr: Translator) -> str:
    return text(question.title) if question.title else tr.gettext("Question #{number}").format(number=question.subject)


def _times(n: int, *, tr: Translator) -> str:
    return tr.ngettext("{n} time", "{n} times", n).format(n=tr.number(n))


def _url(question: Question, *, ctx: SiteContext) -> str | None:
    repository = question.repo or ctx.community.rules.repository
    where = "discussions" if question.subject_type == "discussion" else "issues"
    return f"https://github.com/{repository}/{where}/{question.subject}" if repository else None


def _answer_url(question: Question, *, ctx: SiteContext) -> str | None:
    url = _url(question, ctx=ctx)
    return f"{url}#discussioncomment-{question.answer_id}" if url and question.answer_id else url


def _answer_link(question: Question, *, ctx: SiteContext) -> str:
    """A short link (« n° 32 ») whose accessible name says where it goes."""
    tr = ctx.tr
    url, label = _url(question, ctx=ctx), tr.gettext("#{number}").format(number=question.subject)
    if not url:
        return label
    name = html.escape(tr.gettext("Answer question #{number} on GitHub").format(number=question.subject), quote=True)
    return f'<a href="{html.escape(url, quote=True)}" aria-label="{name}" rel="noopener">{label}</a>'


def _link(url: str | None, label: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}" rel="noopener">{label}</a>' if url else label
