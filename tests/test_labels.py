"""`entraide labels sync`: the label set comes from the rules and challenges; reruns write nothing."""

from __future__ import annotations

from pathlib import Path

from builders import challenge, community, member
from entraide.bot.labels import LabelSpec, changes, wanted
from entraide.content.i18n import translator
from entraide_cmd import run as run_command

ROOT = Path(__file__).resolve().parents[1]


def test_the_set_holds_states_forms_challenges_and_moderation():
    people = community([member("lea", 1)], [challenge("html-semantique")], moderation_labels=("spam", "hors-sujet"))
    names = [spec.name for spec in wanted(people, tr=translator(people.rules.language))]
    assert names == sorted(names)
    assert {
        "submission",
        "accepted",
        "needs-changes",
        "challenge:html-semantique",
        "question",
        "help",
        "join",
        "conduct",
        "feedback",
        "resource",
        "event",
        "binômes",
        "sondage",
        "spam",
        "hors-sujet",
    } <= set(names)


def test_the_issue_forms_apply_only_labels_of_the_set():
    import yaml

    from entraide.content.animation import load_animation
    from entraide.content.loader import load_community

    animation = load_animation(ROOT, load_community(ROOT))  # the reward form's label comes with the shop
    names = {spec.name for spec in wanted(community([], []), animation, tr=translator("fr"))}
    for form in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("[0-9]*.yml"):
        assert set(yaml.safe_load(form.read_text())["labels"]) <= names, form.name


def test_only_missing_or_different_labels_change():
    specs = (
        LabelSpec(name="accepted", color="2ea44f", description="ok"),
        LabelSpec(name="question", color="1d76db", description="q"),
        LabelSpec(name="help", color="fbca04", description="h"),
    )
    existing = {
        "Question": LabelSpec(name="Question", color="1D76DB", description="q"),
        "help": LabelSpec(name="help", color="ffffff", description="h"),
        "bug": LabelSpec(name="bug", color="ff0000", description=""),
    }
    create, update = changes(existing, specs)
    assert [s.name for s in create] == ["accepted"]
    assert [s.name for s in update] == ["help"]


def test_sync_against_the_fake_github_creates_updates_and_then_rests(github_env, tmp_path):
    root = tmp_path / "community"
    (root / "members").mkdir(parents=True)
    (root / "challenges").mkdir()
    (root / "entraide.yml").write_text("name: Test\ntracks:\n  - id: front\n    name: Front\n")
    (root / "challenges" / "html-semantique.md").write_text(
        "---\nslug: html-semantique\ntitle: Une page\ntrack: front\nlevel: 1\npoints: 10\n"
        'acceptance_criteria: ["ok"]\n---\nBrief.\n'
    )
    fake = github_env
    fake.repo.add_label("question", "ffffff", "old")
    fake.repo.add_label("bug", "ff0000", "kept")
    argv = ["--root", str(root), "labels", "sync", "--repo", "octo-org/entraide", "--api-url", fake.url]
    assert run_command("entraide.cli.labels", argv) == 0
    labels = fake.repo.labels
    assert labels["question"].color == "1d76db" and labels["bug"].description == "kept"
    assert labels["challenge:html-semantique"].description == "Une page"
    fake.clear_log()
    assert run_command("entraide.cli.labels", argv) == 0
    assert [e for e in fake.log if e.method != "GET"] == []
