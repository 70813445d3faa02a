"""The shipped workflows pass zizmor, GitHub's workflow schema and the project's own workflow rules;
each rule catches the breach it exists for."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from entraide.bot import workflow_policy

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent
SHIPPED = sorted(WORKFLOWS.glob("*.yml"))


def tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    path = shutil.which(name)
    assert path, f"{name} is a test dependency; run 'make install'"
    return path


def test_both_workflows_are_shipped():
    assert {p.name for p in SHIPPED} >= {"pr-check.yml", "publish.yml"}


def test_zizmor_offline_finds_nothing():
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--persona", "pedantic", "--no-progress", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_match_githubs_schema():
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, SHIPPED)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_forms_and_their_config_match_githubs_schemas():
    forms = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("[0-9]*.yml"))
    assert len(forms) == 8  # join, question, help, conduct, feedback, resource, opportunity, reward
    forms += sorted((ROOT / "private-forms").glob("*.yml"))  # for the private mentors' repository
    for schema, files in (
        ("vendor.github-issue-forms", forms),
        ("vendor.github-issue-config", [ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml"]),
    ):
        result = subprocess.run(
            [tool("check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_feedback_form_gives_a_rating_the_survey_reader_understands():
    from entraide.events.surveys import parse_issue_form, rating

    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "5-avis.yml").read_text())
    (field,) = [f for f in form["body"] if f.get("id") == "rating"]
    for option in field["attributes"]["options"]:
        body = f"### {field['attributes']['label']}\n\n{option}\n\n### Votre avis\n\n_No response_"
        assert rating(parse_issue_form(body)) == int(option[0])


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_workflows_follow_the_house_rules(path):
    assert workflow_policy.check(path.name, path.read_text()) == []


def test_the_guard_runs_the_base_branchs_code_never_the_pull_requests():
    workflow = yaml.safe_load((WORKFLOWS / "pr-check.yml").read_text())
    steps = workflow["jobs"]["guard"]["steps"]
    runs = [step for step in steps if "run" in step]
    assert runs[0]["run"].strip() == 'git worktree add --detach "$RUNNER_TEMP/base" "$PR_BASE_SHA"'
    # every interpreter runs in the base checkout, isolated: a `pip/` of the pull request never runs first
    for step in runs[1:]:
        assert step["working-directory"] == "${{ runner.temp }}/base"
        assert all(line.startswith("python -I ") for line in step["run"].strip().splitlines() if line.strip())
    assert "--editable" not in runs[1]["run"] and "--require-hashes" in runs[1]["run"]
    assert steps[-1]["id"] == "guard"


def test_publish_runs_in_the_single_writer_group_and_deploys_pages():
    workflow = yaml.safe_load((WORKFLOWS / "publish.yml").read_text())
    assert workflow["concurrency"] == {"group": "entraide-writer", "cancel-in-progress": False}
    triggers = workflow[True]  # PyYAML reads the key 'on' as a boolean
    assert set(triggers) == {"schedule", "workflow_dispatch", "push"}
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_pr_check_holds_no_write_grant_and_no_secret():
    text = (WORKFLOWS / "pr-check.yml").read_text()
    workflow = yaml.safe_load(text)
    grants = [job["permissions"] for job in workflow["jobs"].values()]
    assert grants == [{"contents": "read"}] * 4  # guard, check, rules-diff, autograde
    assert "secrets." not in text and "github.token" not in text


def test_the_comment_poster_runs_only_the_default_branchs_code_with_a_narrow_grant():
    workflow = yaml.safe_load((WORKFLOWS / "pr-report.yml").read_text())
    assert set(workflow[True]) == {"workflow_run"} and workflow[True]["workflow_run"]["workflows"] == ["PR check"]
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "read", "contents": "read", "pull-requests": "write"}
    checkouts = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(set(s["with"]) == {"persist-credentials"} for s in checkouts)
    assert any("entraide pr-report" in s.get("run", "") for s in job["steps"])


def test_the_checks_run_from_the_base_checkout_and_only_in_a_sandbox():
    steps = yaml.safe_load((WORKFLOWS / "pr-check.yml").read_text())["jobs"]["autograde"]["steps"]
    (grade,) = [s for s in steps if "autograde" in s.get("run", "")]
    assert grade["working-directory"] == "${{ runner.temp }}/base" and grade["run"].startswith("python -I ")
    assert "--require-namespace" in grade["run"] and "--rules-root" in grade["run"]
    assert "GITHUB_TOKEN" not in str(steps) and "token" not in str(grade.get("env", {})).lower()


# --------------------------------------------------------------------------- mutations

PUBLISH = (WORKFLOWS / "publish.yml").read_text()
PR_CHECK = (WORKFLOWS / "pr-check.yml").read_text()


def fields(text: str) -> list[str]:
    return [problem.field or "" for problem in workflow_policy.check("mutant.yml", text)]


@pytest.mark.parametrize("trigger", workflow_policy.FORBIDDEN_TRIGGERS)
def test_a_forbidden_trigger_is_caught(trigger):
    mutant = PR_CHECK.replace("on:\n  pull_request:\n", f"on:\n  {trigger}:\n  pull_request:\n")
    assert mutant != PR_CHECK
    assert "on" in fields(mutant)


def test_a_forbidden_trigger_in_list_form_is_caught():
    mutant = PR_CHECK.replace("on:\n  pull_request:\n    branches: [main]\n", "on: [push, issue_comment]\n")
    assert fields(mutant) == ["on"]


def test_a_workflow_run_that_checks_out_the_pull_request_is_caught():
    report = (WORKFLOWS / "pr-report.yml").read_text()
    mutant = report.replace(
        "          persist-credentials: false\n",
        "          persist-credentials: false\n          ref: ${{ github.event.workflow_run.head_sha }}\n",
        1,
    )
    assert mutant != report
    assert fields(mutant) == ["jobs.report.steps[0].with.ref"]


def test_an_unpinned_action_is_caught():
    mutant = PR_CHECK.replace(
        "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065 # v5.6.0", "actions/setup-python@v5"
    )
    assert fields(mutant) == [
        "jobs.guard.steps[1].uses",
        "jobs.check.steps[1].uses",
        "jobs.rules-diff.steps[1].uses",
        "jobs.autograde.steps[1].uses",
    ]


def test_a_short_sha_or_a_missing_version_comment_is_caught():
    short = PR_CHECK.replace("a26af69be951a213d495a4c3e4e4022e16d87065", "a26af69")
    bare = PR_CHECK.replace(
        "a26af69be951a213d495a4c3e4e4022e16d87065 # v5.6.0", "a26af69be951a213d495a4c3e4e4022e16d87065"
    )
    assert fields(short) == [
        "jobs.guard.steps[1].uses",
        "jobs.check.steps[1].uses",
        "jobs.rules-diff.steps[1].uses",
        "jobs.autograde.steps[1].uses",
    ]
    assert fields(bare) == [
        "jobs.guard.steps[1].uses",
        "jobs.check.steps[1].uses",
        "jobs.rules-diff.steps[1].uses",
        "jobs.autograde.steps[1].uses",
    ]


def test_a_missing_top_permissions_block_is_caught():
    mutant = PUBLISH.replace("permissions: {}\n", "", 1)
    assert fields(mutant) == ["permissions"]


def test_write_all_at_the_top_or_a_job_without_grants_is_caught():
    write_all = PR_CHECK.replace("permissions: {}\n", "permissions: write-all\n", 1)
    no_job_grant = PR_CHECK.replace("    permissions:\n      contents: read # read the pull request to check it\n", "")
    assert fields(write_all) == ["permissions"]
    assert fields(no_job_grant) == ["jobs.check.permissions"]


@pytest.mark.parametrize(
    "expression", ["${{ github.event.pull_request.title }}", "${{ github.head_ref }}", "${{ inputs.name }}"]
)
def test_an_expression_inside_run_is_caught(expression):
    mutant = PR_CHECK.replace('guard --author "$PR_AUTHOR"', f'guard --author "{expression}"')
    assert mutant != PR_CHECK
    assert fields(mutant) == ["jobs.guard.steps[4].run"]


def test_a_checkout_that_keeps_credentials_is_caught():
    mutant = PR_CHECK.replace("persist-credentials: false", "persist-credentials: true", 1)
    assert fields(mutant) == ["jobs.guard.steps[0].with.persist-credentials"]


def test_a_writer_outside_the_shared_group_or_cancelling_is_caught():
    other_group = PUBLISH.replace("group: entraide-writer", "group: publish-${{ github.ref }}")
    cancelling = PUBLISH.replace("cancel-in-progress: false", "cancel-in-progress: true")
    assert fields(other_group) == ["jobs.publish.concurrency"]
    assert fields(cancelling) == ["jobs.publish.concurrency"]


def test_zizmor_also_flags_an_injected_expression(tmp_path):
    """Belt and braces: the mutant that our checker rejects is also one zizmor rejects."""
    mutant = PR_CHECK.replace(
        'guard --author "$PR_AUTHOR"',
        'guard --author "${{ github.event.pull_request.title }}"',
    )
    target = tmp_path / ".github" / "workflows"
    target.mkdir(parents=True)
    (target / "pr-check.yml").write_text(mutant)
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", str(target)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "template-injection" in result.stdout


def test_the_join_form_answers_fill_a_profile():
    """GitHub renders each form field as '### <label>' then the answer: the onboarding reader must know them."""
    import datetime as dt

    from entraide.bot.onboarding import profile_from_form
    from entraide.content.loader import load_rules

    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "1-rejoindre.yml").read_text())
    fields = {f["id"]: f["attributes"]["label"] for f in form["body"] if f["type"] != "markdown"}
    answers = {
        "name": "Camille Martin",
        "track": "front",
        "cohort": "_No response_",
        "interests": "CSS, a11y",
        "languages": "fr, en",
        "timezone": "Europe/Paris",
        "consent": "- [X] J'accepte que mon profil apparaisse sur le site public.",
        "code": "- [X] J'ai lu le code de conduite.",
    }
    body = "\n\n".join(f"### {fields[key]}\n\n{value}" for key, value in answers.items())
    profile = profile_from_form(body, login="camille", user_id=42, rules=load_rules(ROOT), today=dt.date(2026, 3, 2))
    assert profile["name"] == "Camille Martin" and profile["track"] == "front"
    assert profile["interests"] == ["CSS", "a11y"] and profile["public_profile"] is True


def test_the_forms_offer_the_tracks_of_the_rules():
    from entraide.content.loader import load_rules

    tracks = {track.name for track in load_rules(ROOT).tracks}  # names people read; the bot maps them to ids
    join = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "1-rejoindre.yml").read_text())
    (field,) = [f for f in join["body"] if f.get("id") == "track"]
    assert set(field["attributes"]["options"]) == tracks


def test_every_entraide_command_the_workflows_run_exists():
    """A renamed command or option would only fail on GitHub: parse each one with the real CLI."""
    import re
    import shlex

    from entraide.cli import build_parser

    parser = build_parser()
    commands = []
    for path in SHIPPED:
        for job in yaml.safe_load(path.read_text())["jobs"].values():
            for step in job["steps"]:
                script = step.get("run", "").replace('python -I -m entraide --root "$GITHUB_WORKSPACE" ', "entraide ")
                quoted = re.findall(r'"(entraide [^"]+)"', script)
                outer = re.sub(r'"entraide [^"]+"', "COMMAND", script)
                commands += quoted + re.findall(r"(?m)^\s*(entraide .+)$", outer)
    assert {c.split()[1] for c in commands} >= {
        "check",
        "guard",
        "publish",
        "sync",
        "buddies",
        "community",
        "feedback",
        "labels",
    }
    for command in commands:
        argv = shlex.split(re.sub(r"\$\w+", "1", command))[1:]
        parser.parse_args(argv)  # exits (SystemExit) on an unknown command or option
