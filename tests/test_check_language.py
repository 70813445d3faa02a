"""`entraide check` speaks the community's language: learners read its messages in the PR check, so a French
community gets French messages and an English one English, each still naming file, line, field and what is
expected, with exit status 2 and no traceback. English when entraide.yml's language cannot be read, saying so."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"  # a French community: language: fr


def entraide(root: Path, *command: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    return subprocess.run(
        [sys.executable, "-m", "entraide", "--root", str(root), *command],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def community(tmp_path: Path, language: str) -> Path:
    root = tmp_path / language
    shutil.copytree(MINIMAL, root)
    edit(root, "entraide.yml", "language: fr", f"language: {language}")
    return root


def with_mistakes(root: Path) -> Path:
    """Five kinds of mistakes a learner makes in a profile or a challenge."""
    edit(root, "members/leo-learner.yml", "track: front", "track: design")  # a reference to nothing
    edit(root, "members/leo-learner.yml", "pseudonym: Léo", "pseudonym: Léo\nrol: learner")  # unknown field
    edit(root, "members/mia-mentor.yml", "role: mentor", "role: mentour")  # not one of the choices
    edit(root, "members/nina-private.yml", "id: 1003", "id: abc")  # wrong type
    edit(root, "challenges/html-bases.md", "level: 1", "level: 1\n  points: 10")  # not YAML
    return root


def errors(result: subprocess.CompletedProcess[str], prefix: str) -> list[str]:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return [line.removeprefix(prefix) for line in result.stderr.splitlines() if line.startswith(prefix)]


def test_a_french_community_gets_french_messages_naming_file_line_field_and_what_is_expected(tmp_path):
    found = errors(entraide(with_mistakes(community(tmp_path, "fr")), "check"), "erreur : ")
    assert found == [
        "members/leo-learner.yml, ligne 6, champ « track » : parcours inconnu « design » ; "
        "entraide.yml définit : back, front",
        "members/leo-learner.yml, ligne 13, champ « rol » : champ inconnu « rol » (vouliez-vous dire « role » ?)",
        "members/mia-mentor.yml, ligne 4, champ « role » : doit être l'un de : learner, mentor, maintainer ; "
        "reçu « mentour »",
        "members/nina-private.yml, ligne 2, champ « id » : attendu un nombre entier, reçu « abc »",
        "challenges/html-bases.md, ligne 6 : YAML invalide : un « : » n'est pas accepté ici (une clé trop indentée ?)",
    ]


def test_an_english_community_gets_the_same_facts_in_english(tmp_path):
    result = entraide(with_mistakes(community(tmp_path, "en")), "check")
    assert errors(result, "error: ") == [
        "members/leo-learner.yml:6: track: unknown track 'design'; entraide.yml defines: back, front",
        "members/leo-learner.yml:13: rol: unknown field 'rol' (did you mean 'role'?)",
        "members/mia-mentor.yml:4: role: expected one of learner, mentor, maintainer, got 'mentour'",
        "members/nina-private.yml:2: id: expected a whole number, got 'abc'",
        "challenges/html-bases.md:6: not valid YAML: a ':' is not allowed here (is a key indented too far?)",
    ]
    assert result.stderr.splitlines()[-1] == "5 problems found."


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            [
                "submissions/defi-inconnu/leo-learner/, champ « challenge » : aucun défi « defi-inconnu » dans "
                "challenges/ (connus : css-layout, html-bases, python-bases)",
                "submissions/html-bases/fantome/, champ « login » : aucun membre « fantome » : ajoutez d'abord "
                "members/fantome.yml (la page « Rejoindre » du site l'écrit pour vous)",
            ],
        ),
        (
            "en",
            [
                "submissions/defi-inconnu/leo-learner/: challenge: there is no challenge 'defi-inconnu' in "
                "challenges/ (known: css-layout, html-bases, python-bases)",
                "submissions/html-bases/fantome/: login: no member 'fantome': add members/fantome.yml first "
                "(the site's join page writes it for you)",
            ],
        ),
    ],
)
def test_a_submission_folder_naming_no_challenge_or_no_member_is_caught(tmp_path, language, expected):
    root = community(tmp_path, language)
    for folder in ("html-bases/leo-learner", "html-bases/fantome", "defi-inconnu/leo-learner"):
        (root / "submissions" / folder).mkdir(parents=True)
        (root / "submissions" / folder / "index.html").write_text("<h1>Mon travail</h1>\n", encoding="utf-8")
    prefix = {"fr": "erreur : ", "en": "error: "}[language]
    assert errors(entraide(root, "check"), prefix) == expected


def test_the_rules_file_with_other_mistakes_still_gives_its_language(tmp_path):
    root = community(tmp_path, "fr")
    edit(root, "entraide.yml", "language: fr", "language: fr\nlangue: fr")
    assert errors(entraide(root, "check"), "erreur : ") == [
        "entraide.yml, ligne 4, champ « langue » : champ inconnu « langue » (vouliez-vous dire « language » ?)"
    ]


def test_an_unreadable_rules_file_falls_back_to_english_and_says_so(tmp_path):
    root = community(tmp_path, "fr")
    edit(root, "entraide.yml", "language: fr", "language: fr\n  oops: [")
    result = entraide(root, "check")
    assert result.stderr.splitlines()[0] == (
        "note: the language of entraide.yml cannot be read, so these messages are in English."
    )
    found = errors(result, "error: ")
    assert len(found) == 1 and found[0].startswith("entraide.yml:4: not valid YAML: ")


def test_a_valid_community_is_summed_up_in_its_language(tmp_path):
    assert entraide(community(tmp_path, "fr"), "check").stdout == "ok : 3 membres, 3 défis, 2 parcours\n"
    assert entraide(community(tmp_path, "en"), "check").stdout == "ok: 3 members, 3 challenges, 2 tracks\n"


def test_a_command_s_one_line_failure_is_in_the_community_s_language(tmp_path):
    result = entraide(community(tmp_path, "fr"), "score", "--json")
    assert errors(result, "erreur : ") == [
        "entraide : aucun événement dans data/events/ : donnez --as-of AAAA-MM-JJ pour compter un historique vide"
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "entraide score : erreur : --as-of : attendu une date écrite AAAA-MM-JJ, reçu '2026-13-01'"),
        ("en", "entraide score: error: --as-of: expected a date as YYYY-MM-DD, got '2026-13-01'"),
    ],
)
def test_a_flag_s_wrong_value_is_told_in_the_community_s_language(tmp_path, language, expected):
    result = entraide(community(tmp_path, language), "score", "--as-of", "2026-13-01")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == ["usage: entraide score [-h] [--as-of DATE] [--json]", expected]
