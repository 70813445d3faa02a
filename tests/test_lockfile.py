"""requirements.txt is the lock: every dependency pinned with hashes, current with pyproject.toml, and the
only way the Makefile and the workflows install anything (issue 11, item 12)."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[1]
LOCK = ROOT / "requirements.txt"
ENTRY = re.compile(r"^([A-Za-z0-9._-]+)==(\S+)((?:\s*\\\n\s+--hash=sha256:[0-9a-f]{64})+)", re.MULTILINE)


def locked() -> dict[str, str]:
    return {canonicalize_name(name): version for name, version, _ in ENTRY.findall(LOCK.read_text())}


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    texts = project["project"]["dependencies"] + project["project"]["optional-dependencies"]["test"]
    return [Requirement(text) for text in texts + project["build-system"]["requires"]]


def test_every_locked_package_is_pinned_with_hashes():
    text = LOCK.read_text()
    requirement_lines = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert len(requirement_lines) == len(ENTRY.findall(text)) > 20, "an entry without version or hash"


def test_the_lock_is_current_with_pyproject():
    """Each dependency of pyproject.toml (runtime, test extra, build) is locked at a version it allows:
    change a pin without `make lock` and this fails."""
    lock = locked()
    stale = [
        str(req)
        for req in declared()
        if canonicalize_name(req.name) not in lock or lock[canonicalize_name(req.name)] not in req.specifier
    ]
    assert stale == [], f"run `make lock`: requirements.txt does not satisfy {stale}"


def test_this_environment_was_installed_from_the_lock():
    lock = locked()
    wrong = {}
    for name, version in lock.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # platform-specific or unused here
        if installed != version:
            wrong[name] = (installed, version)
    assert wrong == {}


def pip_installs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if "pip install" in line and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("workflow", sorted((ROOT / ".github" / "workflows").glob("*.yml")), ids=lambda p: p.name)
def test_workflows_install_only_from_the_lock(workflow):
    steps = [s for job in yaml.safe_load(workflow.read_text())["jobs"].values() for s in job["steps"]]
    installs = [line for step in steps for line in pip_installs(step.get("run", ""))]
    assert installs, "the workflow installs entraide"
    assert any("--require-hashes --no-deps -r requirements.txt" in line for line in installs)
    assert all("--require-hashes" in line or "--no-deps" in line for line in installs), installs


def test_make_install_and_ci_use_the_lock():
    makefile = (ROOT / "Makefile").read_text()
    installs = pip_installs(makefile.split("lock:")[0])
    assert any("--require-hashes --no-deps -r requirements.txt" in line for line in installs)
    assert all("--require-hashes" in line or "--no-deps" in line for line in installs), installs
    assert "make install" in (ROOT / ".ci" / "run").read_text()
    dependabot = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert {u["package-ecosystem"] for u in dependabot["updates"]} == {"github-actions", "pip"}
