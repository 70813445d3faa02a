"""The PR guard, run as .github/workflows/pr-check.yml runs it, is not fooled about who the author is,
and a pull request cannot take over the guard job (issue 11, items 1 and 2)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
import yaml

from builders import challenge, community, ev
from entraide.content.models import Member
from entraide.content.yamlfile import parse
from entraide.scoring import score
from workflow_replay import replay

LEA = "login: lea\nid: 7\nname: Léa\nrole: learner\njoined: 2026-03-02\n"
HUGO = "login: hugo\nid: 8\nname: Hugo\njoined: 2026-03-02\n"


def git(root: Path, *args: str) -> str:
    command = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@e", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "workspace"
    for name, text in {
        "members/lea.yml": LEA,
        "members/hugo.yml": HUGO,
        "challenges/html-semantique.md": "---\nslug: html-semantique\n---\n",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "base")
    git(root, "checkout", "-qb", "pr")
    return root


def pull_request(root: Path, *, write: dict[str, str] | None = None, move: tuple[str, str] | None = None) -> None:
    if move:
        git(root, "mv", *move)
    for name, text in (write or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "pr")


def guard_job(root: Path, tmp_path: Path, *, author: str, author_id: int):
    """The guard job of pr-check.yml, step by step, on the checked-out pull request."""
    context = {
        "github.event.pull_request.base.sha": git(root, "rev-parse", "main").strip(),
        "github.event.pull_request.user.login": author,
        "github.event.pull_request.user.id": str(author_id),
    }
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    return replay("pr-check.yml", "guard", workspace=root, temp=temp, context=context)


def test_the_guard_reads_what_entraide_check_reads():
    """A lone `=` is text to the strict reader (and to `entraide check`); PyYAML's safe_load refuses it."""
    text = LEA.replace("learner", "mentor") + "bio: =\n"
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load(text)
    parsed = parse(text, path="members/lea.yml")  # the reader of `entraide check`
    assert parsed.problems == [] and Member.model_validate(parsed.data).bio == "="


@pytest.mark.parametrize(
    "author, author_id, change, says",
    [
        # a lone `=` made the old guard skip its checks
        ("lea", 7, {"write": {"members/lea.yml": LEA.replace("learner", "mentor") + "bio: =\n"}}, "role:"),
        (
            "lea",
            7,
            {"write": {"members/lea.yml": LEA.replace("id: 7", "id: 8") + "bio: =\n"}},
            "id: id est le numéro de votre compte GitHub",
        ),
        # a case variant of one's own profile, read back from another path
        (
            "lea",
            7,
            {
                "move": ("members/lea.yml", "members/Lea.yml"),
                "write": {"members/Lea.yml": LEA.replace("login: lea", "login: Lea").replace("learner", "maintainer")},
            },
            "role: seuls les mainteneurs changent un rôle",
        ),
        # a newcomer's profile under a case variant of their login
        (
            "newbie",
            99,
            {
                "write": {
                    "members/Newbie.yml": "login: Newbie\nid: 99\nname: Nina\nrole: maintainer\njoined: 2026-03-02\n"
                }
            },
            "role: seuls les mainteneurs changent un rôle ; gardez role: learner",
        ),
        # a second profile for the same login
        (
            "lea",
            7,
            {"write": {"members/LEA.yml": LEA.replace("login: lea", "login: LEA").replace("learner", "mentor")}},
            "une seule fiche par identifiant",
        ),
        # what the strict reader refuses, the guard refuses
        (
            "lea",
            7,
            {"write": {"members/lea.yml": LEA + "bio: &x texte\n"}},
            "::error file=members/lea.yml,line=6::bio: les ancres (&x) ne sont pas acceptées",
        ),
        # a newcomer enters with their own login and id
        (
            "newbie",
            99,
            {"write": {"members/newbie.yml": "login: newbie\nid: 8\nname: Nina\njoined: 2026-03-02\n"}},
            "id: id est le numéro de votre compte GitHub : 99",
        ),
    ],
)
def test_the_guard_job_refuses_identity_tricks(repo, tmp_path, author, author_id, change, says):
    pull_request(repo, **change)
    outcome = guard_job(repo, tmp_path, author=author, author_id=author_id)
    assert outcome.returncode == 2, outcome.stdout + outcome.stderr
    assert says in outcome.stdout
    assert "Traceback" not in outcome.stderr


@pytest.mark.parametrize(
    "author, author_id, change",
    [
        ("newbie", 99, {"write": {"members/Newbie.yml": "login: Newbie\nid: 99\nname: Nina\njoined: 2026-03-02\n"}}),
        ("Lea", 7, {"write": {"members/lea.yml": LEA + "bio: Bonjour\n"}}),
    ],
)
def test_honest_profiles_still_pass(repo, tmp_path, author, author_id, change):
    pull_request(repo, **change)
    outcome = guard_job(repo, tmp_path, author=author, author_id=author_id)
    assert outcome.returncode == 0, outcome.stdout + outcome.stderr


def test_a_pip_package_in_the_pull_request_does_not_take_over_the_guard_job(repo, tmp_path):
    """`python -m pip` run from the PR tree would run the PR's `pip/__main__.py` first: here it would put
    an `entraide` that always passes first on PATH. The guard job must still run the real guard."""
    marker = tmp_path / "hijacked"
    attack = (
        "import os, pathlib, sys\n"
        f"pathlib.Path({str(marker)!r}).write_text('ran')\n"
        "shims = pathlib.Path(sys.argv[0]).parent\n"
        "for folder in os.environ['PATH'].split(':'):\n"
        "    if folder.endswith('shims'):\n"
        "        fake = pathlib.Path(folder, 'entraide')\n"
        "        fake.write_text('#!/bin/sh\\necho all good\\n')\n"
        "        fake.chmod(0o755)\n"
    )
    pull_request(
        repo,
        write={
            "pip/__init__.py": "",
            "pip/__main__.py": attack,
            "members/lea.yml": LEA.replace("learner", "mentor"),
        },
    )
    outcome = guard_job(repo, tmp_path, author="lea", author_id=7)
    assert not marker.exists(), "the pull request's pip/__main__.py ran in the guard job"
    assert outcome.returncode == 2, outcome.stdout + outcome.stderr
    assert "::error file=pip/__main__.py::path:" in outcome.stdout
    assert "role: seuls les mainteneurs changent un rôle" in outcome.stdout


def test_a_self_made_mentor_cannot_award_challenges_to_others(repo, tmp_path):
    """The whole path: lea makes herself mentor (with a lone `=` that fooled the old guard), then approves
    hugo's submission. The guard job refuses her pull request, so main keeps her a learner, and her
    approval awards nothing; had the profile gone through, it would have awarded the challenge."""
    forged = LEA.replace("learner", "mentor") + "bio: =\n"
    pull_request(repo, write={"members/lea.yml": forged})
    outcome = guard_job(repo, tmp_path, author="lea", author_id=7)
    assert outcome.returncode == 2 and "role: seuls les mainteneurs changent un rôle" in outcome.stdout

    def members_at(ref: str):
        names = git(repo, "ls-tree", "--name-only", ref, "members/").split()
        return [Member.model_validate(parse(git(repo, "show", f"{ref}:{name}"), path=name).data) for name in names]

    lea, hugo = (ev_actor for ev_actor in ((7, "lea"), (8, "hugo")))
    events = [
        ev("pr_opened", "2026-03-02T09:00", hugo, 20, challenge="html-semantique", sha="s1"),
        ev("review_submitted", "2026-03-03T09:00", lea, 20, state="approved", commit_id="s1"),
    ]

    def hugos_challenges(ref: str) -> list[str]:
        world = community(members_at(ref), [challenge("html-semantique", points=40)])
        ledger = score(world, events, as_of=dt.date(2026, 3, 31))
        return [a.reason for a in ledger.awards if a.member_id == 8 and "challenge" in a.reason]

    assert hugos_challenges("main") == []  # what main holds once the guard refused the pull request
    assert hugos_challenges("pr") != []  # what the forged profile would have done
