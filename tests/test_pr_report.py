"""The PR report workflow's command: the PR check's artifacts are data. The rule diff is posted only on a
maintainer's pull request (maintainers read from the default branch), a report about files the pull
request does not change is ignored, a forged or oversized report is refused, a stale run posts nothing."""

from __future__ import annotations

import json

import pytest

from entraide_cmd import run as entraide
from test_rules_diff import two_roots

MAINTAINER = "mael-mainteneur"
DIFF = "### Conséquences de ce changement de règles\n\n| `nathalie-roux` | 459 → 481 (+22) |\n"


@pytest.fixture
def main_branch(tmp_path):
    base, _ = two_roots(tmp_path)
    (base / "members" / f"{MAINTAINER}.yml").write_text(
        f"login: {MAINTAINER}\nid: 990001\nname: Maël\nrole: maintainer\njoined: 2026-01-05\n", encoding="utf-8"
    )
    return base


def post(github_env, root, pr, artifacts, *, sha=None, fork=False) -> int:
    argv = ["--root", str(root), "pr-report", "--repo", f"{github_env.repo.owner}/{github_env.repo.name}"]
    argv += ["--api-url", github_env.url, "--head-sha", sha or pr.head_sha]
    argv += [] if fork else ["--pr", str(pr.number)]
    return entraide("entraide.cli.prreport", [*argv, "--artifacts", str(artifacts)])


def comments(github_env, pr):
    return [c.body for c in github_env.repo.comments.values() if c.issue == pr.number]


def test_the_rule_diff_is_posted_only_on_a_maintainers_pull_request(main_branch, tmp_path, github_env):
    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    (artifacts / "rules-diff.md").write_text(DIFF, encoding="utf-8")
    learner = github_env.repo.add_pr("lina-fournier", "Réponses à 4 points", files=["entraide.yml"])
    assert post(github_env, main_branch, learner, artifacts) == 0
    assert comments(github_env, learner) == []  # a learner's rule change: the job summary only
    maintainer = github_env.repo.add_pr(MAINTAINER, "Réponses à 4 points", files=["entraide.yml"])
    assert post(github_env, main_branch, maintainer, artifacts) == 0
    assert post(github_env, main_branch, maintainer, artifacts) == 0  # edited, not posted twice
    (body,) = comments(github_env, maintainer)
    assert "| `nathalie-roux` | 459 → 481 (+22) |" in body


def test_a_stale_run_posts_nothing(main_branch, tmp_path, github_env):
    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    (artifacts / "rules-diff.md").write_text(DIFF, encoding="utf-8")
    pr = github_env.repo.add_pr(MAINTAINER, "Règles", files=["entraide.yml"])
    assert post(github_env, main_branch, pr, artifacts, sha="0" * 40) == 0
    assert comments(github_env, pr) == []


def report(folder: str, message: str) -> dict:
    result = {"tool": "pytest", "status": "failed", "summary": "1 failed", "total": 1}
    result["findings"] = [{"path": folder + "t.py", "line": 3, "message": message}]
    return {"challenge": "python-bases", "folder": folder, "network": "namespace", "results": [result]}


def test_the_report_is_data_escaped_and_about_this_pull_requests_files_only(main_branch, tmp_path, github_env):
    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    mine = "submissions/python-bases/lina-fournier/"
    pr = github_env.repo.add_pr("lina-fournier", "Défi", files=[mine + "t.py"])
    forged = report("submissions/python-bases/someone-else/", "@nathalie-roux [cliquez](https://evil.example)")
    (artifacts / "autograde.json").write_text(json.dumps(forged), encoding="utf-8")
    assert post(github_env, main_branch, pr, artifacts) == 0
    (body,) = comments(github_env, pr)
    assert "someone-else" not in body and "evil" not in body  # a report about other files: ignored

    (artifacts / "autograde.json").write_text(json.dumps(report(mine, "@nathalie-roux [x](https://e.x)")))
    assert post(github_env, main_branch, pr, artifacts) == 0
    (body,) = comments(github_env, pr)
    assert "\\@nathalie-roux \\[x\\]\\(https://e.x\\)" in body  # shown as typed: no mention, no link

    (artifacts / "autograde.json").write_text(json.dumps({**report(mine, "x"), "extra": 1}))
    assert post(github_env, main_branch, pr, artifacts) == 2  # not a report: refused, nothing edited
    (artifacts / "autograde.json").write_text(" " * (256 * 1024 + 1))
    assert post(github_env, main_branch, pr, artifacts) == 2


def test_a_forks_pull_request_is_found_by_its_head_commit(main_branch, tmp_path, github_env):
    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    other = github_env.repo.add_pr("lina-fournier", "Autre", files=["submissions/python-bases/lina-fournier/a.py"])
    pr = github_env.repo.add_pr("lina-fournier", "Défi", files=["submissions/python-bases/lina-fournier/t.py"])
    assert post(github_env, main_branch, pr, artifacts, fork=True) == 0  # the workflow run names no PR
    (body,) = comments(github_env, pr)
    assert "Peuvent accepter ce défi : `karim-benali`, `nathalie-roux`." in body
    assert comments(github_env, other) == []


def test_a_report_made_by_a_changed_workflow_is_not_shown(main_branch, tmp_path, github_env):
    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    mine = "submissions/python-bases/lina-fournier/"
    passed = {"challenge": "python-bases", "folder": mine, "network": "namespace"}
    passed["results"] = [{"tool": "pytest", "status": "passed", "summary": "3 passed"}]
    (artifacts / "autograde.json").write_text(json.dumps(passed), encoding="utf-8")
    files = [mine + "t.py", ".github/workflows/pr-check.yml"]  # the PR check's own text, rewritten
    pr = github_env.repo.add_pr("lina-fournier", "Défi", files=files)
    assert post(github_env, main_branch, pr, artifacts) == 0
    (body,) = comments(github_env, pr)
    assert "3 passed" not in body and "Vérifications automatiques" not in body
