"""The kept facts' fields as columns, read once when the last rule that drops facts is done.

The caps, the standings' tally and the leaderboards each need some of the same fields of every kept fact
(half a million at 1M events): a pass reading one field of every fact costs ~30 ms, as the facts lie
scattered over the heap. Read here once and shared, instead of once per reader; the fields only the caps
read are read there, and dropped when they are done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from operator import attrgetter

import numpy as np
from numpy.typing import NDArray

from entraide.scoring.fact import Fact

Ints = NDArray[np.int64]
Flags = NDArray[np.bool_]


class FactColumns:
    """Member id (and code), moment, UTC day ordinal and badge metric of each fact."""

    def __init__(self, facts: Sequence[Fact]) -> None:
        count = len(facts)
        self.members: Ints = np.fromiter(map(_MEMBER, facts), np.int64, count)
        self.ats: list[dt.datetime] = list(map(_AT, facts))
        self.days: Ints = np.fromiter(map(dt.datetime.toordinal, self.ats), np.int64, count)  # facts are in UTC
        self.metrics: list[str | None] = list(map(_METRIC, facts))
        distinct, codes = np.unique(self.members, return_inverse=True)
        self.ids: Ints = distinct  # the members with a kept fact, sorted
        self.codes: Ints = codes.astype(np.int64)  # each fact's member, as its position in `ids`

    def __len__(self) -> int:
        return len(self.ats)


_MEMBER, _AT, _METRIC = attrgetter("member_id"), attrgetter("at"), attrgetter("metric")
