"""entraide community: the community bot's replies, run on schedule."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from entraide.bot.community.plan import (
    plan,
)
from entraide.bot.community.run import (
    DEFAULT_API,
    STATE,
    Executor,
    describe,
    load_state,
    save_state,
)
from entraide.bot.datalock import writes_data
from entraide.cli.flags import http_timeout, iso_date
from entraide.content.errors import N_, Problem, UserError
from entraide.events import store as event_store
from entraide.github.issues import GitHubIssues


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "community",
        help="answer join forms and reports, suggest answers to questions, announce buddies, "
        "open pulse surveys (idempotent)",
        description="Reply to join forms with the profile file to add, acknowledge conduct reports without "
        "quoting them, suggest pages under new questions (issues and Q&A discussions), announce "
        "new buddy pairs and open each cohort's pulse surveys. Each comment and issue is written "
        "once; what was done is kept in data/community.json.",
    )
    parser.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY"), metavar="OWNER/NAME")
    parser.add_argument(
        "--api-url",
        default=os.environ.get("GITHUB_API_URL", DEFAULT_API),
        help="GitHub's API, or a GitHub Enterprise server's address",
    )
    parser.add_argument(
        "--today", type=iso_date, default=None, metavar="YYYY-MM-DD", help="the day to act for (default: today, UTC)"
    )
    parser.add_argument("--dry-run", action="store_true", help="print the plan; write nothing")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between two writes (default: 1)")
    parser.add_argument(
        "--bot-login",
        action="append",
        default=[],
        metavar="LOGIN",
        help="whose comments count as the bot's (default: any [bot] account)",
    )
    parser.set_defaults(handler=writes_data(run))


def run(args: argparse.Namespace) -> int:
    from entraide.bot.buddies import load_pairs
    from entraide.content.loader import load_community

    root: Path = args.root
    today = args.today or dt.datetime.now(dt.UTC).date()
    community = load_community(root)
    path = root / STATE
    state = load_state(path, today=today)
    actions = plan(
        community, event_store.load(root / "data"), state, pairs=load_pairs(root), today=today, repository=args.repo
    )
    if args.dry_run:
        for action in actions:
            print(describe(action, state))
        print(f"{len(actions)} action(s) planned (dry run: nothing written)")
        return 0
    return _execute(args, actions, state, community=community, today=today, path=path)


def _execute(args, actions, state, *, community, today, path) -> int:
    from entraide.github.client import Stopped

    if not path.exists():
        save_state(path, state)
    if not actions:
        print("nothing to do")
        return 0
    try:
        github = _github(args)  # the repository answers, or nothing can be done: one line, no traceback
        lines = Executor(github, community=community, today=today, repository=args.repo, path=path, root=args.root).run(
            actions, state
        )
    except Stopped as stop:
        print(f"stopped: {stop.reason}", file=sys.stderr)
        return 1 if stop.failed else 0
    for line in lines:
        print(line)
    _write_summary(lines)
    return 0


def _write_summary(lines: list[str]) -> None:
    """The run's writes in the job summary, when running under GitHub Actions."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as file:
            file.write("### Community bot\n\n" + "".join(f"- {line}\n" for line in lines) + "\n")


def _github(args) -> GitHubIssues:
    from entraide.github.client import Client

    token = os.environ.get("GITHUB_TOKEN")
    if not token or not args.repo or "/" not in args.repo:
        raise UserError(
            Problem(
                path="community",
                field="--repo",
                message=N_("set GITHUB_TOKEN and --repo OWNER/NAME (or GITHUB_REPOSITORY), or use --dry-run"),
            )
        )
    api = args.api_url.rstrip("/")
    web_root = None if api == DEFAULT_API else api.removesuffix("/api/v3")
    client = Client(args.repo, token, api_url=web_root, timeout=http_timeout())
    client.get("")  # the repository answers: a refusal later is about one issue, not the token or the name
    return GitHubIssues(client, bot_logins=frozenset(args.bot_login), delay=max(0.0, args.delay))
