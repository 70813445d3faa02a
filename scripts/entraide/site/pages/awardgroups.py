"""Each public member's standing awards, as the open ledger and the profiles read them.

Both put every award in its member's list: a dict read, a membership test and an append per award, half a
million awards at a million events, twice a build. Here the member ids are read in C, sorted with numpy
(stably: each member's awards keep the ledger's order), and each member's list is one slice of the awards
laid out member after member.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence

import numpy as np

from entraide.scoring.model import Award, Ledger
from entraide.site.pages.common import live_awards

_MEMBER = operator.attrgetter("member_id")


def public_awards(ledger: Ledger, public: Mapping[int, object]) -> dict[int, list[Award]]:
    """`awards_by_member(live_awards(ledger), public)`, a dict of the caller's own (the lists are shared:
    nobody changes them). The profiles and the open ledger both ask, in one process at ten million
    events: the last answer is kept (a place per award) with the ledger and the members it was for."""
    members = frozenset(public)
    if not (_LAST and _LAST[0][0] is ledger and _LAST[0][1] == members):
        _LAST[:] = [(ledger, members, awards_by_member(live_awards(ledger), public))]
    return dict(_LAST[0][2])


_LAST: list[tuple[Ledger, frozenset[int], dict[int, list[Award]]]] = []


def awards_by_member(awards: Sequence[Award], public: Mapping[int, object]) -> dict[int, list[Award]]:
    """{member id: their awards, in the order given} for the members in `public`, members in the order of
    their first award: the dict `setdefault(award.member_id, []).append(award)` fills, award by award."""
    if not awards or not public:
        return {}
    ids = np.fromiter(map(_MEMBER, awards), np.int64, len(awards))
    wanted = np.fromiter(public, np.int64, len(public))
    positions = np.flatnonzero(np.isin(ids, wanted))
    if not len(positions):
        return {}
    order = np.argsort(ids[positions], kind="stable")
    grouped = ids[positions][order]
    starts = np.flatnonzero(np.concatenate(([True], grouped[1:] != grouped[:-1])))
    ends = np.append(starts[1:], len(grouped)).tolist()
    laid_out = list(map(awards.__getitem__, positions[order].tolist()))
    firsts = positions[order[starts]]  # each member's first award: the dict's order
    found: dict[int, list[Award]] = {}
    begins, members = starts.tolist(), grouped[starts].tolist()
    for group in np.argsort(firsts, kind="stable").tolist():
        found[members[group]] = laid_out[begins[group] : ends[group]]
    return found
