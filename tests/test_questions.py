"""Which questions still wait for an answer."""

import datetime as dt

from entraide.events.model import Event
from entraide.events.questions import questions, waiting

T0 = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)


def ev(n, kind, actor, subject, *, hours=0, subject_type="issue", bot=False, **payload):
    return Event(
        id=f"ev:{n}",
        kind=kind,
        at=T0 + dt.timedelta(hours=hours),
        actor_id=actor,
        actor_login=None if actor is None else (f"u{actor}[bot]" if bot else f"u{actor}"),
        actor_type="Bot" if bot else "User",
        subject=subject,
        subject_type=subject_type,
        payload=payload,
    )


HISTORY = (
    ev(1, "issue_opened", 1, 10, labels=["question"], title="Flexbox ?"),
    ev(2, "issue_comment", 1, 10, hours=1),  # the author's own follow-up: still waiting
    ev(3, "issue_comment", 9, 10, hours=2, bot=True),  # a bot: still waiting
    ev(4, "issue_opened", 2, 11, form="help"),
    ev(5, "issue_comment", 3, 11, hours=3),  # a peer replied: answered
    ev(6, "discussion_created", 4, 5, hours=0.5, subject_type="discussion", category="Q&A"),
    ev(7, "discussion_comment", 5, 5, hours=1.5, subject_type="discussion"),  # a reply, no marked answer yet
    ev(8, "discussion_created", 4, 6, subject_type="discussion", category="Q&A", hours=4),
    ev(9, "discussion_answered", 5, 6, hours=5, subject_type="discussion", comment_id=1),
    ev(10, "issue_opened", 6, 12, hours=6),  # not a question...
    ev(11, "label_added", 3, 12, hours=7, label="question"),  # ...until labelled one
    ev(12, "issue_opened", 7, 13, hours=8, labels=["question"]),
    ev(13, "label_added", 3, 13, hours=9, label="spam"),  # moderated away
    ev(14, "issue_opened", None, 14, hours=10, labels=["question"]),  # deleted account asked
    ev(15, "issue_opened", 8, 15, hours=11, labels=["question"]),
    ev(16, "issue_closed", 8, 15, hours=12),
    ev(17, "discussion_created", 4, 7, subject_type="discussion", category="Idées"),
)


def test_waiting_questions_oldest_first():
    found = questions(HISTORY)
    assert [(q.subject_type, q.subject) for q in waiting(found)] == [
        ("issue", 10),
        ("discussion", 5),
        ("issue", 12),
        ("issue", 14),
    ]
    assert waiting(found)[0].title == "Flexbox ?"


def test_first_reply_time_is_by_someone_else_and_not_a_bot():
    by_subject = {(q.subject_type, q.subject): q for q in questions(HISTORY)}
    assert by_subject[("issue", 11)].first_reply_at == T0 + dt.timedelta(hours=3)
    assert by_subject[("issue", 10)].first_reply_at is None
    assert by_subject[("discussion", 6)].answered_at == T0 + dt.timedelta(hours=5)
    assert ("discussion", 7) not in by_subject


def test_no_events_no_questions():
    assert questions(()) == ()
