"""What the checks found: frozen models (written as JSON for the comment poster) and their renderings.

Pure: annotations (GitHub workflow commands on the submission's files), the job summary and the comment's
section. Tool output is member-written text: it reaches comments only through `plain()`.
"""

from __future__ import annotations

from typing import Literal

from entraide.bot.feedback.text import plain
from entraide.content.base import Frozen
from entraide.content.errors import Problem
from entraide.content.i18n import Translator, translator

Status = Literal["passed", "failed", "error"]
MAX_FINDINGS = 20  # per check, in the comment and the annotations; the count says how many in all


class Finding(Frozen):
    path: str  # repository path of the file, or the submission folder
    line: int | None = None
    message: str


class Said(Frozen):
    """Entraide's own summary of a check, as a code the comment words in the community's language (`summary`
    keeps the English, for logs and annotations)."""

    code: Literal["timeout", "unfinished", "html_errors", "html_valid", "axe_violations", "axe_clean", "no_test"]
    n: int = 0
    file: str = ""
    detail: str = ""  # the tool's last line of output when it did not finish


class CheckResult(Frozen):
    tool: str
    status: Status
    summary: str
    said: Said | None = None  # None: the tool's own summary (pytest's last line), shown as written
    findings: tuple[Finding, ...] = ()
    total: int = 0  # findings before the cut to MAX_FINDINGS


class Report(Frozen):
    challenge: str
    folder: str
    network: str  # how the network was cut: "namespace" (unshare) or "proxy" (environment only)
    results: tuple[CheckResult, ...] = ()

    @property
    def passed(self) -> bool:
        return all(result.status == "passed" for result in self.results)


def workflow_commands(report: Report) -> list[str]:
    """One `::error file=...,line=...::` workflow command per finding (a failed run without findings: one)."""
    lines = []
    for result in report.results:
        for finding in result.findings:
            problem = Problem(path=finding.path, line=finding.line, field=result.tool, message=finding.message)
            lines.append(problem.annotation())
        if result.status != "passed" and not result.findings:
            lines.append(Problem(path=report.folder, field=result.tool, message=result.summary).annotation())
    return lines


def markdown(report: Report, *, language: str) -> str:
    """The report as a comment or job-summary section; tool messages shown literally."""
    tr = translator(language)
    lines = ["### " + tr.gettext("Automatic checks of `{folder}`").format(folder=report.folder.replace("`", "")), ""]
    if not report.results:
        return "\n".join(lines + [tr.gettext("This challenge declares no automatic check.")])
    for result in report.results:
        mark = ":white_check_mark:" if result.status == "passed" else ":x:"
        status = f"**{result.tool}** ({_status(result.status, tr=tr)})"
        summary = plain(_said(result.said, tr=tr) if result.said else result.summary)
        lines.append(f"- {mark} " + tr.gettext("{label}: {value}").format(label=status, value=summary))
        for finding in result.findings:
            where = f"{finding.path}:{finding.line}" if finding.line else finding.path
            lines.append(f"  - `{where.replace('`', '')}` {plain(finding.message)}")
        if result.total > len(result.findings):
            more = result.total - len(result.findings)
            lines.append("  - " + tr.ngettext("… and {n} more", "… and {n} more", more).format(n=more))
    return "\n".join(lines + ["", tr.gettext("These checks help the review; the mentor decides.")])


def _status(status: str, *, tr: Translator) -> str:
    names = {
        "passed": tr.pgettext("an automatic check", "passed"),
        "failed": tr.pgettext("an automatic check", "failed"),
        "error": tr.pgettext("an automatic check", "did not finish"),
    }
    return names.get(status, status)


def _said(said: Said, *, tr: Translator) -> str:
    """One literal catalogue call per code."""
    file, n = said.file, tr.number(said.n)
    words = {
        "timeout": lambda: tr.gettext("time limit reached"),
        "unfinished": lambda: tr.gettext("the check did not finish: {detail}"),
        "html_errors": lambda: tr.ngettext("{n} error in {file}", "{n} errors in {file}", said.n),
        "html_valid": lambda: tr.gettext("{file} is valid HTML"),
        "axe_violations": lambda: tr.ngettext("{n} WCAG 2 A/AA violation", "{n} WCAG 2 A/AA violations", said.n),
        "axe_clean": lambda: tr.gettext("no WCAG 2 A/AA violation found"),
        "no_test": lambda: tr.gettext("no test collected"),
    }
    return words[said.code]().format(n=n, file=file, detail=said.detail)
