"""`entraide community`: carry out the community bot's plan on GitHub, once, whatever happens.

Before writing, the bot looks for its hidden marker on GitHub (its own comments on the issue or the
discussion, or the issues it opened under the action's label); found, it only records it. Each write is recorded in
`data/community.json` right after it succeeds (atomic write), so a kill between posting and recording
is repaired by the next run finding the marker. GitHub access lives in `entraide.github.issues`
(and, for discussions, `entraide.bot.community.discussions`).

Faults are local (issue 11): a write whose outcome is unknown (5xx, reset, cut answer), a read GitHub
kept failing, or a reply whose thread could not be opened is a `::warning::` naming the item, left
unrecorded for the next run; an issue or discussion that is gone (404) or a buddy whose account is gone
is a warning recorded as skipped. Only what makes every item impossible (the token refused, a budget
or rate limit spent) stops the run.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from entraide.bot.community.plan import (
    Action,
    DiscussionReply,
    Done,
    Open,
    Reply,
    State,
    first_state,
    join_body,
)
from entraide.bot.language import reader
from entraide.content.errors import N_, Problem, UserError
from entraide.content.models import Community
from entraide.events import store as event_store
from entraide.github.issues import GitHubIssues, Refused, Unconfirmed, is_bot
from entraide.github.markers import with_marker
from entraide.github.normalize import GHOST_LOGINS

STATE = Path("data") / "community.json"
DEFAULT_API = "https://api.github.com"


# --------------------------------------------------------------------------- the record of what was done


def load_state(path: Path, *, today: dt.date) -> State:
    if not path.exists():
        return first_state(today)
    try:
        return State.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise UserError(
            Problem(
                path=str(STATE),
                message=N_("not a valid community bot record ({error}); restore it from git", error=str(error)),
            )
        ) from None


def save_state(path: Path, state: State) -> None:
    text = json.dumps(state.model_dump(mode="json"), sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    event_store.write_atomic(path, text.encode("utf-8"))


def recorded(state: State, key: str, done: Done) -> State:
    return State(since=state.since, done={**state.done, key: done})


# --------------------------------------------------------------------------- carrying out the plan


class Executor:
    def __init__(
        self,
        github: GitHubIssues,
        *,
        community: Community,
        today: dt.date,
        repository: str,
        path: Path,
        root: Path = Path("."),
    ):
        self.github, self.community, self.today, self.repository, self.path = github, community, today, repository, path
        self.root, self._docs = root, None

    def run(self, actions: tuple[Action, ...], state: State) -> list[str]:
        from entraide.github.client import Stopped  # here: github3 loads only when GitHub is written to

        lines = []
        for action in actions:
            try:
                done, line = self.carry_out(action, state)
            except (Unconfirmed, Waiting) as failure:
                lines.append(warn(f"{where(action, state)}: {action.key} not done ({failure}); tried again next run"))
                continue
            except Stopped as stop:
                if not stop.failed:
                    raise  # a budget or a rate limit: nothing else can be done in this run
                lines.append(
                    warn(f"{where(action, state)}: {action.key} not done ({stop.reason}); tried again next run")
                )
                continue
            state = recorded(state, action.key, done)
            save_state(self.path, state)
            lines.append(line)
        return lines

    def carry_out(self, action: Action, state: State) -> tuple[Done, str]:
        if isinstance(action, Open):
            return self.open(action)
        if isinstance(action, DiscussionReply):
            from entraide.bot.community.discussions import (
                GitHubDiscussions,
                suggest_on_discussion,
            )

            return suggest_on_discussion(GitHubDiscussions(self.github), action, suggestion_text=self.suggestion_text)
        return self.refusable_reply(action, state)

    def open(self, action: Open) -> tuple[Done, str]:
        issue = self.github.find_issue(action.label, action.key)
        if issue is None:
            issue = self.github.open_issue(action.title, with_marker(action.key, action.body), action.label)
        return Done(subject=issue["number"], status="opened"), f"#{issue['number']}: opened {action.key}"

    def refusable_reply(self, action: Reply, state: State) -> tuple[Done, str]:
        """A reply GitHub refuses on one issue (say, a locked report) is skipped, not retried every run."""
        try:
            return self.reply(action, state)
        except Refused as refusal:
            number = action.subject or _thread_subject(action, state)
            return Done(
                subject=number, status="skipped"
            ), f"#{number}: skipped {action.key} (GitHub refused: {refusal})"

    def reply(self, action: Reply, state: State) -> tuple[Done, str]:
        from entraide.github.client import NotFound

        number = action.subject or _thread_subject(action, state)
        try:
            issue = self.github.issue(number) if action.thread is None else {"number": number}
            existing = self.github.find_comment(number, action.key) if issue is not None else None
        except NotFound:
            issue = None
        if issue is None:
            return Done(subject=number, status="skipped"), warn(f"#{number}: skipped {action.key} (issue gone: 404)")
        if existing is not None:
            return Done(subject=number, comment_id=existing["id"]), f"#{number}: posted {action.key}"
        gone = next((login for login in action.mentions if not self.github.user_exists(login)), None)
        if gone is not None:
            why = f"@{gone}'s GitHub account is gone (404): the pair needs another buddy"
            return Done(subject=number, status="skipped"), warn(f"#{number}: skipped {action.key} ({why})")
        body = action.body or self.composed(action, issue)
        if body is None:
            return Done(subject=number, status="skipped"), f"#{number}: skipped {action.key} (nothing to say)"
        note = self.assign(issue, action.assign) if action.assign else ""
        comment = self.github.comment(number, with_marker(action.key, body))
        return Done(subject=number, comment_id=comment["id"]), f"#{number}: posted {action.key}{note}"

    def assign(self, issue: dict, logins: tuple[str, ...]) -> str:
        """Assigning notifies the moderators; GitHub refusing it (e.g. a login without access) must not
        stop the acknowledgement, so it is reported in the run's output instead."""
        try:
            self.github.assign(issue, logins)
        except Refused as refusal:
            return f" (moderators not assigned: {refusal})"
        return f", assigned {', '.join(logins)}"

    def composed(self, action: Reply, issue: dict) -> str | None:
        return self.join_text(issue) if action.compose == "join" else self.suggestion_text(issue)

    def suggestion_text(self, issue: dict) -> str | None:
        """Pages that may answer the question; None when nothing fits well enough to be worth a comment."""
        from entraide.insight.suggest import reply_for

        author = issue.get("user")
        if not author or author.get("login") in GHOST_LOGINS or is_bot(author, self.github.bot_logins):
            return None  # a deleted account or a bot: nobody to answer
        return reply_for(
            issue.get("title") or "",
            issue.get("body") or "",
            self.docs(),
            rules=self.community.rules,
            tr=reader(self.community, None),
        )

    def docs(self):
        # Indexed on first use: most runs have no new question.
        if self._docs is None:
            from entraide.insight.suggest import load_docs

            self._docs = load_docs(self.root)[0]
        return self._docs

    def join_text(self, issue: dict) -> str | None:
        """The reply to a join form, from its author and answers as GitHub has them now."""
        author = issue.get("user")
        if not author or author.get("login") in GHOST_LOGINS or is_bot(author, self.github.bot_logins):
            return None  # a deleted account or a bot: nobody to welcome
        return join_body(
            issue.get("body"),
            login=author["login"],
            user_id=author["id"],
            community=self.community,
            today=self.today,
            repository=self.repository,
        )


def describe(action: Action, state: State) -> str:
    if isinstance(action, Open):
        return f"open {action.key} [{action.label}]: {action.title}\n    " + action.body.replace("\n", "\n    ")
    if isinstance(action, DiscussionReply):
        return (
            f"discussion #{action.subject}: post {action.key}\n    "
            "(pages that may answer the question, found when the reply is posted)"
        )
    known = state.done.get(action.thread) if action.thread else None
    where = f"#{action.subject}" if action.subject else f"#{known.subject}" if known else f"(issue {action.thread})"
    body = action.body or {
        "join": "(the profile file, written from the form when the reply is posted)",
        "suggest": "(pages that may answer the question, found when the reply is posted)",
    }.get(action.compose or "", "")
    assign = f" and assign {', '.join(action.assign)}" if action.assign else ""
    return f"{where}: post {action.key}{assign}\n    " + body.replace("\n", "\n    ")


# --------------------------------------------------------------------------- command


def _thread_subject(action: Reply, state: State) -> int:
    """The issue a reply goes to when it answers an earlier action of the bot (its thread)."""
    if action.thread is None or action.thread not in state.done:
        raise Waiting(f"waits for {action.thread}, not opened yet")
    return state.done[action.thread].subject


class Waiting(Exception):
    """A reply whose thread the bot could not open in this run: it waits for the next run."""


def warn(text: str) -> str:
    """A GitHub Actions warning, printed at once (a later fault cannot hide it); the plain line back."""
    print(f"::warning::{text}", flush=True)
    return text


def where(action: Action, state: State) -> str:
    if isinstance(action, DiscussionReply):
        return f"discussion #{action.subject}"
    if isinstance(action, Reply):
        known = state.done.get(action.thread) if action.thread else None
        return f"#{action.subject}" if action.subject else f"#{known.subject}" if known else f"({action.thread})"
    return f"[{action.label}]"
