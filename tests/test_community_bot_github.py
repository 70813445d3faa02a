"""`entraide community` end to end against the fake GitHub, through the sync's github3 client over HTTP.

A small community on its second week: a join form full of Markdown, HTML and backticks, a join form
from a deleted account and one from a bot, a conduct report whose body names someone, a new buddy pair
and the cohort's week-2 pulse survey. The events the sync would store are written beside each issue.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from entraide.bot.community import run as community_bot_run
from entraide.events import store as event_store
from entraide.events.model import Event
from entraide_cmd import run as run_command

TODAY = "2025-01-14"
NASTY_NAME = "Zoé ``` </code><script>alert(1)</script> **gras** @sophie\n```\n# titre"
REPORT = "Bobletroll m'a insulté dans la PR 12 : « tu es nul »."


class Scene:
    """The fake repository and the community folder, kept in step."""

    def __init__(self, fake, root: Path):
        self.fake, self.repo, self.root = fake, fake.repo, root

    def open_issue(self, login: str, title: str, body: str, form: str, *, at: str | None = None) -> int:
        issue = self.repo.add_issue(login, title, body=body, labels=[form], at=at)
        user = self.repo.user(login)
        event = Event(
            id=f"gh:issue:{issue.number}:opened",
            kind="issue_opened",
            at=issue.created_at,
            actor_id=user.id,
            actor_login=login,
            actor_type=user.type,
            subject=issue.number,
            subject_type="issue",
            payload={"labels": [form], "form": form, "title": title},
        )
        event_store.append(self.root / "data", [event])
        return issue.number

    def bot_texts(self) -> list[str]:
        """Every comment and issue body the bot wrote."""
        comments = [c.body for c in self.repo.comments.values() if c.user == self.repo.bot]
        issues = [i.body for i in self.repo.issues.values() if i.user == self.repo.bot]
        return comments + issues

    def markers(self) -> list[str]:
        return sorted(m for text in self.bot_texts() for m in re.findall(r"<!-- entraide:(\S+) -->", text))

    def comments_on(self, number: int) -> list[str]:
        return [c.body for c in self.repo.comments.values() if c.issue == number]

    def state(self) -> dict:
        return json.loads((self.root / "data" / "community.json").read_text())["done"]


def form(**answers: str) -> str:
    return "\n\n".join(f"### {label}\n\n{value}" for label, value in answers.items())


@pytest.fixture
def scene(github_env, tmp_path) -> Scene:
    root = tmp_path / "community"
    scene = Scene(github_env, root)
    repo = scene.repo
    (root / "members").mkdir(parents=True)
    (root / "challenges").mkdir()
    (root / "data").mkdir()
    (root / "entraide.yml").write_text(
        "name: Test\nlanguage: fr\nrepository: octo-org/entraide\n"
        "tracks:\n  - id: front\n    name: Front-end\n    mentors: [sophie]\n"
        "cohorts:\n  - id: hiver-2025\n    name: Hiver 2025\n    start: 2025-01-08\n    end: 2025-03-28\n",
        encoding="utf-8",
    )
    for login, role, joined in (
        ("lea", "learner", "2025-01-13"),
        ("hugo", "learner", "2024-11-04"),
        ("sophie", "mentor", "2024-09-02"),
    ):
        (root / "members" / f"{login}.yml").write_text(
            f"login: {login}\nid: {repo.user(login).id}\nname: {login.title()}\nrole: {role}\ntrack: front\n"
            f"cohort: hiver-2025\njoined: {joined}\n",
            encoding="utf-8",
        )
    (root / "data" / "buddies.json").write_text(
        json.dumps({"pairs": [{"learner": "lea", "buddy": "hugo", "since": "2025-01-13"}]}), encoding="utf-8"
    )
    return scene


@pytest.fixture
def story(scene) -> dict[str, int]:
    """The week's issues: a tricky join form, a deleted account's and a bot's, and a conduct report."""
    numbers = {
        "zoe": scene.open_issue(
            "zoe",
            "Je rejoins le programme",
            form(
                **{
                    "Nom affiché": NASTY_NAME,
                    "Parcours": "front",
                    "Cohorte": "hiver-2025",
                    "Centres d'intérêt": "`code`, <b>gras</b>, [lien](javascript:alert(1))",
                    "Profil public": "- [x] J'accepte",
                }
            ),
            "join",
            at="2025-01-13T10:00:00Z",
        ),
        "gone": scene.open_issue("gone", "Je rejoins le programme", form(**{"Nom affiché": "Parti"}), "join"),
        "bot": scene.open_issue("robot[bot]", "Je rejoins le programme", form(**{"Nom affiché": "Bip"}), "join"),
        "report": scene.open_issue("nina", "Demande de modération", REPORT, "conduct"),
    }
    scene.repo.delete_user("gone")
    return numbers


def community(scene: Scene, *extra: str) -> int:
    return run_command(
        "entraide.cli.community",
        [
            "--root",
            str(scene.root),
            "community",
            "--repo",
            "octo-org/entraide",
            "--api-url",
            scene.fake.url,
            "--delay",
            "0",
            "--today",
            TODAY,
            *extra,
        ],
    )


def writes(fake) -> list[tuple[str, str]]:
    return [(e.method, e.path) for e in fake.log if e.method in ("POST", "PATCH", "PUT", "DELETE")]


EXPECTED = ["buddies:hiver-2025", "buddy:{lea}:{hugo}", "conduct:{report}", "join:{zoe}", "pulse:hiver-2025-semaine-2"]


def expected(scene: Scene, story: dict[str, int]) -> list[str]:
    ids = {login: scene.repo.user(login).id for login in ("lea", "hugo")}
    return sorted(key.format(**ids, **story) for key in EXPECTED)


def test_each_action_is_written_exactly_once_across_three_runs(scene, story):
    for _ in range(3):
        assert community(scene) == 0
    assert scene.markers() == expected(scene, story)
    done = scene.state()
    assert sorted(k for k, v in done.items() if v["status"] != "skipped") == expected(scene, story)
    assert {done[f"join:{story['gone']}"]["status"]} == {"skipped"}  # a deleted account: nobody to welcome
    assert f"join:{story['bot']}" not in done  # a bot's form is nobody's request
    record = (scene.root / "data" / "community.json").read_bytes()
    scene.fake.clear_log()
    assert community(scene) == 0
    assert writes(scene.fake) == []
    assert (scene.root / "data" / "community.json").read_bytes() == record  # nothing new, nothing to commit


def test_a_kill_between_writing_and_recording_never_writes_twice(scene, story, monkeypatch):
    real_save = community_bot_run.save_state
    for killed_at in range(1, 7):  # killed after each of the six actions, once each

        def save(path, state, limit=killed_at):
            if len(state.done) >= limit:
                raise KeyboardInterrupt  # the runner is stopped right after GitHub accepted the write
            real_save(path, state)

        monkeypatch.setattr(community_bot_run, "save_state", save)
        with pytest.raises(KeyboardInterrupt):
            community(scene)
    monkeypatch.setattr(community_bot_run, "save_state", real_save)
    for _ in range(3):
        assert community(scene) == 0
    assert scene.markers() == expected(scene, story)
    opened = [i.title for i in scene.repo.issues.values() if i.user == scene.repo.bot]
    assert sorted(opened) == ["Binômes · Hiver 2025", "Sondage de la semaine 2 · Hiver 2025"]


def test_dry_run_prints_the_plan_and_writes_nothing(scene, story, capsys):
    scene.fake.clear_log()
    assert community(scene, "--dry-run") == 0
    out = capsys.readouterr().out
    assert f"#{story['zoe']}: post join:{story['zoe']}" in out
    assert "open pulse:hiver-2025-semaine-2 [sondage]: Sondage de la semaine 2 · Hiver 2025" in out
    assert "Votre binôme est @hugo" in out and "6 action(s) planned" in out
    assert scene.fake.log == [] and scene.bot_texts() == []
    assert not (scene.root / "data" / "community.json").exists()


def fenced_block(text: str) -> str:
    """The first fenced code block's content, closed as CommonMark (and GitHub) close it."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(r"^ {0,3}`{3,}", line))
    fence = re.match(r"^ {0,3}(`{3,})", lines[start]).group(1)
    end = next(i for i in range(start + 1, len(lines)) if re.fullmatch(rf" {{0,3}}`{{{len(fence)},}}[ \t]*", lines[i]))
    return "\n".join(lines[start + 1 : end])


def test_a_join_form_full_of_markup_cannot_break_the_code_block(scene, story):
    assert community(scene) == 0
    (reply,) = scene.comments_on(story["zoe"])
    profile = yaml.safe_load(fenced_block(reply))
    zoe = scene.repo.user("zoe")
    assert profile["login"] == "zoe" and profile["id"] == zoe.id  # from GitHub, not from the form
    assert profile["name"] == NASTY_NAME  # every character kept, as data
    assert profile["interests"] == ["`code`", "<b>gras</b>", "[lien](javascript:alert(1))"]
    assert profile["public_profile"] is True and profile["cohort"] == "hiver-2025"
    outside = reply.replace(fenced_block(reply), "")
    assert "<script>" not in outside and "@sophie" not in outside and "javascript:" not in outside


def test_a_conduct_report_is_acknowledged_without_quoting_or_naming_anyone(scene, story):
    assert community(scene) == 0
    (ack,) = scene.comments_on(story["report"])
    for word in ("Bobletroll", "insulté", "nul", "PR 12", "@nina", "nina", "@"):
        assert word not in ack, word
    assert "équipe de modération est prévenue" in ack and "CODE_OF_CONDUCT.md" in ack
    assigned = [e for e in scene.fake.log if e.method == "PATCH" and e.path.endswith(f"/issues/{story['report']}")]
    assert len(assigned) == 1  # the moderators are assigned, which notifies them
    assert REPORT not in json.dumps(scene.state())


def test_buddies_are_announced_to_both_in_the_cohort_thread(scene, story):
    assert community(scene) == 0
    thread = next(i for i in scene.repo.issues.values() if i.title == "Binômes · Hiver 2025")
    assert "binômes" in thread.labels
    (announcement,) = scene.comments_on(thread.number)
    assert "@lea" in announcement and "@hugo" in announcement and "Front-end" in announcement
    survey = next(i for i in scene.repo.issues.values() if i.title.startswith("Sondage"))
    assert "template=5-avis.yml" in survey.body and "@lea" in survey.body and "@sophie" not in survey.body


def test_a_new_pair_later_goes_into_the_same_thread(scene, story):
    assert community(scene) == 0
    pairs = json.loads((scene.root / "data" / "buddies.json").read_text())
    (scene.root / "members" / "max.yml").write_text(
        f"login: max\nid: {scene.repo.user('max').id}\nname: Max\ncohort: hiver-2025\njoined: 2025-01-14\n"
    )
    pairs["pairs"].append({"learner": "max", "buddy": "sophie", "since": TODAY})
    (scene.root / "data" / "buddies.json").write_text(json.dumps(pairs))
    assert community(scene) == 0
    threads = [i for i in scene.repo.issues.values() if i.title.startswith("Binômes")]
    assert len(threads) == 1
    assert [("@max" in c, "(mentor)" in c) for c in scene.comments_on(threads[0].number)] == [
        (False, False),
        (True, True),
    ]


def test_a_secondary_rate_limit_on_a_write_is_waited_out(scene, story):
    scene.fake.inject("/comments", status=403, retry_after=1, method="POST")
    assert community(scene) == 0
    assert scene.markers() == expected(scene, story)


def test_a_server_error_on_a_write_is_a_warning_and_the_next_run_finishes(scene, story, capsys):
    scene.fake.inject("/comments", status=502, method="POST", after=1)
    assert community(scene) == 0
    assert "not done (GitHub answered 502 to POST" in capsys.readouterr().out
    assert community(scene) == 0
    assert scene.markers() == expected(scene, story)


def test_without_a_token_the_command_says_what_to_set(scene, story, monkeypatch, capsys):
    monkeypatch.delenv("GITHUB_TOKEN")
    assert community(scene) == 2
    assert "définissez GITHUB_TOKEN" in capsys.readouterr().err  # the example community is French


def test_a_report_from_a_deleted_account_is_still_acknowledged(scene, story):
    number = scene.open_issue("ghosted", "Demande de modération", REPORT, "conduct")
    scene.repo.delete_user("ghosted")
    assert community(scene) == 0
    (ack,) = scene.comments_on(number)
    assert "équipe de modération est prévenue" in ack and "Bobletroll" not in ack


def test_a_refused_assignment_does_not_stop_the_acknowledgement(scene, story, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    scene.fake.inject(f"/issues/{story['report']}", method="PATCH", status=422, body={"message": "Validation Failed"})
    assert community(scene) == 0
    assert len(scene.comments_on(story["report"])) == 1
    out = capsys.readouterr().out
    assert f"#{story['report']}: posted conduct:{story['report']} (moderators not assigned: " in out
    summary = (tmp_path / "summary.md").read_text()
    assert summary.startswith("### Community bot") and "opened buddies:hiver-2025" in summary


def test_a_locked_issue_is_skipped_once_and_the_rest_goes_on(scene, story, capsys):
    scene.fake.inject(
        f"/issues/{story['report']}/comments",
        method="POST",
        status=403,
        body={"message": "Unable to create comment because issue is locked."},
    )
    assert community(scene) == 0
    assert f"skipped conduct:{story['report']} (GitHub refused: 403 Unable to create comment" in capsys.readouterr().out
    assert scene.state()[f"conduct:{story['report']}"]["status"] == "skipped"
    scene.fake.clear_log()
    assert community(scene) == 0
    assert writes(scene.fake) == [] and scene.comments_on(story["report"]) == []
    assert len(scene.markers()) == len(expected(scene, story)) - 1


def test_a_token_without_write_permission_stops_with_the_permission_named(scene, story, capsys):
    scene.fake.inject(
        "/comments",
        method="POST",
        status=403,
        times=10,
        headers={"x-accepted-github-permissions": "issues=write"},
        body={"message": "Resource not accessible by integration"},
    )
    assert community(scene) == 2
    assert "the token needs the permission issues=write" in capsys.readouterr().err
    assert not any(v["status"] == "skipped" for v in scene.state().values() if v["subject"] == story["zoe"])


def test_a_new_question_gets_one_automatic_suggestion_and_is_neither_closed_nor_labelled(scene):
    guide = scene.root / "docs" / "guide"
    guide.mkdir(parents=True)
    (guide / "index.md").write_text(
        "# Guide\n\n## Soumettre un défi\n\nOuvre une pull request depuis ta branche ; un mentor relit la "
        "soumission et l'approuve sur le dernier commit.\n",
        encoding="utf-8",
    )
    number = scene.open_issue(
        "lea",
        "Comment soumettre mon défi ?",
        "Je ne sais pas comment ouvrir la pull request pour mon défi.",
        "question",
        at="2025-01-13T09:00:00Z",
    )
    for _ in range(2):
        assert community(scene) == 0
    replies = [body for body in scene.comments_on(number) if f"entraide:suggest:{number}" in body]
    assert len(replies) == 1
    assert "guide" in replies[0] and "automatique" in replies[0].lower()
    issue = scene.repo.issues[number]
    assert issue.state == "open" and [str(label) for label in issue.labels] == ["question"]
    assert not [path for method, path in writes(scene.fake) if path.endswith(f"/issues/{number}")]
