"""entraide check: every file people edit, checked at once."""

from __future__ import annotations

import argparse
from pathlib import Path

from entraide.content.animation import load_animation
from entraide.content.errors import Problem, UserError
from entraide.content.i18n import Translator, translator
from entraide.content.loader import load_community
from entraide.content.models import Community
from entraide.content.submissions import SUBMISSIONS, folder_problems
from entraide.content.teams import TEAM_FILE, read_team, team_problems


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
    folders = _submission_folders(Path(args.root))
    problems = folder_problems(folders, community) + _team_files(Path(args.root), folders, community)
    problems += _said_we_did(Path(args.root))
    if problems:
        raise UserError(problems)
    print(_summary(community, translator(community.rules.language)))
    return 0


def _summary(community: Community, tr: Translator) -> str:
    """« ok : 12 membres, 8 défis, 2 parcours »."""
    members, challenges = len(community.members), len(community.challenges)
    tracks = len(community.rules.tracks)
    return tr.gettext("ok: {members}, {challenges}, {tracks}").format(
        members=tr.ngettext("{n} member", "{n} members", members).format(n=tr.number(members)),
        challenges=tr.ngettext("{n} challenge", "{n} challenges", challenges).format(n=tr.number(challenges)),
        tracks=tr.ngettext("{n} track", "{n} tracks", tracks).format(n=tr.number(tracks)),
    )


def _said_we_did(root: Path) -> list[Problem]:
    """Problems of animation/vous-avez-dit.yml (« Vous avez dit, nous avons fait »), if the file exists."""
    from entraide.content import saidwedid

    try:
        saidwedid.load(root)
    except UserError as error:
        return list(error.problems)
    return []


def _team_files(root: Path, folders: list[tuple[str, str]], community: Community) -> list[Problem]:
    """Each `team.yml` read as the PR guard reads it, and judged by the same rule."""
    challenges = {c.slug: c for c in community.challenges}
    logins = frozenset(m.login.casefold() for m in community.members)
    problems: list[Problem] = []
    for slug, owner in folders:
        shown = f"{SUBMISSIONS}/{slug}/{owner}/{TEAM_FILE}"
        path = root / shown
        if not owner or not path.is_file() or path.is_symlink():
            continue
        members, found = read_team(path.read_text(encoding="utf-8", errors="replace"), shown)
        if members:
            found += team_problems(members, shown=shown, owner=owner, challenge=challenges.get(slug), logins=logins)
        problems += found
    return problems


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
