"""One bad object, answer or action never stops `entraide community` (issue 11, item 3), nor the buddy
announcements it makes for `entraide buddies`: a deleted account as commenter, author or buddy, an issue
or a discussion that answers 404, a 502 or a reset connection on a POST, an answer cut short after
GitHub wrote the comment. Each is a `::warning::` naming the item; the rest is done; the run exits 0;
the next run posts what was left, exactly once; data/community.json stays a valid record throughout.
Fake GitHub over HTTP, the real github3/requests session."""

from __future__ import annotations

import datetime as dt
import json

import fakegithub.graphql
from entraide.bot.community.run import load_state
from entraide.events import store as event_store
from entraide.github.discussions import discussion_events
from test_community_bot_discussions import ASKED
from test_community_bot_github import (  # noqa: F401  (fixtures)
    TODAY,
    community,
    expected,
    form,
    scene,
    story,
    writes,
)


def join(world, login: str) -> int:
    return world.open_issue(login, "Je rejoins le programme", form(**{"Nom affiché": login.title()}), "join")


def warnings(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("::warning::")]


def valid_record(world) -> dict:
    load_state(world.root / "data" / "community.json", today=dt.date.fromisoformat(TODAY))  # raises if corrupt
    return world.state()


def test_ghosts_a_404_issue_a_502_a_reset_and_a_cut_answer_are_warnings_and_the_rest_is_done(scene, story, capsys):  # noqa: F811
    report = story["report"]
    scene.repo.add_comment(report, "ghostly", "Je confirme.")  # a comment by a deleted account on the thread
    scene.repo.delete_user("ghostly")
    missing, failing, reset, cut = join(scene, "max"), join(scene, "ines"), join(scene, "paul"), join(scene, "rose")
    scene.fake.inject(f"/issues/{missing}", method="GET", status=404, times=100, body={"message": "Not Found"})
    scene.fake.inject(f"/issues/{failing}/comments", method="POST", status=502, times=100)
    scene.fake.inject(f"/issues/{reset}/comments", method="POST", reset=True, times=100)
    scene.fake.inject(f"/issues/{cut}/comments", method="POST", truncate=True, times=1)  # written, answer cut
    assert community(scene) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    said = warnings(captured.out)
    assert any(f"#{missing}" in line and f"join:{missing}" in line and "404" in line for line in said), said
    assert any(f"#{failing}" in line and f"join:{failing}" in line and "502" in line for line in said), said
    assert any(f"#{reset}" in line and f"join:{reset}" in line and "reset" in line.lower() for line in said), said
    assert any(f"#{cut}" in line and f"join:{cut}" in line for line in said), said
    assert scene.markers() == sorted([*expected(scene, story), f"join:{cut}"])  # the rest, all of it
    done = valid_record(scene)
    assert done[f"join:{missing}"]["status"] == "skipped"  # gone: not asked again every run
    assert f"join:{failing}" not in done and f"join:{reset}" not in done and f"join:{cut}" not in done

    scene.fake.faults.clear()
    assert community(scene) == 0  # the next run: what failed is done, what was written is only recorded
    assert community(scene) == 0
    bodies = [c for n in (failing, reset, cut) for c in scene.comments_on(n)]
    assert len(bodies) == 3 and all(b.startswith("<!-- entraide:join:") for b in bodies)  # each exactly once
    assert scene.markers() == sorted([*expected(scene, story), *(f"join:{n}" for n in (failing, reset, cut))])
    scene.fake.clear_log()
    assert community(scene) == 0 and writes(scene.fake) == []


def test_every_post_failing_leaves_a_valid_record_and_the_next_run_does_it_all_once(scene, story, capsys):  # noqa: F811
    scene.fake.inject("/repos/octo-org/entraide/issues", method="POST", status=502, times=1000)
    assert community(scene) == 0  # the thread of the buddies is not opened: its announcement waits too
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    said = warnings(captured.out)
    assert any("buddies:hiver-2025" in line and "502" in line for line in said), said
    assert any("buddy:" in line and "buddies:hiver-2025" in line for line in said), said
    assert scene.bot_texts() == []
    assert all(v["status"] == "skipped" for v in valid_record(scene).values())  # only the deleted account's form
    scene.fake.faults.clear()
    for _ in range(2):
        assert community(scene) == 0
    assert scene.markers() == expected(scene, story)


def test_a_buddy_whose_account_is_gone_is_not_announced_and_the_other_pairs_are(scene, story, capsys):  # noqa: F811
    (scene.root / "members" / "max.yml").write_text(
        f"login: max\nid: {scene.repo.user('max').id}\nname: Max\ncohort: hiver-2025\njoined: 2025-01-14\n"
    )
    pairs = {"pairs": [{"learner": "lea", "buddy": "hugo", "since": "2025-01-13"},
                       {"learner": "max", "buddy": "sophie", "since": TODAY}]}  # fmt: skip
    (scene.root / "data" / "buddies.json").write_text(json.dumps(pairs))
    scene.repo.delete_user("hugo")
    assert community(scene) == 0
    said = warnings(capsys.readouterr().out)
    key = f"buddy:{scene.repo.user('lea').id}:{scene.repo.user('hugo').id}"
    assert any(key in line and "@hugo" in line for line in said), said
    thread = next(i for i in scene.repo.issues.values() if i.title == "Binômes · Hiver 2025")
    (announced,) = scene.comments_on(thread.number)
    assert "@max" in announced and "@hugo" not in announced
    assert valid_record(scene)[key]["status"] == "skipped"
    scene.fake.clear_log()
    assert community(scene) == 0 and writes(scene.fake) == []


def test_a_question_by_a_deleted_account_gets_no_suggestion(scene, story, capsys):  # noqa: F811
    (scene.root / "docs" / "guide").mkdir(parents=True)
    (scene.root / "docs" / "guide" / "index.md").write_text("# Guide\n\n## Soumettre un défi\n\nOuvre une PR.\n")
    number = scene.open_issue("parti", ASKED[0], ASKED[1], "question")
    scene.repo.delete_user("parti")
    assert community(scene) == 0
    assert scene.comments_on(number) == []
    assert valid_record(scene)[f"suggest:{number}"]["status"] == "skipped"


def ask(world, login: str) -> int:
    """A Q&A discussion on GitHub, and its creation event as the sync stores it."""
    item = world.repo.add_discussion(login, ASKED[0], body=ASKED[1], category="Q&A", at="2025-01-13T09:00:00Z")
    event_store.append(world.root / "data", [discussion_events(fakegithub.graphql.discussion(world.repo, item))[0]])
    return item.number


def test_a_502_on_a_discussion_reply_is_a_warning_and_the_issues_are_answered(scene, story, capsys):  # noqa: F811
    (scene.root / "docs" / "guide").mkdir(parents=True)
    (scene.root / "docs" / "guide" / "index.md").write_text(
        "# Guide\n\n## Soumettre un défi\n\nOuvre une pull request depuis ta branche ; un mentor relit la "
        "soumission et l'approuve sur le dernier commit.\n"
    )
    number = ask(scene, "lea")
    scene.fake.inject("/graphql", method="POST", status=502, after=1, times=1000)  # the reply, not the read
    assert community(scene) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    said = warnings(captured.out)
    assert any(f"discussion #{number}" in line and "502" in line for line in said), said
    assert scene.markers() == expected(scene, story)  # everything on issues was done
    assert f"suggest-discussion:{number}" not in valid_record(scene)
    scene.fake.faults.clear()
    for _ in range(2):
        assert community(scene) == 0
    assert len([c for c in scene.repo.discussions[number].comments if c.user == scene.repo.bot]) == 1


def test_an_unreachable_repository_stops_the_run_in_one_line(scene, story, capsys):  # noqa: F811
    scene.fake.inject("/repos/octo-org/entraide", method="GET", status=502, times=100)
    assert community(scene) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and scene.bot_texts() == []
    (line,) = [text for text in captured.err.splitlines() if text.strip()]
    assert "502" in line and "/repos/octo-org/entraide" in line
    valid_record(scene)


def test_timed_out_posts_written_or_not_are_warnings_and_posted_once(scene, story, capsys, monkeypatch):  # noqa: F811
    """A POST whose answer never comes within $ENTRAIDE_HTTP_TIMEOUT: GitHub wrote the comment, or not."""
    monkeypatch.setenv("ENTRAIDE_HTTP_TIMEOUT", "1")
    lost, slow = join(scene, "max"), join(scene, "ines")
    scene.fake.inject(f"/issues/{lost}/comments", method="POST", hold=3, times=1)  # nothing written
    scene.fake.inject(f"/issues/{slow}/comments", method="POST", hold=3, written=True, times=1)
    assert community(scene) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    said = warnings(captured.out)
    for number in (lost, slow):
        assert any(f"#{number}" in line and f"join:{number}" in line and "timeout" in line.lower() for line in said)
    assert scene.markers() == sorted([*expected(scene, story), f"join:{slow}"])  # the rest, all of it
    done = valid_record(scene)
    assert f"join:{lost}" not in done and f"join:{slow}" not in done

    for _ in range(2):  # the next run posts what was not written and only records what was
        assert community(scene) == 0
    for number in (lost, slow):
        assert len(scene.comments_on(number)) == 1  # exactly once
    assert scene.markers() == sorted([*expected(scene, story), f"join:{lost}", f"join:{slow}"])
    done = valid_record(scene)
    assert f"join:{lost}" in done and f"join:{slow}" in done
