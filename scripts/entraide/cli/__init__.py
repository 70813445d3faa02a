"""The `entraide` command: the one place that assembles the commands. Nothing imports this package.

Each module here registers one concern's sub-commands (`add_command(subparsers)`) whose `handler(args)
-> int` loads what it needs, calls the package and prints; a user mistake becomes exit status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from entraide import __version__
from entraide.cli import (
    animate,
    autograde,
    buddies,
    care,
    check,
    codeowners,
    community,
    demo,
    effects,
    feedback,
    forms,
    guard,
    insight,
    kpis,
    labels,
    merge,
    pages,
    prreport,
    publish,
    score,
    sync,
)
from entraide.cli.flags import FlagError, Parser, report_flag
from entraide.cli.language import community_translator, report_problems, rules_root
from entraide.content.errors import UserError
from entraide.events.collector import collector_paused

# Each concern's commands, in the order `--help` lists them.
COMMANDS = (
    # the content people edit, and what is computed from it
    check,
    score,
    kpis,
    pages,
    effects,
    # GitHub in: activity into data/
    sync,
    merge,
    # GitHub out: the bot
    feedback,
    community,
    animate,
    buddies,
    labels,
    codeowners,
    forms,
    guard,
    autograde,
    prreport,
    publish,
    # private insight for mentors
    insight,
    care,
    # example and benchmark communities
    demo,
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="entraide",
        description="Run a mentored learning community in a Git repository.",
    )
    parser.add_argument("--version", action="version", version=f"entraide {__version__}")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the community's repository (holds entraide.yml, members/, challenges/, data/); default: .",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.add_command(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except FlagError as error:
        report_flag(error, community_translator(_root_of(sys.argv[1:] if argv is None else argv))[0])
        raise SystemExit(2) from None  # as argparse ends a usage error
    try:
        with collector_paused():
            return args.handler(args) or 0
    except UserError as error:
        report_problems(error, rules_root(args))
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`entraide kpis --json | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _root_of(argv: list[str]) -> Path:
    """--root from a command line that did not parse (to know the language its mistake is told in)."""
    before = argparse.ArgumentParser(add_help=False)
    before.add_argument("--root", type=Path, default=Path("."))
    before.add_argument("--rules-root", type=Path)
    known, _ = before.parse_known_args(argv)
    return Path(known.rules_root or known.root)
