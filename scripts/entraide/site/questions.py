"""Question pages: the questions waiting for an answer (the same question asked several times is one row) and
« Questions fréquentes », built from the accepted answers of recurring questions. No asker is named: both
pages are public and show only titles, dates and links to GitHub. A page source for `site.build.page_sources`.
"""

from __future__ import annotations

import html

from entraide.events.questions import Question, questions
from entraide.insight.recurring import QuestionGroup, group, recurring_answered
from entraide.site.context import SiteContext
from entraide.site.links import long_date
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
    lines = [
        "Ces questions attendent encore une première réponse, les plus anciennes d'abord. "
        "Répondre à une question rapporte des points ; une réponse acceptée en rapporte davantage. "
        "Une question posée plusieurs fois n'occupe qu'une ligne ; les réponses déjà acceptées sont dans les "
        "[questions fréquentes](frequentes.md).",
        "",
    ]
    rows = [(g, [q for q in g.questions if q.waiting]) for g in groups]
    rows = sorted(((g, w) for g, w in rows if w), key=lambda row: (row[1][0].asked_at, row[1][0].subject))
    if not rows:
        lines.append("Toutes les questions ont reçu une réponse. Bravo !")
        return front_matter_page("Questions en attente", "\n".join(lines), fallback="Questions")
    lines += ["| Depuis | Question | Répondre sur GitHub |", "|---|---|---|"]
    for grouped, pending in rows:
        days = (ctx.as_of - pending[0].asked_at.date()).days
        asked = f"{_title(pending[0])} ({_times(len(pending))})" if len(pending) > 1 else _title(pending[0])
        where = " · ".join(_answer_link(q, ctx=ctx) for q in pending)
        if grouped.answers:
            where += " · " + _link(_answer_url(grouped.answers[0], ctx=ctx), "réponse acceptée à la même question")
        lines.append(f'| <span class="entraide-nowrap">{days} j</span> | {asked} | {where} |')
    return front_matter_page("Questions en attente", "\n".join(lines), fallback="Questions")


def frequent_page(groups: tuple[QuestionGroup, ...], *, ctx: SiteContext) -> str:
    lines = [
        "Les questions posées plusieurs fois dont une réponse a été acceptée, les plus posées d'abord. "
        "Avant de poser la vôtre, regardez si elle y est ; sinon, voyez les "
        "[questions en attente](index.md) ou ouvrez-en une sur GitHub.",
        "",
    ]
    frequent = recurring_answered(groups)
    if not frequent:
        lines.append("Aucune question n'a encore été posée plusieurs fois avec une réponse acceptée.")
    for grouped in frequent:
        first, last = grouped.questions[0].asked_at.date(), grouped.questions[-1].asked_at.date()
        answer = grouped.answers[0]
        lines += [
            f"## {_title(grouped.first)}",
            "",
            f"Posée {_times(len(grouped.questions))}, du {long_date(first, 'fr')} au {long_date(last, 'fr')}. "
            f"{_link(_answer_url(answer, ctx=ctx), 'Lire la réponse acceptée sur GitHub')} "
            f"(acceptée le {long_date(answer.answered_at.date(), 'fr') if answer.answered_at else '—'}).",
            "",
        ]
    return front_matter_page("Questions fréquentes", "\n".join(lines), fallback="Questions fréquentes")


def _title(question: Question) -> str:
    return text(question.title) if question.title else f"Question n° {question.subject}"


def _times(n: int) -> str:
    return "1 fois" if n == 1 else f"{n} fois"


def _url(question: Question, *, ctx: SiteContext) -> str | None:
    repository = question.repo or ctx.community.rules.repository
    where = "discussions" if question.subject_type == "discussion" else "issues"
    return f"https://github.com/{repository}/{where}/{question.subject}" if repository else None


def _answer_url(question: Question, *, ctx: SiteContext) -> str | None:
    url = _url(question, ctx=ctx)
    return f"{url}#discussioncomment-{question.answer_id}" if url and question.answer_id else url


def _answer_link(question: Question, *, ctx: SiteContext) -> str:
    """A short link (« n° 32 ») whose accessible name says where it goes."""
    url, label = _url(question, ctx=ctx), f"n° {question.subject}"
    if not url:
        return label
    name = html.escape(f"Répondre sur GitHub à la question n° {question.subject}", quote=True)
    return f'<a href="{html.escape(url, quote=True)}" aria-label="{name}" rel="noopener">{label}</a>'


def _link(url: str | None, label: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}" rel="noopener">{label}</a>' if url else label
