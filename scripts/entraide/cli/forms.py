"""entraide forms: write the join issue form from entraide.yml (tracks, cohorts, the programme's name), and the
reward request form from animation/rewards.yml when the community has a rewards shop."""

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
    from entraide.bot.careforms import all_forms
    from entraide.content.loader import load_rules

    rules = load_rules(args.root)
    status = 0
    for path, text in {PATH: render(rules, tr=translator(rules.language)), **all_forms(rules)}.items():
        source = "entraide.yml"
        status = (
            write_or_check(args.root, path, text, check=args.check, command="entraide forms", source=source) or status
        )
    return _reward_form(args) or status


def _reward_form(args: argparse.Namespace) -> int:
    """The reward request form, when the community has a rewards catalogue (animation/rewards.yml)."""
    from entraide.bot import rewardform
    from entraide.content.animation import FILES, FOLDER, load_animation
    from entraide.content.loader import load_community

    if not (args.root / FOLDER / FILES["shop"][0]).exists():
        return 0
    community = load_community(args.root)
    shop = load_animation(args.root, community).shop
    if shop is None:
        return 0
    text = rewardform.render(shop, community.rules)
    source = "animation/rewards.yml"
    return write_or_check(args.root, rewardform.PATH, text, check=args.check, command="entraide forms", source=source)
