"""`entraide risk report --post`: the mentors' report filed in a private repository, once per day assessed,
refused for a public repository, and never printed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from entraide.content.loader import load_community
from entraide.demo.simulation import simulate
from entraide.events import store as events
from entraide.insight import report
from entraide_cmd import run as run_command

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-10-12"


@pytest.fixture(scope="module")
def community(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("example")
    for name in ("members", "challenges"):
        shutil.copytree(REPO / name, root / name)
    rules = (REPO / "entraide.yml").read_text(encoding="utf-8")
    (root / "entraide.yml").write_text(rules + "\nmentors_repository: octo-org/entraide\n", encoding="utf-8")
    events.append(root / "data", simulate(load_community(root), seed=1))
    return root


def post(community: Path, fake) -> int:
    return run_command(
        "entraide.cli.insight",
        ["--root", str(community), "risk", "report", "--as-of", AS_OF, "--post", "--api-url", fake.url],
    )


def report_issues(fake) -> list:
    return [i for i in fake.repo.issues.values() if "risk-report" in [str(label) for label in i.labels]]


def test_the_report_is_filed_once_in_the_private_repository_and_not_printed(community, github_env, capsys):
    github_env.repo.private = True
    for _ in range(2):
        assert post(community, github_env) == 0
    filed = report_issues(github_env)
    assert len(filed) == 1
    _, text = report.report_text(community, as_of=__import__("datetime").date.fromisoformat(AS_OF))
    assert text.strip() in filed[0].body
    out = capsys.readouterr()
    lines = [line for line in text.splitlines() if "|" in line and line.count("|") > 3][2:]
    assert lines, "the report names learners at risk"
    assert not any(line in out.out + out.err for line in lines)


def test_a_public_repository_is_refused_and_nothing_is_written(community, github_env, capsys):
    assert github_env.repo.private is False
    assert post(community, github_env) == 2
    assert report_issues(github_env) == []
    assert "is not private" in capsys.readouterr().err


@pytest.mark.parametrize("fault", [{"status": 502}, {"reset": True}, {"truncate": True}], ids=["502", "reset", "cut"])
def test_a_failed_post_is_one_line_and_the_next_run_files_the_report_once(community, github_env, capsys, fault):
    """A 502, a reset connection, or an answer cut short after GitHub filed it (issue 11, item 3)."""
    github_env.repo.private = True
    github_env.inject("/repos/octo-org/entraide/issues", method="POST", times=1, **fault)
    assert post(community, github_env) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "POST /issues" in err and "the next run" in err
    assert len([line for line in err.splitlines() if line.strip()]) == 1
    assert post(community, github_env) == 0
    assert len(report_issues(github_env)) == 1


@pytest.mark.parametrize("written", [False, True], ids=["not-written", "written"])
def test_a_post_that_times_out_is_one_line_and_the_report_is_filed_once(
    community, github_env, capsys, monkeypatch, written
):
    """$ENTRAIDE_HTTP_TIMEOUT reaches the report's filing too: an answer held past it, whether GitHub filed the
    issue or not, is one line and exit 1; two more runs leave exactly one report."""
    monkeypatch.setenv("ENTRAIDE_HTTP_TIMEOUT", "1")
    github_env.repo.private = True
    github_env.inject("/repos/octo-org/entraide/issues", method="POST", hold=3, written=written, times=1)
    assert post(community, github_env) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "the next run" in err and "timed out" in err
    assert len([line for line in err.splitlines() if line.strip()]) == 1
    for _ in range(2):
        assert post(community, github_env) == 0
    assert len(report_issues(github_env)) == 1


def test_a_timeout_setting_that_is_not_a_number_is_a_usage_error_and_nothing_is_filed(
    community, github_env, capsys, monkeypatch
):
    github_env.repo.private = True
    monkeypatch.setenv("ENTRAIDE_HTTP_TIMEOUT", "soon")
    assert post(community, github_env) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "ENTRAIDE_HTTP_TIMEOUT" in err and "'soon'" in err
    assert report_issues(github_env) == []
