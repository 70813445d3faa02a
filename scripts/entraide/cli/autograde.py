"""entraide autograde: the PR check's run of a challenge's automatic checks on the submission it brings."""

from __future__ import annotations

import argparse
import os
from pathlib import Path, PurePosixPath

from entraide.bot.autograde import report as reports
from entraide.bot.autograde.run import grade, write
from entraide.bot.autograde.sandbox import namespaces_work
from entraide.bot.feedback.text import reviewers_line
from entraide.bot.guard import _changed_files, community_translator
from entraide.content.errors import N_, Problem, UserError
from entraide.content.loader import load_community
from entraide.content.submissions import SUBMISSIONS
from entraide.scoring.acceptance import reviewers


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "autograde",
        help="run a challenge's automatic checks on the submission a pull request brings",
        description="Find the submission folder the pull request changes, run the checks its challenge "
        "declares (read from --rules-root) in a sandbox, print annotations, add the job summary and write "
        "the report as JSON. Failed checks do not fail the command: the mentor decides.",
    )
    parser.add_argument("--base", required=True, metavar="REF", help="compare HEAD with this git ref")
    parser.add_argument("--rules-root", type=Path, metavar="DIR", help="read challenges here (the base checkout)")
    parser.add_argument("--node-modules", type=Path, metavar="DIR", help="html-validate and axe-core (trusted)")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"), metavar="PATH")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help="the report, as JSON")
    parser.add_argument(
        "--require-namespace", action="store_true", help="refuse to run checks without network namespaces"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    rules_root: Path = args.rules_root or root
    changed, _ = _changed_files(root, args.base, tr=community_translator(rules_root))
    folder = submission_of(changed)
    if folder is None:
        print("not a submission: no automatic check to run")
        return 0
    community = load_community(rules_root)
    language = community.rules.language
    challenge = {c.slug: c for c in community.challenges}.get(PurePosixPath(folder).parts[1])
    if challenge is None:
        return 0  # the guard names the unknown challenge
    who = reviewers(challenge, community.members, {t.id: t for t in community.rules.tracks})
    print(reviewers_line(who, language=language))
    _summary(f"### {folder}\n\n{reviewers_line(who, language=language)}")
    if not challenge.checks:
        print(f"{folder}: its challenge declares no automatic check")
        return 0
    if args.require_namespace and not namespaces_work():
        raise UserError(Problem(path="autograde", message=N_("user and network namespaces are refused here")))
    report = grade(
        root,
        folder,
        challenge=challenge,
        node_modules=args.node_modules or rules_root / "node_modules",
        chromium=args.chromium,
    )
    for line in reports.workflow_commands(report):
        print(line)
    write(report, args.out)
    _summary(reports.markdown(report, language=language))
    return 0


def submission_of(changed: list[str]) -> str | None:
    """The one `submissions/<slug>/<folder>/` the changed files lie in, or None."""
    folders = {
        "/".join(PurePosixPath(p).parts[:3]) + "/"
        for p in changed
        if len(PurePosixPath(p).parts) >= 4 and PurePosixPath(p).parts[0] == SUBMISSIONS
    }
    return folders.pop() if len(folders) == 1 else None


def _summary(text: str) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as summary:
            summary.write(text + "\n\n")
