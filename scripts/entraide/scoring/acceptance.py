"""Challenge acceptance: who may accept a submission, and what its deadline and prerequisites allow.

A challenge PR is accepted by the earliest approval of its head commit by someone who may accept it: a
mentor (or maintainer) listed for the challenge's track, or any mentor when the track lists none or says
`any_mentor`; never its author. An approval later dismissed accepts nothing: the acceptance it gave is
listed as revoked (cause `review_dismissed`).

Then `gate` applies the challenge's rule (`acceptance:` in entraide.yml, per challenge or by default):
  deadline       approved after `closes`: refused (cause `deadline:<closes>`), or accepted for a share of
                 the points;
  prerequisites  some not accepted: the acceptance is held until they are (it counts from the day the
                 last one is accepted; until then cause `prerequisites_pending:<slugs>`), or refused
                 (cause `prerequisites_refused:<slugs>`) when they were not accepted by the approval.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from itertools import compress, repeat
from operator import attrgetter, is_not

import msgspec

from entraide.content.models import Acceptance, Challenge, ChallengeRule, Member, Role, Track
from entraide.events.model import Event
from entraide.events.store import utc
from entraide.scoring.fact import ORDER, Fact
from entraide.scoring.facts import Accepted
from entraide.scoring.integrity import placed
from entraide.scoring.model import Reason
from entraide.scoring.ordering import ordered_team
from entraide.scoring.scope import Scope
from entraide.scoring.threads import Thread, ThreadKey, fields


def acceptances(scope: Scope, by_review: Accepted | None = None) -> list[Fact]:
    """One fact per challenge PR with an accepting approval (kept) or only dismissed ones (revoked); also
    written into `by_review` (the review's id -> its facts, in the order of their members) when given."""
    found: list[Fact] = []
    # (reviewer's account, challenge) -> the reviewer's member id when they may accept it, else None: a few
    # mentors review many PRs, each (account, challenge) settled once (`Scope.earner`, `may_accept`)
    reviewers: dict[tuple[object, ...], int | None] = {}
    # what each challenge's acceptances read of it, read once (a model's field costs a lookup in its dict)
    plans = {slug: (c, c.team, _reason(c.slug), c.points) for slug, c in scope.challenges.items()}
    members = scope.members
    for thread in scope.index.submissions.values():  # the others name no challenge
        approvals, dismissals, head = thread.approvals, thread.dismissed, thread.head_sha
        if head is None or (not approvals and not dismissals):  # no review that could accept: nothing to look up
            continue
        plan = plans.get(thread.challenge) if thread.challenge else None
        author = members.get(thread.author_id) if thread.author_id is not None else None
        if plan is None or author is None:
            continue
        challenge, team, reason, points = plan
        # the members it awards, worked out once per submission: the author alone for a solo challenge
        ids = tuple(member.id for member in team_of(thread, author, challenge, scope)) if team else (author.id,)
        approval = _first(approvals, head, ids, challenge, scope, reviewers)
        dismissed = _first(dismissals, head, ids, challenge, scope, reviewers) if approval is None else None
        review = approval or dismissed
        if review is None:
            continue
        # `_accepted` of each member, inline: what they share is made once
        at = review.at if review.at.tzinfo is dt.UTC else utc(review.at)
        event_ids, slug = (thread.opened_id, review.id), challenge.slug
        cause = ("review_dismissed", (dismissed.id,)) if dismissed is not None else None
        given = [Fact(member_id, reason, points, at, event_ids, "accepted_challenges", review.actor_id,  # type: ignore[arg-type]
                      thread.own, False, ("challenge", member_id, slug), cause, slug) for member_id in ids]  # fmt: skip
        found += given
        if by_review is not None:
            by_review[review.id] = ordered_team(given)
    return found


def team_of(thread: Thread, author: Member, challenge: Challenge, scope: Scope) -> list[Member]:
    """Who a submission's acceptance awards: its author, and for a team challenge the co-authors (trailers)
    and the members of the team file of its folder who are members (each once, at most `team_size` in all,
    the author first; the others in login order)."""
    if not challenge.team:
        return [author]
    logins = thread.team + team_file(challenge.slug, author.login, scope.community.teams)
    others = [scope.by_login.get(login.casefold()) for login in logins]
    team = [author] + sorted({m.id: m for m in others if m and m.id != author.id}.values(), key=lambda m: m.login)
    return team[: challenge.team_size]


def team_file(slug: str, login: str, teams: tuple[tuple[str, str, tuple[str, ...]], ...]) -> tuple[str, ...]:
    """The members of the team file of the author's folder for `slug`, or else of the first folder (by name)
    whose team file lists the author; () when none. The file read now counts for past acceptances too."""
    login = login.casefold()
    mine = [members for challenge, folder, members in teams if challenge == slug and login in members]
    own = [members for challenge, folder, members in teams if challenge == slug and folder == login]
    return (own or mine or [()])[0]


def _first(
    reviews: tuple[Event, ...],
    head: str,
    team: tuple[int, ...],
    challenge: Challenge,
    scope: Scope,
    reviewers: dict[tuple[object, ...], int | None],
) -> Event | None:
    """The earliest of `reviews` that accepts: given on the PR's head commit by someone who may accept the
    challenge and is not one of the `team` (member ids) it awards."""
    slug = challenge.slug
    for review in reviews:
        payload = review.payload
        if payload.__class__ is dict:
            payload = fields(payload)
        # `review.commit_id` read straight from the payload: a value that is not text never equals the head
        if getattr(payload, "commit_id", None) != head:
            continue
        account = (review.actor_id, review.actor_login, review.actor_type, slug)
        try:
            reviewer = reviewers[account]
        except KeyError:  # an account not seen yet with this challenge
            member = scope.earner(review)
            may = member is not None and may_accept(member, challenge, scope)
            reviewer = reviewers[account] = member.id if may and member is not None else None
        if reviewer is not None and reviewer not in team:
            return review
    return None


def _accepted(
    review: Event, key: ThreadKey, thread: Thread, author: Member, challenge: Challenge, *, dismissed: Event | None
) -> Fact:
    slug = challenge.slug
    return Fact(  # positional, in `Fact`'s field order: built once per accepted submission
        author.id,
        _reason(slug),
        challenge.points,
        review.at if review.at.tzinfo is dt.UTC else utc(review.at),
        (thread.opened_id, review.id),  # type: ignore[arg-type]
        "accepted_challenges",
        review.actor_id,
        thread.own,
        False,  # capped
        ("challenge", author.id, slug),  # once
        ("review_dismissed", (dismissed.id,)) if dismissed is not None else None,  # label_cause
        slug,  # challenge
    )


@functools.cache
def _reason(slug: str) -> str:
    """ "challenge:<slug>", one string per challenge for all its awards."""
    return str(Reason.challenge(slug))


def may_accept(reviewer: Member, challenge: Challenge, scope: Scope) -> bool:
    """A mentor or maintainer listed for the challenge's track; any mentor when the track allows it.
    Maintainers not listed merge; they do not accept."""
    if reviewer.role is Role.learner:
        return False
    listed = reviewer.login.casefold() in track_reviewers(challenge, scope)
    return listed or (reviewer.role is Role.mentor and _open_track(challenge, scope))


def reviewers(challenge: Challenge, members: tuple[Member, ...], tracks: dict[str, Track]) -> tuple[str, ...]:
    """The logins who may accept a submission to `challenge` (what the PR check and the bot tell the
    learner): the track's listed mentors and maintainers, and every mentor when the track is open."""
    track = tracks.get(challenge.track)
    listed = frozenset(login.casefold() for login in track.mentors) if track else frozenset()
    open_track = track is None or track.any_mentor or not track.mentors
    return tuple(
        sorted(
            m.login
            for m in members
            if m.role is not Role.learner and (m.login.casefold() in listed or (open_track and m.role is Role.mentor))
        )
    )


def track_reviewers(challenge: Challenge, scope: Scope) -> frozenset[str]:
    """The casefolded logins of the mentors listed for the challenge's track (read once per scoring)."""
    return scope.track_mentors.get(challenge.track, _NOBODY)


_NOBODY: frozenset[str] = frozenset()


def _open_track(challenge: Challenge, scope: Scope) -> bool:
    track = scope.tracks.get(challenge.track)
    return track is None or track.any_mentor or not track.mentors


# --------------------------------------------------------------------------- deadlines and prerequisites

Refusal = tuple[Fact, str, tuple[str, ...]]


def gate(kept: list[Fact], *, challenges: dict[str, Challenge], rules: Acceptance) -> tuple[list[Fact], list[Refusal]]:
    """Kept facts (in `Fact.order`) with each challenge acceptance judged by its rule, and the acceptances
    refused or held. Still in order: re-sorted only when an acceptance held for its prerequisites moved."""
    accepting = list(compress(range(len(kept)), map(is_not, map(_CHALLENGE, kept), repeat(None))))  # found in C
    accepted = list(map(kept.__getitem__, accepting))
    by_member: dict[int, dict[str, Fact]] = defaultdict(dict)
    for fact in accepted:
        by_member[fact.member_id].setdefault(fact.challenge, fact)  # type: ignore[arg-type]
    judged: dict[int, Fact | None] = {}  # id of an acceptance -> what its rule made of it
    refused: list[Refusal] = []
    moved = False  # an acceptance held until a later moment
    plans = plans_of(challenges, rules)
    for member_facts in by_member.values():
        judge = _Judge(member_facts, challenges=challenges, rules=rules, plans=plans)
        for slug, fact in member_facts.items():
            judged[id(fact)] = judge.settle(slug, ())
        refused += judge.refused
        moved = moved or judge.held
    # Most acceptances stand as they are: only the positions whose verdict differs are rewritten (in C),
    # and the list is copied only when one does; refused or held back ones (None, or not judged: a second
    # acceptance of one challenge) are left out.
    verdicts = list(map(judged.get, map(id, accepted)))
    changed = list(compress(range(len(accepting)), map(is_not, verdicts, accepted)))
    if not changed:
        return (sorted(kept, key=ORDER) if moved else kept), refused
    result: list[Fact] = list(kept)
    keep = bytearray(b"\x01") * len(kept)
    for at in changed:
        position, verdict = accepting[at], verdicts[at]
        if verdict is None:
            keep[position] = 0
        else:
            result[position] = verdict
    if moved:  # only the rewritten acceptances may be out of order: put in their places, no sort of all
        return placed(result, keep, [accepting[at] for at in changed if verdicts[at] is not None]), refused
    return list(compress(result, keep)), refused


_CHALLENGE = attrgetter("challenge")


class _Judge:
    """One member's acceptances, settled in prerequisite order (cycles are refused by `check`)."""

    def __init__(
        self, facts: dict[str, Fact], *, challenges: dict[str, Challenge], rules: Acceptance, plans: Plans | None = None
    ) -> None:
        self.facts = facts
        self.plans = plans if plans is not None else plans_of(challenges, rules)
        self.done: dict[str, Fact | None] = {}
        self.refused: list[Refusal] = []
        self.held = False  # an acceptance moved to the moment its last prerequisite was accepted

    def settle(self, slug: str, path: tuple[str, ...]) -> Fact | None:
        if slug not in self.done:
            fact = self.facts.get(slug)
            self.done[slug] = None if fact is None or slug in path else self._judge(fact, path + (slug,))
        return self.done[slug]

    def _judge(self, fact: Fact, path: tuple[str, ...]) -> Fact | None:
        closes, prerequisites, rule = self.plans[str(fact.challenge)]
        if closes is None and not prerequisites:  # most challenges: nothing to judge
            return fact
        if closes is not None and fact.at.date() > closes:
            if rule.late == "refuse":
                return self._refuse(fact, f"deadline:{closes.isoformat()}")
            fact = msgspec.structs.replace(fact, points=round(fact.points * rule.late_share))
        if rule.prerequisites == "refuse":
            met = {slug: self.settle(slug, path) for slug in prerequisites}
            missing = sorted(slug for slug, got in met.items() if got is None)
            missing += sorted(slug for slug, got in met.items() if got is not None and got.at > fact.at)
            return self._refuse(fact, "prerequisites_refused:" + ",".join(missing)) if missing else fact
        # held until the last prerequisite is accepted: one loop, no comprehension or generator per acceptance
        pending, held = [], fact.at
        for slug in dict.fromkeys(prerequisites):  # each once, settled in the order they are listed
            got = self.settle(slug, path)
            if got is None:
                pending.append(slug)
            elif got.at > held:
                held = got.at
        if pending:
            return self._refuse(fact, "prerequisites_pending:" + ",".join(sorted(pending)))
        if held is fact.at:
            return fact
        self.held = True
        return msgspec.structs.replace(fact, at=held)

    def _refuse(self, fact: Fact, cause: str) -> Fact | None:
        """Record the refusal; the acceptance it stood for counts as not given (None)."""
        self.refused.append((fact, cause, fact.event_ids))
        return None


Plans = dict[str, tuple[dt.date | None, tuple[str, ...], ChallengeRule]]  # slug -> (closes, prerequisites, rule)


def plans_of(challenges: dict[str, Challenge], rules: Acceptance) -> Plans:
    """What judging each challenge's acceptances reads of it and of its rule, read once per challenge (a
    model's field costs a lookup in its dict, tens of thousands of acceptances at 1M events)."""
    return {slug: (c.closes, tuple(c.prerequisites), rules.rule(slug)) for slug, c in challenges.items()}


def pending_since(as_of: dt.date, rules: Acceptance) -> dt.date:
    """Points earned after this day are still in the review window at the end of `as_of`."""
    return as_of - dt.timedelta(days=rules.review_window_days)
