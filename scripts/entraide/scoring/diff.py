"""The consequences of a rule change: the same history scored with the base and the head rules, compared.

`rule_diff(base, head, public=...)` lists the members whose points, level, badges or all-time rank move,
by name for public members and as a count for the others; `markdown(diff)` is what the PR check posts
(job summary, and a comment when a maintainer opened the pull request). Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

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


_TEXT = {
    "fr": {
        "title": "Conséquences de ce changement de règles",
        "intro": "Tout l'historique recalculé avec les règles de la base puis avec celles de cette pull request "
        "(au {as_of}).",
        "none": "Aucun membre ne change de points, de niveau, de badges ni de rang.",
        "totals": "| | Base | Cette PR |\n| --- | ---: | ---: |\n| Points attribués | {p0} | {p1} |\n"
        "| Attributions | {a0} | {a1} |",
        "counts": "Membres concernés : {n} ({levels} changent de niveau, {badges} de nombre de badges, "
        "{ranks} de rang).",
        "head": "| Membre | Points | Niveau | Badges | Rang |\n| --- | ---: | --- | ---: | ---: |",
        "others": "Et {n} membre(s) sans profil public, non nommé(s).",
    },
    "en": {
        "title": "What this rule change does",
        "intro": "All history re-scored with the base rules, then with this pull request's (as of {as_of}).",
        "none": "No member's points, level, badges or rank change.",
        "totals": "| | Base | This PR |\n| --- | ---: | ---: |\n| Points awarded | {p0} | {p1} |\n"
        "| Awards | {a0} | {a1} |",
        "counts": "Members affected: {n} ({levels} change level, {badges} badge count, {ranks} rank).",
        "head": "| Member | Points | Level | Badges | Rank |\n| --- | ---: | --- | ---: | ---: |",
        "others": "And {n} member(s) without a public profile, not named.",
    },
}


def markdown(diff: RuleDiff, *, language: str = "fr") -> str:
    text = _TEXT.get(language, _TEXT["en"])
    lines = [f"### {text['title']}", "", text["intro"].format(as_of=diff.as_of.isoformat()), ""]
    lines += [text["totals"].format(p0=diff.points[0], p1=diff.points[1], a0=diff.awards[0], a1=diff.awards[1]), ""]
    affected = len(diff.moves) + diff.others
    if not affected:
        return "\n".join([*lines, text["none"]]) + "\n"
    counts = {"levels": diff.levels_changed, "badges": diff.badges_changed, "ranks": diff.ranks_changed}
    lines += [text["counts"].format(n=affected, **counts), ""]
    if diff.moves:
        lines += [text["head"], *(_row(move) for move in diff.moves), ""]
    if diff.others:
        lines.append(text["others"].format(n=diff.others))
    return "\n".join(lines).rstrip() + "\n"


def _row(move: Move) -> str:
    gained = move.points[1] - move.points[0]
    return (
        f"| `{move.login}` | {move.points[0]} → {move.points[1]} ({gained:+d}) | {_pair(move.level)} "
        f"| {_pair(move.badges)} | {_pair(move.rank)} |"
    )


def _pair(values: tuple[object, object]) -> str:
    old, new = ("–" if value in (None, "") else str(value) for value in values)
    return old if old == new else f"{old} → {new}"
