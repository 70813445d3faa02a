"""`entraide feedback`: carry out the feedback plan on GitHub, once, whatever happens.

Before posting a comment the bot looks for its hidden marker among the bot's own comments on that issue
or pull request; found, it only records it. Each post or edit is recorded in `data/announced.json` right
after it succeeds (atomic write), so a kill between posting and recording is repaired by the next run
finding the marker. Writes are spaced (`--delay`, GitHub asks for about a second between writes) and a
secondary rate limit (403/429 with retry-after) is waited out a bounded number of times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

from entraide import events as event_store
from entraide.errors import Problem, UserError
from entraide.feedback import (Action, Announced, Announcement, Edit, Relabel, managed, marker, plan,
                               unclassified)
from entraide.guard import challenge_of_files

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
        raise UserError(Problem(path=str(path), message=f"not a valid record of announcements: {error}"))


def save_announced(path: Path, announced: Announced) -> None:
    data = announced.model_dump(mode="json")
    text = json.dumps(data, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    event_store.write_atomic(path, text.encode("utf-8"))


def recorded(announced: Announced, key: str, announcement: Announcement) -> Announced:
    return announced.model_copy(update={"posted": {**announced.posted, key: announcement}})


# --------------------------------------------------------------------------- GitHub writes


class Writer:
    """Comments and labels through github3.py, spaced and retried within GitHub's secondary limits."""

    def __init__(self, repository, *, bot_logins: frozenset[str], delay: float, max_wait: float = 120.0,
                 max_writes: int = 150):
        self.repository = repository
        self.writes_left = max_writes
        self.bot_logins = bot_logins
        self.delay = delay
        self.max_wait = max_wait
        self._issues: dict[int, object] = {}
        self._comments: dict[int, list] = {}
        self._last_write = 0.0

    def files(self, number: int) -> list[str]:
        return [item.filename for item in self.repository.pull_request(number).files()]

    def issue(self, number: int):
        if number not in self._issues:
            self._issues[number] = self.repository.issue(number)
        return self._issues[number]

    def find(self, number: int, key: str):
        """The bot's own comment carrying this key's marker, if any."""
        if number not in self._comments:
            self._comments[number] = list(self.issue(number).comments())
        tag = marker(key)
        for comment in self._comments[number]:
            author = comment.user.login if comment.user else ""
            if tag in (comment.body or "") and (author in self.bot_logins or author.endswith("[bot]")):
                return comment
        return None

    def post(self, number: int, body: str):
        comment = self._write(lambda: self.issue(number).create_comment(body))
        self._comments.setdefault(number, []).append(comment)
        return comment

    def edit(self, comment, body: str) -> None:
        if comment.body != body:
            self._write(lambda: comment.edit(body))

    def relabel(self, number: int, *, want: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Bring the bot-managed labels to `want`, judged on GitHub's labels; (added, removed)."""
        issue = self.issue(number)
        current = {label.name for label in issue.original_labels or ()}
        missing = tuple(sorted(set(want) - current))
        extra = tuple(sorted(name for name in current - set(want) if managed(name)))
        if missing:
            self._write(lambda: issue.add_labels(*missing))
        for name in extra:
            self._write(lambda: issue.remove_label(name))
        return missing, extra

    def _write(self, call):
        import github3

        if self.writes_left <= 0:
            raise WritesSpent()
        self.writes_left -= 1
        for attempt in range(4):
            pause = self.delay - (time.monotonic() - self._last_write)
            if pause > 0:
                time.sleep(pause)
            try:
                return call()
            except github3.exceptions.GitHubError as error:
                wait = _secondary_wait(error)
                if wait is None or attempt == 3 or wait > self.max_wait:
                    raise
                time.sleep(wait)
            finally:
                self._last_write = time.monotonic()


class WritesSpent(Exception):
    """This run's share of writes is used: the rest waits for the next run (GitHub allows about 500
    content-creating requests an hour)."""


def _secondary_wait(error) -> float | None:
    """Seconds to wait for a secondary rate limit; None for any other error."""
    response = getattr(error, "response", None)
    if response is None or response.status_code not in (403, 429):
        return None
    retry_after = response.headers.get("retry-after")
    if retry_after and retry_after.isdigit():
        return float(retry_after)
    return 60.0 if "secondary rate limit" in str(error).lower() or response.status_code == 429 else None


# --------------------------------------------------------------------------- carrying out the plan


def execute(actions: tuple[Action, ...], announced: Announced, *, writer: Writer, path: Path) -> list[str]:
    """Carry out each action, recording it at once; the lines the job summary lists."""
    import github3

    done: list[str] = []
    for index, action in enumerate(actions):
        try:
            announced = _carry_out(action, announced, writer=writer, path=path, done=done)
        except WritesSpent:
            print(f"write budget of this run spent: {len(actions) - index} action(s) left for the next run",
                  file=sys.stderr)
            break
        except github3.exceptions.GitHubError as error:  # a locked or deleted thread must not stop the rest
            reason = " ".join(f"{getattr(error, 'code', '')} {getattr(error, 'msg', '') or error}".split())
            done.append(f"failed: {describe(action)} ({reason})")
            print(f"::warning::{describe(action)} failed, retried next run: {reason}")
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
    announced = recorded(announced, action.key, Announcement(subject=action.subject, comment_id=comment.id,
                                                             status=status))
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
    parts = [title, "", *(awards or ["- no award or revocation in this run"]), "",
             f"Other changes: {len(others)}", "", *others]
    if failed:
        parts += ["", f"Failed, tried again next run: {len(failed)}", "", *failed]
    return "\n".join(parts) + "\n"


# --------------------------------------------------------------------------- command


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "feedback", help="comment and label on GitHub from the ledger (idempotent)",
        description="Acknowledge submissions, announce accepted challenges (and revocations), welcome "
                    "first contributions and set submission labels. Each comment is posted once.")
    parser.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY"), metavar="OWNER/NAME")
    parser.add_argument("--api-url", default=os.environ.get("GITHUB_API_URL", DEFAULT_API),
                        help="GitHub's API, or a GitHub Enterprise server's address")
    parser.add_argument("--dry-run", action="store_true", help="print what would be posted; change nothing")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between two writes (default: 1)")
    parser.add_argument("--max-writes", type=int, default=150, metavar="N",
                        help="writes (comments, edits, labels) in one run; the rest waits for the next (default: 150)")
    parser.add_argument("--bot-login", action="append", default=[], metavar="LOGIN",
                        help="whose comments count as the bot's (default: any [bot] account)")
    parser.add_argument("--now", type=dt.datetime.fromisoformat, help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from entraide.content import load_community
    from entraide.scoring import score

    root: Path = args.root
    now = (args.now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    community = load_community(root)
    history = event_store.load(root / "data")
    ledger = score(community, history, as_of=now.date())
    path = root / ANNOUNCED
    announced = load_announced(path, now=now)
    writer = _writer(args) if not args.dry_run or os.environ.get("GITHUB_TOKEN") else None
    if writer is not None:
        announced = classify(history, announced, writer=writer)
        if not args.dry_run:
            save_announced(path, announced)
    actions = plan(community, ledger, history, announced, now=now,
                   handbook_url=_handbook_url(community.rules.site_url, args.repo))
    if args.dry_run:
        lines = _print_plan(actions)
    else:
        lines = execute(actions, announced, writer=writer, path=path) if actions else []
        for line in lines:
            print(line)
    _write_summary(summary(lines, dry_run=args.dry_run))
    return 0


def classify(history, announced: Announced, *, writer: Writer) -> Announced:
    """Read the files of new pull requests nobody labelled: a submission is known by its folder."""
    found = {number: challenge_of_files(writer.files(number), author=login)
             for number, login in unclassified(history, announced)}
    if not found:
        return announced
    return announced.model_copy(update={"classified": {**announced.classified, **found}})


def _print_plan(actions: tuple[Action, ...]) -> list[str]:
    """What a run would do, said as such: nothing is posted in a dry run."""
    for action in actions:
        if isinstance(action, Relabel) and not (action.add or action.remove):
            continue
        print("would " + _imperative(describe(action)))
        if not isinstance(action, Relabel):
            print("    " + action.body.replace("\n", "\n    "))
    return ["would " + _imperative(describe(a)) for a in actions if not isinstance(a, Relabel)]


def _imperative(line: str) -> str:
    subject, _, what = line.partition(": ")
    for done, do in (("posted ", "post "), ("restored ", "restore "), ("revoked ", "revoke "), ("labels ", "label ")):
        if what.startswith(done):
            return f"{do}{what.removeprefix(done)} on {subject}"
    return line


def _handbook_url(site_url: str | None, repo: str | None) -> str:
    if site_url:
        return site_url.rstrip("/") + "/" + HANDBOOK_PAGE
    return f"https://github.com/{repo}/blob/main/CONTRIBUTING.md" if repo else "CONTRIBUTING.md"


def _writer(args: argparse.Namespace) -> Writer:
    import github3

    token = os.environ.get("GITHUB_TOKEN")
    if not token or not args.repo or "/" not in args.repo:
        raise UserError(Problem(path="feedback", field="--repo", message=(
            "set GITHUB_TOKEN and --repo OWNER/NAME (or GITHUB_REPOSITORY), or use --dry-run")))
    api = args.api_url.rstrip("/")
    gh = github3.GitHub(token=token) if api == DEFAULT_API else github3.GitHubEnterprise(
        api.removesuffix("/api/v3"), token=token)
    owner, name = args.repo.split("/", 1)
    repository = gh.repository(owner, name)
    return Writer(repository, bot_logins=frozenset(args.bot_login), delay=max(0.0, args.delay),
                  max_writes=max(0, args.max_writes))


def _write_summary(text: str) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as file:
            file.write(text + "\n")
    else:
        print(text, file=sys.stderr)
