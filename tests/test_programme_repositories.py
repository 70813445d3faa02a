"""A programme over three repositories: the publish workflow's matrix syncs each into its partition (one
job per repository, replayed here step by step), the publish job merges them; a failed shard keeps the
others' data and is read again next run; the merge gives the same bytes whatever the shards' order."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from builders import community, ev, member
from entraide import scoring
from entraide.content.models import Caps
from entraide.events import store
from fakegithub.scenarios import busy_repository
from workflow_replay import WORKFLOWS, job_steps, replay

ENTRAIDE = str(Path(sys.executable).parent / "entraide")
REPOSITORIES = ("octo-org/cohort-a", "octo-org/cohort-b", "octo-org/cohort-c")


def programme(fake) -> None:
    """Three repositories on one fake GitHub, numbered alike (issue #1 in each), shared accounts."""
    for seed, full in enumerate(REPOSITORIES, start=1):
        repo = fake.add_repo(*full.split("/"))
        busy_repository(
            repo, issues=6, prs=4, issue_comments=12, review_comments=3, reviews=4, label_changes=2,
            closed_issues=2, merged=2, closed_prs=1, event_issues=1, discussions=2, seed=seed,
        )  # fmt: skip


def run_matrix(fake, workspace: Path, runner: Path, order: list[str]) -> dict[str, int]:
    """Each matrix job's `run` steps, as Actions runs them; a job's partition becomes the artifact
    `partition-OWNER--NAME` only when the job succeeded (upload-artifact runs on success)."""
    outcomes = {}
    for n, repository in enumerate(order):
        temp = runner / f"job-{n}"
        temp.mkdir(parents=True)
        context = {"matrix.repository": repository, "github.token": fake.token, "secrets.ENTRAIDE_READ_TOKEN": ""}
        outcome = replay("publish.yml", "shard", workspace=workspace, temp=temp, context=context)
        outcomes[repository] = outcome.returncode
        if outcome.returncode == 0:
            shutil.copytree(temp / "partition", runner / "artifacts" / f"partition-{repository.replace('/', '--')}")
    return outcomes


def merge_step(workspace: Path, runner: Path) -> subprocess.CompletedProcess:
    """What the publish job runs first (download-artifact puts each artifact in a folder of its own)."""
    command = [ENTRAIDE, "--root", str(workspace), "merge", "--from", str(runner / "artifacts")]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def store_bytes(data: Path) -> dict[str, bytes]:
    return {str(path.relative_to(data)): path.read_bytes() for path in sorted(data.rglob("*")) if path.is_file()}


def workspace_at(folder: Path) -> Path:
    (folder / "data").mkdir(parents=True)
    (folder / "entraide.yml").write_text(f"name: Programme\nrepositories: [{', '.join(REPOSITORIES)}]\n")
    return folder


def test_the_publish_workflow_runs_one_shard_per_repository_then_merges():
    workflow = yaml.safe_load((WORKFLOWS / "publish.yml").read_text())
    shard, publish = workflow["jobs"]["shard"], workflow["jobs"]["publish"]
    assert shard["strategy"]["matrix"]["repository"] == "${{ fromJSON(needs.plan.outputs.repositories) }}"
    assert shard["strategy"]["fail-fast"] is False and publish["if"] == "${{ !cancelled() }}"
    upload = next(step for step in shard["steps"] if "upload-artifact" in step.get("uses", ""))
    download = next(step for step in job_steps("publish.yml", "publish") if "download-artifact" in step.get("uses", ""))
    assert download["with"]["pattern"] == "partition-*" and upload["with"]["name"].startswith("${{ steps.sync")
    assert any("entraide merge --from $RUNNER_TEMP/partitions" in step.get("run", "") for step in publish["steps"])


def test_the_plan_lists_the_programmes_repositories_for_the_matrix(tmp_path):
    workspace = workspace_at(tmp_path / "ws")
    outcome = replay("publish.yml", "plan", workspace=workspace, temp=tmp_path / "runner", context={})
    assert outcome.returncode == 0, outcome.stderr
    assert 'repositories=["octo-org/cohort-a","octo-org/cohort-b","octo-org/cohort-c"]' in outcome.stdout


def test_three_repositories_merge_into_one_store_and_a_failed_shard_is_read_again_next_run(
    github_env, tmp_path, monkeypatch
):
    fake = github_env
    programme(fake)
    monkeypatch.setenv("GITHUB_API_URL", fake.api_url)
    workspace = workspace_at(tmp_path / "ws")
    fake.deny("/repos/octo-org/cohort-c", "issues=read")  # this run, cohort-c's job fails

    outcomes = run_matrix(
        fake, workspace, tmp_path / "run-1", ["octo-org/cohort-b", "octo-org/cohort-c", "octo-org/cohort-a"]
    )
    assert outcomes["octo-org/cohort-a"] == outcomes["octo-org/cohort-b"] == 0 and outcomes["octo-org/cohort-c"]
    merge_step(workspace, tmp_path / "run-1")
    first = store.load(workspace / "data")
    assert {event.repo for event in first} == {"octo-org/cohort-a", "octo-org/cohort-b"}
    # issue #1 of each repository stays its own: nothing of one overwrote the other
    assert {(e.repo, e.subject) for e in first if e.kind == "issue_opened" and e.subject == 1} == {
        ("octo-org/cohort-a", 1),
        ("octo-org/cohort-b", 1),
    }
    cursors = workspace / "data" / "sync" / "repos" / "octo-org"
    assert sorted(path.name for path in cursors.iterdir()) == ["cohort-a.json", "cohort-b.json"]

    fake.denied.clear()  # next run: every job succeeds; a and b start from their cursors, c from the start
    assert run_matrix(fake, workspace, tmp_path / "run-2", list(REPOSITORIES)) == dict.fromkeys(REPOSITORIES, 0)
    merge_step(workspace, tmp_path / "run-2")
    second = store.load(workspace / "data")
    assert {event.repo for event in second} == set(REPOSITORIES)
    assert {event.id for event in first} < {event.id for event in second}

    # the same activity synced in one run, shards in another order: the same bytes, cursors included
    fresh = workspace_at(tmp_path / "fresh")
    order = list(REPOSITORIES)
    random.Random(18).shuffle(order)
    run_matrix(fake, fresh, tmp_path / "run-fresh", order)
    merge_step(fresh, tmp_path / "run-fresh")
    assert store_bytes(fresh / "data") == store_bytes(workspace / "data")


def in_repository(repo: str, event):
    return event.model_copy(update={"repo": repo, "id": f"{repo}#{event.id}"})


def test_threads_of_two_repositories_with_the_same_number_score_apart():
    """Question #12 is ana's in cohort-a and ben's in cohort-b; each answers the other's: both earn (one
    thread for both numbers would make one of them an answer on one's own thread, worth nothing)."""
    ana, ben = member("ana", 1), member("ben", 2)
    events = [
        in_repository("octo-org/cohort-a", ev("issue_opened", "2026-03-02T09:00", ana, 12, labels=["question"])),
        in_repository("octo-org/cohort-b", ev("issue_opened", "2026-03-02T09:30", ben, 12, labels=["question"])),
        in_repository("octo-org/cohort-a", ev("issue_comment", "2026-03-02T10:00", ben, 12, comment_id=7)),
        in_repository("octo-org/cohort-b", ev("issue_comment", "2026-03-02T11:00", ana, 12, comment_id=7)),
    ]
    caps = Caps(per_day=1000, per_pair_per_week=1000, kudos_per_giver_per_week=1000)
    ledger = scoring.score(community([ana, ben], caps=caps), events, as_of=dt.date(2026, 3, 31))
    assert sorted((a.login, a.reason) for a in ledger.awards) == [("ana", "answer"), ("ben", "answer")]
    lines = store.dumps(events).decode().splitlines()
    assert all('"repo":"octo-org/cohort-' in line for line in lines)
    assert '"repo"' not in store.dumps([ev("issue_opened", "2026-03-02T09:00", ana, 12)]).decode()
