"""The community as scoring sees it: who can earn, who moderates, what challenges exist, with the
index of its threads. Read by `facts` once per event (the earner of an account) and by `acceptance`."""

from __future__ import annotations

from dataclasses import dataclass, field

from entraide.content.models import Challenge, Community, Member, Points, Track
from entraide.events.model import Event
from entraide.scoring.threads import Index


@dataclass
class Scope:
    """The community as scoring sees it: who can earn, who moderates, what challenges exist."""

    community: Community
    index: Index
    members: dict[int, Member] = field(init=False)  # by GitHub id: a renamed login still matches
    by_login: dict[str, Member] = field(init=False)  # casefolded current login, for kudos targets
    challenges: dict[str, Challenge] = field(init=False)
    tracks: dict[str, Track] = field(init=False)
    track_mentors: dict[str, frozenset[str]] = field(init=False)  # casefolded logins listed per track
    points: Points = field(init=False)
    # (id, login, type) of an account -> the member it earns as: the answer depends on the account alone,
    # so it is worked out once per account instead of once per event
    earners: dict[tuple[int | None, str | None, str | None], Member | None] = field(init=False)

    def __post_init__(self) -> None:
        bots = {login.casefold() for login in self.community.rules.bots}
        eligible = [m for m in self.community.members if m.login.casefold() not in bots]
        self.members = {m.id: m for m in eligible}
        self.by_login = {m.login.casefold(): m for m in eligible}
        self.challenges = {c.slug: c for c in self.community.challenges}
        self.tracks = {t.id: t for t in self.community.rules.tracks}
        self.track_mentors = {t.id: frozenset(login.casefold() for login in t.mentors) for t in self.tracks.values()}
        self.points = self.community.rules.points
        self.earners = {}

    def earner(self, event: Event) -> Member | None:
        """The member behind a human event; None for bots, deleted accounts and non-members."""
        account = (event.actor_id, event.actor_login, event.actor_type)
        try:
            return self.earners[account]
        except KeyError:
            member = self.members.get(event.actor_id)  # type: ignore[arg-type]
            found = None if member is None or event.actor_login is None or event.is_bot else member
            self.earners[account] = found
            return found
