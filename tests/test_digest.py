"""The monthly digest (issue 16 item 5): filed once per month in the private mentors' repository, across
re-runs; counts but no names; survey comments of the month; a link to « Ce qui aide »."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from entraide.bot.digest import survey_comments
from entraide.content.loader import load_community
from entraide.insight.digest import recurring
from entraide_cmd import run as run_command

REPO = Path(__file__).resolve().parent.parent
COMMENT = "Plus de permanences le soir, svp : je travaille la journée."


def test_recurring_questions_are_counted_by_their_words():
    titles = ["Comment rebaser ma branche ?", "comment rebaser ma branche", "Pourquoi mon CSS ?", ""]
    assert recurring(titles) == 1


def test_survey_comments_are_those_of_the_month():
    issues = [
        {"number": 1, "created_at": "2026-10-03T10:00:00Z", "body": f"### Note\n\n4\n\n### Votre avis\n\n{COMMENT}"},
        {"number": 2, "created_at": "2026-11-01T10:00:00Z", "body": "### Votre avis\n\nNovembre"},
        {"number": 3, "created_at": "2026-10-04T10:00:00Z", "body": "### Votre avis\n\n_No response_"},
    ]
    assert survey_comments(issues, month="2026-10") == (COMMENT,)


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("digest")
    for name in ("members", "challenges", "data"):
        shutil.copytree(REPO / name, root / name)
    text = (
        (REPO / "entraide.yml")
        .read_text(encoding="utf-8")
        .replace("repository: entraide-web/communaute", "repository: octo-org/entraide")
    )
    (root / "entraide.yml").write_text(text + "\nmentors_repository: octo-org/entraide\n", encoding="utf-8")
    return root


def digest(root: Path, fake, *more: str) -> int:
    argv = ["--root", str(root), "digest", "--post", "--api-url", fake.url, "--as-of", "2026-11-02", *more]
    return run_command("entraide.cli.care", argv)


def test_the_digest_is_filed_once_per_month_privately_with_counts_and_no_names(root, github_env, capsys):
    github_env.repo.private = True
    body = f"### Note de satisfaction\n\n2 - Peu satisfait·e\n\n### Votre avis\n\n{COMMENT}\n"
    github_env.repo.add_issue("anna-dupont", "Mon avis", body=body, labels=["feedback"], at="2026-10-15T10:00:00Z")
    for _ in range(3):
        assert digest(root, github_env) == 0
    filed = [i for i in github_env.repo.issues.values() if "digest" in i.labels]
    assert len(filed) == 1
    text = filed[0].body
    assert "Bilan du mois 2026-10" in text and "Soumissions en attente de relecture" in text
    assert "Apprenant·es à risque" in text and "Questions sans réponse" in text
    assert COMMENT in text
    assert "https://entraide-web.github.io/communaute/kpi/ce-qui-aide/" in text
    people = load_community(root).members
    assert not [m.login for m in people if m.login in text or m.name in text]
    printed = capsys.readouterr().out
    assert "already filed, not filed again" in printed and COMMENT not in printed
    assert digest(root, github_env, "--month", "2026-09") == 0  # another month: a second digest
    assert len([i for i in github_env.repo.issues.values() if "digest" in i.labels]) == 2


def test_a_public_repository_never_gets_the_digest(root, github_env, capsys):
    assert digest(root, github_env) == 2
    assert not [i for i in github_env.repo.issues.values() if "digest" in i.labels]
    assert "is not private" in capsys.readouterr().err
