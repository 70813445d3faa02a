"""entraide sync and entraide ingest: activity from GitHub into data/."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from entraide.bot.datalock import writes_data
from entraide.cli.flags import http_timeout
from entraide.content.errors import N_, Problem, UserError
from entraide.content.loader import load_rules
from entraide.events import partitions, store
from entraide.events.migrate import migrate
from entraide.github.connect import client_from, repo_from
from entraide.github.ingest import read_events
from entraide.github.progress import Progress
from entraide.github.webhooks import EVENT_NAMES


def add_sync_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "sync",
        help="read the repository's GitHub activity into data/events (token: GITHUB_TOKEN)",
        description="Read issues, pull requests, reviews, comments, labels, reactions and discussions "
        "into the event store, from where the last run stopped.",
    )
    parser.add_argument("--repo", metavar="OWNER/NAME", help="default: $GITHUB_REPOSITORY")
    parser.add_argument(
        "--api-url", metavar="URL", help="GitHub Enterprise (or test server) root URL; default: github.com"
    )
    parser.add_argument("--data", type=Path, metavar="DIR", help="default: <root>/data")
    parser.add_argument(
        "--max-requests",
        type=_positive,
        default=900,
        metavar="N",
        help="stop after N counted requests; the next run resumes (default: 900)",
    )
    parser.add_argument(
        "--max-graphql",
        type=_positive,
        default=100,
        metavar="N",
        help="stop after N GraphQL queries (GitHub budgets them apart; default: 100)",
    )
    parser.add_argument(
        "--etag-cache",
        type=Path,
        metavar="FILE",
        help="where this token's ETags are kept between runs (default: $XDG_CACHE_HOME/entraide/...; "
        "never in data/: a workflow's token is new every run, and GitHub's ETags are per token)",
    )
    parser.add_argument("--no-etag-cache", action="store_true", help="keep no ETags between runs")
    parser.add_argument(
        "--max-wait",
        type=_non_negative,
        default=600,
        metavar="SECONDS",
        help="longest total wait for rate limits and retries (default: 600)",
    )
    parser.add_argument(
        "--overlap",
        type=_non_negative,
        default=60,
        metavar="SECONDS",
        help="re-read window behind each cursor, against clock skew (default: 60)",
    )
    parser.add_argument(
        "--timeout", type=_positive, default=None, metavar="SECONDS", help="default: $ENTRAIDE_HTTP_TIMEOUT, else 30"
    )
    parser.add_argument(
        "--partition",
        action="store_true",
        help="another repository of the programme: its events carry the repository, into the partition at "
        "--data, which starts from the cursor kept in <root>/data (then `entraide merge`)",
    )
    parser.add_argument(
        "--checkpoint",
        type=_positive,
        default=200,
        metavar="PAGES",
        help="save events and cursors every PAGES pages (default: 200)",
    )
    parser.set_defaults(handler=writes_data(run_command))


def _positive(text: str) -> int:
    return _number(text, 1)


def _non_negative(text: str) -> int:
    return _number(text, 0)


def _number(text: str, low: int) -> int:
    if not text.isdigit() or int(text) < low:
        raise argparse.ArgumentTypeError(N_("expected a whole number >= {low}, got {given}", low=low, given=repr(text)))
    return int(text)


def run_command(args) -> int:
    from entraide.github.sync import Sync

    progress = Progress()
    rules = community_rules(args.root, progress)
    repo = repo_from(args.repo, rules.get("repository"))
    client = client_from(
        repo,
        args.api_url,
        etag_cache=False if args.no_etag_cache else (args.etag_cache or True),
        budget=args.max_requests,
        graphql_budget=args.max_graphql,
        max_wait=args.max_wait,
        timeout=args.timeout or http_timeout(),
    )
    data_dir = args.data or args.root / "data"
    if args.partition:
        if args.data is None or Path(args.data).resolve() == (Path(args.root) / "data").resolve():
            raise UserError(Problem(path="--data", message=N_("a partition is a folder of its own, not data/")))
        partitions.seed(data_dir, data_dir=Path(args.root) / "data", repo=repo)
    report = Sync(
        client,
        data_dir,
        progress=progress,
        overlap=args.overlap,
        checkpoint=args.checkpoint,
        attendance_issues=() if args.partition else agenda_issues(rules),
        tag=partitions.tagged(repo) if args.partition else None,
    ).run()
    lines = [
        f"sync {repo}: {report.added} new events, {report.requests} counted requests"
        f" (+{client.graphql_used} GraphQL), rate limit left {client.remaining}"
    ]
    lines += [f"warning: {text}" for text in report.warnings]
    if report.stopped:
        lines.append(f"incomplete: {report.stopped.reason}; the next run resumes where this one stopped")
    for line in lines:
        if not line.startswith("warning: "):  # warnings were said as they came
            progress.note(line)
    write_summary(lines)
    return 1 if report.stopped and report.stopped.failed else 0


def community_rules(root: Path, progress: Progress) -> dict:
    """entraide.yml as plain data ({} when absent or unreadable: `entraide check` reports that)."""
    from entraide.content.yamlfile import load

    path = Path(root) / "entraide.yml"
    if not path.exists():
        return {}
    try:
        data, _ = load(path)
    except UserError as error:
        progress.note(f"note: entraide.yml has {len(error.problems)} problem(s): its settings are ignored")
        return {}
    return data if isinstance(data, dict) else {}


def agenda_issues(rules: dict) -> tuple[int, ...]:
    """Issues where the agenda records attendance: reactions there are read too."""
    items = rules.get("agenda") or ()
    return tuple(
        sorted(
            {item["issue"] for item in items if isinstance(item, dict) and isinstance(item.get("issue"), int)}
            if isinstance(items, list)
            else ()
        )
    )


def write_summary(lines: list[str]) -> None:
    """Under GitHub Actions, the same lines in the job summary."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as summary:
            summary.write("### entraide sync\n\n" + "".join(f"- {line}\n" for line in lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    """`python -m entraide.cli.sync [options]`: the sync alone, without loading the other commands."""
    from entraide.cli.language import report_problems

    parser = argparse.ArgumentParser(prog="python -m entraide.cli.sync")
    commands = parser.add_subparsers(dest="command", required=True)
    add_sync_command(commands)
    commands.choices["sync"].add_argument("--root", type=Path, default=Path("."), metavar="DIR")
    args = parser.parse_args(["sync", *(sys.argv[1:] if argv is None else argv)])
    try:
        return args.handler(args)
    except UserError as error:
        report_problems(error, args.root)
        return 2


def add_ingest_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "ingest",
        help="store the events of one webhook payload (default: $GITHUB_EVENT_PATH)",
        description="Turn a GitHub webhook payload into events in data/events.",
    )
    parser.add_argument("path", nargs="?", type=Path, help="payload file; default: $GITHUB_EVENT_PATH")
    parser.add_argument(
        "--event", metavar="NAME", choices=EVENT_NAMES, help="webhook event name; default: $GITHUB_EVENT_NAME"
    )
    parser.add_argument("--data", type=Path, metavar="DIR", help="default: <root>/data")
    parser.set_defaults(handler=writes_data(run_ingest))


def run_ingest(args: argparse.Namespace) -> int:
    path = args.path or _env_path("GITHUB_EVENT_PATH")
    name = args.event or os.environ.get("GITHUB_EVENT_NAME", "")
    if name not in EVENT_NAMES:
        raise UserError(
            Problem(
                path=str(path),
                field="event name",
                message=N_("expected one of {choices}, got {given}", choices=", ".join(EVENT_NAMES), given=repr(name)),
            )
        )
    home, others = _programme(args.root)
    events = read_events(path, name, home=home, others=others)
    added = store.append(args.data or args.root / "data", events, not_after=dt.datetime.now(dt.UTC))
    print(f"ingest {name}: {len(events)} events, {added} new")
    return 0


def _programme(root: Path) -> tuple[str | None, tuple[str, ...]]:
    """The programme's repositories from entraide.yml; none known when the root has no entraide.yml."""
    if not (root / "entraide.yml").is_file():
        return None, ()
    rules = load_rules(root)
    return rules.repository, tuple(rules.repositories)


def _env_path(variable: str) -> Path:
    value = os.environ.get(variable)
    if not value:
        raise UserError(
            Problem(
                path="entraide ingest",
                field="PATH",
                message=N_("give a payload file or set ${variable}", variable=variable),
            )
        )
    return Path(value)


def add_migrate_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "migrate-store",
        help="rewrite an event store written before 'latest state wins' (once; again changes nothing)",
        description="Give stored comments their updated time and keep one copy per event (see events.migrate).",
    )
    parser.add_argument("--data", type=Path, metavar="DIR", help="default: <root>/data")
    parser.set_defaults(handler=run_migrate)


def run_migrate(args: argparse.Namespace) -> int:
    changed = migrate(args.data or args.root / "data")
    print(f"migrate-store: {len(changed)} month files rewritten" + (f" ({', '.join(changed)})" if changed else ""))
    return 0


def add_command(subparsers) -> None:
    add_sync_command(subparsers)
    add_ingest_command(subparsers)
    add_migrate_command(subparsers)


if __name__ == "__main__":
    raise SystemExit(main())
