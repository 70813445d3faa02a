"""`entraide score`: the ledger of the community at a date, as a ranked summary or as JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from entraide.cli.flags import http_timeout, iso_date
from entraide.content.errors import N_, UserError
from entraide.content.models import Community
from entraide.events.dates import as_of_date
from entraide.scoring.model import Ledger


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "score",
        help="compute points, badges and leaderboards from members, challenges and data/events",
        description="Score the community from its files and its event store. Deterministic: the same files "
        "give the same output. Nothing is written.",
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        metavar="DATE",
        help="score the history up to this day, YYYY-MM-DD (default: the last event's day)",
    )
    parser.add_argument("--json", action="store_true", help="print the whole ledger as JSON")
    parser.set_defaults(handler=run)
    add_diff_command(subparsers)


def add_diff_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "score-diff",
        help="what a rule change does: all history scored with the base's rules and with these",
        description="Score data/events with the rules, challenges and members of --base-root (the base branch) "
        "and of --root (the pull request), and print the members whose points, level, badges or rank move "
        "(public members by name, the others as a count). Also appended to $GITHUB_STEP_SUMMARY when set.",
    )
    parser.add_argument("--base-root", type=Path, required=True, metavar="DIR", help="a checkout of the base")
    parser.add_argument("--as-of", type=iso_date, default=None, metavar="DATE", help="default: the last event's day")
    parser.add_argument("--out", type=Path, metavar="FILE", help="also write the Markdown to this file")
    parser.add_argument(
        "--post", type=int, metavar="PR", help="comment on this pull request if --author is a maintainer"
    )
    parser.add_argument("--author", default="", metavar="LOGIN", help="the pull request's author")
    parser.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY"), metavar="OWNER/NAME")
    parser.add_argument("--api-url", default="https://api.github.com", metavar="URL")
    parser.set_defaults(handler=run_diff)


def run_diff(args: argparse.Namespace) -> int:
    from entraide.content import loader as content
    from entraide.content.i18n import translator
    from entraide.events import store as events
    from entraide.scoring import score
    from entraide.scoring.diff import markdown, rule_diff

    head, base = content.load_community(args.root), content.load_community(args.base_root)
    history = events.load(args.root / "data")
    as_of = args.as_of or (as_of_date(head, history) if history else None)
    if as_of is None:
        raise UserError(N_("no events in data/events/: pass --as-of YYYY-MM-DD"))
    diff = rule_diff(score(base, history, as_of=as_of), score(head, history, as_of=as_of), public=head.public_members())
    text = markdown(diff, tr=translator(head.rules.language))
    sys.stdout.write(text)
    for target in (args.out, os.environ.get("GITHUB_STEP_SUMMARY")):
        if target:
            with open(target, "a", encoding="utf-8") as file:
                file.write(text)
    if args.post:
        _post(args, text, base=base)
    return 0


def _post(args: argparse.Namespace, text: str, *, base: Community) -> None:
    from entraide.bot import rulesdiff
    from entraide.github.comments import Writer
    from entraide.github.repository import repository

    if not rulesdiff.may_comment(args.author, base=base):
        print(f"not commenting: {args.author or 'the author'} is not a maintainer on the base branch")
        return
    repo = repository(args.repo, api_url=args.api_url, command="score-diff", timeout=http_timeout())
    writer = Writer(repo, bot_logins=frozenset(), delay=0.0, managed=lambda label: False)
    print(rulesdiff.post(writer, args.post, text))


def run(args: argparse.Namespace) -> int:
    from entraide.events.progress import Steps
    from entraide.events.sidebyside import load_with_community
    from entraide.scoring import ledger_json, score

    shown = Steps("entraide score", 2)
    shown.start("content and events")
    community, history = load_with_community(args.root, not_after=dt.datetime.now(dt.UTC))
    if not history and not args.as_of:
        raise UserError(N_("no events in data/events/: pass --as-of YYYY-MM-DD to score an empty history"))
    as_of = args.as_of or as_of_date(community, history)
    shown.start("scoring")
    ledger = score(community, history, as_of=as_of)
    shown.close()
    sys.stdout.write(ledger_json(ledger) if args.json else summary(ledger, community=community))
    return 0


def summary(ledger: Ledger, *, community: Community) -> str:
    """Leaderboards cut at their limit, public members only: this output can land in a public CI log."""
    public = set(community.public_members())
    limits = {(window.window, window.id): window.limit for window in community.rules.leaderboards}
    standings = {standing.member_id: standing for standing in ledger.standings}
    lines = [
        f"Ledger as of {ledger.as_of.isoformat()}: {len(ledger.awards)} awards, "
        f"{len(ledger.revoked)} revoked, {len(ledger.standings)} members "
        f"({len(ledger.standings) - len(public & standings.keys())} without a public profile, not listed)."
    ]
    for board in ledger.leaderboards:
        rows = [row for row in board.rows if row.member_id in public]
        lines += ["", f"{board.title} [{board.id}]"]
        window_id = board.id if board.scope is None else board.id.removesuffix(f"-{board.scope}")
        for rank, row in enumerate(rows[: limits.get((board.window, window_id), 20)], start=1):
            standing = standings[row.member_id]
            lines.append(
                f"{rank:>4}. {row.login:<30} {row.points:>6} pts  {standing.level}, "
                f"{len(standing.badges)} badges, streak {standing.streak_weeks} weeks"
            )
        if not rows:
            lines.append("      (nobody yet)")
    return "\n".join(lines) + "\n"
