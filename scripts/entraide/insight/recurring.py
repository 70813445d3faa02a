"""Recurring questions: which questions are the same question, by a text-similarity rule on their titles.

Two titles are the same question when their analysed terms (`textsearch.analyse`: stop words out, French and
English stems, accents folded) overlap enough: Jaccard similarity of the two term sets at least `SAME`
(« Clé étrangère refusée par SQLite » and « SQLite refuse ma clé étrangère » share 5 of 6 terms; « Grid ou
Flexbox pour la barre latérale ? » and « Grid ou Flexbox pour une galerie ? » 2 of 6). Known limit: forms that
share no stem are different words to it (« lu » and « lit »). Groups are made in the order questions were asked: each question joins the first group whose first
question it matches, so the same questions always give the same groups.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from entraide.content.models import Frozen
from entraide.events.questions import Question
from entraide.insight.textsearch import analyse

SAME = 0.5


@lru_cache(maxsize=1 << 16)
def terms(title: str | None, *, language: str = "fr") -> frozenset[str]:
    """The title's analysed terms (remembered: the same titles come back, asked again and again)."""
    return frozenset(analyse(title or "", language=language))


def similarity(a: str | None, b: str | None, *, language: str = "fr") -> float:
    """Jaccard similarity of the two titles' analysed terms (0 when either has none)."""
    x, y = terms(a, language=language), terms(b, language=language)
    return len(x & y) / len(x | y) if x and y else 0.0


def same_question(a: str | None, b: str | None, *, language: str = "fr") -> bool:
    return similarity(a, b, language=language) >= SAME


class QuestionGroup(Frozen):
    """Questions that are the same question, oldest first."""

    questions: tuple[Question, ...]

    @property
    def first(self) -> Question:
        return self.questions[0]

    @property
    def answers(self) -> tuple[Question, ...]:
        """The questions of the group with an accepted answer, most recent first."""
        marked = [q for q in self.questions if q.answer_id is not None]
        return tuple(sorted(marked, key=lambda q: (q.answered_at, q.subject), reverse=True))


def group(questions: Iterable[Question], *, language: str = "fr") -> tuple[QuestionGroup, ...]:
    """Questions grouped when they are the same question, groups in the order of their first question."""
    ordered = sorted(questions, key=lambda q: (q.asked_at, q.subject_type, q.subject))
    groups: list[tuple[frozenset[str], list[Question]]] = []
    having: dict[str, list[int]] = {}  # term -> the groups whose first question has it, in group order
    # The group found for some terms stays theirs: groups made later come after it, and a group made for
    # them matches them (Jaccard 1). Tens of thousands of questions, a few dozen distinct titles.
    homes: dict[frozenset[str], int] = {}
    for question in ordered:
        mine = terms(question.title, language=language)
        home = homes.get(mine)  # never kept for no terms: those match no group
        if home is None:
            home = _first_match(mine, groups, having)
        if home is None:
            for term in mine:
                having.setdefault(term, []).append(len(groups))
            home = len(groups)
            groups.append((mine, [question]))
        else:
            groups[home][1].append(question)
        if mine:
            homes[mine] = home
    return tuple(QuestionGroup(questions=tuple(members)) for _, members in groups)


def _first_match(
    mine: frozenset[str], groups: list[tuple[frozenset[str], list[Question]]], having: dict[str, list[int]]
) -> int | None:
    """The first group whose first question is the same question as `mine`. Only groups sharing a term can
    match (Jaccard 0 otherwise), so only those are looked at: the cost follows the overlaps, not the groups."""
    candidates = sorted({index for term in mine for index in having.get(term, ())})
    return next((index for index in candidates if _jaccard(groups[index][0], mine) >= SAME), None)


def recurring_answered(groups: Sequence[QuestionGroup]) -> tuple[QuestionGroup, ...]:
    """Groups asked at least twice with at least one accepted answer: the frequently asked questions,
    most asked first (then oldest)."""
    chosen = [g for g in groups if len(g.questions) >= 2 and g.answers]
    return tuple(sorted(chosen, key=lambda g: (-len(g.questions), g.first.asked_at, g.first.subject)))


def _jaccard(x: frozenset[str], y: frozenset[str]) -> float:
    return len(x & y) / len(x | y) if x and y else 0.0
