"""A pull request changes only what its author may change; a breach fails the PR check with an
annotation on the file."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from entraide.bot.guard import check_paths, check_profile, submission_folder
from entraide.content.i18n import translator
from entraide.content.models import Member, Role
from entraide_cmd import run as run_command

SLUGS = frozenset({"html-semantique", "api-rest"})
EN = translator("en")  # the rules' unit tests read English; the command speaks the community's language


@pytest.mark.parametrize(
    "path, role",
    [
        ("submissions/html-semantique/lea/index.html", Role.learner),
        ("submissions/html-semantique/lea/css/style.css", Role.learner),
        ("submissions/html-semantique/LEA/index.html", Role.learner),  # logins ignore case
        ("members/lea.yml", Role.learner),
        ("members/lea.yml", None),  # joining: the profile does not exist yet
        ("challenges/nouveau.md", Role.mentor),
        ("docs/handbook.md", Role.mentor),
        ("scripts/entraide/cli.py", Role.maintainer),
        (".github/workflows/publish.yml", Role.maintainer),
    ],
)
def test_allowed(path, role):
    assert check_paths([path], author="lea", role=role, challenges=SLUGS, tr=EN) == []


@pytest.mark.parametrize(
    "path, role, says",
    [
        ("data/events/2026-05.jsonl", Role.learner, "publish workflow"),
        ("data/announced.json", Role.maintainer, "publish workflow"),
        ("members/hugo.yml", Role.learner, "your own profile, members/lea.yml"),
        ("members/hugo.yml", Role.mentor, "your own profile"),
        ("submissions/html-semantique/hugo/index.html", Role.learner, "your own folder"),
        ("submissions/html-semantique/index.html", Role.learner, "your own folder"),
        ("submissions/html-semantique/lea", Role.learner, "your own folder"),
        ("submissions/inconnu/lea/index.html", Role.learner, "no challenge 'inconnu'"),
        ("entraide.yml", Role.learner, "only by maintainers"),
        ("entraide.yml", Role.mentor, "only by maintainers"),
        ("scripts/entraide/scoring.py", Role.learner, "only by maintainers"),
        ("hooks/entraide_hook.py", Role.learner, "only by maintainers"),
        (".github/workflows/pr-check.yml", Role.mentor, "only by maintainers"),
        ("challenges/html-semantique.md", Role.learner, "submissions/<challenge>/lea/"),
        ("docs/index.md", None, "submissions/<challenge>/lea/"),
    ],
)
def test_refused(path, role, says):
    (problem,) = check_paths([path], author="lea", role=role, challenges=SLUGS, tr=EN)
    assert problem.path == path and says in problem.message


def test_every_breach_is_reported_once_and_in_order():
    problems = check_paths(
        ["members/hugo.yml", "data/x.jsonl", "data/x.jsonl", "members/lea.yml"], author="lea", role=Role.learner, tr=EN
    )
    assert [p.path for p in problems] == ["data/x.jsonl", "members/hugo.yml"]


def test_submission_folder_is_the_documented_one():
    assert submission_folder("api-rest", "lea") == "submissions/api-rest/lea/"
    assert "submissions/<challenge>/<login>/" in (Path(__file__).parents[1] / "CONTRIBUTING.md").read_text()


@pytest.mark.parametrize(
    "before, after, fields",
    [
        ({"role": "learner", "id": 7}, {"role": "learner", "id": 7, "bio": "new"}, []),
        ({"role": "learner", "id": 7}, {"role": "mentor", "id": 7}, ["role"]),
        (None, {"role": "maintainer", "id": 7}, ["role"]),
        (None, {"id": 8}, ["id"]),
        ({"role": "mentor", "id": 7}, {"role": "mentor", "id": 7}, []),
    ],
)
def test_profile_role_and_id_are_not_the_authors_to_change(before, after, fields):
    role = Role(before["role"]) if before else None

    def member(data):
        return data and Member(login="lea", name="Léa", joined="2026-03-02", **data)

    problems = check_profile(member(before), member(after), author="lea", author_id=7, role=role, tr=EN)
    assert [p.field for p in problems] == fields


# --------------------------------------------------------------------------- the command on a git repo


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    (root / "members").mkdir(parents=True)
    (root / "challenges").mkdir()
    (root / "data").mkdir()
    (root / "members" / "lea.yml").write_text("login: lea\nid: 7\nname: Léa\nrole: learner\njoined: 2026-03-02\n")
    (root / "members" / "hugo.yml").write_text("login: hugo\nid: 8\nname: Hugo\njoined: 2026-03-02\n")
    (root / "challenges" / "html-semantique.md").write_text("---\nslug: html-semantique\n---\n")
    (root / "data" / "announced.json").write_text("{}\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=t", "-c", "user.email=t@e", "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "base")
    git(root, "checkout", "-qb", "pr")
    return root


def commit(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    git(root, "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "pr")


def guard(root, *args, monkeypatch, summary=None):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    if summary:
        monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    return run_command("entraide.cli.guard", ["--root", str(root), "guard", *args])


def test_a_submission_in_ones_own_folder_passes(repo, monkeypatch, capsys):
    commit(repo, {"submissions/html-semantique/lea/index.html": "<h1>Bonjour</h1>"})
    assert guard(repo, "--author", "lea", "--author-id", "7", "--base", "main", monkeypatch=monkeypatch) == 0
    assert "1 fichier modifié, dans ce que lea peut modifier." in capsys.readouterr().out


def test_editing_data_or_another_profile_fails_with_annotations(repo, monkeypatch, capsys, tmp_path):
    commit(
        repo,
        {
            "submissions/html-semantique/lea/index.html": "<h1>Bonjour</h1>",
            "data/announced.json": '{"forged": true}\n',
            "members/hugo.yml": "login: hugo\nid: 8\nname: Hugo\nrole: learner\njoined: 2026-01-01\n",
        },
    )
    summary = tmp_path / "summary.md"
    assert guard(repo, "--author", "lea", "--base", "main", monkeypatch=monkeypatch, summary=summary) == 2
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "::error file=data/announced.json::path: data/ n'est écrit que par le workflow de publication ; "
        "une pull request ne le modifie jamais",
        "::error file=members/hugo.yml::path: vous ne pouvez modifier que votre propre fiche, members/lea.yml",
    ]
    assert "2 problèmes trouvés." in err  # no entraide.yml: its default language, French, as the guard's texts
    assert "members/hugo.yml" in summary.read_text()


def test_a_learner_making_themselves_mentor_fails(repo, monkeypatch, capsys):
    commit(repo, {"members/lea.yml": "login: lea\nid: 7\nname: Léa\nrole: mentor\njoined: 2026-03-02\n"})
    assert guard(repo, "--author", "lea", "--author-id", "7", "--base", "main", monkeypatch=monkeypatch) == 2
    assert "::error file=members/lea.yml::role: seuls les mainteneurs changent un rôle" in capsys.readouterr().out


def test_a_renamed_file_counts_on_both_sides(repo, monkeypatch, capsys):
    git(repo, "mv", "data/announced.json", "submissions-lea.json")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "move")
    assert guard(repo, "--author", "lea", "--base", "main", monkeypatch=monkeypatch) == 2
    assert "file=data/announced.json" in capsys.readouterr().out


def test_changed_files_can_be_listed(repo, monkeypatch, capsys):
    assert guard(repo, "--author", "lea", "--changed", "members/lea.yml", "entraide.yml", monkeypatch=monkeypatch) == 2
    assert "file=entraide.yml" in capsys.readouterr().out


def test_an_unknown_base_is_a_clear_error(repo, monkeypatch, capsys):
    assert guard(repo, "--author", "lea", "--base", "nope", monkeypatch=monkeypatch) == 2
    assert "fetch-depth: 0" in capsys.readouterr().err


def test_the_pr_check_workflow_step_fails_a_learner_pr_editing_data_or_another_profile(repo, tmp_path):
    """Run the guard job's steps exactly as .github/workflows/pr-check.yml writes them, with the env it sets."""
    from workflow_replay import replay

    commit(
        repo,
        {
            "data/events/2026-03.jsonl": "{}\n",
            "members/hugo.yml": "login: hugo\nid: 8\nname: Hugo le grand\njoined: 2026-03-02\n",
        },
    )
    context = {
        "github.event.pull_request.base.sha": git(repo, "rev-parse", "main").strip(),
        "github.event.pull_request.user.login": "lea",
        "github.event.pull_request.user.id": "7",
    }
    (tmp_path / "temp").mkdir()
    result = replay("pr-check.yml", "guard", workspace=repo, temp=tmp_path / "temp", context=context)
    assert result.returncode == 2, result.stderr
    assert (
        "::error file=data/events/2026-03.jsonl::path: data/ n'est écrit que par le workflow de publication"
        in result.stdout
    )
    assert "::error file=members/hugo.yml::path: vous ne pouvez modifier que votre propre fiche" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "files, slug",
    [
        (["submissions/html-semantique/lea/index.html"], "html-semantique"),
        (
            [
                "submissions/html-semantique/lea/index.html",
                "submissions/html-semantique/lea/a/b.css",
                "members/lea.yml",
            ],
            "html-semantique",
        ),
        (["submissions/html-semantique/LEA/index.html"], "html-semantique"),
        (["members/lea.yml"], None),
        (["submissions/html-semantique/lea/index.html", "submissions/api-rest/lea/app.py"], None),
        (["submissions/html-semantique/hugo/index.html"], None),
        (["submissions/html-semantique/lea/index.html", "docs/index.md"], None),
        ([], None),
    ],
)
def test_the_challenge_a_pull_request_submits_is_read_from_its_folder(files, slug):
    from entraide.bot.guard import challenge_of_files

    assert challenge_of_files(files, author="lea") == slug


def test_a_symbolic_link_in_ones_own_folder_is_refused(repo, monkeypatch, capsys):
    folder = repo / "submissions" / "html-semantique" / "lea"
    folder.mkdir(parents=True)
    (folder / "secret").symlink_to("../../../data/announced.json")
    commit(repo, {"submissions/html-semantique/lea/index.html": "<h1>ok</h1>"})
    assert guard(repo, "--author", "lea", "--base", "main", monkeypatch=monkeypatch) == 2
    out = capsys.readouterr().out
    assert "::error file=submissions/html-semantique/lea/secret::path: les liens symboliques" in out
    assert "index.html" not in out


def test_the_guard_speaks_the_communitys_language(repo, monkeypatch, capsys):
    """Learners read the guard's annotations: French by default (no entraide.yml above), English when the
    community's entraide.yml says so."""
    commit(repo, {"members/hugo.yml": "login: hugo\nid: 8\nname: Hugo le grand\njoined: 2026-03-02\n"})
    assert guard(repo, "--author", "lea", "--base", "main", monkeypatch=monkeypatch) == 2
    assert "vous ne pouvez modifier que votre propre fiche, members/lea.yml" in capsys.readouterr().out
    rules = repo.parent / "rules"
    rules.mkdir()
    example = (Path(__file__).parents[1] / "entraide.yml").read_text(encoding="utf-8")
    (rules / "entraide.yml").write_text(re.sub(r"(?m)^language: fr$", "language: en", example), encoding="utf-8")
    args = ("--author", "lea", "--base", "main", "--rules-root", str(rules))
    assert guard(repo, *args, monkeypatch=monkeypatch) == 2
    assert "you may change only your own profile, members/lea.yml" in capsys.readouterr().out
