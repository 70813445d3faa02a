"""entraide labels: create or update the labels the bot uses."""

from __future__ import annotations

import argparse
import os

from entraide.bot.labels import LabelSpec, changes, wanted
from entraide.cli.flags import http_timeout
from entraide.content.i18n import translator
from entraide.github.repository import repository


def add_command(subparsers) -> None:
    parser = subparsers.add_parser("labels", help="manage the repository's labels")
    actions = parser.add_subparsers(dest="labels_command", metavar="ACTION", required=True)
    sync = actions.add_parser("sync", help="create or update the labels the community uses (never deletes)")
    sync.add_argument("--repo", default=os.environ.get("GITHUB_REPOSITORY"), metavar="OWNER/NAME")
    sync.add_argument("--api-url", default=os.environ.get("GITHUB_API_URL", "https://api.github.com"))
    sync.add_argument("--dry-run", action="store_true", help="print the changes; make none")
    sync.set_defaults(handler=run_sync)


def run_sync(args: argparse.Namespace) -> int:
    from entraide.content.animation import load_animation
    from entraide.content.loader import load_community

    community = load_community(args.root)
    specs = wanted(community, load_animation(args.root, community), tr=translator(community.rules.language))
    repository = _repository(args)
    existing = {
        label.name: LabelSpec(name=label.name, color=label.color, description=label.description or "")
        for label in repository.labels()
    }
    create, update = changes(existing, specs)
    for spec in create:
        print(f"create {spec.name}")
        if not args.dry_run:
            repository.create_label(spec.name, spec.color, spec.description)
    for spec in update:
        print(f"update {spec.name}")
        if not args.dry_run:
            repository.label(spec.name).update(spec.name, spec.color, spec.description)
    print(
        f"{len(specs)} labels wanted: {len(create)} created, {len(update)} updated"
        + (" (dry run)" if args.dry_run else "")
    )
    return 0


def _repository(args: argparse.Namespace):
    return repository(args.repo, api_url=args.api_url, command="labels", timeout=http_timeout())
