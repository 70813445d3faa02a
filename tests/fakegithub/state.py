"""The scriptable repository behind the fake server: plain objects that tests create and change.

Every change moves the fake clock forward (or uses the `at=` given) and updates `updated_at` the way
GitHub does: a comment, label, review or review comment bumps its issue or PR; reactions do not.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading

from .objects import (
    Comment,
    Discussion,
    DiscussionComment,
    Issue,
    IssueEvent,
    Label,
    Reaction,
    Review,
    ReviewComment,
    User,
    When,
    parse_time,
    sha_of,
)

__all__ = [
    "Comment",
    "Discussion",
    "DiscussionComment",
    "Issue",
    "IssueEvent",
    "Label",
    "Reaction",
    "Repo",
    "Review",
    "ReviewComment",
    "User",
    "When",
    "parse_time",
    "sha_of",
]


class Repo:
    """One repository's state. Thread-safe: the server reads it while a test or the bot changes it."""

    def __init__(self, owner: str = "octo-org", name: str = "entraide", start: When = "2025-01-06T09:00:00Z"):
        self.owner, self.name = owner, name
        self.private = False
        self.lock = threading.RLock()
        self.clock = parse_time(start)
        self._ids = itertools.count(1000)
        self.users: dict[str, User] = {}
        self.labels: dict[str, Label] = {}
        self.issues: dict[int, Issue] = {}
        self.comments: dict[int, Comment] = {}
        self.reviews: dict[int, Review] = {}
        self.review_comments: dict[int, ReviewComment] = {}
        self.events: list[IssueEvent] = []
        self.discussions: dict[int, Discussion] = {}
        self.permissions: dict[str, str] = {}  # login -> admin|maintain|write|triage|read
        self._numbers = itertools.count(1)
        self.bot = self.user("github-actions[bot]", type="Bot")

    # ------------------------------------------------------------------ helpers

    def next_id(self) -> int:
        return next(self._ids)

    def tick(self, at: When = None) -> dt.datetime:
        """Move the clock to `at`, or one minute on; GitHub's timestamps have whole seconds."""
        at = parse_time(at)
        self.clock = at if at is not None else self.clock + dt.timedelta(minutes=1)
        return self.clock

    def user(self, login: str | User | None, *, type: str = "User") -> User | None:
        """The user with this login, created on first use (ids are stable per login)."""
        if login is None or isinstance(login, User):
            return login
        with self.lock:
            if login not in self.users:
                kind = "Bot" if login.endswith("[bot]") else type
                self.users[login] = User(login, 500 + len(self.users) * 7, kind)
            return self.users[login]

    def delete_user(self, login: str) -> None:
        """The account is gone: everything it wrote now shows `user: null`."""
        self.users[login].deleted = True

    def issue(self, number: int) -> Issue:
        return self.issues[number]

    # ------------------------------------------------------------------ labels

    def add_label(self, name: str, color: str = "ededed", description: str = "") -> Label:
        with self.lock:
            if name not in self.labels:
                self.labels[name] = Label(self.next_id(), name, color, description)
            return self.labels[name]

    def label_issue(self, number: int, name: str, *, actor=None, at: When = None) -> None:
        with self.lock:
            issue, now = self.issues[number], self.tick(at)
            self.add_label(name)
            if name not in issue.labels:
                issue.labels.append(name)
                issue.updated_at = now
                self._event(number, "labeled", actor, now, label=name)

    def unlabel_issue(self, number: int, name: str, *, actor=None, at: When = None) -> None:
        with self.lock:
            issue, now = self.issues[number], self.tick(at)
            if name in issue.labels:
                issue.labels.remove(name)
                issue.updated_at = now
                self._event(number, "unlabeled", actor, now, label=name)

    def _event(self, number, event, actor, at, **extra) -> IssueEvent:
        item = IssueEvent(self.next_id(), number, self.user(actor) or self.bot, event, at, **extra)
        self.events.append(item)
        return item

    # ------------------------------------------------------------------ issues and pull requests

    def add_issue(
        self, author, title: str, *, body: str | None = "", labels=(), at: When = None, label_actor=None
    ) -> Issue:
        with self.lock:
            now = self.tick(at)
            number = next(self._numbers)
            item = Issue(number, self.next_id(), title, body, self.user(author), now, now)
            self.issues[number] = item
            for name in labels:
                self.label_issue(number, name, actor=label_actor or author, at=now)
            return item

    def add_pr(
        self,
        author,
        title: str,
        *,
        body: str | None = "",
        labels=(),
        head_ref: str = "",
        sha: str | None = None,
        at: When = None,
        draft: bool = False,
        files=(),
    ) -> Issue:
        with self.lock:
            item = self.add_issue(author, title, body=body, labels=labels, at=at)
            item.head_sha = sha or sha_of("pr", item.number, 0)
            item.head_ref = head_ref or f"{item.user.login if item.user else 'ghost'}-patch-{item.number}"
            item.draft = draft
            item.files = [f if isinstance(f, dict) else {"filename": f} for f in files]
            return item

    def push(self, number: int, sha: str | None = None, *, at: When = None) -> str:
        """New commits on the PR's branch: the head moves."""
        with self.lock:
            pr = self.issues[number]
            pr.head_sha = sha or sha_of("push", number, pr.head_sha)
            pr.updated_at = self.tick(at)
            return pr.head_sha

    def close(self, number: int, *, actor=None, at: When = None) -> None:
        with self.lock:
            item, now = self.issues[number], self.tick(at)
            item.state, item.closed_at, item.updated_at = "closed", now, now
            item.closed_by = self.user(actor) or item.user
            self._event(number, "closed", item.closed_by, now)

    def reopen(self, number: int, *, actor=None, at: When = None) -> None:
        with self.lock:
            item, now = self.issues[number], self.tick(at)
            item.state, item.closed_at, item.updated_at = "open", None, now
            self._event(number, "reopened", actor or item.user, now)

    def merge(self, number: int, *, actor=None, at: When = None) -> None:
        with self.lock:
            pr, now = self.issues[number], self.tick(at)
            pr.merged_at, pr.merged_by = now, self.user(actor) or pr.user
            self._event(number, "merged", pr.merged_by, now, commit_id=sha_of("merge", number))
            self.close(number, actor=pr.merged_by, at=now)

    def edit_issue(self, number: int, *, title=None, body=None, at: When = None) -> Issue:
        with self.lock:
            item = self.issues[number]
            item.title = item.title if title is None else title
            item.body = item.body if body is None else body
            item.updated_at = self.tick(at)
            return item

    # ------------------------------------------------------------------ comments, reviews, reactions

    def add_comment(self, number: int, author, body: str, *, at: When = None) -> Comment:
        with self.lock:
            now = self.tick(at)
            item = Comment(self.next_id(), number, self.user(author), body, now, now)
            self.comments[item.id] = item
            issue = self.issues[number]
            issue.comments += 1
            issue.updated_at = now
            return item

    def edit_comment(self, comment_id: int, body: str, *, at: When = None) -> Comment:
        with self.lock:
            item = self.comments[comment_id]
            item.body, item.updated_at = body, self.tick(at)
            return item

    def delete_comment(self, comment_id: int) -> None:
        with self.lock:
            item = self.comments.pop(comment_id)
            self.issues[item.issue].comments -= 1

    def add_review(
        self,
        number: int,
        author,
        state: str = "APPROVED",
        *,
        body: str = "",
        commit_id: str | None = None,
        at: When = None,
    ) -> Review:
        with self.lock:
            pr, now = self.issues[number], self.tick(at)
            item = Review(self.next_id(), number, self.user(author), state.upper(), body, commit_id or pr.head_sha, now)
            self.reviews[item.id] = item
            pr.updated_at = now
            return item

    def dismiss_review(self, review_id: int, *, at: When = None) -> None:
        with self.lock:
            item = self.reviews[review_id]
            item.state = "DISMISSED"
            self.issues[item.pr].updated_at = self.tick(at)

    def add_review_comment(
        self,
        number: int,
        author,
        body: str,
        *,
        review: Review | None = None,
        path: str = "index.html",
        in_reply_to: int | None = None,
        at: When = None,
    ) -> ReviewComment:
        with self.lock:
            pr = self.issues[number]
            if review is None:
                review = self.add_review(number, author, "COMMENTED", at=at)
            now = self.tick(at) if at is not None else review.submitted_at
            item = ReviewComment(
                self.next_id(),
                number,
                review.id,
                self.user(author),
                body,
                path,
                review.commit_id,
                now,
                now,
                in_reply_to,
            )
            self.review_comments[item.id] = item
            pr.updated_at = max(pr.updated_at, now)
            return item

    def react(
        self, target: Issue | Comment | ReviewComment, author, content: str = "+1", *, at: When = None
    ) -> Reaction:
        """A reaction does not bump `updated_at` (as on GitHub): only its rollup count changes."""
        with self.lock:
            item = Reaction(self.next_id(), self.user(author), content, self.tick(at))
            target.reactions.append(item)
            return item

    # ------------------------------------------------------------------ discussions (GraphQL)

    def add_discussion(
        self, author, title: str, *, body: str = "", category: str = "Q&A", at: When = None
    ) -> Discussion:
        with self.lock:
            now = self.tick(at)
            item = Discussion(next(self._numbers), self.next_id(), title, body, self.user(author), category, now, now)
            self.discussions[item.number] = item
            return item

    def add_discussion_comment(
        self, number: int, author, body: str, *, reply_to: int | None = None, at: When = None
    ) -> DiscussionComment:
        with self.lock:
            item = self.discussions[number]
            comment = DiscussionComment(self.next_id(), number, self.user(author), body, self.tick(at), reply_to)
            item.comments.append(comment)
            item.updated_at = comment.created_at
            return comment

    def mark_answer(self, number: int, comment_id: int, *, by=None, at: When = None) -> None:
        with self.lock:
            item = self.discussions[number]
            item.answer_id, item.answer_chosen_at = comment_id, self.tick(at)
            item.answer_chosen_by = self.user(by) or item.user
            item.updated_at = item.answer_chosen_at
