"""entraide forms: write the join issue form from entraide.yml (tracks, cohorts, the programme's name)."""

from __future__ import annotations

import argparse

from entraide.bot.forms import PATH, render
from entraide.cli.generated import write_or_check
from entraide.content.i18n import translator


def add_command(subparsers) -> None:
    parser = subparsers.add_parser("forms", help="write the join issue form from entraide.yml")
    parser.add_argument("--check", action="store_true", help="fail if the committed form is out of date")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from entraide.content.loader import load_rules

    rules = load_rules(args.root)
    text = render(rules, tr=translator(rules.language))
    return write_or_check(
        args.root, PATH, text, check=args.check, command="entraide forms", source=" with entraide.yml"
    )
