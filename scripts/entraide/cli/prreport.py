"""entraide pr-report: the `PR report` workflow's comment on a pull request, from the PR check's artifacts."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "pr-report",
        help="comment on a pull request what its PR check found (reviewers, automatic checks, rule diff)",
        description="Read the PR check's artifacts as untrusted data and keep one comment on the pull "
        "request up to date. The pull request, its head commit and its author are read from GitHub.",
    )
    parser.add_argument("--repo", required=True, metavar="OWNER/NAME")
    parser.add_argument("--api-url", default="https://api.github.com", metavar="URL")
    parser.add_argument(
        "--pr", type=int, metavar="NUMBER", help="default: the open pull requests whose head is --head-sha (forks)"
    )
    parser.add_argument("--head-sha", required=True, metavar="SHA", help="the commit the PR check ran on")
    parser.add_argument("--artifacts", type=Path, required=True, metavar="DIR")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from entraide.bot import prreport
    from entraide.cli.flags import http_timeout
    from entraide.content.loader import load_community
    from entraide.github.comments import Writer
    from entraide.github.markers import with_marker
    from entraide.github.repository import repository

    community = load_community(args.root)  # the default branch's members and rules
    repo = repository(args.repo, api_url=args.api_url, command="pr-report", timeout=http_timeout())
    report = prreport.read_report(args.artifacts / "autograde.json")
    diff = prreport.read_diff(args.artifacts / "rules-diff.md")
    writer = Writer(repo, bot_logins=frozenset(), delay=0.0, managed=lambda label: False)
    pulls = [repo.pull_request(args.pr)] if args.pr else _open_pulls_at(repo, args.head_sha)
    for pull in pulls:
        if pull.head.sha != args.head_sha:
            print(f"#{pull.number} has moved on from {args.head_sha[:12]}: a newer run will comment")
            continue
        files = writer.files(pull.number)
        text = prreport.body(community, author=pull.user.login, files=files, report=report, diff=diff)
        if text is None:
            print(f"nothing to say on #{pull.number}")
            continue
        earlier = writer.find(pull.number, prreport.KEY)
        if earlier is None:
            writer.post(pull.number, with_marker(prreport.KEY, text))
        else:
            writer.edit(earlier, with_marker(prreport.KEY, text))
        print(f"{'posted' if earlier is None else 'updated'} the PR report on #{pull.number}")
    return 0


MAX_OPEN = 1000  # open pull requests looked through for the head commit (a fork's run names none)


def _open_pulls_at(repo, sha: str) -> list:
    found = []
    for index, pull in enumerate(repo.pull_requests(state="open", number=MAX_OPEN)):
        if index >= MAX_OPEN:
            break
        if pull.head.sha == sha:
            found.append(repo.pull_request(pull.number))
    return found
