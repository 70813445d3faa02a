"""entraide animate: the animation bot, run on schedule (calendar reminders, the week's prompts and thanks,
contest winners, answers to reward requests). Idempotent: markers on GitHub, nothing stored."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

from entraide.bot.community.run import DEFAULT_API
from entraide.cli.flags import iso_date


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "animate",
        help="remind calendar owners, open the week's prompts, announce contest winners, answer reward requests",
        description="Carry out animation/: reminder issues to calendar owners, the week's question "
        "in its Discussions category (and thanks to its first answers), the winners of closed contests, "
        "and the decision on each reward request. Each post is written once (markers on GitHub).",
    )
    parser.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY"), metavar="OWNER/NAME")
    parser.add_argument("--api-url", default=os.environ.get("GITHUB_API_URL", DEFAULT_API))
    parser.add_argument("--today", type=iso_date, default=None, metavar="YYYY-MM-DD", help="default: today, UTC")
    parser.add_argument("--dry-run", action="store_true", help="print the plan; write nothing")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between two writes (default: 1)")
    parser.add_argument("--bot-login", action="append", default=[], metavar="LOGIN")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from entraide.bot.animate import plan
    from entraide.content.animation import load_animation
    from entraide.content.loader import load_community
    from entraide.events import store
    from entraide.scoring import score
    from entraide.scoring.contests import result
    from entraide.scoring.shop import book
    from entraide.site.pages.common import live_awards

    today = args.today or dt.datetime.now(dt.UTC).date()
    community = load_community(args.root)
    animation = load_animation(args.root, community)
    events = tuple(store.load(args.root / "data"))
    awards = live_awards(score(community, events, as_of=today))
    window = community.rules.acceptance.review_window_days
    contests = tuple(
        result(c, awards, members=community.members, as_of=today, review_window_days=window)
        for c in animation.contests.contests
    )
    final_after = dt.timedelta(days=window)
    end_of_day = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    shop = (
        book(animation.shop, events, awards, community.members, final_after=final_after, now=end_of_day)
        if animation.shop
        else None
    )
    actions = plan(animation, community, contests=contests, shop=shop, today=today)
    if args.dry_run or not actions:
        for action in actions:
            print(f"{action.action} {action.key}")
        print(f"{len(actions)} action(s) planned" + (" (dry run: nothing written)" if args.dry_run else ""))
        return 0
    return _execute(args, actions)


def _execute(args: argparse.Namespace, actions: list) -> int:
    from entraide.bot.animate_run import Runner
    from entraide.cli.community import _github
    from entraide.github.client import Stopped

    try:
        lines = Runner(_github(args)).run(actions)
    except Stopped as stop:
        print(f"stopped: {stop.reason}", file=sys.stderr)
        return 1 if stop.failed else 0
    for line in lines:
        print(line)
    return 0
