"""Individual needs (issue 16 item 6): stated in the private repository, read by the private job into
private/, shown in the mentors' private report, used by buddy matching, and printed nowhere."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from builders import community, member
from entraide.bot.buddies import assign
from entraide.content.needs import Need, adjusted, from_form
from entraide.insight import report
from entraide_cmd import run as run_command

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 9, 14)
DETAIL = "Lecteur d'écran NVDA, merci de décrire les captures"


def test_a_need_is_read_from_the_private_form():
    answers = {"kind": "language", "detail": "Je lis mieux l'anglais", "languages": "EN, es", "timezone": ""}
    assert from_form("ana", answers, stated="2026-09-10") == Need(
        login="ana", kind="language", detail="Je lis mieux l'anglais", languages=("en", "es"), stated="2026-09-10"
    )
    assert from_form("ana", {**answers, "timezone": "Mars/Olympus"}, stated="2026-09-10") is None


def test_buddy_matching_follows_the_language_and_time_zone_a_need_states():
    newcomer = member("nina", 1, track="front", joined=TODAY, languages=("fr",))
    french = member("fred", 2, track="front", joined=dt.date(2026, 8, 1), languages=("fr",))
    english = member(
        "emma", 3, track="back", joined=dt.date(2026, 8, 1), languages=("fr", "en"), timezone="America/Montreal"
    )
    people = community([newcomer, french, english])
    assert [p.buddy for p in assign(people, [], today=TODAY)] == ["fred"]
    need = Need(login="nina", kind="language", languages=("en",), stated="2026-09-10")
    assert [p.buddy for p in assign(people, [], today=TODAY, needs=(need,))] == ["emma"]
    schedule = Need(login="nina", kind="schedule", timezone="America/Montreal", stated="2026-09-10")
    assert adjusted(newcomer, (schedule,)).timezone == "America/Montreal"


@pytest.fixture
def root(tmp_path) -> Path:
    for name in ("members", "challenges", "data"):
        shutil.copytree(REPO / name, tmp_path / name)
    text = (REPO / "entraide.yml").read_text(encoding="utf-8")
    (tmp_path / "entraide.yml").write_text(text + "\nmentors_repository: octo-org/entraide\n", encoding="utf-8")
    return tmp_path


def state_needs(fake) -> None:
    body = f"### Type de besoin\n\nAccessibilité\n\n### Votre besoin\n\n{DETAIL}\n\n### Langues\n\n_No response_\n"
    fake.repo.add_issue("anna-dupont", "Mon besoin", body=body, labels=["needs"])
    pulse = "### Cohorte\n\nAutomne 2026\n\n### Comment allez-vous ?\n\n4 - Bien\n"
    fake.repo.add_issue("anna-dupont", "Météo", body=pulse, labels=["pulse"])


def pull(root: Path, fake) -> int:
    return run_command("entraide.cli.care", ["--root", str(root), "care", "pull", "--api-url", fake.url])


def test_the_private_job_reads_needs_into_private_and_prints_none(root, github_env, capsys):
    github_env.repo.private = True
    state_needs(github_env)
    assert pull(root, github_env) == 0
    out = capsys.readouterr()
    assert "1 need(s) and 1 pulse answer(s)" in out.out and DETAIL not in out.out + out.err
    needs = json.loads((root / "private" / "needs.json").read_text(encoding="utf-8"))
    assert [(n["login"], n["kind"], n["detail"]) for n in needs] == [("anna-dupont", "accessibility", DETAIL)]
    assert "anna-dupont" not in (root / "private" / "pulse.json").read_text(encoding="utf-8")
    _, text = report.report_text(root, as_of=dt.date(2026, 10, 12))
    assert "## Besoins déclarés (privé)" in text and DETAIL in text and "Accessibilité" in text


def test_needs_are_not_read_from_a_public_repository(root, github_env, capsys):
    state_needs(github_env)
    assert pull(root, github_env) == 2
    assert not (root / "private").exists()
    assert "is not private" in capsys.readouterr().err


def test_a_need_stated_on_the_english_form_is_read_as_on_the_french_one(root, github_env):
    github_env.repo.private = True
    body = "### Kind of need\n\nLanguage\n\n### Your need\n\nI read English better\n\n### Languages\n\nEN, es\n\n"
    github_env.repo.add_issue(
        "anna-dupont", "My need", body=body + "### Time zone\n\nAmerica/Montreal\n", labels=["needs"]
    )
    assert pull(root, github_env) == 0
    needs = json.loads((root / "private" / "needs.json").read_text(encoding="utf-8"))
    assert [(n["kind"], n["detail"], n["languages"], n["timezone"]) for n in needs] == [
        ("language", "I read English better", ["en", "es"], "America/Montreal")
    ]
