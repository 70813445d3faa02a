"""`entraide feedback`: carry out the feedback plan on GitHub, once, whatever happens.

Before posting a comment the bot looks for its hidden marker among the bot's own comments on that issue
or pull request; found, it only records it. Each post or edit is recorded in `data/announced.json` right
after it succeeds (atomic write), so a kill between posting and recording is repaired by the next run
finding the marker. Writes are spaced (`--delay`, GitHub asks for about a second between writes) and a
secondary rate limit (403/429 with retry-after) is waited out a bounded number of times.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from entraide.bot.feedback.plan import (
    Action,
    Announced,
    Announcement,
    Edit,
    Relabel,
    unclassified,
)
from entraide.bot.guard import challenge_of_files
from entraide.content.errors import N_, Problem, UserError
from entraide.events import store as event_store
from entraide.github.comments import Unreadable, Writer, WritesSpent
from entraide.github.repository import WriteFailed, reason

ANNOUNCED = Path("data") / "announced.json"
DEFAULT_API = "https://api.github.com"
LOOKBACK = dt.timedelta(days=7)
HANDBOOK_PAGE = "guide/"


# --------------------------------------------------------------------------- the record of what was said


def load_announced(path: Path, *, now: dt.datetime) -> Announced:
    """What was already said; a first run starts a week back so that old history is not announced."""
    if not path.exists():
        return Announced(since=(now - LOOKBACK).replace(microsecond=0))
    try:
        return Announced.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise UserError(
            Problem(path=str(path), message=N_("not a valid record of announcements: {error}", error=str(error)))
        ) from None


def save_announced(path: Path, announced: Announced) -> None:
    data = announced.model_dump(mode="json")
    text = json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    event_store.write_atomic(path, text.encode("utf-8"))


def recorded(announced: Announced, key: str, announcement: Announcement) -> Announced:
    return announced.model_copy(update={"posted": {**announced.posted, key: announcement}})


# --------------------------------------------------------------------------- GitHub writes


# --------------------------------------------------------------------------- carrying out the plan


def execute(actions: tuple[Action, ...], announced: Announced, *, writer: Writer, path: Path) -> list[str]:
    """Carry out each action, recording it at once; the lines the job summary lists."""
    done: list[str] = []
    for index, action in enumerate(actions):
        try:
            announced = _carry_out(action, announced, writer=writer, path=path, done=done)
        except WritesSpent:
            print(
                f"write budget of this run spent: {len(actions) - index} action(s) left for the next run",
                file=sys.stderr,
            )
            break
        except (*WriteFailed, Unreadable) as error:  # a locked or deleted thread must not stop the rest
            why = reason(error)
            done.append(f"failed: {describe(action)} ({why})")
            print(f"::warning::{describe(action)} failed, retried next run: {why}")
    return done


def _carry_out(action: Action, announced: Announced, *, writer: Writer, path: Path, done: list[str]) -> Announced:
    """One action on GitHub, then its record (before anything else happens)."""
    if isinstance(action, Relabel):
        added, removed = writer.relabel(action.subject, want=action.want)
        if added or removed:
            done.append(describe(action.model_copy(update={"add": added, "remove": removed})))
        return announced
    comment = writer.find(action.subject, action.key) or writer.post(action.subject, action.body)
    if isinstance(action, Edit):
        writer.edit(comment, action.body)  # a deleted comment was posted again just above
    status = action.status if isinstance(action, Edit) else "posted"
    announced = recorded(
        announced, action.key, Announcement(subject=action.subject, comment_id=comment.id, status=status)
    )
    save_announced(path, announced)
    done.append(describe(action))
    return announced


def describe(action: Action) -> str:
    if isinstance(action, Relabel):
        parts = [f"+{name}" for name in action.add] + [f"-{name}" for name in action.remove]
        return f"#{action.subject}: labels {' '.join(parts)}"
    if isinstance(action, Edit) and action.status == "revoked":
        return f"#{action.subject}: revoked {action.key}"
    verb = "restored" if isinstance(action, Edit) else "posted"
    return f"#{action.subject}: {verb} {action.key}"


def summary(lines: list[str], *, dry_run: bool) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: every award and revocation of this run, then the rest."""
    title = "### Feedback" + (" (dry run)" if dry_run else "")
    failed = [f"- {line}" for line in lines if line.startswith("failed: ")]
    awards = [f"- {line}" for line in lines if " award:" in line and not line.startswith("failed: ")]
    others = [f"- {line}" for line in lines if " award:" not in line and not line.startswith("failed: ")]
    parts = [
        title,
        "",
        *(awards or ["- no award or revocation in this run"]),
        "",
        f"Other changes: {len(others)}",
        "",
        *others,
    ]
    if failed:
        parts += ["", f"Failed, tried again next run: {len(failed)}", "", *failed]
    return "\n".join(parts) + "\n"


# --------------------------------------------------------------------------- command


def classify(history, announced: Announced, *, writer: Writer) -> Announced:
    """Read the files of new pull requests nobody labelled: a submission is known by its folder."""
    found = {}
    for number, login in unclassified(history, announced):
        try:
            found[number] = challenge_of_files(writer.files(number), author=login)
        except (*WriteFailed, Unreadable) as error:  # that pull request waits; the others go on
            print(f"::warning::#{number}: cannot read the pull request's files, tried again next run: {reason(error)}")
    if not found:
        return announced
    return announced.model_copy(update={"classified": {**announced.classified, **found}})
