"""Recurring questions: the text-similarity rule that says two questions are the same question, and the groups."""

from __future__ import annotations

import datetime as dt

import pytest

from entraide.events.questions import Question
from entraide.insight.recurring import group, recurring_answered, same_question

SAME = [
    ("Comment rebaser ma branche sur main ?", "Rebaser sa branche sur main : comment faire ?"),
    ("Comment lire un CSV avec des points-virgules ?", "Lire un fichier CSV séparé par des points-virgules"),
    ("Clé étrangère refusée par SQLite", "SQLite refuse ma clé étrangère"),
    ("Mes onglets ne réagissent pas aux flèches du clavier", "Les flèches du clavier ne changent pas mes onglets"),
    ("Quelle unité pour les marges : rem ou em ?", "Marges : em ou rem, quelle unité choisir ?"),
    ("Comment se préparer à un premier entretien technique ?", "Se preparer a un entretien technique"),
]
DIFFERENT = [
    ("Grid ou Flexbox pour la barre latérale ?", "Grid ou Flexbox pour une galerie d'images ?"),
    ("Comment tester le contraste d'un texte sur une image ?", "Comment tester mon formulaire au clavier ?"),
    ("Git : rebase ou merge pour mettre à jour ma branche ?", "Comment rebaser ma branche sur main ?"),
    ("Quel code HTTP pour un outil déjà emprunté ?", "Quel code HTTP pour une route qui n'existe pas ?"),
    ("Comment éviter l'injection SQL avec sqlite3 ?", "Comment lire un CSV avec des points-virgules ?"),
    ("", "Comment rebaser ma branche sur main ?"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_the_same_question_in_other_words_is_the_same_question(a, b):
    assert same_question(a, b) and same_question(b, a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_questions_sharing_a_few_words_are_different_questions(a, b):
    assert not same_question(a, b) and not same_question(b, a)


def asked(subject: int, title: str, day: int, *, answer: int | None = None) -> Question:
    at = dt.datetime(2026, 3, day, 9, tzinfo=dt.UTC)
    return Question(
        subject=subject,
        subject_type="discussion",
        asked_at=at,
        author_id=subject,
        title=title,
        answered_at=at + dt.timedelta(days=1) if answer else None,
        answer_id=answer,
    )


QUESTIONS = [
    asked(4, "Rebaser sa branche sur main : comment faire ?", 4, answer=41),
    asked(1, "Comment rebaser ma branche sur main ?", 1),
    asked(2, "Grid ou Flexbox pour la barre latérale ?", 2),
    asked(3, "Grid ou Flexbox pour une galerie d'images ?", 3, answer=31),
    asked(5, "Comment rebaser ma branche sur main ?", 5),
]


def test_groups_follow_the_order_questions_were_asked_whatever_the_input_order():
    groups = group(QUESTIONS)
    assert [[q.subject for q in g.questions] for g in groups] == [[1, 4, 5], [2], [3]]
    assert group(reversed(QUESTIONS)) == groups


def test_frequent_questions_are_asked_twice_or_more_with_an_accepted_answer():
    frequent = recurring_answered(group(QUESTIONS))
    assert [g.first.subject for g in frequent] == [1]  # the galerie question has an answer but was asked once
    assert frequent[0].answers[0].answer_id == 41
