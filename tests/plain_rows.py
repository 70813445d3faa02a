"""« Ce qui aide »'s rows and the cohorts' counts read plainly, one learner at a time: the readings that
`kpis.effects.rows` (`kpis.exposed`, `kpis.outcomes`) and `kpis.cohorts` make for every learner at once,
written as the definitions say, for the tests to compare both on random histories."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from entraide.content.models import Cohort, Exposure, Member, Outcome, Role
from entraide.events.model import EventKind
from entraide.events.questions import is_question
from entraide.kpis.cohorts import Accepted, ActiveDays, acceptances, last_quarter
from entraide.kpis.effects import EARLY_CAP, Row
from entraide.kpis.history import History, at_of
from entraide.scoring.model import Ledger


@dataclass
class Index:
    """What the plain reading (`exposure`, `outcome`, one learner at a time) reads, indexed once over the
    history; `rows` reads every learner at once from the windows' events instead (`kpis.exposed`), and
    the tests compare both."""

    history: History
    opened: dict[int, list[tuple[dt.datetime, str, int]]] = field(default_factory=lambda: defaultdict(list))
    kudos: dict[str, list[tuple[dt.datetime, int | None]]] = field(default_factory=lambda: defaultdict(list))
    ratings: dict[int, list[tuple[dt.date, int]]] = field(default_factory=lambda: defaultdict(list))
    accepted: dict[int, dict[str, dt.date]] = field(default_factory=dict)
    attended: dict[int, list[dt.date]] = field(default_factory=lambda: defaultdict(list))

    @property
    def days(self) -> dict[int, list[dt.date]]:
        return self.history.days

    @functools.cached_property
    def learners(self) -> set[int]:
        return self.history.learner_ids()

    @functools.cached_property
    def now(self) -> dt.datetime:
        return self.history.now

    @functools.cached_property
    def day_after(self) -> dt.date:
        """The day after as_of: a window ending later is not over."""
        return self.history.as_of + _days(1)

    def replies(self, thread: tuple[str, int]) -> Iterator[tuple[dt.datetime, int]]:
        """(when, who) of each reply in the thread with a known author, in time order."""
        return ((at_of(e), e.actor_id) for e in self.history.replies.get(thread, ()) if e.actor_id is not None)


def build_index(history: History, *, ledger: Ledger | None, accepted: Accepted | None = None) -> Index:
    index = Index(history, accepted=dict(acceptances(ledger) if accepted is None else accepted))
    learners = index.learners  # only learners have rows: the others' threads are never asked for
    opened, received = index.opened, index.kudos  # bound once: read for every opening and kudos
    for (subject_type, number), opening in history.openings.items():
        actor = opening.actor_id
        if actor in learners:
            opened[actor].append((opening.at, subject_type, number))
    for event, given in history.kudos_given:  # the replies (REPLY_KINDS) giving kudos
        at, giver = at_of(event), event.actor_id  # once per reply, not once per kudos
        for kudos in given:
            received[kudos.login.casefold()].append((at, giver))
    for event, value in history.ratings:
        if event.actor_id is not None:
            index.ratings[event.actor_id].append((at_of(event).date(), value))
    issues = {item.issue for item in history.community.rules.agenda if item.issue}
    for event in history.of_kinds(EventKind.issue_comment, EventKind.reaction) if issues else ():
        if event.subject in issues and event.actor_id is not None and event.at_home and event.subject_type == "issue":
            index.attended[event.actor_id].append(at_of(event).date())
    for found in index.opened.values():
        found.sort()
    return index


def first_day(member: Member, cohort: Cohort) -> dt.date:
    return max(cohort.start, member.joined)


def _week_start(cohort: Cohort, week: int) -> dt.date:
    return cohort.start + _days(7 * (week - 1))


@functools.cache
def _days(count: int) -> dt.timedelta:
    return dt.timedelta(days=count)  # a few distinct windows, asked for every learner


@functools.cache
def _hours(count: int) -> dt.timedelta:
    return dt.timedelta(hours=count)


# --------------------------------------------------------------------------- exposures


def exposure(definition: Exposure, member: Member, start: dt.date, index: Index) -> bool | None:
    """Did it happen in [start, start + days)? None while the window is not over, or when it could not."""
    end = start + _days(definition.days)
    if end > index.day_after:
        return None
    if definition.kind == "quick_answer":
        return _quick_answer(member, start, end, index, hours=definition.hours)
    if definition.kind == "peer_help":
        return _peer_help(member, start, end, index)
    if definition.kind == "kudos_received":
        return any(
            giver != member.id and start <= at.date() < end
            for at, giver in index.kudos.get(member.login.casefold(), ())
        )
    return _attended(member, start, end, index)


def _peer_help(member: Member, start: dt.date, end: dt.date, index: Index) -> bool:
    """Another learner commented on, reviewed or answered one of the learner's own threads."""
    learners, replies, member_id = index.learners, index.history.replies, member.id
    for _, subject_type, number in index.opened.get(member_id, ()):
        for reply in replies.get((subject_type, number), ()):
            actor = reply.actor_id
            if actor != member_id and actor in learners:
                at = reply.at  # `at_of`, without a call per reply
                if start <= (at if at.tzinfo else at_of(reply)).date() < end:
                    return True
    return False


def _quick_answer(member: Member, start: dt.date, end: dt.date, index: Index, *, hours: int) -> bool | None:
    """The learner's first question in the window had a reply from someone else within `hours`."""
    for at, subject_type, number in index.opened.get(member.id, ()):
        if not start <= at.date() < end or not is_question(index.history.openings[(subject_type, number)].event):
            continue
        deadline = at + _hours(hours)
        if deadline > index.now:
            return None
        replies = index.replies((subject_type, number))
        return any(actor != member.id and at < when <= deadline for when, actor in replies)
    return None


def _attended(member: Member, start: dt.date, end: dt.date, index: Index) -> bool:
    """Commented or reacted on the issue of an event of the agenda, in the window."""
    return any(start <= day < end for day in index.attended.get(member.id, ()))


# --------------------------------------------------------------------------- outcomes


def outcome(definition: Outcome, member: Member, cohort: Cohort, index: Index, *, after: dt.date) -> float | None:
    """The outcome's value for this learner, or None when it cannot be observed yet. `after`: the end of the
    exposure's window; a late joiner whose window ends after week `week` starts is left out of that
    comparison (being active then could cause the exposure as much as follow it)."""
    as_of = index.history.as_of
    if definition.kind == "active_from_week":
        first = _week_start(cohort, definition.week)
        if as_of < first + _days(6) or cohort.end < first or after > first:
            return None  # not observable yet, or the exposure's window runs into the weeks measured
        days = index.days.get(member.id, [])
        found = bisect.bisect_left(days, first)
        return float(found < len(days) and days[found] <= min(cohort.end, as_of))
    if definition.kind == "completed_required":
        if as_of < cohort.end or not cohort.required_challenges:
            return None
        done = index.accepted.get(member.id, {})
        return float(all(done.get(slug, dt.date.max) <= cohort.end for slug in cohort.required_challenges))
    answers = [value for day, value in index.ratings.get(member.id, ()) if after <= day <= cohort.end]
    return sum(answers) / len(answers) if answers else None


def reached_plainly(learners: list[int], cohort: Cohort, accepted: Accepted, by: dt.date) -> int:
    if not cohort.required_challenges:
        return 0
    return sum(
        1
        for member_id in learners
        if all(accepted.get(member_id, {}).get(slug, dt.date.max) <= by for slug in cohort.required_challenges)
    )


def dropped_plainly(cohort: Cohort, learners: list[int], active_days: ActiveDays) -> int:
    first, last = last_quarter(cohort)
    return sum(1 for member_id in learners if not active_between(active_days.get(member_id, []), first, last))


def active_between(days: list[dt.date], first: dt.date, last: dt.date) -> bool:
    """Any of the sorted `days` in [first, last]."""
    found = bisect.bisect_left(days, first)
    return found < len(days) and days[found] <= last


def rows_plainly(history: History, the_ledger: Ledger | None) -> tuple[Row, ...]:
    """The rows as `effects.rows` read them one learner at a time, from `build_index`."""
    rules = history.community.rules.effects
    index = build_index(history, ledger=the_ledger)
    cohorts = {c.id: c for c in history.community.rules.cohorts if c.start <= history.as_of}
    found = []
    for member in sorted(history.members.values(), key=lambda m: m.id):
        if member.role is not Role.learner or member.cohort not in cohorts:
            continue
        cohort = cohorts[member.cohort]
        start = first_day(member, cohort)
        first, last = (
            dt.datetime.combine(start + dt.timedelta(days=d), dt.time(), dt.UTC) for d in (0, rules.early_days)
        )
        early = sum(1 for at, _, _ in index.opened.get(member.id, ()) if first <= at < last)
        exposed = {x.id: exposure(x, member, start, index) for x in rules.exposures}
        outcomes = {
            (x.id, o.id): outcome(o, member, cohort, index, after=start + dt.timedelta(days=x.days))
            for x in rules.exposures
            for o in rules.outcomes
        }
        found.append(Row(cohort.id, min(early, EARLY_CAP), exposed, outcomes))
    return tuple(found)
