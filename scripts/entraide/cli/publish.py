"""entraide publish: regenerate, commit and push what the bot writes."""

from __future__ import annotations

import argparse
import os
import shlex
from pathlib import Path

from entraide.bot.datalock import data_lock
from entraide.bot.publish import Git, authenticated_env, publish


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "publish",
        help="commit regenerated data/ and push it, retrying without force",
        description="Fetch the branch, run the regenerating commands, commit data/ when it changed and "
        "push without force; when another run pushed first, start again on top of it.",
    )
    parser.add_argument("--remote", default="origin")
    parser.add_argument("--branch", default="main")
    parser.add_argument(
        "--path",
        dest="paths",
        action="append",
        metavar="DIR",
        help="what the bot may commit (repeatable); default: data",
    )
    parser.add_argument(
        "--run",
        dest="runs",
        action="append",
        default=[],
        metavar="COMMAND",
        help="a command that regenerates data/ (repeatable, run in order at each attempt)",
    )
    parser.add_argument("--message", default="Update activity data")
    parser.add_argument("--attempts", type=int, default=5, help="pushes tried before giving up (default: 5)")
    parser.add_argument("--wait", type=float, default=2.0, help="seconds between attempts, growing (default: 2)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    url = Git(root)("remote", "get-url", args.remote, check=False).stdout.strip()
    git = Git(root, env=authenticated_env(url, dict(os.environ)))
    with data_lock(root / "data", command="publish") as lock_fd:
        outcome = publish(
            root,
            remote=args.remote,
            branch=args.branch,
            paths=tuple(args.paths or ["data"]),
            runs=[shlex.split(command) for command in args.runs],
            message=args.message,
            attempts=max(1, args.attempts),
            wait=max(0.0, args.wait),
            git=git,
            lock_fd=lock_fd,
        )
    print(outcome)
    return 0
