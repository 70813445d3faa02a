"""entraide guard: the pull-request check on who may change what."""

from __future__ import annotations

import argparse
from pathlib import Path

from entraide.bot.guard import (
    SUBMISSIONS,
    _challenges,
    _changed_files,
    _summary,
    author_profiles,
    check_paths,
    check_profile,
)
from entraide.content.errors import Problem, UserError


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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    base = args.base or args.role_from
    changed, special = (args.changed, []) if args.changed else _changed_files(root, args.base)
    head = "HEAD" if args.base else None  # the pull request's files as committed, never through a link
    before, after, unreadable = author_profiles(root, args.author, base=base, head=head, changed=changed)
    role = before.role if before else None
    problems = check_paths(changed, author=args.author, role=role, challenges=_challenges(root))
    problems += [
        Problem(path=path, field="path", message="symbolic links and submodules are not accepted: add the file itself")
        for path in special
    ]
    problems += unreadable + check_profile(before, after, author=args.author, author_id=args.author_id, role=role)
    _summary(problems, count=len(set(changed)), author=args.author)
    if problems:
        raise UserError(problems)
    print(f"{len(set(changed))} changed file(s), all within what {args.author} may change.")
    return 0
