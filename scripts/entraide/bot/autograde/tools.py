"""The three tools a challenge may name, each as a fixed command and a reader of its output.

A challenge names a tool and at most a file; the command is ours. The tools reach the sandbox through a
read-only folder (`Toolbox`): our node_modules (html-validate, axe-core), our Python (pytest, Playwright),
our html-validate configuration (`root: true`: a configuration file in the submission changes nothing).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from entraide.bot.autograde.report import MAX_FINDINGS, CheckResult, Finding, Said
from entraide.bot.autograde.sandbox import Limits, MiB, Outcome
from entraide.content.checks import Check

HTML_VALIDATE_CONFIG = {"root": True, "extends": ["html-validate:standard"]}
LIMITS = {
    "html-validate": Limits(seconds=60, memory=4096 * MiB),  # V8 reserves address space it never uses
    "pytest": Limits(seconds=60, memory=1024 * MiB),
    "axe": Limits(seconds=90, memory=None),  # Chromium reserves terabytes of address space: time only
}
TIMING = re.compile(r" in [0-9.]+s( \([0-9:]+\))?$")  # same results, same bytes
FAILED_LINE = re.compile(r"^(?P<file>[^\s:][^:]*\.py):(?P<line>\d+): (?P<message>.+)$")


@dataclass(frozen=True)
class Toolbox:
    """Where the tools are as the sandbox sees them."""

    node_modules: Path
    python: Path
    chromium: str
    here: Path  # this package's folder (axe_page.py, the html-validate configuration)


def command(check: Check, box: Toolbox) -> list[str]:
    if check.tool == "html-validate":
        script = box.node_modules / "html-validate" / "bin" / "html-validate.mjs"
        config = box.here / "htmlvalidate.json"
        return ["node", str(script), "--config", str(config), "--formatter", "json", check.file]
    if check.tool == "axe":
        axe = box.node_modules / "axe-core" / "axe.min.js"
        return [str(box.python), "-I", str(box.here / "axe_page.py"), check.file, str(axe), box.chromium]
    return [str(box.python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "--tb=line", "-o", "addopts=", "."]


def read(check: Check, outcome: Outcome, *, folder: str) -> CheckResult:
    """The check's result from what its tool printed; a timeout or a crash is an `error`."""
    if outcome.timed_out:
        return CheckResult(tool=check.tool, status="error", summary="time limit reached", said=Said(code="timeout"))
    try:
        findings, summary, said = READERS[check.tool](check, outcome, folder)
    except (ValueError, KeyError, TypeError, IndexError):
        tail = (outcome.stderr.strip().splitlines() or ["no output"])[-1][:200]
        unfinished = Said(code="unfinished", detail=tail)
        return CheckResult(
            tool=check.tool, status="error", summary=f"the check did not finish: {tail}", said=unfinished
        )
    failed = bool(findings) or outcome.returncode != 0
    return CheckResult(
        tool=check.tool,
        status="failed" if failed else "passed",
        summary=summary,
        said=said,
        findings=tuple(findings[:MAX_FINDINGS]),
        total=len(findings),
    )


Read = tuple[list[Finding], str, Said | None]  # the findings, the English summary, Entraide's summary as a code


def _html_validate(check: Check, outcome: Outcome, folder: str) -> Read:
    if not outcome.stdout.strip():
        if "ENOENT" in outcome.stderr or "no such file" in outcome.stderr.lower():
            return [Finding(path=folder + check.file, message="file not found")], "file not found", None
        raise ValueError("no output")
    files = json.loads(outcome.stdout)
    messages = [m for f in files for m in f["messages"]]
    findings = [
        Finding(path=folder + check.file, line=int(m["line"]), message=f"{m['message']} ({m['ruleId']})")
        for m in messages
    ]
    if findings:
        return (
            findings,
            f"{len(findings)} error(s) in {check.file}",
            Said(code="html_errors", n=len(findings), file=check.file),
        )
    return findings, f"{check.file} is valid HTML", Said(code="html_valid", file=check.file)


def _axe(check: Check, outcome: Outcome, folder: str) -> Read:
    violations = json.loads(outcome.stdout.strip().splitlines()[-1])
    findings = [
        Finding(path=folder + check.file, line=v["line"], message=f"{v['help']} ({v['id']}, {v['count']} element(s))")
        for v in violations
    ]
    if findings:
        return findings, f"{len(findings)} WCAG 2 A/AA violation(s)", Said(code="axe_violations", n=len(findings))
    return findings, "no WCAG 2 A/AA violation found", Said(code="axe_clean")


def _pytest(check: Check, outcome: Outcome, folder: str) -> Read:
    lines = outcome.stdout.strip().splitlines()
    if not lines:
        raise ValueError("no output")
    findings = []
    for line in lines:
        match = FAILED_LINE.match(line.strip())
        if match:
            file = Path(match["file"]).name if Path(match["file"]).is_absolute() else match["file"]
            findings.append(Finding(path=folder + file, line=int(match["line"]), message=match["message"][:300]))
    if outcome.returncode == 5:
        found = [Finding(path=folder, message="no test found: name your tests test_*.py")]
        return found, "no test collected", Said(code="no_test")
    if outcome.returncode not in (0, 1):
        raise ValueError(f"pytest exit status {outcome.returncode}")
    return findings, TIMING.sub("", lines[-1].strip("= ")), None  # pytest's own words


READERS = {"html-validate": _html_validate, "axe": _axe, "pytest": _pytest}


def default_python() -> Path:
    return Path(sys.executable)
