"""entraide merge and entraide repositories: a programme's repositories, synced one matrix job each into
partitions, then merged into data/."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from entraide.cli.sync import community_rules
from entraide.content.errors import N_, Problem, UserError
from entraide.events import partitions
from entraide.github.progress import Progress


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "merge",
        help="merge per-repository partitions of the event store into data/",
        description="Append the events of each partition (a data folder written by `entraide sync --partition "
        "--data`) into the store, and keep its sync cursor; same partitions, same bytes, whatever order.",
    )
    parser.add_argument("partitions", nargs="*", type=Path, metavar="PARTITION", help="data folder of one repository")
    parser.add_argument(
        "--from", dest="folder", type=Path, metavar="DIR", help="every sub-folder of DIR is a partition (artifacts)"
    )
    parser.add_argument("--data", type=Path, metavar="DIR", help="the store to merge into (default: <root>/data)")
    parser.set_defaults(handler=run)
    listing = subparsers.add_parser(
        "repositories",
        help="the programme's other repositories (entraide.yml `repositories`), as the publish matrix reads them",
        description="Print repositories=<JSON list> (also into $GITHUB_OUTPUT under Actions).",
    )
    listing.set_defaults(handler=run_repositories)


def run(args: argparse.Namespace) -> int:
    into = args.data or Path(args.root) / "data"
    given = list(args.partitions)
    if args.folder is not None:
        folder = Path(args.folder)
        given += sorted(path for path in folder.iterdir() if path.is_dir()) if folder.is_dir() else []
    if not given:
        print(f"no partition to merge{f' in {args.folder}' if args.folder else ''}: data/ left as it was")
        return 0
    added, missing = partitions.merge(given, into)
    for path in missing:
        print(f"warning: {path}: no events folder (its sync failed?); merged the others", file=sys.stderr)
    print(f"{added} events merged into {into}")
    return 0


def run_repositories(args: argparse.Namespace) -> int:
    rules = community_rules(Path(args.root), Progress())
    listed = rules.get("repositories") or []
    if not isinstance(listed, list) or not all(
        isinstance(repo, str) and partitions.store_repo_name(repo) for repo in listed
    ):
        raise UserError(Problem(path="entraide.yml", field="repositories", message=N_("expected a list of OWNER/NAME")))
    line = f"repositories={json.dumps(sorted(set(listed)), separators=(',', ':'))}"
    print(line)
    if os.environ.get("GITHUB_OUTPUT"):
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as output:
            output.write(line + "\n")
    return 0
