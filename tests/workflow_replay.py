"""Replay a workflow job's `run` steps the way GitHub Actions runs them, on this machine.

Each `run` step goes to `bash -e` with the step's `env` and `working-directory` (their `${{ }}` expressions
filled from a small context), GITHUB_WORKSPACE and RUNNER_TEMP set, in order, stopping at the first
failure; GITHUB_OUTPUT is a file in `temp`. `uses` steps are skipped: the test prepares the checkout itself. `python` on PATH is a shim that
runs this interpreter; `python ... -m pip install ...` is turned into `python ... -m pip --version` with
the same interpreter flags and working directory, so which `pip` module runs is decided exactly as on the
runner (a `pip/` package in the working directory wins unless `-I`), without installing anything.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

WORKFLOWS = Path(__file__).parents[1] / ".github" / "workflows"
EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+(?:\s*\|\|\s*[\w.-]+)*)\s*\}\}")

SHIM = """#!{python}
import os, sys
args = sys.argv[1:]
if "-m" in args and args[args.index("-m") + 1:args.index("-m") + 3] == ["pip", "install"]:
    at = args.index("-m")
    args = args[: at + 2] + ["--version"]
os.execv({python!r}, [{python!r}, *args])
"""


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    steps: list[str]


def job_steps(workflow: str, job: str) -> list[dict]:
    return yaml.safe_load((WORKFLOWS / workflow).read_text())["jobs"][job]["steps"]


def replay(workflow: str, job: str, *, workspace: Path, temp: Path, context: dict[str, str]) -> Outcome:
    """Run the job's `run` steps; `context` maps expressions (`github.event.pull_request.base.sha`) to text."""
    shims = temp / "shims"
    shims.mkdir(parents=True, exist_ok=True)
    for name in ("python", "python3"):
        (shims / name).write_text(SHIM.format(python=sys.executable))
        (shims / name).chmod(0o755)
    values = {"runner.temp": str(temp), "github.workspace": str(workspace), **context}
    base_env = {
        **os.environ,
        "PATH": f"{shims}:{Path(sys.executable).parent}:{os.environ['PATH']}",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "RUNNER_TEMP": str(temp),
        "GITHUB_OUTPUT": str(temp / "github_output"),  # steps' outputs, one file for the job here
    }
    out, err, ran = "", "", []
    for step in job_steps(workflow, job):
        if "run" not in step:
            continue
        env = {**base_env, **{k: _fill(str(v), values) for k, v in step.get("env", {}).items()}}
        cwd = Path(_fill(step.get("working-directory", str(workspace)), values))
        result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True)
        out, err = out + result.stdout, err + result.stderr
        ran.append(step.get("name", ""))
        if result.returncode:
            return Outcome(result.returncode, out, err, ran)
    return Outcome(0, out, err, ran)


def _fill(text: str, values: dict[str, str]) -> str:
    """`${{ a }}` from the context; `${{ a || b }}` the first of them the context gives (a missing secret)."""

    def value(match: re.Match[str]) -> str:
        names = [name.strip() for name in match.group(1).split("||")]
        found = [values[name] for name in names if values.get(name)]
        return found[0] if found else values[names[-1]]

    return EXPRESSION.sub(value, text)
