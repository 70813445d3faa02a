"""Automatic suggestions under new Q&A discussions: planned from the events, posted once through GraphQL.

End to end against the fake GitHub with the sync's github3/requests client over HTTP: the discussion is
read with `repository.discussion(number:)` and the reply posted with `addDiscussionComment`. The events
are the ones the sync stores, made from the fake's own GraphQL node of each discussion.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import requests

import fakegithub.graphql
from builders import community as world
from builders import ev
from entraide.bot.community import run as community_bot_run
from entraide.bot.community.discussions import ADD_COMMENT, DISCUSSION_QUERY
from entraide.bot.community.plan import DiscussionReply, Done, State, plan
from entraide.events import store as event_store
from entraide.events.model import Event
from entraide.github.discussions import discussion_events
from entraide_cmd import run as run_command
from fakegithub.payloads import node_id

TODAY = "2025-01-14"
GUIDE = (
    "# Guide\n\n## Soumettre un défi\n\nOuvre une pull request depuis ta branche ; un mentor relit la "
    "soumission et l'approuve sur le dernier commit.\n"
)
ASKED = ("Comment soumettre mon défi ?", "Je ne sais pas comment ouvrir la pull request pour mon défi.")


class Scene:
    def __init__(self, fake, root: Path):
        self.fake, self.repo, self.root = fake, fake.repo, root

    def ask(self, login: str, title: str = ASKED[0], body: str = ASKED[1], *, category: str = "Q&A") -> int:
        """A discussion on GitHub, and its creation event as the sync stores it."""
        item = self.repo.add_discussion(login, title, body=body, category=category, at="2025-01-13T09:00:00Z")
        created = discussion_events(fakegithub.graphql.discussion(self.repo, item))[0]
        event_store.append(self.root / "data", [created])
        return item.number

    def open_question(self, login: str) -> int:
        """A question issue (the issue form's label), and its opening event as the sync stores it."""
        item = self.repo.add_issue(login, ASKED[0], body=ASKED[1], labels=["question"], at="2025-01-13T10:00:00Z")
        user = self.repo.user(login)
        event_store.append(
            self.root / "data",
            [
                Event(
                    id=f"gh:issue:{item.number}:opened",
                    kind="issue_opened",
                    at=item.created_at,
                    actor_id=user.id,
                    actor_login=login,
                    actor_type=user.type,
                    subject=item.number,
                    subject_type="issue",
                    payload={"labels": ["question"], "form": "question", "title": item.title},
                )
            ],
        )
        return item.number

    def bot_comments(self, number: int) -> list[str]:
        return [c.body for c in self.repo.discussions[number].comments if c.user == self.repo.bot]

    def state(self) -> dict:
        return json.loads((self.root / "data" / "community.json").read_text())["done"]

    def run(self, *extra: str) -> int:
        return run_command(
            "entraide.cli.community",
            [
                "--root",
                str(self.root),
                "community",
                "--repo",
                "octo-org/entraide",
                "--api-url",
                self.fake.url,
                "--delay",
                "0",
                "--today",
                TODAY,
                *extra,
            ],
        )

    def graphql_requests(self) -> int:
        return len(self.fake.counted("graphql"))

    def rest_writes(self) -> list[tuple[str, str]]:
        return [
            (e.method, e.path)
            for e in self.fake.log
            if e.method in ("POST", "PATCH", "PUT", "DELETE") and not e.path.endswith("/graphql")
        ]


@pytest.fixture
def scene(github_env, tmp_path) -> Scene:
    root = tmp_path / "community"
    for folder in ("members", "challenges", "data", "docs/guide"):
        (root / folder).mkdir(parents=True)
    (root / "entraide.yml").write_text(
        "name: Test\nlanguage: fr\nrepository: octo-org/entraide\ntracks:\n  - id: front\n    name: Front-end\n",
        encoding="utf-8",
    )
    (root / "docs" / "guide" / "index.md").write_text(GUIDE, encoding="utf-8")
    return Scene(github_env, root)


def test_a_qa_discussion_gets_one_suggestion_across_three_runs(scene):
    number = scene.ask("lea")
    assert scene.run() == 0
    assert scene.graphql_requests() == 2  # the discussion read once, one comment added
    for _ in range(2):
        assert scene.run() == 0
    (reply,) = scene.bot_comments(number)
    assert reply.startswith(f"<!-- entraide:suggest-discussion:{number} -->")
    assert "guide/#soumettre-un-defi" in reply and "Suggestion automatique" in reply
    posted = scene.repo.discussions[number].comments[0]
    assert scene.state() == {
        f"suggest-discussion:{number}": {"subject": number, "comment_id": posted.id, "status": "posted"}
    }
    assert scene.graphql_requests() == 2 and scene.rest_writes() == []  # recorded: later runs ask nothing


def test_a_kill_between_posting_and_recording_never_posts_twice(scene, monkeypatch):
    number = scene.ask("lea")
    real_save = community_bot_run.save_state

    def killed(path, state):
        if state.done:
            raise KeyboardInterrupt  # stopped right after GitHub accepted the comment
        real_save(path, state)

    monkeypatch.setattr(community_bot_run, "save_state", killed)
    with pytest.raises(KeyboardInterrupt):
        scene.run()
    assert len(scene.bot_comments(number)) == 1 and scene.state() == {}
    monkeypatch.setattr(community_bot_run, "save_state", real_save)
    for _ in range(3):
        assert scene.run() == 0
    assert len(scene.bot_comments(number)) == 1
    done = scene.state()[f"suggest-discussion:{number}"]
    assert done["status"] == "posted" and done["comment_id"] == scene.repo.discussions[number].comments[0].id


def test_a_discussion_outside_the_qa_category_gets_nothing(scene, capsys):
    number = scene.ask("lea", category="General")
    assert scene.run() == 0
    assert scene.repo.discussions[number].comments == [] and scene.state() == {}
    assert scene.graphql_requests() == 0 and "nothing to do" in capsys.readouterr().out


def test_nothing_fitting_posts_nothing_and_is_recorded_as_skipped(scene, capsys):
    number = scene.ask("lea", "Recette des crêpes bretonnes", "Combien d'œufs faut-il pour la pâte ?")
    assert scene.run() == 0
    assert scene.repo.discussions[number].comments == []
    assert f"skipped suggest-discussion:{number} (nothing to say)" in capsys.readouterr().out
    assert scene.state()[f"suggest-discussion:{number}"]["status"] == "skipped"
    scene.fake.clear_log()
    assert scene.run() == 0 and scene.fake.log == []


def test_dry_run_plans_the_suggestion_and_writes_nothing(scene, capsys):
    number = scene.ask("lea")
    assert scene.run("--dry-run") == 0
    out = capsys.readouterr().out
    assert f"discussion #{number}: post suggest-discussion:{number}" in out and "1 action(s) planned" in out
    assert scene.fake.log == [] and scene.repo.discussions[number].comments == []
    assert not (scene.root / "data" / "community.json").exists()


def test_the_question_is_never_answered_closed_locked_or_labelled(scene, monkeypatch):
    operations = []
    real_execute = fakegithub.graphql.execute

    def recording(repo, request, actor=None):
        operations.append(request["query"])
        return real_execute(repo, request, actor)

    monkeypatch.setattr(fakegithub.graphql, "execute", recording)
    number = scene.ask("lea")
    scene.repo.add_discussion_comment(number, "hugo", "Regarde le guide, section Soumettre un défi.")
    assert scene.run() == 0
    mutations = [q for q in operations if q.lstrip().startswith("mutation")]
    assert len(mutations) == 1 and "addDiscussionComment" in mutations[0]
    assert not re.search(r"markDiscussionCommentAsAnswer|closeDiscussion|lock|[lL]abel", "".join(operations))
    assert scene.repo.discussions[number].answer_id is None and scene.rest_writes() == []
    assert len(scene.bot_comments(number)) == 1


def test_a_deleted_author_gets_no_reply_and_a_bot_is_not_answered(scene, capsys):
    gone = scene.ask("gone")
    scene.repo.delete_user("gone")
    robot = scene.ask("helper[bot]")
    assert scene.run() == 0
    assert scene.repo.discussions[gone].comments == [] and scene.repo.discussions[robot].comments == []
    assert f"skipped suggest-discussion:{gone} (asked by a deleted account or a bot)" in capsys.readouterr().out
    assert list(scene.state()) == [f"suggest-discussion:{gone}"]  # the bot's question is never planned


def test_a_marker_quoted_by_a_person_does_not_count_as_the_bots_reply(scene):
    number = scene.ask("lea")
    scene.repo.add_discussion_comment(number, "hugo", f"<!-- entraide:suggest-discussion:{number} --> ?")
    assert scene.run() == 0
    assert len(scene.bot_comments(number)) == 1


def test_a_deleted_discussion_is_skipped_and_the_run_goes_on(scene, capsys):
    gone, kept = scene.ask("lea"), scene.ask("hugo")
    del scene.repo.discussions[gone]
    assert scene.run() == 0
    assert f"skipped suggest-discussion:{gone} (discussion gone)" in capsys.readouterr().out
    assert len(scene.bot_comments(kept)) == 1


def test_a_locked_discussion_is_skipped_once(scene, capsys):
    number = scene.ask("lea")
    scene.fake.inject(
        "/graphql",
        method="POST",
        after=1,
        status=200,
        body={
            "data": {"addDiscussionComment": None},
            "errors": [{"type": "UNPROCESSABLE", "message": "Unable to create comment because discussion is locked."}],
        },
    )
    assert scene.run() == 0
    assert (
        f"skipped suggest-discussion:{number} (GitHub refused: Unable to create comment because discussion is locked.)"
    ) in capsys.readouterr().out
    assert scene.bot_comments(number) == [] and scene.state()[f"suggest-discussion:{number}"]["status"] == "skipped"
    scene.fake.clear_log()
    assert scene.run() == 0 and scene.fake.log == []


def test_a_token_without_discussions_write_stops_with_the_permission_named(scene, capsys):
    number, issue = scene.ask("lea"), scene.open_question("hugo")
    scene.fake.inject(
        "/graphql",
        method="POST",
        after=1,
        status=200,
        body={
            "data": {"addDiscussionComment": None},
            "errors": [{"type": "FORBIDDEN", "message": "Resource not accessible by integration"}],
        },
    )
    assert scene.run() == 2
    assert "the token needs the permission discussions=write" in capsys.readouterr().err
    assert f"suggest-discussion:{number}" not in scene.state()
    assert scene.state()[f"suggest:{issue}"]["status"] == "posted"  # done before: discussions come last


# --------------------------------------------------------------------------- the plan, without GitHub

SINCE = dt.date(2026, 3, 10)


def asked(number: int, category: str = "Q&A", at: str = "2026-03-16", actor=(99, "zoe"), **extra):
    return ev("discussion_created", at, actor, number, category=category, title="Flexbox ?", **extra)


@pytest.mark.parametrize(
    "events, expected",
    [
        ([asked(4)], [4]),
        ([asked(4, category="Questions & réponses")], [4]),
        ([asked(4, category="General")], []),
        ([asked(4, at="2026-03-09")], []),  # before the bot's first run
        ([asked(4, actor=(7, "robot[bot]"), actor_type="Bot")], []),
        ([asked(4, actor=None)], [4]),  # a deleted account: the shell checks on GitHub and skips
        ([asked(4), ev("discussion_answered", "2026-03-16T12:00", (98, "max"), 4, comment_id=9)], []),
    ],
)
def test_each_new_qa_discussion_is_planned_once(events, expected):
    def planned(state):
        return [
            a.subject
            for a in plan(world([]), events, state, pairs=[], today=dt.date(2026, 3, 17), repository="org/repo")
            if isinstance(a, DiscussionReply)
        ]

    assert planned(State(since=SINCE)) == expected
    done = State(since=SINCE, done={"suggest-discussion:4": Done(subject=4, status="skipped")})
    assert planned(done) == []


def test_discussion_suggestions_come_after_every_other_action():
    events = [asked(4), ev("issue_opened", "2026-03-16", (99, "zoe"), 5, labels=["question"], title="Git ?")]
    actions = plan(world([]), events, State(since=SINCE), pairs=[], today=dt.date(2026, 3, 17), repository=None)
    assert [a.key for a in actions] == ["suggest:5", "suggest-discussion:4"]


# --------------------------------------------------------------------------- the fake's GraphQL, as GitHub answers


def graphql(fake, query: str, variables: dict) -> dict:
    return requests.post(
        fake.url + "/api/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"bearer {fake.token}"},
    ).json()


def test_the_fake_adds_a_discussion_comment_by_the_tokens_user_and_answers_only_what_is_asked(fake_github):
    talk = fake_github.repo.add_discussion("alice", "Bonjour")
    read = graphql(fake_github, DISCUSSION_QUERY, {"owner": "octo-org", "name": "entraide", "number": talk.number})
    node = read["data"]["repository"]["discussion"]
    assert node["id"] == node_id("D", talk.id) and node["comments"] == {"nodes": []}
    added = graphql(
        fake_github,
        "mutation($discussionId: ID!, $body: String!) { addDiscussionComment(input: "
        "{discussionId: $discussionId, body: $body}) { comment { id url } } }",
        {"discussionId": node["id"], "body": "Salut"},
    )
    (comment,) = talk.comments
    assert added == {
        "data": {
            "addDiscussionComment": {
                "comment": {
                    "id": node_id("DC", comment.id),
                    "url": f"https://github.com/octo-org/entraide/discussions/{talk.number}#discussioncomment-{comment.id}",
                }
            }
        }
    }
    assert (comment.user.login, comment.user.type, comment.body) == ("github-actions[bot]", "Bot", "Salut")
    assert [r.resource for r in fake_github.counted("graphql")] == ["graphql", "graphql"]


def test_the_fake_answers_not_found_for_an_unknown_discussion(fake_github):
    read = graphql(fake_github, DISCUSSION_QUERY, {"owner": "octo-org", "name": "entraide", "number": 404})
    assert read["data"] == {"repository": {"discussion": None}} and read["errors"][0]["type"] == "NOT_FOUND"
    added = graphql(fake_github, ADD_COMMENT, {"discussionId": "D_nothing", "body": "?"})
    assert added["data"] == {"addDiscussionComment": None} and added["errors"][0]["type"] == "NOT_FOUND"
