"""`entraide check`, run as people run it: one clear line per mistake, exit status 2, no traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

# Each mistake planted in tests/fixtures/broken: the start of its line (path:line: field) and the words
# that say what is expected. Members, challenges and entraide.yml all have several.
EXPECTED = [
    ("entraide.yml:3: language:", "two-letter language code"),
    ("entraide.yml:4: name:", "duplicate key 'name' (first given on line 2)"),
    ("entraide.yml:9: tracks[0].mentors[0]:", "unknown member 'ghost'"),
    ("entraide.yml:9: tracks[0].mentors[1]:", "has role 'learner' in members/leo-learner.yml: expected mentor"),
    ("entraide.yml:18: cohorts[0].end:", "must be after the start (2026-11-27)"),
    ("entraide.yml:19: cohorts[0].required_challenges[1]:", "unknown challenge 'challenge-fantome'"),
    ("entraide.yml:22: caps.per_day:", "ambiguous value 'yes' (YAML reads it as a boolean): write it in quotes"),
    ("entraide.yml:24: pionts:", "unknown field 'pionts' (did you mean 'points'?)"),
    ("entraide.yml:32: badges[0].threshold:", "must be at least 1, got 0"),
    ("entraide.yml:33: badges[1].id:", "duplicate id 'premiere'"),
    ("entraide.yml:36: badges[1].metric:", "expected one of submissions, accepted_challenges"),
    ("entraide.yml:41: levels[0].min_points:", "the first level must start at 0 points"),
    ("entraide.yml:45: levels[2].min_points:", "levels must go up"),
    ("members/ana.yml:1: login:", "must match the file name"),
    ("members/ana.yml:4: role:", "expected one of learner, mentor, maintainer, got 'lerner'"),
    ("members/bob.yml:4: rol:", "unknown field 'rol' (did you mean 'role'?)"),
    ("members/bob.yml:7: languages[1]:", "two-letter language code such as fr or en, got 'French'"),
    ("members/bob.yml:8: timezone:", "unknown time zone 'Paris'"),
    ("members/bob.yml:10: public_profile:", "ambiguous value 'no' (YAML reads it as a boolean)"),
    ("members/carla.yml:3: name:", "expected text, got 1234: write it in quotes"),
    ("members/carla.yml:4: cohort:", "unknown cohort 'hiver-2027'"),
    ("members/carla.yml:5: track:", "unknown track 'design'"),
    ("members/carla.yml:6: joined:", "expected a date written YYYY-MM-DD, got '2026-13-01'"),
    ("members/dan.yml:1: joined:", "required field is missing"),
    ("members/dan.yml:2: id:", "expected a whole number, got 'abc'"),
    ("members/dan.yml:3: name:", "anchors (&nom) are not allowed"),
    ("members/dan.yml:4: pseudonym:", "aliases (*nom) are not allowed"),
    ("members/eve.yml:4:", "not valid YAML"),
    ("members/leo-learner.yml:2: id:", "1002 is already the id of members/carla.yml"),
    ("members/notes.txt:", "unexpected file"),
    ("challenges/boucle-a.md:7: prerequisites:", "boucle-a -> boucle-b -> boucle-a"),
    ("challenges/boucle-b.md:2: acceptance_criteria:", "required field is missing"),
    ("challenges/boucle-b.md:3: title:", "tags (!!str) are not allowed"),
    ("challenges/boucle-b.md:8: brief:", "write the brief as Markdown below the front matter"),
    ("challenges/css-layout.md:2: slug:", "must match the file name"),
    ("challenges/css-layout.md:4: track:", "unknown track 'design'"),
    ("challenges/css-layout.md:5: level:", "must be at most 5, got 9"),
    ("challenges/css-layout.md:6: points:", "ambiguous value '0x10'"),
    ("challenges/css-layout.md:7: prerequisites[0]:", "unknown challenge 'html-basics' (did you mean 'html-bases'?)"),
    ("challenges/css-layout.md:9: closes:", "must not be before opens (2026-11-01)"),
    ("challenges/sans-entete.md:1:", "expected YAML front matter first"),
]


def run_check(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"} | env
    return subprocess.run(
        [sys.executable, "-m", "entraide", "--root", str(root), "check"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


@pytest.fixture(scope="module")
def broken() -> subprocess.CompletedProcess[str]:
    return run_check(FIXTURES / "broken")


def test_broken_community_exits_2_without_traceback(broken):
    assert broken.returncode == 2
    assert "Traceback" not in broken.stdout + broken.stderr
    assert broken.stdout == ""


@pytest.mark.parametrize(("where", "what"), EXPECTED, ids=[where for where, _ in EXPECTED])
def test_each_mistake_gets_one_line_with_path_line_and_field(broken, where, what):
    lines = [line for line in broken.stderr.splitlines() if line.startswith(f"error: {where} ")]
    assert len(lines) == 1, broken.stderr
    assert what in lines[0]


def test_nothing_else_is_reported_and_the_count_is_given(broken):
    errors = [line for line in broken.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(EXPECTED)
    assert broken.stderr.splitlines()[-1] == f"{len(EXPECTED)} problems found."


def test_minimal_community_passes():
    result = run_check(FIXTURES / "minimal")  # a French community (language: fr)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "ok : 3 membres, 3 défis, 2 parcours\n"


def test_under_github_actions_each_problem_is_also_an_annotation(tmp_path):
    root = tmp_path / "community"
    shutil.copytree(FIXTURES / "minimal", root)
    member = root / "members" / "leo-learner.yml"
    member.write_text(member.read_text(encoding="utf-8").replace("role: learner", "role: Off"), encoding="utf-8")
    result = run_check(root, GITHUB_ACTIONS="true")
    assert result.returncode == 2
    assert result.stdout.splitlines() == [  # in the community's language, French
        "::error file=members/leo-learner.yml,line=4::role: valeur ambiguë « Off » "
        "(YAML la lit comme un booléen) : écrivez-la entre guillemets"
    ]


def test_missing_rules_and_members_folder_are_clear_problems(tmp_path):
    result = run_check(tmp_path)
    assert result.returncode == 2
    # no entraide.yml: the default language, French
    assert "erreur : entraide.yml : fichier introuvable" in result.stderr
    assert "erreur : members/ : dossier introuvable" in result.stderr
    assert "Traceback" not in result.stderr


def test_submission_folders_must_name_an_existing_challenge_and_member(tmp_path):
    root = tmp_path / "community"
    shutil.copytree(FIXTURES / "minimal", root)
    challenge = sorted((root / "challenges").glob("*.md"))[0].stem
    login = sorted((root / "members").glob("*.yml"))[0].stem
    for folder in (f"{challenge}/{login}", f"{challenge}/{login.upper()}", "defi-inconnu/x", f"{challenge}/fantome"):
        (root / "submissions" / folder).mkdir(parents=True)
        (root / "submissions" / folder / "README.md").write_text("# Mon travail\n", encoding="utf-8")
    result = run_check(root)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = [line.removeprefix("erreur : ") for line in result.stderr.splitlines() if "submissions/" in line]
    assert lines == [  # the minimal community is French
        f"submissions/{challenge}/fantome/, champ « login » : aucun membre « fantome » : ajoutez d'abord "
        "members/fantome.yml (la page « Rejoindre » du site l'écrit pour vous)",
        "submissions/defi-inconnu/x/, champ « challenge » : aucun défi « defi-inconnu » dans challenges/ "
        f"(connus : {', '.join(sorted(p.stem for p in (root / 'challenges').glob('*.md')))})",
    ]
