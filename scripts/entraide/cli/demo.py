"""`entraide demo`: write a synthetic community of any size, or regenerate an existing community's history.

`entraide demo --members N --seed S --out DIR` writes entraide.yml and challenges/ (the example's rules
and catalogue), N synthetic members and their simulated history in data/events/. `entraide demo --history
--root DIR` rewrites only data/events/ for the members and challenges already in DIR; that is how the
example community's history is made. Same arguments, same bytes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from entraide.cli.flags import iso_date
from entraide.content.errors import N_, UserError
from entraide.content.loader import load_community
from entraide.demo.community import EXAMPLE, write_community, write_history
from entraide.events import store


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="write a synthetic community, or regenerate a community's simulated history",
        description=__doc__.split("\n\n")[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--members", type=int, default=30, metavar="N", help="members to create (default: 30)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default: 1)")
    parser.add_argument("--out", type=Path, metavar="DIR", help="empty or new folder for the community")
    parser.add_argument(
        "--history", action="store_true", help="only regenerate data/events/ of the community at --root"
    )
    parser.add_argument(
        "--until", type=iso_date, metavar="DATE", help="last day of the history (default: the end of the last cohort)"
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="the community whose history --history regenerates (default: .)",
    )
    parser.add_argument(
        "--catalogue",
        type=Path,
        default=EXAMPLE,
        metavar="DIR",
        help="community whose rules and challenges a new community reuses (default: the example)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        return _write(args)
    except OSError as error:  # a full disk, or a temporary folder (TMPDIR) that cannot be written
        written = N_(
            "demo: cannot write the simulated history: {error} (a large history's drafts wait in the temporary "
            "folder, TMPDIR, before they are written)",
            error=str(error),
        )
        raise UserError(written) from None


def _write(args: argparse.Namespace) -> int:
    if args.history:
        from entraide.content.animation import load_animation

        community = load_community(args.root)
        animation = load_animation(args.root, community)
        count = write_history(args.root, community, seed=args.seed, until=args.until, animation=animation)
        print(f"{count} events written to {args.root / 'data' / store.EVENTS_DIR}")
        return 0
    if args.out is None:
        raise UserError(N_("demo: give --out DIR for a new community, or --history to regenerate one's data/"))
    if args.members < 4:
        raise UserError(N_("demo: --members must be at least 4 (three mentors and a learner)"))
    count = write_community(args.out, members=args.members, seed=args.seed, catalogue=args.catalogue, until=args.until)
    print(f"{args.members} members and {count} events written to {args.out}")
    return 0
