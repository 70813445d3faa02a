"""The house rules for GitHub Actions workflows, checked on the workflow text itself.

zizmor finds known dangerous patterns; this checker holds the stricter rules this project promises:
no trigger that runs with a write token on untrusted input (a `workflow_run` workflow may hold grants,
but checks out only the default branch: no `ref` or `repository` on its checkouts), `permissions: {}` at the top and an explicit
grant per job, every action pinned by a full commit SHA with its version in a comment, no `${{ }}`
expression expanded inside a shell script, checkouts that keep no credentials, and one shared
concurrency group, never cancelled, for every job that writes to the repository.

Pure: `check(path, text)` returns Problems; nothing is read or printed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from entraide.content.errors import N_, Problem

FORBIDDEN_TRIGGERS = ("pull_request_target", "issue_comment")
PRIVILEGED_TRIGGERS = ("workflow_run",)  # write grants, after untrusted runs: default branch's code only
FOREIGN_CHECKOUT = ("ref", "repository")
WRITER_GROUP = "entraide-writer"
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
DOCKER_PINNED = re.compile(r"^docker://[^@\s]+@sha256:[0-9a-f]{64}$")
VERSION_COMMENT = re.compile(r"#\s*v\d+(\.\d+){0,2}\b")
SCRIPT_KEYS = ("run",)


@dataclass(frozen=True)
class Node:
    """A parsed YAML value with the line (1-based) where it starts."""

    value: Any  # dict[str, Node], list[Node] or a scalar, as YAML gives it
    line: int


def check(path: str, text: str) -> list[Problem]:
    """Every breach of the workflow rules in one workflow file."""
    try:
        root = _load(yaml.compose(text))
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", -1) + 1
        return [Problem(path=path, line=line or None, message=N_("not valid YAML: {error}", error=str(error)))]
    if not isinstance(root.value, dict):
        return [Problem(path=path, line=1, message=N_("a workflow is a mapping with 'on' and 'jobs'"))]
    lines = text.splitlines()
    workflow = root.value
    return [
        *_triggers(path, workflow),
        *_top_permissions(path, workflow),
        *_jobs(path, workflow, lines),
        *_privileged_checkouts(path, workflow),
    ]


def _load(node: yaml.Node | None) -> Node:
    """A composed YAML tree as plain values that remember their line. 'on' stays the string 'on'."""
    if node is None:
        return Node(None, 1)
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        return Node({key.value: _load(value) for key, value in node.value}, line)
    if isinstance(node, yaml.SequenceNode):
        return Node([_load(item) for item in node.value], line)
    return Node(node.value, line)


def _trigger_names(workflow: dict) -> list[tuple[str, int]]:
    on = workflow.get("on")
    if on is None:
        return []
    if isinstance(on.value, dict):
        return [(name, node.line) for name, node in on.value.items()]
    if isinstance(on.value, list):
        return [(item.value, item.line) for item in on.value]
    return [(on.value, on.line)]


def _privileged_checkouts(path: str, workflow: dict) -> list[Problem]:
    """A `workflow_run` workflow runs with grants after a pull request's run: it never checks out the
    pull request (no `ref`, no `repository` on a checkout), so it runs the default branch's code only."""
    if not any(name in PRIVILEGED_TRIGGERS for name, _ in _trigger_names(workflow)):
        return []
    jobs = workflow.get("jobs")
    problems = []
    for name, job in jobs.value.items() if jobs and isinstance(jobs.value, dict) else []:
        for index, step in enumerate(_steps(job) if isinstance(job.value, dict) else []):
            uses = step.value.get("uses") if isinstance(step.value, dict) else None
            options = step.value.get("with") if uses is not None else None
            if not (uses and str(uses.value).startswith("actions/checkout@") and options):
                continue
            for key in FOREIGN_CHECKOUT:
                if isinstance(options.value, dict) and key in options.value:
                    message = N_("a workflow_run workflow holds grants: it checks out the default branch only")
                    problems.append(
                        Problem(
                            path=path, line=step.line, field=f"jobs.{name}.steps[{index}].with.{key}", message=message
                        )
                    )
    return problems


def _triggers(path: str, workflow: dict) -> list[Problem]:
    on = workflow.get("on")
    if on is None:
        return [Problem(path=path, line=1, field="on", message=N_("the workflow has no trigger"))]
    if isinstance(on.value, dict):
        names = [(name, node.line) for name, node in on.value.items()]
    elif isinstance(on.value, list):
        names = [(item.value, item.line) for item in on.value]
    else:
        names = [(on.value, on.line)]
    return [
        Problem(
            path=path,
            line=line,
            field="on",
            message=N_(
                "trigger '{name}' runs with a write token on untrusted input; use pull_request "
                "and the scheduled publish workflow instead",
                name=name,
            ),
        )
        for name, line in names
        if name in FORBIDDEN_TRIGGERS
    ]


def _top_permissions(path: str, workflow: dict) -> list[Problem]:
    permissions = workflow.get("permissions")
    if permissions is None:
        return [
            Problem(
                path=path,
                line=1,
                field="permissions",
                message=N_("missing 'permissions: {}' at the top; grant what each job needs in the job"),
            )
        ]
    if permissions.value != {}:
        return [
            Problem(
                path=path,
                line=permissions.line,
                field="permissions",
                message=N_("the top-level permissions must be '{}'; grant what each job needs in the job"),
            )
        ]
    return []


def _jobs(path: str, workflow: dict, lines: list[str]) -> list[Problem]:
    jobs = workflow.get("jobs")
    if jobs is None or not isinstance(jobs.value, dict):
        return [Problem(path=path, line=1, field="jobs", message=N_("the workflow has no jobs"))]
    problems: list[Problem] = []
    for name, job in jobs.value.items():
        if not isinstance(job.value, dict):
            continue
        problems += _job_permissions(path, name, job)
        problems += _writer_concurrency(path, name, job, workflow)
        if "uses" in job.value:
            problems += _pinned(path, f"jobs.{name}.uses", job.value["uses"], lines)
        for index, step in enumerate(_steps(job)):
            problems += _step(path, f"jobs.{name}.steps[{index}]", step, lines)
    return problems


def _job_permissions(path: str, name: str, job: Node) -> list[Problem]:
    permissions = job.value.get("permissions")
    if permissions is None:
        return [
            Problem(
                path=path,
                line=job.line,
                field=f"jobs.{name}.permissions",
                message=N_("every job states the permissions it needs (contents: read at least)"),
            )
        ]
    if not isinstance(permissions.value, dict):
        return [
            Problem(
                path=path,
                line=permissions.line,
                field=f"jobs.{name}.permissions",
                message=N_("'{value}' grants everything; list each scope the job needs", value=str(permissions.value)),
            )
        ]
    return []


def _writer_concurrency(path: str, name: str, job: Node, workflow: dict) -> list[Problem]:
    permissions = job.value.get("permissions")
    grants = permissions.value if permissions and isinstance(permissions.value, dict) else {}
    contents = grants.get("contents")
    if contents is None or contents.value != "write":
        return []
    concurrency = job.value.get("concurrency") or workflow.get("concurrency")
    spec = concurrency.value if concurrency else None
    group, cancel = spec, "false"
    if isinstance(spec, dict):
        group = spec["group"].value if spec.get("group") else spec
        cancel = spec["cancel-in-progress"].value if spec.get("cancel-in-progress") else "false"
    if group != WRITER_GROUP or cancel != "false":
        return [
            Problem(
                path=path,
                line=job.line,
                field=f"jobs.{name}.concurrency",
                message=N_(
                    "a job that writes the repository runs in concurrency group '{group}' with cancel-in-progress: false",
                    group=WRITER_GROUP,
                ),
            )
        ]
    return []


def _steps(job: Node) -> list[Node]:
    steps = job.value.get("steps")
    return steps.value if steps is not None and isinstance(steps.value, list) else []


def _step(path: str, where: str, step: Node, lines: list[str]) -> list[Problem]:
    if not isinstance(step.value, dict):
        return []
    problems: list[Problem] = []
    uses = step.value.get("uses")
    if uses is not None:
        problems += _pinned(path, f"{where}.uses", uses, lines)
        if str(uses.value).startswith("actions/checkout@"):
            problems += _no_persisted_credentials(path, where, step)
    for key in SCRIPT_KEYS:
        script = step.value.get(key)
        if script is not None and "${{" in str(script.value):
            problems.append(
                Problem(
                    path=path,
                    line=script.line,
                    field=f"{where}.{key}",
                    message=N_(
                        "no ${{ }} expression inside a script: pass the value through 'env:' and use "
                        '"$NAME" (an expression is pasted into the shell before it runs)'
                    ),
                )
            )
    return problems


def _pinned(path: str, where: str, uses: Node, lines: list[str]) -> list[Problem]:
    ref = str(uses.value)
    if ref.startswith("./"):
        return []
    if DOCKER_PINNED.match(ref):
        return []
    if not PINNED.match(ref):
        return [
            Problem(
                path=path,
                line=uses.line,
                field=where,
                message=N_("'{ref}' is not pinned: use owner/repo@<full 40-hex commit SHA> # vX.Y.Z", ref=str(ref)),
            )
        ]
    source = lines[uses.line - 1] if 0 < uses.line <= len(lines) else ""
    if not VERSION_COMMENT.search(source):
        return [
            Problem(
                path=path,
                line=uses.line,
                field=where,
                message=N_("'{ref}' needs its release in a comment on the same line: # vX.Y.Z", ref=str(ref)),
            )
        ]
    return []


def _no_persisted_credentials(path: str, where: str, step: Node) -> list[Problem]:
    options = step.value.get("with")
    persist = options.value.get("persist-credentials") if options and isinstance(options.value, dict) else None
    if persist is None or str(persist.value).lower() != "false":
        return [
            Problem(
                path=path,
                line=step.line,
                field=f"{where}.with.persist-credentials",
                message=N_(
                    "checkout must set persist-credentials: false (the token would stay in .git/config for every "
                    "later step)"
                ),
            )
        ]
    return []
