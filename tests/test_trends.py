"""Topics of the questions rising or falling month over month (the mentors' private report)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from entraide.events.model import Event
from entraide.events.questions import questions
from entraide.insight import report
from entraide.insight.trends import months, trends


def asked(n: int, month: int, title: str, *labels: str) -> Event:
    return Event(
        id=f"ev:{n}",
        kind="issue_opened",
        at=dt.datetime(2026, month, 3 + n % 20, 9, tzinfo=dt.UTC),
        actor_id=100 + n,
        actor_login=f"u{n}",
        actor_type="User",
        subject=n,
        subject_type="issue",
        payload={"labels": ["question", *labels], "title": title},
    )


HISTORY = (
    asked(1, 9, "Mon formulaire n'est pas accessible", "front"),
    asked(2, 9, "Formulaires et lecteurs d'écran", "front"),
    asked(3, 9, "Flexbox ou Grid ?", "front"),
    asked(4, 10, "Quel code HTTP pour un outil emprunté ?", "back"),
    asked(5, 10, "Code HTTP 409 ou 422 ?", "back"),
    asked(6, 10, "Code de retour d'une API", "back"),
    Event(
        id="ev:moderated",
        kind="label_added",
        at=dt.datetime(2026, 10, 20, tzinfo=dt.UTC),
        actor_id=1,
        actor_login="mentor",
        actor_type="User",
        subject=6,
        subject_type="issue",
        payload={"label": "spam"},
    ),  # moderated: not counted
    asked(7, 10, "Un formulaire au clavier", "front"),
    asked(8, 11, "Les codes HTTP encore", "back"),  # the current month: not complete, not compared
)


def test_the_two_last_complete_months_are_compared():
    assert months(dt.date(2026, 11, 27)) == ("2026-09", "2026-10")
    assert months(dt.date(2026, 1, 1)) == ("2025-11", "2025-12")


def test_labels_and_words_rise_and_fall_between_the_two_months():
    found = trends(
        questions(HISTORY, moderation_labels=("spam",)), HISTORY, as_of=dt.date(2026, 11, 27), ignored_labels=("spam",)
    )
    rising = {(t.kind, t.topic): (t.before, t.after) for t in found.rising}
    falling = {(t.kind, t.topic): (t.before, t.after) for t in found.falling}
    assert rising == {("label", "back"): (0, 2), ("word", "code"): (0, 2), ("word", "http"): (0, 2)}
    assert falling == {("label", "front"): (3, 1), ("word", "formulaire"): (2, 1)}
    assert all(t.topic not in ("question", "spam") for t in found.rising + found.falling)


def test_the_trends_are_in_the_mentors_private_report_only():
    root = Path(__file__).resolve().parent.parent
    _, text = report.report_text(root, as_of=dt.date(2026, 11, 15))
    assert "## Sujets des questions : 2026-10 comparé à 2026-09" in text
    assert "### En hausse" in text and "### En baisse" in text
