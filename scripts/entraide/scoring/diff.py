"""The consequences of a rule change: the same history scored with the base and the head rules, compared.

`rule_diff(base, head, public=...)` lists the members whose points, level, badges or all-time rank move,
by name for public members and as a count for the others; `markdown(diff)` is what the PR check posts
(job summary, and a comment when a maintainer opened the pull request). Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from entraide.content.i18n import Translator
from entraide.content.models import Frozen
from entraide.scoring.model import Ledger, Standing


class Move(Frozen):
    """One public member's change between the base and the head rules."""

    login: str
    points: tuple[int, int]
    level: tuple[str, str]
    badges: tuple[int, int]
    rank: tuple[int | None, int | None]


class RuleDiff(Frozen):
    as_of: dt.date
    moves: tuple[Move, ...]  # public members, most points gained or lost first
    others: int  # members without a public profile who move too
    points: tuple[int, int]  # every point awarded
    awards: tuple[int, int]
    levels_changed: int
    badges_changed: int
    ranks_changed: int


def rule_diff(base: Ledger, head: Ledger, *, public: Collection[int]) -> RuleDiff:
    before, after = _by_member(base), _by_member(head)
    ranks_before, ranks_after = _ranks(base), _ranks(head)
    moves, others = [], 0
    counts = {"level": 0, "badges": 0, "rank": 0}
    for member_id in sorted(before.keys() | after.keys()):
        old, new = before.get(member_id), after.get(member_id)
        move = _move(old, new, (ranks_before.get(member_id), ranks_after.get(member_id)))
        if move is None:
            continue
        counts["level"] += move.level[0] != move.level[1]
        counts["badges"] += move.badges[0] != move.badges[1]
        counts["rank"] += move.rank[0] != move.rank[1]
        if member_id in public:
            moves.append(move)
        else:
            others += 1
    return RuleDiff(
        as_of=head.as_of,
        moves=tuple(sorted(moves, key=lambda m: (-abs(m.points[1] - m.points[0]), m.login.casefold()))),
        others=others,
        points=(sum(a.points for a in base.awards), sum(a.points for a in head.awards)),
        awards=(len(base.awards), len(head.awards)),
        levels_changed=counts["level"],
        badges_changed=counts["badges"],
        ranks_changed=counts["rank"],
    )


def _by_member(ledger: Ledger) -> dict[int, Standing]:
    return {standing.member_id: standing for standing in ledger.standings}


def _ranks(ledger: Ledger) -> dict[int, int]:
    board = next((board for board in ledger.leaderboards if board.window == "all_time"), None)
    return {row.member_id: row.rank for row in board.rows} if board else {}


def _move(old: Standing | None, new: Standing | None, rank: tuple[int | None, int | None]) -> Move | None:
    standing = new or old
    if standing is None:
        return None
    move = Move(
        login=standing.login,
        points=(old.points if old else 0, new.points if new else 0),
        level=(old.level if old else "", new.level if new else ""),
        badges=(len(old.badges) if old else 0, len(new.badges) if new else 0),
        rank=rank,
    )
    changed = move.points[0] != move.points[1] or move.level[0] != move.level[1] or move.badges[0] != move.badges[1]
    return move if changed or rank[0] != rank[1] else None


def markdown(diff: RuleDiff, *, tr: Translator) -> str:
    """What the PR check posts, in the community's language."""
    intro = tr.gettext("All history re-scored with the base rules, then with this pull request's (as of {as_of}).")
    lines = [f"### {tr.gettext('What this rule change does')}", "", intro.format(as_of=tr.long_date(diff.as_of)), ""]
    lines += [_totals(diff, tr=tr), ""]
    affected = len(diff.moves) + diff.others
    if not affected:
        return "\n".join([*lines, tr.gettext("No member's points, level, badges or rank change.")]) + "\n"
    counts = tr.ngettext(
        "Members affected: {n} ({levels} change level, {badges} badge count, {ranks} rank).",
        "Members affected: {n} ({levels} change level, {badges} badge count, {ranks} rank).",
        affected,
    )
    lines += [
        counts.format(n=affected, levels=diff.levels_changed, badges=diff.badges_changed, ranks=diff.ranks_changed),
        "",
    ]
    if diff.moves:
        heads = [
            tr.gettext("Member"),
            tr.gettext("Points"),
            tr.gettext("Level"),
            tr.gettext("Badges"),
            tr.gettext("Rank"),
        ]
        lines += ["| " + " | ".join(heads) + " |", "| --- | ---: | --- | ---: | ---: |"]
        lines += [*(_row(move) for move in diff.moves), ""]
    if diff.others:
        others = tr.ngettext(
            "And {n} member without a public profile, not named.",
            "And {n} members without a public profile, not named.",
            diff.others,
        )
        lines.append(others.format(n=diff.others))
    return "\n".join(lines).rstrip() + "\n"


def _totals(diff: RuleDiff, *, tr: Translator) -> str:
    rows = [
        f"| | {tr.gettext('Base')} | {tr.gettext('This PR')} |",
        "| --- | ---: | ---: |",
        f"| {tr.gettext('Points awarded')} | {diff.points[0]} | {diff.points[1]} |",
        f"| {tr.gettext('Awards')} | {diff.awards[0]} | {diff.awards[1]} |",
    ]
    return "\n".join(rows)


def _row(move: Move) -> str:
    gained = move.points[1] - move.points[0]
    return (
        f"| `{move.login}` | {move.points[0]} → {move.points[1]} ({gained:+d}) | {_pair(move.level)} "
        f"| {_pair(move.badges)} | {_pair(move.rank)} |"
    )


def _pair(values: tuple[object, object]) -> str:
    old, new = ("–" if value in (None, "") else str(value) for value in values)
    return old if old == new else f"{old} → {new}"
