"""The acceptance message of a challenge: standing, badges, the rules that applied, what to take on next."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from entraide.bot.feedback import rules, text
from entraide.content.models import Challenge, Community, Member
from entraide.scoring.model import Award, Ledger, Standing


class AwardContext:
    """What every acceptance message of one run reads, indexed once (the run may announce hundreds)."""

    def __init__(self, community: Community, ledger: Ledger):
        self.community = community
        self.standings = {s.member_id: s for s in ledger.standings}
        self.members = {m.id: m for m in community.members}
        self.ledger = ledger
        self.language_of = text.reader_languages(community)  # each member in their profile's language
        self.approvals: dict[str, dt.datetime] = {}
        self._seen: Counter | None = None

    def seen_without(self, standing: Standing | None) -> Counter:
        """Who accepted what after what, across the other members (the recommender's co-occurrence)."""
        from entraide.insight.nextsteps import transitions

        if self._seen is None:
            self._seen = transitions(s.accepted for s in self.standings.values())
        return self._seen - transitions([standing.accepted]) if standing else self._seen

    def text(self, award: Award, challenge: Challenge, *, today: dt.date, approved: dt.datetime | None = None) -> str:
        standing = self.standings.get(award.member_id)
        accepted = standing.accepted if standing else (challenge.slug,)
        badges = [
            b.name
            for b in (standing.badges if standing else ())
            if b.challenge == challenge.slug or b.at == award.at.date()
        ]
        member = self.members.get(award.member_id)
        following = next_challenges(
            challenge,
            self.community,
            accepted=accepted,
            today=today,
            member=member,
            seen=self.seen_without(standing) if member else None,
        )
        applied = rules.notes(
            award,
            challenge,
            approved=approved,
            ledger=self.ledger,
            rules=self.community.rules.acceptance,
            language=self.language_of(award.member_id),
        )
        return text.award(
            award.login,
            challenge,
            points=award.points,
            badges=badges,
            level=standing.level if standing else None,
            total=standing.points if standing else None,
            next_challenges=following,
            language=self.language_of(award.member_id),
            notes=applied,
        )


def next_challenges(
    done: Challenge,
    community: Community,
    *,
    accepted: Iterable[str],
    today: dt.date,
    member: Member | None = None,
    seen: Counter | None = None,
    limit: int = 3,
) -> tuple[Challenge, ...]:
    """Open challenges of the same track not done yet whose prerequisites are all accepted; ranked by the
    next-steps recommender (track, level, cohort, interests, what others took next) when it knows the
    member, else by level."""
    accepted = tuple(dict.fromkeys((*accepted, done.slug)))
    candidates = [
        c
        for c in community.challenges
        if c.track == done.track
        and c.slug not in accepted
        and set(c.prerequisites) <= set(accepted)
        and (c.opens is None or c.opens <= today)
        and (c.closes is None or today <= c.closes)
    ]
    if member is None:
        return tuple(sorted(candidates, key=lambda c: (c.level, c.slug))[:limit])
    from entraide.insight.nextsteps import recommend

    by_slug = {c.slug: c for c in candidates}
    ranked = recommend(
        member,
        accepted=accepted,
        community=community,
        as_of=today,
        seen=seen or Counter(),
        limit=len(community.challenges),
    )
    return tuple([by_slug[step.challenge] for step in ranked if step.challenge in by_slug][:limit])
