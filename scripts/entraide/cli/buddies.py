"""entraide buddies: propose buddy pairs for a new intake."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

from entraide.bot.buddies import (
    PAIRS_FILE,
    assign,
    candidate_buddies,
    greedy_assignment,
    intake_of,
    load_pairs,
    total_weight,
)
from entraide.bot.datalock import writes_data
from entraide.cli.flags import iso_date
from entraide.content.models import Community


def add_command(subparsers) -> None:
    parser = subparsers.add_parser(
        "buddies",
        help="pair new learners with a buddy (optimal over the whole intake)",
        description="Pair every learner without a buddy with a learner a few weeks ahead, or a mentor when "
        "none fits, and record the pairs in data/buddies.json.",
    )
    parser.add_argument(
        "--today", type=iso_date, default=None, metavar="YYYY-MM-DD", help="the day the pairs start (default: today)"
    )
    parser.add_argument("--dry-run", action="store_true", help="print the pairs without recording them")
    parser.add_argument("--compare", action="store_true", help="also print what a greedy matching would give")
    parser.set_defaults(handler=writes_data(run_buddies))


def run_buddies(args) -> int:
    from entraide.content.loader import load_community
    from entraide.events.store import write_atomic

    root, today = Path(args.root), args.today or dt.date.today()
    community = load_community(root)
    pairs = load_pairs(root)
    from entraide.content import needs

    new = assign(community, pairs, today=today, needs=needs.load(root))  # private/needs.json, when the private job ran
    for pair in new:
        print(f"{pair.learner} -> {pair.buddy} (weight {pair.weight:g})")
    print(f"{len(new)} new pair(s), total weight {total_weight(new):g}")
    if args.compare:
        _print_greedy(community, pairs, today=today)
    if new and not args.dry_run:
        pairs += [{"learner": p.learner, "buddy": p.buddy, "since": today.isoformat()} for p in new]
        pairs.sort(key=lambda p: (p["learner"], p["since"]))
        text = json.dumps({"pairs": pairs}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        write_atomic(root / PAIRS_FILE, text.encode())
    return 0


def _print_greedy(community: Community, pairs: list[dict], *, today: dt.date) -> None:
    intake = intake_of(community, pairs, today=today)
    rules = community.rules.buddies
    buddies = candidate_buddies(community.members, intake=intake, rules=rules, today=today)
    greedy = greedy_assignment(
        intake, buddies, loads=dict(Counter(p["buddy"] for p in pairs)), rules=rules, today=today
    )
    print(f"greedy: {len(greedy)} pair(s), total weight {total_weight(greedy):g}")
