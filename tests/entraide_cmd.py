"""Run one `entraide` command the way the CLI does, without loading every other command module."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from entraide.cli.language import report_problems, rules_root
from entraide.content.errors import UserError


def run(module: str, argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="entraide")
    parser.add_argument("--root", type=Path, default=Path("."))
    importlib.import_module(module).add_command(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        return args.handler(args) or 0
    except UserError as error:
        report_problems(error, rules_root(args))  # in the community's language, as the CLI does
        return 2


if __name__ == "__main__":  # `python tests/entraide_cmd.py entraide.bot.publish --root DIR publish ...`
    import sys

    sys.exit(run(sys.argv[1], sys.argv[2:]))
