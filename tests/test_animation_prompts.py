"""The « question de la semaine »: opened once per week and lane in its Discussions category, its first
answerers thanked once, never posted twice across re-runs, kills and lost answers.

End to end against the fake GitHub over HTTP with the real github3/requests client (`entraide animate`):
the discussions are listed and created through GraphQL (`createDiscussion`), the thanks added with
`addDiscussionComment`; the only memory is the marker in what the bot wrote.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from entraide.bot import animate_run
from entraide_cmd import run as run_command

PROMPTS = """\
start: 2025-01-06
category: Général
track_categories: {front: Front-end}
thank_first: 2
prompts:
  - id: premier-bug
    title: "Quel a été votre premier bug mémorable ?"
    body: "Racontez."
  - id: outil-a11y
    track: front
    title: "Quel outil d'accessibilité utilisez-vous ?"
    body: "Lequel, et pour quoi ?"
  - id: ressource
    title: "Quelle ressource recommanderiez-vous ?"
    body: "Un livre, un cours."
"""


class Scene:
    def __init__(self, fake, root: Path):
        self.fake, self.repo, self.root = fake, fake.repo, root

    def run(self, today: str = "2025-01-08", *extra: str) -> int:
        argv = ["--root", str(self.root), "animate", "--repo", "octo-org/entraide", "--api-url", self.fake.url]
        return run_command("entraide.cli.animate", [*argv, "--delay", "0", "--today", today, *extra])

    def prompts(self) -> list:
        return [d for d in self.repo.discussions.values() if d.user == self.repo.bot]

    def thanks(self, number: int) -> list[str]:
        return [c.body for c in self.repo.discussions[number].comments if c.user == self.repo.bot]


@pytest.fixture
def scene(github_env, tmp_path) -> Scene:
    root = tmp_path / "community"
    for folder in ("members", "challenges", "data", "animation"):
        (root / folder).mkdir(parents=True)
    (root / "entraide.yml").write_text(
        "name: Test\nlanguage: fr\nrepository: octo-org/entraide\ntracks:\n  - id: front\n    name: Front-end\n",
        encoding="utf-8",
    )
    (root / "animation" / "prompts.yml").write_text(PROMPTS, encoding="utf-8")
    return Scene(github_env, root)


def test_each_lane_gets_its_prompt_once_across_three_runs(scene):
    for _ in range(3):
        assert scene.run() == 0
    opened = {d.category: d for d in scene.prompts()}
    assert sorted(opened) == ["Front-end", "Général"]
    assert opened["Général"].title == "Question de la semaine : Quel a été votre premier bug mémorable ?"
    assert opened["Général"].body.startswith("<!-- entraide:prompt:premier-bug -->")
    assert opened["Front-end"].body.startswith("<!-- entraide:prompt:outil-a11y -->")


def test_the_next_week_brings_the_next_prompt_and_never_the_first_again(scene):
    assert scene.run("2025-01-08") == 0
    assert scene.run("2025-01-15") == 0
    assert scene.run("2025-01-16") == 0
    titles = sorted(d.title for d in scene.prompts())
    assert titles == [
        "Question de la semaine : Quel a été votre premier bug mémorable ?",
        "Question de la semaine : Quel outil d'accessibilité utilisez-vous ?",
        "Question de la semaine : Quelle ressource recommanderiez-vous ?",
    ]
    assert scene.run("2025-01-22") == 0  # the queue is used up: nothing more
    assert len(scene.prompts()) == 3


def test_the_first_answerers_are_thanked_once_each(scene):
    assert scene.run() == 0
    general = next(d for d in scene.prompts() if d.category == "Général")
    for login in ("lea", "hugo", "lea", "zoe"):
        scene.repo.add_discussion_comment(general.number, login, "Ma réponse")
    for _ in range(3):
        assert scene.run() == 0
    thanks = scene.thanks(general.number)
    assert len(thanks) == 2  # thank_first: 2, and Léa's second answer is still Léa
    assert "@lea" in thanks[0] and "@hugo" in thanks[1]
    assert thanks[0].startswith("<!-- entraide:prompt:premier-bug:thanks:lea -->")


def test_a_kill_right_after_the_discussion_is_created_never_posts_it_twice(scene, monkeypatch):
    def killed(self, discussion, action):
        raise KeyboardInterrupt  # stopped right after GitHub created the discussion

    real = animate_run.Runner.thank
    monkeypatch.setattr(animate_run.Runner, "thank", killed)
    with pytest.raises(KeyboardInterrupt):
        scene.run()
    assert len(scene.prompts()) == 1
    monkeypatch.setattr(animate_run.Runner, "thank", real)
    for _ in range(3):
        assert scene.run() == 0
    assert sorted(d.category for d in scene.prompts()) == ["Front-end", "Général"]


def test_a_lost_answer_to_the_creation_is_repaired_by_the_next_run(scene):
    # list, categories, then createDiscussion: GitHub creates it, the answer arrives cut in half
    scene.fake.inject("/graphql", truncate=True, after=2)
    assert scene.run() == 1  # stopped, named, no traceback
    assert len(scene.prompts()) == 1
    for _ in range(2):
        assert scene.run() == 0
    assert sorted(d.category for d in scene.prompts()) == ["Front-end", "Général"]


def test_an_unknown_category_is_named_and_nothing_is_posted(scene, capsys):
    scene.repo.categories = ("Annonces", "Q&A")
    assert scene.run() == 2
    shown = capsys.readouterr().err  # framed in the community's language, French
    assert "animation/prompts.yml, champ « category » : no Discussions category 'Front-end'" in shown
    assert scene.prompts() == []


def test_dry_run_plans_the_prompts_and_writes_nothing(scene, capsys):
    assert scene.run("2025-01-08", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "prompt prompt:premier-bug" in out and "prompt prompt:outil-a11y" in out
    assert scene.prompts() == []


def test_a_process_killed_while_the_creation_is_in_flight_never_posts_twice(scene):
    """SIGKILL while GitHub is still creating the discussion: it exists once the request completes, and
    the next runs find it by its marker instead of opening another."""
    scene.fake.inject("/graphql", delay=2.0, after=2)  # list, categories, then the createDiscussion is held
    fault = scene.fake.faults[-1]
    argv = ["--root", str(scene.root), "animate", "--repo", "octo-org/entraide", "--api-url", scene.fake.url]
    process = subprocess.Popen([sys.executable, "-m", "entraide", *argv, "--delay", "0", "--today", "2025-01-08"])
    deadline = time.monotonic() + 60
    while fault.times > 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    time.sleep(2.5)  # the server finishes the request the killed client made
    assert len(scene.prompts()) == 1
    for _ in range(2):
        assert scene.run() == 0
    assert sorted(d.category for d in scene.prompts()) == ["Front-end", "Général"]
