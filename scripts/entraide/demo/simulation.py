"""A deterministic, realistic activity history for a community: the example's data/ and benchmarks.

`simulate(community, seed=S)` plays each cohort week by week. Learners start keen and slow down, some
drop out early, some mid-cohort, most finish; they submit challenges through pull requests that mentors
review (approved on the head commit, changes requested then approved on the new head, or approved on a
commit the learner then replaced), ask questions, answer each other in Q&A discussions, thank each other
with kudos, attend live events, fill pulse surveys. A bot comments, a mentor marks the odd spam, and an
account was deleted (its events have no actor). Same community and seed: same events, same ids.

No clock, and no files but the temporary runs of a large history's drafts (`demo.spill`: memory stays
bounded, whatever the size). Cost is linear in members: every learner plays a bounded number of threads
and picks peers at random by index, never by scanning the cohort.
"""

from __future__ import annotations

import datetime as dt
import random

from entraide.content.models import Community, Member, Role
from entraide.demo import flows, gatherings, truth
from entraide.demo.history import Actor, Cohort, History, Learner, Truth, actor_of, finish
from entraide.demo.spill import HELD
from entraide.events.model import Event


def simulate(
    community: Community, *, seed: int = 1, until: dt.date | None = None, known: Truth | None = None
) -> tuple[Event, ...]:
    """Events from each cohort's start to `until` (default: the end of the last cohort). With `known`,
    learners' exposure (the knob's) and their fate follow its knobs (see `demo.truth`)."""
    with play(community, seed=seed, until=until, known=known) as history:
        return finish(history)


def play(
    community: Community,
    *,
    seed: int = 1,
    until: dt.date | None = None,
    known: Truth | None = None,
    held: int = HELD,
) -> History:
    """The simulation's event drafts, not frozen yet (`history.stored_lines` streams them to the store), at
    most `held` of them in memory (`demo.spill`). Use it as `with play(...) as history:`, so that the drafts
    written to disk go whatever happens next; they go too if the simulation fails."""
    rules = community.rules
    until = until or max((c.end for c in rules.cohorts), default=dt.date(2026, 11, 27))
    history = History(seed, until, known, held=held)
    try:
        play_all(history, community)
    except BaseException:
        history.drafts.close()
        raise
    return history


def play_all(history: History, community: Community) -> None:
    """Every cohort, then the agenda's events and the opportunity board."""
    rules, known = community.rules, history.truth
    history.agenda_issue = next((i.issue for i in sorted(rules.agenda, key=lambda i: (i.start, i.id)) if i.issue), None)
    mentors = mentors_by_track(community)
    members = sorted(community.members, key=lambda m: m.login)  # the files' order must not matter
    everyone: list[Learner] = []
    for cohort in sorted(rules.cohorts, key=lambda c: (c.start, c.id)):
        learners = [enrol(history.rng, m, cohort) for m in members if m.role is Role.learner and m.cohort == cohort.id]
        if learners:
            play_cohort(history, cohort, learners, alumni=everyone, mentors=mentors, community=community)
            everyone += learners
    hosts = {m.login: actor_of(m) for m in community.members}
    gatherings.agenda(history, rules.agenda, everyone, hosts, mentors[None][0])
    if everyone and known is None:  # the effect studies' knobs draw every learner's activity themselves
        gatherings.opportunity_board(history, everyone, mentors[None][0])
    truth.quiet(history, everyone)


def play_cohort(
    history: History,
    cohort,
    learners: list[Learner],
    *,
    alumni: list[Learner],
    mentors: dict[str | None, list[Actor]],
    community: Community,
) -> None:
    """Some who finished an earlier cohort stay on to answer the newcomers' questions."""
    returning = [a for a in alumni if a.last_day >= a.first_day + dt.timedelta(days=60) and history.rng.random() < 0.3]
    for alumnus in returning:
        alumnus.last_day = max(alumnus.last_day, cohort.end)
    group = Cohort(learners, mentors, learners + returning)
    gatherings.welcome_thread(history, cohort, group)
    if history.truth:
        play_known(history, cohort, group, catalogue=community.challenges)
    else:
        for learner in learners:
            flows.learner_weeks(history, learner, cohort=cohort, group=group, catalogue=community.challenges)
    gatherings.pulse_surveys(history, cohort, group, community.rules.surveys)
    gatherings.deleted_account(history, group, cohort)


def play_known(history: History, cohort, group: Cohort, *, catalogue) -> None:
    """Everyone's first week, then every fate drawn (`demo.truth`), then the rest: peers picked later
    see the fates already drawn."""
    weeks = max(1, (cohort.end - cohort.start).days // 7) + 4
    opened = []
    for learner in group.learners:
        learner.last_day = max(learner.last_day, learner.first_day + dt.timedelta(days=13))
        opened.append(
            truth.first_morning(history, learner, group)
            + flows.learner_weeks(history, learner, cohort=cohort, group=group, catalogue=catalogue, weeks=range(1))
        )
    fates = [truth.draw_fate(history, learner, count, cohort=cohort) for learner, count in zip(group.learners, opened)]
    for learner, fate in zip(group.learners, fates):
        truth.play_fate(history, learner, fate, cohort=cohort, group=group)
    for learner in group.learners:
        flows.learner_weeks(history, learner, cohort=cohort, group=group, catalogue=catalogue, weeks=range(1, weeks))


def mentors_by_track(community: Community) -> dict[str | None, list[Actor]]:
    by_login = {m.login: m for m in community.members}
    staff = sorted((m for m in community.members if m.role is not Role.learner), key=lambda m: m.login)
    everyone = [actor_of(m) for m in staff]
    mentors: dict[str | None, list[Actor]] = {None: everyone or [Actor(1, "mentor")]}
    for track in community.rules.tracks:
        listed = [actor_of(by_login[login]) for login in track.mentors if login in by_login]
        mentors[track.id] = listed or mentors[None]
    return mentors


def enrol(rng: random.Random, member: Member, cohort) -> Learner:
    """Draw how this learner's cohort goes: early dropout, mid-cohort dropout, or to the end."""
    fate = rng.random()
    length = (cohort.end - cohort.start).days
    if fate < 0.15:
        days = rng.randint(4, 20)
    elif fate < 0.35:
        days = rng.randint(21, max(22, length * 2 // 3))
    else:
        days = length + rng.randint(0, 21)
    start = max(cohort.start, member.joined)
    return Learner(actor_of(member), member, start, start + dt.timedelta(days=days), rng.uniform(0.5, 1.3))
