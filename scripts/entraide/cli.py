"""The `entraide` command: parses flags, calls the package, turns user mistakes into exit status 2.

Each command lives in the module that owns its concern and exposes `add_command(subparsers)`, which
registers a sub-parser whose `handler(args) -> int` does the work. This file only wires them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
from pathlib import Path

from entraide import __version__
from entraide.errors import UserError
from entraide.gcpause import collector_paused

# Modules that contribute commands, in the order `--help` lists them.
COMMAND_MODULES = (
    # the content people edit, and what is computed from it
    "entraide.content",
    "entraide.scoring",
    "entraide.kpi_pages",
    # GitHub in: activity into data/
    "entraide.github.sync",
    "entraide.github.ingest",
    # GitHub out: the bot
    "entraide.feedback",
    "entraide.community_bot",
    "entraide.buddies",
    "entraide.labels",
    "entraide.codeowners",
    "entraide.guard",
    "entraide.publish",
    # private insight for mentors
    "entraide.insight.cli",
    # example and benchmark communities
    "entraide.demo",
)


def iso_date(text: str) -> dt.date:
    """The argparse type of every date flag: a mistake is a usage error (exit 2) that says what is expected."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="entraide",
        description="Run a mentored learning community in a Git repository.",
    )
    parser.add_argument("--version", action="version", version=f"entraide {__version__}")
    parser.add_argument(
        "--root", type=Path, default=Path("."), metavar="DIR",
        help="the community's repository (holds entraide.yml, members/, challenges/, data/); default: .",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_command(subparsers)
    return parser


def report(error: UserError) -> None:
    """Print every problem once; under GitHub Actions also as annotations on the file and line."""
    for problem in error.problems:
        print(f"error: {problem}", file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(problem.annotation())
    count = len(error.problems)
    print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with collector_paused():
            return args.handler(args) or 0
    except UserError as error:
        report(error)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`entraide kpis --json | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
