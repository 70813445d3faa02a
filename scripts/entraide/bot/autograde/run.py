"""Grading one submission: copy its folder, run each check the challenge declares in the sandbox, read
the results into a Report. The shell of autograding; `entraide autograde` calls `grade`."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from entraide.bot.autograde import sandbox, tools
from entraide.bot.autograde.report import Report
from entraide.content.models import Challenge

HERE = Path(__file__).parent


def grade(
    root: Path, folder: str, *, challenge: Challenge, node_modules: Path, chromium: str, hide: tuple[Path, ...] = ()
) -> Report:
    """Run `challenge.checks` on `root/folder` (a `submissions/<slug>/<login>/` path ending in '/')."""
    network = "namespace" if sandbox.namespaces_work() else "proxy"
    hidden = (*hide, root.resolve(), Path(os.environ.get("HOME", "/nonexistent")).resolve())
    with tempfile.TemporaryDirectory(prefix="entraide-grade-") as scratch:
        work = Path(scratch)
        copy = sandbox.copy_submission(root / folder, work / "submission")
        box, keep = _toolbox(work / "tools", node_modules=node_modules, chromium=chromium)
        results = []
        for check in challenge.checks:
            outcome = sandbox.run(
                tools.command(check, box),
                folder=copy,
                limits=tools.LIMITS[check.tool],
                network=network,
                hide=hidden,
                keep=keep,
            )
            results.append(tools.read(check, outcome, folder=folder))
    return Report(challenge=challenge.slug, folder=folder, network=network, results=tuple(results))


def _toolbox(where: Path, *, node_modules: Path, chromium: str) -> tuple[tools.Toolbox, tuple[Path, ...]]:
    """Our scripts and configuration in a folder outside what is hidden, and the folders the tools need."""
    here = where / "autograde"
    here.mkdir(parents=True)
    shutil.copyfile(HERE / "axe_page.py", here / "axe_page.py")
    (here / "htmlvalidate.json").write_text(json.dumps(tools.HTML_VALIDATE_CONFIG), encoding="utf-8")
    keep = tuple(Path(p).resolve() for p in (node_modules, sys.prefix, sys.base_prefix))
    box = tools.Toolbox(node_modules=node_modules.resolve(), python=Path(sys.executable), chromium=chromium, here=here)
    return box, keep


def write(report: Report, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
