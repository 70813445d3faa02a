"""Content limits (issue 11, item 11): size cap, no links under members/, challenges/, data/, the BOM
read alike everywhere, and file names that cannot inject workflow commands."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from entraide.content.errors import Problem, UserError
from entraide.content.loader import load_community
from entraide.events import store

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"


@pytest.fixture
def community(tmp_path: Path) -> Path:
    root = tmp_path / "community"
    shutil.copytree(MINIMAL, root)
    return root


def problems_of(root: Path) -> list[str]:
    with pytest.raises(UserError) as caught:
        load_community(root)
    return [str(problem) for problem in caught.value.problems]


def test_a_huge_member_file_is_refused_without_being_read(community):
    path = community / "members" / "leo-learner.yml"
    with path.open("a") as handle:
        handle.write("bio: " + "x" * (50 * 1024 * 1024) + "\n")
    (problem,) = [p for p in problems_of(community) if p.startswith("members/leo-learner.yml")]
    assert "at most 1,048,576 bytes" in problem


def test_a_member_file_linked_to_a_system_file_is_refused_and_not_quoted(community):
    path = community / "members" / "leo-learner.yml"
    path.unlink()
    path.symlink_to("/etc/passwd")
    found = problems_of(community)
    assert "members/leo-learner.yml: symbolic links are not accepted: put the file itself here" in found
    assert not any("root:" in problem for problem in found)


def test_a_challenge_linked_to_dev_zero_does_not_hang_check(community):
    path = community / "challenges" / "html-bases.md"
    path.unlink()
    path.symlink_to("/dev/zero")
    result = subprocess.run(
        [sys.executable, "-m", "entraide", "--root", str(community), "check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "challenges/html-bases.md : les liens symboliques ne sont pas acceptés" in result.stderr  # French community
    assert "Traceback" not in result.stderr


def test_a_linked_event_file_is_refused(tmp_path):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "2026-03.jsonl").symlink_to("/etc/passwd")
    with pytest.raises(UserError) as caught:
        store.load(tmp_path)
    assert "not a regular file" in str(caught.value) and "root:" not in str(caught.value)


def test_a_bom_is_read_alike_in_challenges_and_members(community):
    for name in ("members/leo-learner.yml", "challenges/html-bases.md"):
        path = community / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    loaded = load_community(community)
    assert "html-bases" in {c.slug for c in loaded.challenges}
    assert "leo-learner" in {m.login for m in loaded.members}


def test_a_file_name_cannot_inject_a_workflow_command():
    problem = Problem(path="members/x\n::warning::pwned,y.yml", line=3, message="bad\n::error::injected")
    annotation = problem.annotation()
    assert "\n" not in annotation
    assert annotation.startswith("::error file=members/x%0A%3A%3Awarning%3A%3Apwned%2Cy.yml,line=3::")
    assert "\n" not in str(problem).split(": bad")[0]
