"""entraide guard: the pull-request check on who may change what."""

from __future__ import annotations

import argparse
import os
from pathlib import Path, PurePosixPath

from entraide.bot.guard import (
    SUBMISSIONS,
    _challenges,
    _changed_files,
    author_profiles,
    check_paths,
    check_profile,
    community_translator,
    member_files,
    team_files,
)
from entraide.content.errors import Problem, UserError
from entraide.content.i18n import Translator
from entraide.content.loader import load_community
from entraide.content.teams import TEAM_FILE


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "guard",
        help="refuse a pull request that changes files its author may not change",
        description="Check that a pull request changes only what its author may change: a learner, "
        f"only {SUBMISSIONS}/<challenge>/<login>/ and members/<login>.yml; nobody, data/.",
    )
    parser.add_argument("--author", required=True, metavar="LOGIN", help="the pull request's author")
    parser.add_argument("--author-id", type=int, metavar="ID", help="the author's GitHub account number")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--base", metavar="REF", help="compare HEAD with this git ref (the PR's base)")
    source.add_argument("--changed", nargs="+", metavar="FILE", help="the changed files, listed")
    parser.add_argument(
        "--role-from",
        metavar="REF",
        help="git ref to read the author's role from with --changed (default: the work tree)",
    )
    parser.add_argument(
        "--rules-root", type=Path, metavar="DIR", help="read challenges here (the base checkout; default: --root)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    tr = community_translator(args.rules_root or root)
    base = args.base or args.role_from
    changed, special = (args.changed, []) if args.changed else _changed_files(root, args.base, tr=tr)
    head = "HEAD" if args.base else None  # the pull request's files as committed, never through a link
    before, after, unreadable = author_profiles(root, args.author, base=base, head=head, changed=changed, tr=tr)
    role = before.role if before else None
    with_teams = any(PurePosixPath(p).name == TEAM_FILE for p in changed)
    challenges = {c.slug: c for c in load_community(args.rules_root or root).challenges} if with_teams else {}
    logins = frozenset(PurePosixPath(p).stem.casefold() for p in member_files(root, base))
    teams, team_problems = team_files(root, changed, head=head, challenges=challenges, logins=logins)
    problems = check_paths(changed, author=args.author, role=role, challenges=_challenges(root), teams=teams, tr=tr)
    problems += team_problems
    problems += [
        Problem(
            path=path,
            field="path",
            message=tr.gettext("symbolic links and submodules are not accepted: add the file itself"),
        )
        for path in special
    ]
    problems += unreadable + check_profile(
        before, after, author=args.author, author_id=args.author_id, role=role, tr=tr
    )
    _summary(problems, count=len(set(changed)), author=args.author, tr=tr)
    if problems:
        raise UserError(problems)
    count = len(set(changed))
    print(
        tr.ngettext(
            "{n} changed file, all within what {author} may change.",
            "{n} changed files, all within what {author} may change.",
            count,
        ).format(n=tr.number(count), author=args.author)
    )
    return 0


def _code(text: str) -> str:
    return text.replace("`", "'")


def _summary(problems: list[Problem], *, count: int, author: str, tr: Translator) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    heading = tr.ngettext(
        "Paths changed by @{author}: {n} file", "Paths changed by @{author}: {n} files", count
    ).format(author=author, n=tr.number(count))
    lines = [f"### {heading}", ""]
    lines += [f"- :x: `{_code(p.path)}`: {p.words(tr)}" for p in problems] or [
        "- " + tr.gettext("all within what the author may change")
    ]
    with open(target, "a", encoding="utf-8") as summary:
        summary.write("\n".join(lines) + "\n\n")
