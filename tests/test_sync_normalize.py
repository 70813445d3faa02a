"""GitHub objects -> events, as tables (pure functions, no server)."""

from __future__ import annotations

import pytest

from entraide.github import normalize as n
from entraide.github.discussions import discussion_events

ALICE = {"login": "alice", "id": 7, "type": "User"}
BOT = {"login": "dependabot[bot]", "id": 9, "type": "Bot"}
FEEDBACK = "### Note de satisfaction\n\n4 - Satisfait·e\n\n### Votre avis\n\n5 étoiles pour les mentors"


def issue(**fields):
    return {
        "number": 12,
        "title": "Titre",
        "body": "",
        "user": ALICE,
        "labels": [],
        "created_at": "2025-03-01T10:00:00Z",
        **fields,
    }


@pytest.mark.parametrize(
    "fields, payload",
    [
        ({}, {"labels": [], "title": "Titre"}),
        ({"labels": [{"name": "question"}]}, {"labels": ["question"], "title": "Titre", "form": "question"}),
        (
            {"labels": [{"name": "feedback"}], "body": FEEDBACK},
            {"labels": ["feedback"], "title": "Titre", "form": "feedback", "rating": 4},
        ),
        (
            {"labels": [{"name": "feedback"}], "body": "### Note\n\n_No response_"},
            {"labels": ["feedback"], "title": "Titre", "form": "feedback"},
        ),
        (
            {"labels": [{"name": "question"}], "body": FEEDBACK},
            {"labels": ["question"], "title": "Titre", "form": "question"},
        ),
    ],
)
def test_issue_opened_payload(fields, payload):
    event = n.issue_opened(issue(**fields))
    assert (event.id, event.payload) == ("gh:issue:12:opened", payload)


@pytest.mark.parametrize(
    "user, actor",
    [
        (ALICE, (7, "alice", "User")),
        (BOT, (9, "dependabot[bot]", "Bot")),
        (None, (None, None, None)),
        ({"login": "ghost", "id": 10137, "type": "User"}, (None, None, None)),
        ({"__typename": "Bot", "login": "renovate", "databaseId": 3}, (3, "renovate", "Bot")),
        ({"login": "m", "id": 4, "type": "Mannequin"}, (4, "m", "Mannequin")),
    ],
)
def test_actors(user, actor):
    event = n.issue_opened(issue(user=user))
    assert (event.actor_id, event.actor_login, event.actor_type) == actor


def pull(**fields):
    return {
        "number": 30,
        "title": "Défi",
        "user": ALICE,
        "labels": [{"name": "challenge:html-bases"}],
        "head": {"sha": "abc"},
        "created_at": "2025-03-01T10:00:00Z",
        "updated_at": "2025-03-02T10:00:00Z",
        "merged_at": None,
        "closed_at": None,
        **fields,
    }


@pytest.mark.parametrize(
    "fields, ids",
    [
        ({}, ["gh:pr:30:opened", "gh:pr:30:head:abc"]),
        (
            {"merged_at": "2025-03-03T10:00:00Z", "closed_at": "2025-03-03T10:00:00Z"},
            ["gh:pr:30:opened", "gh:pr:30:head:abc", "gh:pr:30:merged"],
        ),
        (
            {"closed_at": "2025-03-03T10:00:00+00:00"},
            ["gh:pr:30:opened", "gh:pr:30:head:abc", "gh:pr:30:closed:2025-03-03T10:00:00Z"],
        ),
    ],
)
def test_pull_request_states(fields, ids):
    events = n.pull_events(pull(**fields))
    assert [e.id for e in events] == ids
    assert events[0].payload["challenge"] == "html-bases" and events[-1].actor_login == "alice"


@pytest.mark.parametrize(
    "labels, challenge",
    [
        ([], None),
        ([{"name": "challenge:Bad Slug"}], None),
        ([{"name": "submission"}, {"name": "challenge:css"}], "css"),
    ],
)
def test_challenge_comes_from_the_challenge_label(labels, challenge):
    assert n.challenge_of({"labels": labels}) == challenge


@pytest.mark.parametrize(
    "html_url, kind, subject_type",
    [
        ("https://github.com/o/r/issues/5#issuecomment-1", "issue_comment", "issue"),
        ("https://github.com/o/r/pull/5#issuecomment-1", "pr_comment", "pull"),
    ],
)
def test_comment_kind_comes_from_its_page(html_url, kind, subject_type):
    event = n.comment(
        {
            "id": 1,
            "issue_url": "https://api.github.com/repos/o/r/issues/5",
            "html_url": html_url,
            "user": ALICE,
            "body": "/kudos @bob merci",
            "created_at": "2025-03-01T10:00:00Z",
        }
    )
    assert (event.kind.value, event.subject_type, event.subject) == (kind, subject_type, 5)
    assert event.payload == {"comment_id": 1, "kudos": [{"login": "bob", "reason": "merci"}], "reply_to": None}


@pytest.mark.parametrize(
    "review, expected",
    [
        ({"state": "APPROVED", "submitted_at": "2025-03-01T10:00:00Z"}, {"state": "approved", "commit_id": "abc"}),
        ({"state": "DISMISSED", "submitted_at": "2025-03-01T10:00:00Z"}, {"state": "dismissed", "commit_id": "abc"}),
        ({"state": "PENDING"}, None),
    ],
)
def test_reviews(review, expected):
    event = n.review(
        {
            "id": 3,
            "user": ALICE,
            "commit_id": "abc",
            "pull_request_url": "https://api.github.com/repos/o/r/pulls/30",
            **review,
        }
    )
    assert (event.payload if event else None) == expected


@pytest.mark.parametrize(
    "item, expected",
    [
        (
            {"event": "labeled", "label": {"name": "accepted"}},
            ("gh:label:30:added:accepted:2025-03-01T10:00:00Z", "pull"),
        ),
        ({"event": "unlabeled", "label": {"name": "spam"}}, ("gh:label:30:removed:spam:2025-03-01T10:00:00Z", "pull")),
        ({"event": "closed"}, None),  # a PR's closing comes from /pulls
        ({"event": "assigned"}, None),
    ],
)
def test_issue_events_on_a_pull_request(item, expected):
    event = n.issue_event(
        {
            "id": 1,
            "actor": ALICE,
            "created_at": "2025-03-01T10:00:00Z",
            "issue": {"number": 30, "pull_request": {}},
            **item,
        }
    )
    assert ((event.id, event.subject_type) if event else None) == expected


def test_closing_an_issue_names_who_closed_it():
    event = n.issue_event(
        {"id": 1, "event": "closed", "actor": BOT, "created_at": "2025-03-01T10:00:00Z", "issue": {"number": 4}}
    )
    assert (event.id, event.kind.value, event.actor_login) == (
        "gh:issue:4:closed:2025-03-01T10:00:00Z",
        "issue_closed",
        "dependabot[bot]",
    )


def test_discussion_node_gives_creation_comments_replies_and_answer():
    """The answer's author, when the node does not carry it, is the answering comment's."""
    node = {
        "number": 8,
        "title": "?",
        "createdAt": "2025-03-01T10:00:00Z",
        "author": ALICE,
        "category": {"name": "Q&A"},
        "answer": {"databaseId": 51},
        "answerChosenAt": "2025-03-02T10:00:00Z",
        "answerChosenBy": {"login": "alice", "databaseId": 7},
        "comments": {
            "nodes": [
                {
                    "databaseId": 51,
                    "createdAt": "2025-03-01T11:00:00Z",
                    "author": BOT,
                    "body": "x",
                    "replies": {
                        "nodes": [{"databaseId": 52, "createdAt": "2025-03-01T12:00:00Z", "author": None, "body": "y"}]
                    },
                }
            ]
        },
    }
    events = discussion_events(node)
    assert [(e.id, e.actor_login, e.payload.get("reply_to")) for e in events] == [
        ("gh:discussion:8:created", "alice", None),
        ("gh:discussion-comment:51", "dependabot[bot]", None),
        ("gh:discussion-comment:52", None, 51),
        ("gh:discussion:8:answered:51", "dependabot[bot]", None),
    ]
    assert events[-1].payload == {"comment_id": 51, "marked_by_id": 7}
