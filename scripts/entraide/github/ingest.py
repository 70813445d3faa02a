"""`entraide ingest [PATH]`: turn one webhook payload into events, as the sync would have read them.

In a workflow triggered by `issues`, `issue_comment`, `pull_request`, `pull_request_review`,
`pull_request_review_comment`, `discussion`, `discussion_comment` or `label`, GitHub writes the payload
to $GITHUB_EVENT_PATH and names it in $GITHUB_EVENT_NAME. The events get the same ids as the sync's
(`normalize`), so a fact seen both ways is stored once.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from entraide import events as store
from entraide.errors import Problem, UserError

from .webhooks import EVENT_NAMES, events_from


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "ingest", help="store the events of one webhook payload (default: $GITHUB_EVENT_PATH)",
        description="Turn a GitHub webhook payload into events in data/events.")
    parser.add_argument("path", nargs="?", type=Path, help="payload file; default: $GITHUB_EVENT_PATH")
    parser.add_argument("--event", metavar="NAME", choices=EVENT_NAMES,
                        help="webhook event name; default: $GITHUB_EVENT_NAME")
    parser.add_argument("--data", type=Path, metavar="DIR", help="default: <root>/data")
    parser.set_defaults(handler=run_command)


def run_command(args: argparse.Namespace) -> int:
    path = args.path or _env_path("GITHUB_EVENT_PATH")
    name = args.event or os.environ.get("GITHUB_EVENT_NAME", "")
    if name not in EVENT_NAMES:
        raise UserError(Problem(path=str(path), field="event name",
                                message=f"expected one of {', '.join(EVENT_NAMES)}, got {name!r}"))
    events = read_events(path, name)
    added = store.append(args.data or args.root / "data", events)
    print(f"ingest {name}: {len(events)} events, {added} new")
    return 0


def read_events(path: Path, name: str) -> list:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UserError(Problem(path=str(path), message=f"cannot read the payload: {error.strerror}"))
    except ValueError as error:
        raise UserError(Problem(path=str(path), message=f"the payload is not JSON: {error}"))
    try:
        return events_from(name, payload)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        detail = f"missing {error}" if isinstance(error, KeyError) else str(error).splitlines()[0]
        raise UserError(Problem(path=str(path), field=name,
                                message=f"not a {name} webhook payload ({detail})"))


def _env_path(variable: str) -> Path:
    value = os.environ.get(variable)
    if not value:
        raise UserError(Problem(path="entraide ingest", field="PATH",
                                message=f"give a payload file or set ${variable}"))
    return Path(value)
