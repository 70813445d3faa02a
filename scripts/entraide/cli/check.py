"""entraide check: every file people edit, checked at once."""

from __future__ import annotations

import argparse
from pathlib import Path

from entraide.content.animation import load_animation
from entraide.content.errors import UserError
from entraide.content.loader import load_community
from entraide.content.submissions import SUBMISSIONS, folder_problems


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
    load_animation(Path(args.root), community)  # animation/: calendar, prompts, contests, rewards
    problems = folder_problems(_submission_folders(Path(args.root)), community)
    if problems:
        raise UserError(problems)
    print(
        f"ok: {len(community.members)} members, {len(community.challenges)} challenges, "
        f"{len(community.rules.tracks)} tracks"
    )
    return 0


def _submission_folders(root: Path) -> list[tuple[str, str]]:
    """(challenge, login) of every folder under submissions/; ('challenge', '') for files lying one level up."""
    base = root / SUBMISSIONS
    if not base.is_dir():
        return []
    found = []
    for challenge in sorted(p for p in base.iterdir() if p.is_dir()):
        entries = sorted(challenge.iterdir())
        found += [(challenge.name, entry.name) for entry in entries if entry.is_dir()]
        if any(entry.is_file() for entry in entries):
            found.append((challenge.name, ""))
    return found
