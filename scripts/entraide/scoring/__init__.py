"""The scoring core: (community, events, as_of) -> Ledger. Pure: no files, no clock, no network.

Stages, each linear in events:
  threads    one pass indexing threads (authors, labels, heads, approvals, moderation flags);
  facts      what each event would earn, with the event ids behind it;
  integrity  moderation and label removals revoke, one award per challenge, kudos quota, caps;
  progress   points, levels, badges with their day, streaks;  boards  leaderboards per window.
Reasons written into awards: challenge:<slug>, review, comment, answer, accepted_answer, kudos,
first_contribution, event_attendance, feedback. Revocation causes: moderation:<label>[,<label>],
label_removed:question, label_removed:event, deleted, review_dismissed, deadline:<date>,
prerequisites_pending:<slugs>, prerequisites_refused:<slugs> (see `acceptance`).
"""

from __future__ import annotations

import datetime as dt
import json
from bisect import bisect_left
from collections.abc import Iterable
from operator import attrgetter

from entraide.content.models import Community, Member, Role, Rules
from entraide.events.dates import up_to
from entraide.events.model import Event
from entraide.events.store import in_store_order, sort_key, utc
from entraide.scoring import acceptance, integrity
from entraide.scoring.boards import leaderboards
from entraide.scoring.columns import FactColumns
from entraide.scoring.fact import Fact
from entraide.scoring.facts import Accepted, Scope, facts
from entraide.scoring.model import Award, Ledger, Revocation
from entraide.scoring.progress import standings
from entraide.scoring.threads import Index, build_index

MODERATORS = (Role.mentor, Role.maintainer)


def score(community: Community, events: Iterable[Event], *, as_of: dt.date) -> Ledger:
    """Every award, revocation, standing and leaderboard from the events up to the end of `as_of` (UTC)."""
    history = _history(events, as_of=as_of)
    rules = community.rules
    scope = Scope(
        community,
        build_index(
            history,
            moderator_ids=_moderators(community.members),
            moderation_labels=frozenset(label.casefold() for label in rules.moderation_labels),
        ),
    )
    accepted: Accepted = {}
    acceptance.acceptances(scope, accepted)
    moderated: list[Fact] = []  # the facts a moderation label may revoke: the others are not compared
    earned = facts(history, scope, accepted, moderated)  # in `Fact.order`, acceptances among them: no sort
    del accepted
    kept, revoked = integrity.moderate(earned, scope.index, presorted=True, moderated=moderated)
    del moderated
    del earned
    scope.index = Index()  # the threads are read no more: freed before the ledger is built (~60 MB at 1M events)
    kept, revoked = integrity.once(kept, revoked)
    kept, refused = acceptance.gate(kept, challenges=scope.challenges, rules=rules.acceptance)
    revoked += [integrity.Revoked(*item) for item in refused]
    kept = integrity.kudos_quota(kept, rules.caps)
    columns = FactColumns(kept)  # no fact is dropped past this point: read once for the caps, standings, boards
    awards, granted = integrity.apply_caps(
        kept, rules.caps, {member_id: m.login for member_id, m in scope.members.items()}, columns
    )
    return Ledger(
        as_of=as_of,
        awards=awards,
        revoked=tuple(
            Revocation(award=_award(item.fact, item.fact.points, scope), cause=item.cause, event_ids=item.event_ids)
            for item in revoked
            if item.fact.points > 0
        ),
        standings=tuple(
            standings(
                community.members,
                kept=kept,
                awards=awards,
                rules=rules,
                challenges=scope.challenges,
                as_of=as_of,
                granted=granted,
                columns=columns,
            )
        ),
        leaderboards=leaderboards(
            _on_boards(awards, rules, as_of), community.members, rules=rules, as_of=as_of, granted=(columns, granted)
        ),
    )


def _on_boards(awards: tuple[Award, ...], rules: Rules, as_of: dt.date) -> tuple[Award, ...]:
    """Leaderboards count final points only, unless the rules say both final and pending."""
    if rules.acceptance.boards == "both":
        return awards
    since = acceptance.pending_since(as_of, rules.acceptance)  # awards are held in UTC: before the next midnight
    limit = dt.datetime.combine(since + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    return awards[: bisect_left(awards, limit, key=_AT)]  # in time order: the ones before `limit` lead


_AT = attrgetter("at")


def ledger_json(ledger: Ledger) -> str:
    """The ledger as deterministic JSON: same ledger, same bytes."""
    return json.dumps(ledger.model_dump(mode="json"), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _history(events: Iterable[Event], *, as_of: dt.date) -> tuple[Event, ...]:
    """Events up to `as_of`, deduplicated by id, in (at, id) order whatever order they came in."""
    if isinstance(events, tuple) and in_store_order(events):  # as the store loads them: cut, no copy
        return up_to(events, dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC))
    unique: dict[str, Event] = {}
    for event in sorted(events, key=sort_key):
        if utc(event.at).date() <= as_of:
            unique.setdefault(event.id, event)
    return tuple(unique.values())


def _moderators(members: Iterable[Member]) -> frozenset[int]:
    return frozenset(member.id for member in members if member.role in MODERATORS)


def _award(fact: Fact, points: int, scope: Scope) -> Award:
    return Award(fact.member_id, scope.members[fact.member_id].login, points, fact.reason, fact.at, fact.event_ids)
