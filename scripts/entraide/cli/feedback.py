"""entraide feedback: plan and post the bot's feedback on submissions."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from entraide.bot.datalock import writes_data
from entraide.bot.feedback.plan import Action, Relabel, managed, plan
from entraide.bot.feedback.run import (
    ANNOUNCED,
    DEFAULT_API,
    HANDBOOK_PAGE,
    Writer,
    classify,
    describe,
    execute,
    load_announced,
    save_announced,
    summary,
)
from entraide.cli.flags import http_timeout
from entraide.events import store as event_store
from entraide.github.repository import repository


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "feedback",
        help="comment and label on GitHub from the ledger (idempotent)",
        description="Acknowledge submissions, announce accepted challenges (and revocations), welcome "
        "first contributions and set submission labels. Each comment is posted once.",
    )
    parser.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY"), metavar="OWNER/NAME")
    parser.add_argument(
        "--api-url",
        default=os.environ.get("GITHUB_API_URL", DEFAULT_API),
        help="GitHub's API, or a GitHub Enterprise server's address",
    )
    parser.add_argument("--dry-run", action="store_true", help="print what would be posted; change nothing")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between two writes (default: 1)")
    parser.add_argument(
        "--max-writes",
        type=int,
        default=150,
        metavar="N",
        help="writes (comments, edits, labels) in one run; the rest waits for the next (default: 150)",
    )
    parser.add_argument(
        "--bot-login",
        action="append",
        default=[],
        metavar="LOGIN",
        help="whose comments count as the bot's (default: any [bot] account)",
    )
    parser.add_argument("--now", type=dt.datetime.fromisoformat, help=argparse.SUPPRESS)
    parser.set_defaults(handler=writes_data(run))


def run(args: argparse.Namespace) -> int:
    from entraide.content.loader import load_community
    from entraide.scoring import score

    root: Path = args.root
    now = (args.now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    community = load_community(root)
    history = event_store.load(root / "data", not_after=now)
    ledger = score(community, history, as_of=now.date())
    path = root / ANNOUNCED
    announced = load_announced(path, now=now)
    writer = _writer(args) if not args.dry_run or os.environ.get("GITHUB_TOKEN") else None
    if writer is not None:
        announced = classify(history, announced, writer=writer)
        if not args.dry_run:
            save_announced(path, announced)
    actions = plan(
        community, ledger, history, announced, now=now, handbook_url=_handbook_url(community.rules.site_url, args.repo)
    )
    if args.dry_run:
        lines = _print_plan(actions)
    else:
        assert writer is not None  # only a dry run goes without one
        lines = execute(actions, announced, writer=writer, path=path) if actions else []
        for line in lines:
            print(line)
    _write_summary(summary(lines, dry_run=args.dry_run))
    return 0


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
    repo = repository(args.repo, api_url=args.api_url, command="feedback", dry_run=True, timeout=http_timeout())
    return Writer(
        repo,
        bot_logins=frozenset(args.bot_login),
        delay=max(0.0, args.delay),
        managed=managed,
        max_writes=max(0, args.max_writes),
    )


def _write_summary(text: str) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as file:
            file.write(text + "\n")
    else:
        print(text, file=sys.stderr)
