"""`entraide score` on a small community folder: exit status, deterministic JSON, public-only summary."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from builders import ev
from entraide.cli import main
from entraide.events import store as events

RULES = """\
name: Petite communauté
tracks:
  - id: front
    name: Front
leaderboards:
  - id: general
    title: Général
    window: all_time
"""
MEMBER = """\
login: {login}
id: {id}
name: {name}
role: {role}
track: front
joined: 2026-01-05
public_profile: {public}
"""
CHALLENGE = """\
---
slug: html
title: Une page HTML
track: front
level: 1
points: 40
badge: Balises
acceptance_criteria: ["La page est valide."]
---
Écrivez une page.
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "entraide.yml").write_text(RULES)
    (tmp_path / "members").mkdir()
    for login, id, role, public in [
        ("ana", 1, "learner", "true"),
        ("ben", 2, "learner", "false"),
        ("cleo", 3, "mentor", "true"),
    ]:
        text = MEMBER.format(login=login, id=id, name=login.title(), role=role, public=public)
        (tmp_path / "members" / f"{login}.yml").write_text(text)
    (tmp_path / "challenges").mkdir()
    (tmp_path / "challenges" / "html.md").write_text(CHALLENGE)
    events.append(
        tmp_path / "data",
        [
            ev("pr_opened", "2026-03-02", (1, "ana"), 20, challenge="html", sha="s1"),
            ev("review_submitted", "2026-03-03", (2, "ben"), 20, state="commented", commit_id="s1"),
            ev("review_submitted", "2026-03-04", (3, "cleo"), 20, state="approved", commit_id="s1"),
        ],
    )
    return tmp_path


def test_score_json_is_the_whole_ledger_and_deterministic(root, capsys):
    assert main(["--root", str(root), "score", "--json", "--as-of", "2026-03-31"]) == 0
    first = capsys.readouterr().out
    assert main(["--root", str(root), "score", "--json", "--as-of", "2026-03-31"]) == 0
    assert capsys.readouterr().out == first
    ledger = json.loads(first)
    assert [(a["login"], a["reason"], a["points"]) for a in ledger["awards"]] == [
        ("ben", "review", 5),
        ("ana", "challenge:html", 40),
        ("cleo", "review", 5),
    ]
    assert ledger["as_of"] == "2026-03-31"


def test_score_defaults_to_the_last_events_day_not_the_clock(root, capsys):
    assert main(["--root", str(root), "score", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == "2026-03-04"


def test_score_summary_lists_only_public_members(root, capsys):
    assert main(["--root", str(root), "score", "--as-of", "2026-03-31"]) == 0
    out = capsys.readouterr().out
    assert "ana" in out and "cleo" in out and "ben" not in out
    assert out.index("ana") < out.index("cleo")


def test_score_reports_a_corrupt_event_file_with_its_line(root, capsys):
    path = root / "data" / "events" / "2026-03.jsonl"
    path.write_text(path.read_text() + '{"id": "torn"\n')
    assert main(["--root", str(root), "score"]) == 2
    err = capsys.readouterr().err  # the example community is French
    assert f"erreur : {path}, ligne 4 : ce n'est pas un événement valide : la ligne n'est pas du JSON complet" in err


def test_score_runs_as_a_command(root):
    done = subprocess.run(
        [sys.executable, "-m", "entraide", "--root", str(root), "score", "--json", "--as-of", "2026-03-31"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["standings"][0]["login"] == "ana"


def test_score_without_events_needs_a_date(root, capsys):
    for path in (root / "data" / "events").iterdir():
        path.unlink()
    assert main(["--root", str(root), "score"]) == 2
    assert "--as-of" in capsys.readouterr().err
    assert main(["--root", str(root), "score", "--as-of", "2026-03-31"]) == 0


def test_score_summary_cuts_each_board_at_its_limit(root, capsys):
    rules = root / "entraide.yml"
    rules.write_text(rules.read_text() + "    limit: 1\n")
    assert main(["--root", str(root), "score", "--as-of", "2026-03-31"]) == 0
    out = capsys.readouterr().out
    assert "ana" in out and "cleo" not in out
