"""The bot's comment on a pull request after its PR check: who may accept the submission, what the
automatic checks found, and, when a maintainer opened it, what the rule change moves.

The PR check holds no write grant; it uploads its findings as artifacts. The `PR report` workflow
(`workflow_run`, default branch's code only) downloads them and runs `entraide pr-report`, which treats
them as untrusted data: the pull request, its head commit and its author are read from GitHub, never from
the artifact; the autograding report is parsed by its strict model and rendered by our code (tool text
through `plain()`); the rule diff is posted only for maintainers listed on the default branch, size-capped.
A pull request that changes `.github/` ran its own version of the PR check: its report is not shown
(the guard refuses such a pull request from anyone but a maintainer anyway).
One comment per pull request (marker `pr-report`), edited on each new run.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from entraide.bot.autograde.report import Report, markdown
from entraide.bot.feedback.text import reviewers_line
from entraide.bot.rulesdiff import may_comment
from entraide.content.errors import Problem, UserError
from entraide.content.models import Community
from entraide.scoring.acceptance import reviewers

KEY = "pr-report"
MAX_ARTIFACT = 256 * 1024  # bytes per file: a report is a few kilobytes


def read_report(path: Path) -> Report | None:
    """The autograding report, or None when the PR check made none; refused when it is not one."""
    if not path.is_file():
        return None
    raw = path.read_bytes()
    if len(raw) > MAX_ARTIFACT:
        raise UserError(Problem(path=path.name, message=f"larger than {MAX_ARTIFACT} bytes: not posted"))
    try:
        return Report.model_validate_json(raw)
    except ValidationError as error:
        raise UserError(
            Problem(path=path.name, message=f"not an autograding report: {error.errors()[0]['msg']}")
        ) from None


def read_diff(path: Path) -> str | None:
    if not path.is_file() or path.stat().st_size > MAX_ARTIFACT:
        return None
    return path.read_text(encoding="utf-8", errors="replace")


def body(community: Community, *, author: str, files: list[str], report: Report | None, diff: str | None) -> str | None:
    """The comment, or None when there is nothing to say. `files` (from GitHub) decide the submission."""
    language = community.rules.language
    parts = []
    folder = report.folder if report else None
    if report is not None and not any(f.startswith(report.folder) for f in files):
        report, folder = None, None  # a report about files this pull request does not change: ignored
    if any(f.startswith(".github/") for f in files):
        report, folder = None, None  # the pull request changes the workflow that made the report
    slug = folder.split("/")[1] if folder else _slug(files)
    challenge = next((c for c in community.challenges if c.slug == slug), None)
    if challenge is not None:
        who = reviewers(challenge, community.members, {t.id: t for t in community.rules.tracks})
        parts.append(reviewers_line(who, language=language))
    if report is not None:
        parts.append(markdown(report, language=language))
    if diff and may_comment(author, base=community):
        parts.append(diff.strip())
    return "\n\n".join(parts) if parts else None


def _slug(files: list[str]) -> str | None:
    slugs = {f.split("/")[1] for f in files if f.startswith("submissions/") and f.count("/") >= 3}
    return slugs.pop() if len(slugs) == 1 else None
