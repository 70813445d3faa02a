"""Rules that weigh facts against each other: moderation, one award per key, kudos quota, caps.

Order matters and is fixed: moderation first (revoked facts use up no cap), then "once" keys (one award
per member per challenge, one first contribution, one attendance per event), then the weekly kudos
quota of each giver, then the point caps in time order, partial points when a cap is nearly reached.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress, islice, repeat
from operator import attrgetter, eq, gt, not_, sub

import numpy as np

from entraide.content.models import Caps
from entraide.scoring.caps import granted as caps_granted
from entraide.scoring.columns import FactColumns
from entraide.scoring.fact import ORDER, Fact
from entraide.scoring.model import Award
from entraide.scoring.tally import Granted
from entraide.scoring.threads import ContentKey, Index


@dataclass(frozen=True)
class Revoked:
    fact: Fact
    cause: str
    event_ids: tuple[str, ...]


def moderate(
    facts: list[Fact], index: Index, *, presorted: bool = False, moderated: list[Fact] | None = None
) -> tuple[list[Fact], list[Revoked]]:
    """Split facts into kept and revoked (both in `Fact.order`; `presorted`: the facts are already, as
    `facts` writes them): content flagged by a moderation label, or a label taken off. `moderated`, when
    given, holds every fact whose contents a moderation label may be on (as `facts` lists them): only
    those are compared with the flagged contents, found among the others by identity alone.

    Half a million facts at 1M events, a few hundred revoked: which facts have a cause is found by
    `map`s run in C over all of them (their `label_cause`, whether their contents meet a flagged one),
    and only those few are looked at in Python."""
    ordered = facts if presorted else in_order(facts)
    causes: list[tuple[str, tuple[str, ...]] | None] = list(map(_LABEL_CAUSE, ordered))
    flags = index.flags
    flagged = {content for content, labels in flags.items() if labels}
    if flagged:  # a moderation label wins over a label cause
        if moderated is not None:  # the facts listed, found by identity (no fact is read): a few hundred
            listed = set(map(id, moderated))
            touched: Iterable[bool] = map(listed.__contains__, map(id, ordered)) if listed else ()
        else:
            touched = map(not_, map(flagged.isdisjoint, map(_CONTENTS, ordered)))
        for position in compress(range(len(ordered)), touched):
            causes[position] = _flagged(ordered[position], flags) or causes[position]
    if not any(causes):  # nothing revoked: kept as they are, no copy
        return ordered, []
    kept = list(compress(ordered, map(not_, causes)))
    revoked = [Revoked(fact, *cause) for fact, cause in compress(zip(ordered, causes), causes)]  # type: ignore[misc]
    return kept, revoked


def in_order(facts: list[Fact]) -> list[Fact]:
    """`sorted(facts, key=ORDER)`, without a key tuple per fact (two thirds of the sort's time at 1M events):
    a stable sort by moment alone, then ORDER compared between neighbours of equal moment only (a fact's
    few facts of one event, read in C), and the runs of one moment found out of order (a handful: the
    facts come nearly in order) sorted by ORDER. Stable sorts both: facts of equal ORDER keep their order."""
    ordered = sorted(facts, key=_AT)
    ats = list(map(_AT, ordered))
    tied = list(compress(range(1, len(ats)), map(eq, ats, islice(ats, 1, None))))  # same moment as the one before
    before = map(ORDER, map(ordered.__getitem__, map(sub, tied, repeat(1))))
    wrong = list(compress(tied, map(gt, before, map(ORDER, map(ordered.__getitem__, tied)))))
    done = 0  # where the last run sorted ends
    for position in wrong:
        if position < done:
            continue
        start, done, at = position - 1, position + 1, ats[position]
        while start > 0 and ats[start - 1] == at:
            start -= 1
        while done < len(ats) and ats[done] == at:
            done += 1
        ordered[start:done] = sorted(ordered[start:done], key=ORDER)
    return ordered


def placed(facts: list[Fact], keep: bytearray, moved: list[int]) -> list[Fact]:
    """`sorted(compress(facts, keep), key=ORDER)` when only the kept facts at positions `moved` (a few dozen
    acceptances held for their prerequisites, among half a million facts) may be out of order: the others
    stay as they are, and each moved one is put in its place by a search reading ORDER of a few facts
    instead of a key tuple per fact; among equal orders after the ones that came before it, as the stable
    sort keeps them."""
    stay = bytearray(keep)
    for position in moved:
        stay[position] = 0
    rest = list(compress(facts, stay))
    where: list[int] | None = None  # the positions `rest` came from: read only for equal orders
    result: list[Fact] = []
    done = 0  # `rest` is written up to there
    for key, position in sorted((ORDER(facts[position]), position) for position in moved):
        at = bisect_left(rest, key, done, key=ORDER)
        end = bisect_right(rest, key, at, key=ORDER)
        if end > at:
            where = list(compress(range(len(facts)), stay)) if where is None else where
            at = bisect_left(where, position, at, end)
        result += rest[done:at]
        result.append(facts[position])
        done = at
    result += rest[done:]
    return result


def _flagged(fact: Fact, flags: dict[ContentKey, dict[str, str]]) -> tuple[str, tuple[str, ...]] | None:
    for content in fact.contents:
        found = flags.get(content)
        if found:
            labels = sorted(found.items())
            return "moderation:" + ",".join(label for label, _ in labels), tuple(ids for _, ids in labels)
    return None


def once(kept: list[Fact], revoked: list[Revoked]) -> tuple[list[Fact], list[Revoked]]:
    """Keep the earliest fact of each `once` key. A revoked one is listed only if it came first:
    a second PR for an already accepted challenge was never going to earn anything."""
    first: dict[tuple[object, ...], Fact] = {}
    keep = bytearray(b"\x01") * len(kept)  # which of `kept` stay: only the facts with a key are looked at
    for position in compress(range(len(kept)), map(_ONCE, kept)):
        fact = kept[position]
        if first.setdefault(fact.once, fact) is not fact:  # type: ignore[arg-type]
            keep[position] = 0
    unique = list(compress(kept, keep))
    listed: set[tuple[object, ...] | None] = set()
    shown = []
    for item in revoked:
        key = item.fact.once
        if key is not None and (key in listed or (key in first and first[key].order < item.fact.order)):
            continue
        listed.add(key)
        shown.append(item)
    return unique, shown


def kudos_quota(kept: list[Fact], caps: Caps) -> list[Fact]:
    """Each giver's first `kudos_per_giver_per_week` kudos of an ISO week count; the rest never happened.
    `kept` is in time order: a week's counts are dropped once the next week starts. Only the kudos facts
    (picked out in C) are walked."""
    given: dict[object, int] = {}
    most, week, at = caps.kudos_per_giver_per_week, None, None
    keep = bytearray(b"\x01") * len(kept)
    for position in compress(range(len(kept)), map(eq, map(_REASON, kept), repeat("kudos"))):
        fact = kept[position]
        if fact.at is not at:
            at = fact.at
            if (now := at.toordinal() - at.weekday()) != week:  # `monday`, inline
                week = now
                given.clear()
        given[fact.counterpart] = count = given.get(fact.counterpart, 0) + 1
        if count > most:
            keep[position] = 0
    return list(compress(kept, keep))


def apply_caps(
    kept: list[Fact], caps: Caps, logins: dict[int, str], columns: FactColumns | None = None
) -> tuple[tuple[Award, ...], Granted]:
    """The award of each fact worth points, for the points its caps leave (`caps.granted`, weighed over the
    facts' `columns`), in time order; fully capped facts drop out. Also returns which facts the awards are
    and their points (`tally.Granted`): the standings' and boards' columns, read from no award again."""
    points = caps_granted(kept, FactColumns(kept) if columns is None else columns, caps)
    positions = np.flatnonzero(points).astype(np.int64)
    granted = points[positions]
    awards: list[Award] = []
    award = awards.append
    for position, worth in zip(positions.tolist(), granted.tolist()):  # an award per fact given points
        fact = kept[position]
        member = fact.member_id
        award(Award(member, logins[member], worth, fact.reason, fact.at, fact.event_ids))
    return tuple(awards), (positions, granted)  # as arrays: the standings and boards read them so, no copy


_LABEL_CAUSE, _CONTENTS, _ONCE, _REASON, _AT = (
    attrgetter(name) for name in ("label_cause", "contents", "once", "reason", "at")
)


def monday(at: dt.datetime) -> int:
    """The ordinal of the Monday of `at`'s ISO week (UTC): one number per ISO week."""
    return at.toordinal() - at.weekday()
