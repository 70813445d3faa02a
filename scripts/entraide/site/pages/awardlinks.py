"""Where an award's points come from (the GitHub issue, pull request or discussion of its last known event)
and whether they are still « en attente de validation »: what the open ledger and every profile show beside
each award. `AwardLinks` holds what every award of a build shares (the events behind the awards, the
repository, the last day whose awards are final), so that each award costs a lookup and a comparison.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from entraide.events.model import Event
from entraide.scoring.model import Award
from entraide.site.context import SiteContext

SUBJECT_PATHS = {"pull": "pull", "issue": "issues", "discussion": "discussions"}  # GitHub's folder of each


class AwardLinks:
    """The links and review states of one build's awards; `events`: at least the events behind them."""

    def __init__(self, ctx: SiteContext, *, events: Mapping[str, Event]) -> None:
        self._events = events
        self._repository = ctx.community.rules.repository
        # Still in the review window at the site's date: day + window > as_of, i.e. day > as_of - window.
        self.last_final = ctx.as_of - dt.timedelta(days=ctx.community.rules.acceptance.review_window_days)

    def pending(self, award: Award) -> bool:
        """Still in the review window at the site's date: « en attente de validation »."""
        return award.at.date() > self.last_final

    def link(self, award: Award) -> str | None:
        """The GitHub item behind the award (its last event), if the repository is known."""
        ids = award.event_ids
        event = self._events.get(ids[-1]) if ids else None  # nearly always its last event (one, mostly)
        if event is None:
            for event_id in reversed(ids[:-1]):
                event = self._events.get(event_id)
                if event is not None:
                    break
            else:
                return None
        repository = self._repository if event.repo is None else event.repo
        if repository is None:
            return None
        return f"https://github.com/{repository}/{SUBJECT_PATHS[event.subject_type]}/{event.subject}"
