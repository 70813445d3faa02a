"""The community bot under Q&A discussions: one automatic suggestion each, through GitHub's GraphQL API.

Discussions have no REST API, so the discussion is read with `repository.discussion(number:)` (its node
id, text, author and comments) and the reply is posted with the `addDiscussionComment` mutation, on the
sync's authenticated session. Before posting, the bot looks for its hidden marker among the comments a
bot wrote, so a re-run, or a kill between posting and recording, never posts twice. The mutation is
spaced and never retried blindly, like every write of the bot (a 502 may hide a comment that was
posted; the next run finds its marker). Only a comment is ever written: no answer is marked, nothing is
closed, locked or labelled.
"""

from __future__ import annotations

from collections.abc import Callable

from entraide.bot.community.plan import DiscussionReply, Done
from entraide.content.errors import Problem, UserError
from entraide.github.issues import GitHubIssues, Refused, is_bot
from entraide.github.markers import marker, with_marker
from entraide.github.normalize import GHOST_LOGINS

DISCUSSION_QUERY = """
query($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    discussion(number: $number) {
      id title body
      author { __typename login }
      comments(first: 100) { nodes { databaseId body author { __typename login } } }
    }
  }
}
"""

ADD_COMMENT = """
mutation($discussionId: ID!, $body: String!) {
  addDiscussionComment(input: {discussionId: $discussionId, body: $body}) {
    comment { id databaseId url }
  }
}
"""


def as_user(author: dict | None) -> dict | None:
    """A GraphQL author as REST gives a user, so that one rule says who is a bot (GraphQL gives a bot's
    login without "[bot]": its `__typename` says it)."""
    return {"login": author.get("login"), "type": author.get("__typename")} if author else None


class GitHubDiscussions:
    """One repository's discussions: reads through the client's GraphQL, writes spaced by `issues`."""

    def __init__(self, issues: GitHubIssues):
        self.issues, self.client = issues, issues.client

    def discussion(self, number: int) -> dict | None:
        """The discussion as GitHub has it now; None when there is no such discussion (deleted)."""
        from entraide.github.client import Stopped

        owner, name = self.client.repo.split("/", 1)
        try:
            data = self.client.graphql(DISCUSSION_QUERY, {"owner": owner, "name": name, "number": number})
        except Stopped as stop:
            if "Could not resolve to a Discussion" in stop.reason:
                return None
            raise
        return ((data or {}).get("repository") or {}).get("discussion")

    def find_comment(self, discussion: dict, key: str) -> dict | None:
        comments = ((discussion.get("comments") or {}).get("nodes")) or ()
        return next(
            (
                c
                for c in comments
                if marker(key) in (c.get("body") or "") and is_bot(as_user(c.get("author")), self.issues.bot_logins)
            ),
            None,
        )

    def comment(self, discussion_id: str, body: str) -> dict:
        answer = self.issues.write(
            "POST",
            self.client.graphql_url,
            {"query": ADD_COMMENT, "variables": {"discussionId": discussion_id, "body": body}},
        )
        self.client.graphql_used += 1
        if answer.get("errors"):
            raise self._failure(answer["errors"])
        return ((answer.get("data") or {}).get("addDiscussionComment") or {}).get("comment") or {}

    def _failure(self, errors: list[dict]) -> Exception:
        """GraphQL refuses with 200 and errors: nothing was written."""
        from entraide.github.client import Stopped

        message = self.client.redact("; ".join(str(e.get("message", "?")) for e in errors))
        kinds = {e.get("type") for e in errors}
        if "RATE_LIMITED" in kinds:
            return Stopped(f"GitHub's GraphQL rate limit is reached ({message}); the next run goes on")
        if "FORBIDDEN" in kinds and "not accessible" in message:
            return UserError(
                Problem(
                    path="GitHub",
                    message=f"GitHub refused addDiscussionComment ({message}): "
                    "the token needs the permission discussions=write",
                )
            )
        return Refused(message)  # this discussion's state, e.g. locked or gone


def suggest_on_discussion(
    github: GitHubDiscussions, action: DiscussionReply, *, suggestion_text: Callable[[dict], str | None]
) -> tuple[Done, str]:
    """Post the suggestion once; `suggestion_text(question)` takes {title, body, user} as REST has them."""
    number, key = action.subject, action.key
    where = f"discussion #{number}"

    def skipped(why: str) -> tuple[Done, str]:
        return Done(subject=number, status="skipped"), f"{where}: skipped {key} ({why})"

    found = github.discussion(number)
    if found is None:
        return skipped("discussion gone")
    existing = github.find_comment(found, key)
    if existing is not None:
        return Done(subject=number, comment_id=existing.get("databaseId")), f"{where}: posted {key}"
    author = as_user(found.get("author"))
    if not author or author.get("login") in GHOST_LOGINS or is_bot(author, github.issues.bot_logins):
        return skipped("asked by a deleted account or a bot")
    body = suggestion_text({"title": found.get("title"), "body": found.get("body"), "user": author})
    if body is None:
        return skipped("nothing to say")
    try:
        comment = github.comment(found["id"], with_marker(key, body))
    except Refused as refusal:
        return skipped(f"GitHub refused: {refusal}")
    return Done(subject=number, comment_id=comment.get("databaseId")), f"{where}: posted {key}"
