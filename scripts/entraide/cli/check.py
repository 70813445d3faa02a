"""entraide check: every file people edit, checked at once."""

from __future__ import annotations

import argparse

from entraide.content.loader import load_community


def add_command(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="validate entraide.yml, members/ and challenges/ (exit status 2 on any mistake)",
        description="Read every file people write and report every mistake at once, as "
        "path:line: field: message. Changes nothing.",
    )
    parser.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    community = load_community(args.root)
    print(
        f"ok: {len(community.members)} members, {len(community.challenges)} challenges, "
        f"{len(community.rules.tracks)} tracks"
    )
    return 0
