"""entraide forms: write the join issue form from entraide.yml (tracks, cohorts, the programme's name)."""

from __future__ import annotations

import argparse

from entraide.bot.forms import PATH, render
from entraide.cli.generated import write_or_check


def add_command(subparsers) -> None:
    parser = subparsers.add_parser("forms", help="write the join issue form from entraide.yml")
    parser.add_argument("--check", action="store_true", help="fail if the committed form is out of date")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from entraide.bot.careforms import all_forms
    from entraide.content.loader import load_rules

    rules = load_rules(args.root)
    for path, text in {PATH: render(rules), **all_forms(rules)}.items():
        write_or_check(args.root, path, text, check=args.check, command="entraide forms", source=" with entraide.yml")
    return 0
