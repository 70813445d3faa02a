"""Facts made in `Fact.order` as the events are walked, instead of sorted afterwards.

The events come in (moment, id) order, each id once, and most facts name their event alone: the facts of
one event share its moment and ids, and those of two events at one moment are in the order of the events'
ids. So `facts` writes each event's facts in the order of their reasons and members, and `Fact.order`
holds without a sort, but where a fact names two events: a first contribution (the PR's opening, then its
merge) and a challenge acceptance (the opening, then the approving review, written beside that review's
own fact). Where such a group shares its moment with the fact before or after it (`facts` compares the
moments as it writes them), the run of that moment is sorted: a few thousand facts at a million events,
instead of a key per fact and a check of the hundred thousand facts that share the moment before theirs.
"""

from __future__ import annotations

from operator import attrgetter

from entraide.scoring.fact import ORDER, Fact


def ordered_team(given: list[Fact]) -> list[Fact]:
    """A review's acceptances (a team's members share its moment and ids) in the order of their members:
    stable, equal members keep their order, as a stable sort by `Fact.order` would."""
    return sorted(given, key=_MEMBER) if len(given) > 1 else given


def beside(found: list[Fact], start: int, given: list[Fact]) -> None:
    """Write a review's acceptances beside its own fact (`found[start:]`, none when the review earns its
    author nothing): before it when their ids come first, as `Fact.order` compares them (same moment)."""
    if len(found) > start and given[0].event_ids < found[start].event_ids:
        found[start:start] = given
    else:
        found += given


def settle(found: list[Fact], tied: list[int]) -> None:
    """Put in `Fact.order` the runs of one moment around the positions `tied` (increasing), where a group
    naming two events meets another group: a stable sort of each run (facts equal in the order keep
    theirs). Every other run is in order already (see above)."""
    done, end = 0, len(found)
    for position in tied:
        if position < done:
            continue
        moment = found[position].at
        start, stop = position, position + 1
        while start > 0 and found[start - 1].at == moment:
            start -= 1
        while stop < end and found[stop].at == moment:
            stop += 1
        found[start:stop] = sorted(found[start:stop], key=ORDER)
        done = stop


_MEMBER = attrgetter("member_id")
