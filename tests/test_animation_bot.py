"""`entraide animate` on GitHub (fake GitHub over HTTP, real github3/requests client): a reminder issue to
the calendar entry's owner, the closed contest's winners announced, each reward request answered with its
decision; each exactly once across re-runs, and non-consenting members never named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from builders import challenge, community, member
from entraide.events.model import Event
from entraide_cmd import run as run_command
from sitekit import challenge_history, write_community

LEA = member("lea", 11, track="front", public_profile=True)
HUGO = member("hugo", 12, track="front")  # no public profile
SOPHIE = member("sophie", 21, role="mentor", public_profile=True)
ANIMATION = {
    "calendar.yml": {
        "reminder_days": 3,
        "entries": [
            {"id": "video", "date": "2026-03-24", "kind": "video", "title": "Vidéo ARIA", "owner": "sophie"},
            {"id": "loin", "date": "2026-05-01", "kind": "article", "title": "Plus tard", "owner": "sophie"},
            {
                "id": "fait",
                "date": "2026-03-22",
                "kind": "story",
                "title": "Publié",
                "owner": "sophie",
                "status": "published",
            },
        ],
    },
    "contests.yml": {
        "contests": [
            {
                "id": "mars",
                "title": "Défis de mars",
                "start": "2026-03-01",
                "end": "2026-03-10",
                "counts": ["challenge"],
                "winners": 2,
                "prizes": ["Certification", "Bourse"],
            }
        ]
    },
    "rewards.yml": {
        "approvers": ["sophie"],
        "items": [
            {"id": "cv", "name": "Relecture de CV", "cost": 5, "stock": 3},
            {"id": "conference", "name": "Conférence", "cost": 999, "stock": 1},
        ],
    },
}


class Scene:
    def __init__(self, fake, root: Path):
        self.fake, self.repo, self.root = fake, fake.repo, root

    def run(self, today: str = "2026-03-21") -> int:
        argv = ["--root", str(self.root), "animate", "--repo", "octo-org/entraide", "--api-url", self.fake.url]
        return run_command("entraide.cli.animate", [*argv, "--delay", "0", "--today", today])

    def bot_issues(self) -> list:
        return [i for i in self.repo.issues.values() if i.user == self.repo.bot]

    def bot_comments(self, number: int) -> list[str]:
        return [c.body for c in self.repo.comments.values() if c.issue == number and c.user == self.repo.bot]


def request(who, number: int, item: str) -> list[Event]:
    at = dt.datetime(2026, 3, 20, 10, tzinfo=dt.UTC)
    payload = {"labels": ["recompense"], "form": "recompense", "reward": f"x ({item})", "title": "Demande"}
    return [
        Event(
            id=f"req-{number}",
            kind="issue_opened",
            at=at,
            actor_id=who.id,
            actor_login=who.login,
            subject=number,
            subject_type="issue",
            payload=payload,
        ),
        Event(
            id=f"ok-{number}",
            kind="label_added",
            at=at + dt.timedelta(hours=1),
            actor_id=SOPHIE.id,
            actor_login="sophie",
            subject=number,
            subject_type="issue",
            payload={"label": "recompense-approuvee"},
        ),
    ]


@pytest.fixture
def scene(github_env, tmp_path) -> Scene:
    repo = github_env.repo
    for number in (1, 2):  # the two challenge pull requests of the history (GitHub numbers both alike)
        repo.add_issue("lea", f"Défi {number}")
    first = repo.add_issue("lea", "Demande de récompense", labels=["recompense"])
    second = repo.add_issue("hugo", "Demande de récompense", labels=["recompense"])
    history = challenge_history([(LEA, "html"), (HUGO, "html")], mentor=SOPHIE)
    history += request(LEA, first.number, "cv") + request(HUGO, second.number, "conference")
    world = community(
        [LEA, HUGO, SOPHIE], [challenge("html", points=20, brief="# HTML\n")], repository="octo-org/entraide"
    )
    root = write_community(tmp_path / "community", world, history)
    (root / "animation").mkdir()
    for name, data in ANIMATION.items():
        (root / "animation" / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    scene = Scene(github_env, root)
    scene.requests = (first.number, second.number)
    return scene


def test_everything_is_posted_once_across_three_runs(scene):
    for _ in range(3):
        assert scene.run() == 0
    titles = sorted(i.title for i in scene.bot_issues())
    assert titles == ["Rappel : Vidéo ARIA (24 mars 2026)", "Résultats : Défis de mars"]
    approved, refused = (scene.bot_comments(n) for n in scene.requests)
    assert len(approved) == 1 and len(refused) == 1
    assert "Demande approuvée : « Relecture de CV »" in approved[0] and "5 points sont débités" in approved[0]
    assert "Demande refusée : « Conférence » (solde insuffisant" in refused[0]


def test_the_reminder_goes_to_the_owner_and_waits_for_its_window(scene):
    assert scene.run("2026-03-20") == 0  # 4 days before: too early
    assert [i for i in scene.bot_issues() if i.title.startswith("Rappel")] == []
    assert scene.run("2026-03-21") == 0
    (reminder,) = [i for i in scene.bot_issues() if i.title.startswith("Rappel")]
    assert reminder.body.startswith("<!-- entraide:calendar-reminder:video -->\n@sophie")
    assert list(reminder.labels) == ["calendrier"]


def test_the_winners_are_announced_without_naming_a_private_member(scene):
    assert scene.run() == 0
    (announce,) = [i for i in scene.bot_issues() if i.title.startswith("Résultats")]
    assert "1. @lea (20 points) — Certification" in announce.body
    assert "2. une personne au profil privé (20 points) — Bourse" in announce.body
    assert "hugo" not in announce.body
