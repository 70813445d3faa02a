"""entraide effects validate: check « Ce qui aide » on simulated communities whose true effect is known."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from entraide.content.errors import N_, UserError

if TYPE_CHECKING:
    from entraide.demo.validation import Summary

KINDS = ("peer_help", "quick_answer", "kudos_received", "event_attended")  # as demo.truth.KINDS


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "effects",
        help='validate the "What helps" estimates on simulated communities',
        description="Simulate communities where an exposure (an active peer, a quick answer, kudos, an event) "
        'has a known effect on being active from week 8, with and without confounding, estimate it as the "What '
        'helps" page does, and print the coverage of the 95 %% intervals and the bias of the adjusted and '
        "naive comparisons, per exposure.",
    )
    commands = parser.add_subparsers(dest="effects_command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="print the coverage and bias table")
    validate.add_argument("--communities", type=int, default=50, metavar="N", help="per setting (default: 50)")
    validate.add_argument("--members", type=int, default=300, metavar="N", help="per community (default: 300)")
    validate.add_argument("--seed", type=int, default=1, metavar="S", help="first seed (default: 1)")
    validate.add_argument(
        "--exposure",
        action="append",
        choices=KINDS,
        metavar="KIND",
        help=f"the exposure whose knob is set, by kind ({', '.join(KINDS)}); repeatable (default: all four)",
    )
    validate.set_defaults(handler=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    from entraide.demo.validation import HEADER, row, summaries

    if args.communities < 1 or args.members < 30:
        raise UserError(N_("effects validate: --communities must be at least 1 and --members at least 30"))
    kinds = tuple(args.exposure or KINDS)
    print(HEADER, end="", flush=True)
    for summary in summaries(
        communities=args.communities, members=args.members, seed=args.seed, kinds=kinds, progress=_progress
    ):
        print(row(summary), end="", flush=True)  # a row as soon as its communities are done
    return 0


def _progress(summary: Summary) -> None:
    """After each community, the row so far on stderr: a long run can be read before it ends."""
    from entraide.demo.validation import row

    print(f"{len(summary.runs)} {row(summary)}", end="", file=sys.stderr, flush=True)
