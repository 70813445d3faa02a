"""entraide merge: the partitions of a programme's repositories (one sync job each) into data/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from entraide.events import partitions


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "merge",
        help="merge per-repository partitions of the event store into data/",
        description="Append the events of each partition (a data folder written by `entraide sync --data`) "
        "into the store; same partitions, same bytes, whatever order they are given in.",
    )
    parser.add_argument("partitions", nargs="+", type=Path, metavar="PARTITION", help="data folder of one repository")
    parser.add_argument("--data", type=Path, metavar="DIR", help="the store to merge into (default: <root>/data)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    into = args.data or Path(args.root) / "data"
    added, missing = partitions.merge(args.partitions, into)
    for path in missing:
        print(f"warning: {path}: no events folder (its sync failed?); merged the others", file=sys.stderr)
    print(f"{added} events merged into {into}")
    return 0
