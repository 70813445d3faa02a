"""entraide codeowners: write .github/CODEOWNERS from the members' roles."""

from __future__ import annotations

import argparse

from entraide.bot.codeowners import PATH, render
from entraide.cli.generated import write_or_check


def add_command(subparsers) -> None:
    parser = subparsers.add_parser("codeowners", help="write .github/CODEOWNERS from the rules")
    parser.add_argument("--check", action="store_true", help="fail if the committed file is out of date")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from entraide.content.loader import load_community

    text = render(load_community(args.root))
    return write_or_check(args.root, PATH, text, check=args.check, command="entraide codeowners", source="")
