"""entraide forms: write the join issue form from entraide.yml (tracks, cohorts, the programme's name)."""

from __future__ import annotations

import argparse

from entraide.bot.forms import PATH, render
from entraide.content.errors import Problem, UserError


def add_command(subparsers) -> None:
    parser = subparsers.add_parser("forms", help="write the join issue form from entraide.yml")
    parser.add_argument("--check", action="store_true", help="fail if the committed form is out of date")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from entraide.content.loader import load_rules

    text = render(load_rules(args.root))
    target = args.root / PATH
    if args.check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            raise UserError(Problem(path=str(PATH), message="out of date with entraide.yml: run 'entraide forms'"))
        print(f"{PATH} is up to date")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {PATH}")
    return 0
