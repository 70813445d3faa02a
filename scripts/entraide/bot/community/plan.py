"""What the community bot says on GitHub, decided from the community, the events and what it already did.

`plan(community, events, state, pairs=..., today=..., repository=...)` is pure and returns actions:

- a reply to each join form with the exact `members/<login>.yml` to add (written from the form when the
  reply is posted: events do not keep issue bodies, so the shell reads it from GitHub and calls
  `join_body`);
- an acknowledgement of each conduct report, which quotes nothing and names no one, and assigns the
  issue to the moderators (mentors and maintainers) so that GitHub notifies them;
- one announcement per new buddy pair of `data/buddies.json`, a comment mentioning both people in the
  per-cohort "Binômes" issue the bot opens once (one thread per cohort, whatever way each learner
  joined: a pull request or the form);
- one pulse survey issue per cohort and pulse week, opened during that week;
- under each new question issue, up to three pages or accepted answers that may answer it, marked as an
  automatic suggestion (`entraide.insight.suggest`); the same under each new Q&A discussion that has no
  accepted answer yet (`DiscussionReply`, posted through GraphQL by `entraide.bot.community.discussions`).

Each action has a key, written into the comment or issue as a hidden marker (`<!-- entraide:<key> -->`),
and `data/community.json` (the `State`) records the keys done. The shell (`entraide.bot.community.run`)
looks for the marker on GitHub before writing, so a re-run or a crash after posting never posts twice.
A first run starts a week back (`since`), so that old history is not answered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from entraide.bot.community import text as say
from entraide.bot.language import reader
from entraide.bot.onboarding import join_reply, profile_from_form
from entraide.content.i18n import Translator
from entraide.content.models import Cohort, Community, Frozen, Member, Role
from entraide.events.model import Event, EventKind
from entraide.events.questions import is_question
from entraide.events.surveys import pulse_dates, pulses_due

JOIN, CONDUCT, SUGGEST, SUGGEST_DISCUSSION = "join", "conduct", "suggest", "suggest-discussion"
BUDDIES_LABEL, PULSE_LABEL = "binômes", "sondage"
LOOKBACK = dt.timedelta(days=7)
MAX_ASSIGNEES = 10  # GitHub's limit per issue
NO_COHORT = "_"  # not a valid cohort id, so it cannot clash with one


class Done(Frozen):
    """Where a key was said: the issue, and the comment when it was one."""

    subject: int
    comment_id: int | None = None
    status: Literal["posted", "opened", "skipped"] = "posted"


class State(Frozen):
    """`data/community.json`. Facts from before `since` are never answered."""

    since: dt.date
    done: dict[str, Done] = {}


class Reply(Frozen):
    """A comment on an issue: `subject`, or the issue the bot opens under the key `thread`."""

    action: Literal["reply"] = "reply"
    key: str
    subject: int | None = None
    thread: str | None = None
    body: str = ""  # empty when `compose` writes it from the issue as GitHub has it at posting time
    compose: Literal["join", "suggest"] | None = None
    assign: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()  # accounts the reply is about: one gone from GitHub skips it


class Open(Frozen):
    action: Literal["open"] = "open"
    key: str
    title: str
    body: str
    label: str


class DiscussionReply(Frozen):
    """An automatic suggestion under the discussion `subject`, written from it as GitHub has it then."""

    action: Literal["discussion-reply"] = "discussion-reply"
    key: str
    subject: int


Action = Reply | Open | DiscussionReply


def first_state(today: dt.date) -> State:
    return State(since=today - LOOKBACK)


def plan(
    community: Community,
    events: Iterable[Event],
    state: State,
    *,
    pairs: list[dict],
    today: dt.date,
    repository: str | None,
) -> tuple[Action, ...]:
    events, repository = tuple(events), repository or community.rules.repository
    return (
        *join_replies(events, state),
        *conduct_acks(community, events, state, repository=repository),
        *suggestions(events, state),
        *buddy_announcements(community, pairs, state),
        *pulse_surveys(community, state, today=today, repository=repository),
        *discussion_suggestions(events, state),
    )  # last: a token without discussions=write stops only these


# --------------------------------------------------------------------------- forms: join and conduct


def form_issues(events: tuple[Event, ...], form: str, *, since: dt.date) -> tuple[int, ...]:
    """Open issues that became this form (opened with its label, or labelled later) since `since`.

    Issues a bot opened are left out: they are nobody's request.
    """
    by_bot = {e.subject for e in events if e.kind is EventKind.issue_opened and e.is_bot}
    closed = {e.subject for e in events if e.kind is EventKind.issue_closed}
    found = set()
    for event in events:
        if event.subject_type != "issue" or event.at.date() < since:
            continue
        opened = event.kind is EventKind.issue_opened and (event.form == form or form in event.labels)
        labelled = event.kind is EventKind.label_added and event.label == form
        if opened or labelled:
            found.add(event.subject)
    return tuple(sorted(found - by_bot - closed))


def join_replies(events: tuple[Event, ...], state: State) -> list[Reply]:
    return [
        Reply(key=f"{JOIN}:{number}", subject=number, compose="join")
        for number in form_issues(events, JOIN, since=state.since)
        if f"{JOIN}:{number}" not in state.done
    ]


def join_body(
    issue_body: str | None, *, login: str, user_id: int, community: Community, today: dt.date, repository: str | None
) -> str:
    """The reply to a join form; login and id are the issue author's, as GitHub gives them."""
    member = next((m for m in community.members if m.id == user_id), None)
    if member is not None:
        return say.join_member_already(member, tr=reader(community, member.id))
    profile = profile_from_form(issue_body, login=login, user_id=user_id, rules=community.rules, today=today)
    repository = repository or community.rules.repository or "OWNER/REPO"
    return join_reply(profile, repository=repository, tr=reader(community, None))


def moderators(community: Community) -> tuple[str, ...]:
    """Who hears of a report: the mentors and maintainers (the code of conduct's moderation team)."""
    team = sorted(m.login for m in community.members if m.role is not Role.learner)
    return tuple(team[:MAX_ASSIGNEES])


def conduct_acks(
    community: Community, events: tuple[Event, ...], state: State, *, repository: str | None
) -> list[Reply]:
    body, team = say.conduct_ack(repository=repository, tr=reader(community, None)), moderators(community)
    return [
        Reply(key=f"{CONDUCT}:{number}", subject=number, body=body, assign=team)
        for number in form_issues(events, CONDUCT, since=state.since)
        if f"{CONDUCT}:{number}" not in state.done
    ]


# --------------------------------------------------------------------------- suggested answers


def suggestions(events: tuple[Event, ...], state: State) -> list[Reply]:
    """An automatic suggestion under each new question issue (question or help form or label).

    The text is written when posting, from the question as GitHub has it then; the bot never closes or
    labels the question: people answer it, the suggestion only points at pages that may help.
    """
    asked = sorted(
        {
            e.subject
            for e in events
            if e.kind is EventKind.issue_opened and is_question(e) and not e.is_bot and e.at.date() >= state.since
        }
    )
    return [
        Reply(key=f"{SUGGEST}:{n}", subject=n, compose="suggest") for n in asked if f"{SUGGEST}:{n}" not in state.done
    ]


def discussion_suggestions(events: tuple[Event, ...], state: State) -> list[DiscussionReply]:
    """An automatic suggestion under each new Q&A discussion, unless an answer was marked already.

    Only ever a comment: the bot never marks an answer, closes, locks or labels a discussion.
    """
    answered = {e.subject for e in events if e.kind is EventKind.discussion_answered}
    asked = sorted(
        {
            e.subject
            for e in events
            if e.kind is EventKind.discussion_created and is_question(e) and not e.is_bot and e.at.date() >= state.since
        }
        - answered
    )
    return [
        DiscussionReply(key=f"{SUGGEST_DISCUSSION}:{n}", subject=n)
        for n in asked
        if f"{SUGGEST_DISCUSSION}:{n}" not in state.done
    ]


# --------------------------------------------------------------------------- buddies


def buddy_announcements(community: Community, pairs: list[dict], state: State) -> list[Action]:
    """Each pair recorded since `since` and not yet announced, in the thread of the learner's cohort."""
    members = {m.login: m for m in community.members}
    actions: list[Action] = []
    for pair in sorted(pairs, key=lambda p: (p["since"], p["learner"], p["buddy"])):
        learner, buddy = members.get(pair["learner"]), members.get(pair["buddy"])
        privacy = community.rules.privacy  # a hidden member is never named by the bot
        if learner is None or buddy is None or privacy.hides(learner.login) or privacy.hides(buddy.login):
            continue
        key = f"buddy:{learner.id}:{buddy.id}"
        if key in state.done or dt.date.fromisoformat(pair["since"]) < state.since:
            continue
        thread = f"buddies:{learner.cohort or NO_COHORT}"
        if thread not in state.done and not any(a.key == thread for a in actions):
            actions.append(_buddies_thread(thread, _cohort(community, learner.cohort), tr=reader(community, None)))
        known = state.done.get(thread)
        actions.append(
            Reply(
                key=key,
                subject=known.subject if known else None,
                thread=thread,
                body=say.buddy_comment(
                    learner,
                    buddy,
                    shared_track=_shared_track(community, learner, buddy),
                    tr=reader(community, learner.id),
                ),
                mentions=(learner.login, buddy.login),
            )
        )
    return actions


def _buddies_thread(key: str, cohort: Cohort | None, *, tr: Translator) -> Open:
    title, body = say.buddies_title(cohort, tr=tr), say.buddies_intro(cohort, tr=tr)
    return Open(key=key, title=title, body=body, label=BUDDIES_LABEL)


def _cohort(community: Community, cohort_id: str | None) -> Cohort | None:
    return next((c for c in community.rules.cohorts if c.id == cohort_id), None)


def _shared_track(community: Community, learner: Member, buddy: Member) -> str | None:
    if not learner.track or learner.track != buddy.track:
        return None
    return next((t.name for t in community.rules.tracks if t.id == learner.track), None)


# --------------------------------------------------------------------------- pulse surveys


def pulse_surveys(community: Community, state: State, *, today: dt.date, repository: str | None) -> list[Open]:
    """The pulse surveys due, each opened during its own week only (a late survey would confuse)."""
    rules, tr = community.rules, reader(community, None)
    opened = frozenset(key.removeprefix("pulse:") for key in state.done if key.startswith("pulse:"))
    due = set(pulses_due(rules.cohorts, rules.surveys, today=today, already_opened=opened))
    actions = []
    for cohort in rules.cohorts:
        learners = tuple(
            sorted(
                m.login
                for m in community.members
                if m.cohort == cohort.id and m.role is Role.learner and not rules.privacy.hides(m.login)
            )
        )
        for week, monday in pulse_dates(cohort, rules.surveys):
            if f"{cohort.id}-semaine-{week}" in due and today - monday < dt.timedelta(days=7):
                actions.append(
                    Open(
                        key=f"pulse:{cohort.id}-semaine-{week}",
                        title=say.pulse_title(cohort, week, tr=tr),
                        body=say.pulse_body(cohort, week, learners=learners, repository=repository, tr=tr),
                        label=PULSE_LABEL,
                    )
                )
    return actions
