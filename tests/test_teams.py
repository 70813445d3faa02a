"""Team challenges at the PR guard, on the example community: any member of the team named in the
folder's `team.yml` may open the pull request; a team file naming someone without a profile, more people
than the team size, or on a challenge that is not a team challenge is refused; without one, or for someone
outside the team, the folder stays its owner's."""

from __future__ import annotations

import pytest

from entraide.content.teams import read_team
from test_autograde import community, git  # noqa: F401 - the example community as a git repository

FOLDER = "submissions/api-rest/adam-vincent/"


@pytest.fixture
def teams(community):  # noqa: F811
    """The example community with `api-rest` made a team challenge of two, on branch main."""
    path = community / "challenges" / "api-rest.md"
    path.write_text(path.read_text(encoding="utf-8").replace("\ntags:", "\nteam: true\nteam_size: 2\ntags:", 1))
    git(community, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "team challenge")
    git(community, "checkout", "-q", "-b", "pr")
    return community


def pull_request(root, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    git(root, "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "pr")


def guard(root, author, monkeypatch) -> int:
    from entraide_cmd import run

    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    return run("entraide.cli.guard", ["--root", str(root), "guard", "--author", author, "--base", "main"])


def test_any_member_of_the_team_may_open_the_pull_request(teams, monkeypatch, capsys):
    pull_request(teams, {FOLDER + "app.py": "print()\n", FOLDER + "team.yml": "members: [adam-vincent, amir-haddad]\n"})
    assert guard(teams, "amir-haddad", monkeypatch) == 0
    assert guard(teams, "adam-vincent", monkeypatch) == 0
    assert guard(teams, "ethan-mercier", monkeypatch) == 2  # not in the team
    assert "déposez votre travail dans votre propre dossier" in capsys.readouterr().out


def test_without_a_team_file_the_folder_is_its_owners(teams, monkeypatch, capsys):
    pull_request(teams, {FOLDER + "app.py": "print()\n"})
    assert guard(teams, "amir-haddad", monkeypatch) == 2


@pytest.mark.parametrize(
    ("members", "says"),
    [
        # in the community's language, French
        ("[adam-vincent, inconnu-42]", "aucun membre « inconnu-42 » : chaque membre de l'équipe a besoin d'un profil"),
        ("[adam-vincent, amir-haddad, ethan-mercier]", "une équipe de 2 au plus pour ce défi ; ce fichier en nomme 3"),
        ("[amir-haddad, ethan-mercier]", "le propriétaire du dossier, adam-vincent, fait partie de l'équipe"),
    ],
)
def test_a_team_file_naming_a_stranger_or_too_many_is_refused(teams, members, says, monkeypatch, capsys):
    pull_request(teams, {FOLDER + "app.py": "print()\n", FOLDER + "team.yml": f"members: {members}\n"})
    assert guard(teams, "amir-haddad", monkeypatch) == 2
    out = capsys.readouterr().out
    assert f"::error file={FOLDER}team.yml::members: {says}" in out


def test_a_team_file_on_a_solo_challenge_is_refused(teams, monkeypatch, capsys):
    folder = "submissions/python-bases/adam-vincent/"
    pull_request(teams, {folder + "team.yml": "members: [adam-vincent, amir-haddad]\n"})
    assert guard(teams, "amir-haddad", monkeypatch) == 2
    assert "ce défi ne se fait pas en équipe" in capsys.readouterr().out


def test_the_team_file_is_read_strictly():
    assert read_team("members: [Ana, ana, ben]\n", "t.yml") == (("ana", "ben"), [])
    for text in ("members: []\n", "members: [ana]\nextra: 1\n", "members: ['../x']\n", "members: [a, a\n"):
        members, problems = read_team(text, "t.yml")
        assert members is None and problems and problems[0].path == "t.yml"


def test_entraide_check_reads_team_files_as_the_guard_does(teams, capsys):
    from entraide_cmd import run

    pull_request(teams, {FOLDER + "team.yml": "members: [adam-vincent, inconnu-42]\n"})
    assert run("entraide.cli.check", ["--root", str(teams), "check"]) == 2
    assert f"{FOLDER}team.yml, champ « members » : aucun membre « inconnu-42 »" in capsys.readouterr().err
    pull_request(teams, {FOLDER + "team.yml": "members: [adam-vincent, amir-haddad]\n"})
    assert run("entraide.cli.check", ["--root", str(teams), "check"]) == 0
