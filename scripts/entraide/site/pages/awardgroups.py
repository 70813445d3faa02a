"""Each public member's standing awards, as the open ledger and the profiles read them: the same groups,
worked out once per ledger when both render in one process (at ten million events).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from entraide.scoring.model import Award, Ledger
from entraide.site.pages.common import live_awards


def public_awards(ledger: Ledger, public: Mapping[int, object]) -> dict[int, list[Award]]:
    """`awards_by_member(live_awards(ledger), public)`, a dict of the caller's own (the lists are shared:
    nobody changes them). The profiles and the open ledger both ask, in one process at ten million
    events: the last answer is kept (a place per award) with the ledger and the members it was for."""
    members = frozenset(public)
    if not (_LAST and _LAST[0][0] is ledger and _LAST[0][1] == members):
        _LAST[:] = [(ledger, members, awards_by_member(live_awards(ledger), public))]
    return dict(_LAST[0][2])


_LAST: list[tuple[Ledger, frozenset[int], dict[int, list[Award]]]] = []


def awards_by_member(awards: Iterable[Award], public: Mapping[int, object]) -> dict[int, list[Award]]:
    """{member id: their awards, in the order given} for the members in `public`, members in the order of
    their first award. One plain pass: grouping with numpy (ids read in C, a stable sort, a slice each) cost
    0.15 s at a million events against 0.09 s for this loop."""
    found: dict[int, list[Award]] = {}
    for award in awards:
        if award.member_id in public:
            found.setdefault(award.member_id, []).append(award)
    return found
