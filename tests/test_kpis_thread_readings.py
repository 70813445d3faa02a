"""The thread readings' fast paths give what the plain readings give, on random histories that span more
than the quoted wait's window, hold a second repository of the programme, and reach the KPIs both as
validated events (dict payloads) and as the compact store's events (typed payloads):

- responsiveness read in one loop over the openings (`waiting.read_waits`) against the plain `waits`
  (each opening classified and each first response asked by `is_question`, `first_response`);
- the mentors' view walking only the submissions still open and the pull requests reviewed within the
  quote's window, against one plain pass over every event and the bot's own reading of the pull requests;
- the connections read as learners' ranks in one loop, against each reply asked for its targets.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from entraide.content.models import Role
from entraide.events import store
from entraide.events.submissions import median_review_wait, pull_requests
from entraide.kpis import build_history
from entraide.kpis.history import months
from entraide.kpis.mentors import REVIEWERS, mentors_view
from entraide.kpis.responsiveness import _question_labels, _Waits, responsiveness, summarised, waits
from kpi_fixtures import community, ev
from test_kpis_passes import assert_plain_connections, plain_waiting

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
AS_OF = dt.date(2026, 9, 1)  # ~240 days of events: the quote's 90-day window leaves some reviews out
LOGINS = ["alice", "bruno", "chloe", "dan", "mona", "max", None]
OTHER = "org/cohort-2"  # another repository of the programme: its numbers are its own


def _payload(rng: random.Random, kind: str) -> dict:
    if kind == "issue_opened":
        return rng.choice(
            [{}, {"form": "question"}, {"form": "help"}, {"labels": ["Help"]}, {"labels": ["bug", "QUESTION"]},
             {"labels": [7]}, {"form": 5}, {"form": "feedback", "rating": 4}]
        )  # fmt: skip
    if kind == "pr_opened":
        return rng.choice([{}, {"challenge": "html"}, {"challenge": "api"}, {"challenge": ""}])
    if kind == "discussion_created":
        return {"category": rng.choice(["Q&A", "questions", "General", ""])}
    if kind.endswith("_comment") or kind == "discussion_answered":
        payload: dict = {"comment_id": rng.randrange(60)}
        if rng.random() < 0.3:
            payload["reply_to"] = rng.choice([rng.randrange(70), True, 3])
        if rng.random() < 0.2 and kind != "discussion_answered":
            payload["kudos"] = [{"login": rng.choice(["Chloe", "alice", "BRUNO", "nobody"]), "reason": "merci"}]
        return payload
    if kind.startswith("label_"):
        payload = {"label": rng.choice(["question", "Help", "bug", "challenge:html", "challenge:api"])}
        return payload | ({"target_id": 5} if rng.random() < 0.2 else {})
    if kind == "review_submitted":
        return {"state": rng.choice(["commented", "approved", "changes_requested"])}
    return {}


KINDS = [
    ("issue_opened", "issue"), ("issue_comment", "issue"), ("label_added", "issue"), ("issue_closed", "issue"),
    ("pr_opened", "pull"), ("pr_head", "pull"), ("pr_merged", "pull"), ("pr_closed", "pull"),
    ("review_submitted", "pull"), ("review_submitted", "pull"), ("pr_comment", "pull"), ("review_comment", "pull"),
    ("label_added", "pull"), ("label_removed", "pull"), ("discussion_created", "discussion"),
    ("discussion_comment", "discussion"), ("discussion_answered", "discussion"), ("reaction", "issue"),
]  # fmt: skip


def random_events(seed: int, *, count: int = 500, repos: bool = True) -> list:
    rng = random.Random(seed)
    events = []
    for _ in range(count):
        kind, stype = rng.choice(KINDS)
        if kind in {"pr_merged", "pr_closed"} and rng.random() < 0.7:
            kind = "pr_head"  # rarer: some submissions must still wait at the end
        at = START + dt.timedelta(hours=rng.randrange(0, 24 * 240), minutes=rng.choice((0, 0, 30)))
        event = ev(kind, at, rng.choice(LOGINS), rng.randrange(1, 14), stype, **_payload(rng, kind))
        if repos and rng.random() < 0.15:
            event = event.model_copy(update={"repo": OTHER, "id": f"{OTHER}#{event.id}"})
        events.append(event)
    return events


def histories(seed: int, tmp_path) -> list:
    """The same random history validated, and read back from the store as compact events."""
    events = random_events(seed, repos=False)
    store.append(tmp_path, events)
    validated = build_history(community(), random_events(seed), as_of=AS_OF)
    return [
        validated,
        *(build_history(community(), read(tmp_path), as_of=AS_OF) for read in (store.load_validated, store.load)),
    ]


@pytest.fixture(params=range(10))
def each(request, tmp_path):
    return histories(request.param, tmp_path)


def test_responsiveness_read_in_one_loop_is_the_plain_reading(each):
    for history in each:
        questions, submissions = waits(history, _question_labels(history))
        now = history.now
        plain = summarised(_Waits.of(questions, now=now), _Waits.of(submissions, now=now), months(history))
        assert responsiveness(history) == plain
        assert plain.questions_total.opened and plain.submissions_total.opened  # both kinds read


def test_the_mentors_view_walking_only_what_can_change_is_the_plain_pass_and_the_bots_quote(each):
    for history in each:
        view = mentors_view(history)
        got = sorted((w.since, (f"{w.repo}#pull" if w.repo else "pull", w.number)) for w in view.waiting)
        assert got == plain_waiting(history)
        reviewers = frozenset(m.id for m in history.members.values() if m.role in REVIEWERS)
        wait = median_review_wait(pull_requests(history.events).values(), mentor_ids=reviewers, now=history.now)
        assert view.median_wait_hours == (None if wait is None else round(wait / dt.timedelta(hours=1), 2))
        assert [w.since for w in view.waiting] == sorted(w.since for w in view.waiting)


def test_some_reviews_fall_before_the_quotes_window_and_some_submissions_still_wait(tmp_path):
    history = histories(0, tmp_path)[0]
    reviewed = [e.at.date() for e in history.events if e.kind.value == "review_submitted"]
    assert min(reviewed) < AS_OF - dt.timedelta(days=90) < max(reviewed)
    assert mentors_view(history).waiting and mentors_view(history).median_wait_hours is not None


def test_connections_read_in_one_loop_are_each_reply_asked_for_its_targets(each):
    for history in each:
        assert_plain_connections(history)
        assert [m.role for m in history.members.values() if m.login == "mona"] == [Role.mentor]


@pytest.mark.parametrize("seed", range(3))
def test_responsiveness_on_the_24_hour_cuts_is_the_plain_reading(seed, tmp_path):
    """Questions and submissions opened exactly 24 hours before the end of the day measured, and answers
    exactly 24 hours after their question: the random histories never fall on either cut."""
    now = build_history(community(), [], as_of=AS_OF).now
    day = dt.timedelta(hours=24)
    start = START + dt.timedelta(days=20)
    events = [
        *random_events(seed, repos=False),
        ev("issue_opened", now - day, "alice", 90, "issue", form="question"),
        ev("issue_opened", now - day + dt.timedelta(minutes=30), "alice", 91, "issue", form="question"),
        ev("issue_opened", now - day - dt.timedelta(minutes=30), "dan", 92, "issue", labels=["help"]),
        ev("pr_opened", now - day, "chloe", 93, "pull", challenge="html"),
        ev("issue_opened", start, "dan", 94, "issue", form="question"),
        ev("issue_comment", start + day, "bruno", 94, "issue", comment_id=1),
        ev("pr_opened", start, "alice", 95, "pull", challenge="api"),
        ev("review_submitted", start + day, "mona", 95, "pull", state="commented"),
    ]
    events.sort(key=lambda e: (e.at, e.id))
    store.append(tmp_path, events)
    for history in (
        build_history(community(), events, as_of=AS_OF),
        build_history(community(), store.load(tmp_path), as_of=AS_OF),
    ):
        questions, submissions = waits(history, _question_labels(history))
        plain = summarised(_Waits.of(questions, now=now), _Waits.of(submissions, now=now), months(history))
        assert responsiveness(history) == plain
        first = {w.opening.event.subject: w.first_response for w in questions + submissions}
        assert {90, 91, 92, 93, 94, 95} <= set(first) and first[94] == first[95] == start + day
