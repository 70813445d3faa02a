"""Carry out the animation bot's plan on GitHub, once, whatever happens (kills, re-runs).

Before each write the runner looks for the action's marker where it would be: the issues the bot opened
under the action's label, its comments on the request's issue, or the discussions the bot opened (the
marker sits in the prompt's own body, so a discussion created just before a kill is found by the next
run). The prompt's discussion is created with GraphQL's `createDiscussion` in the configured category;
thanks are comments (`addDiscussionComment`) with one marker per thanked answerer. Nothing is stored in
data/: GitHub holds the markers.
"""

from __future__ import annotations

from entraide.bot.animate import Action, IssueReply, OpenIssue, PromptPost
from entraide.bot.community.discussions import GitHubDiscussions, as_user
from entraide.content.errors import Problem, UserError
from entraide.github.issues import GitHubIssues, Refused, Unconfirmed, is_bot
from entraide.github.markers import marker, with_marker

PAGES = 3  # discussions scanned for a prompt's marker: the 300 most recently created (the week's are among them)
LIST = """
query($owner: String!, $name: String!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    discussions(first: $first, after: $after, orderBy: {field: CREATED_AT, direction: DESC}) {
      pageInfo { hasNextPage endCursor }
      nodes { id number body author { __typename login }
        comments(first: 100) { nodes { databaseId body author { __typename login } } } }
    }
  }
}
"""
CATEGORIES = """
query($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) { id discussionCategories(first: 100) { nodes { id name } } }
}
"""
CREATE = """
mutation($repositoryId: ID!, $categoryId: ID!, $title: String!, $body: String!) {
  createDiscussion(input: {repositoryId: $repositoryId, categoryId: $categoryId, title: $title, body: $body}) {
    discussion { id number url }
  }
}
"""


class Runner:
    def __init__(self, github: GitHubIssues):
        self.github, self.talk = github, GitHubDiscussions(github)
        self.client = github.client

    def run(self, actions: list[Action]) -> list[str]:
        return [self.carry_out(action) for action in actions]

    def carry_out(self, action: Action) -> str:
        if isinstance(action, OpenIssue):
            found = self.github.find_issue(action.label, action.key)
            if found is None:
                found = self.github.open_issue(action.title, with_marker(action.key, action.body), action.label)
                return f"#{found['number']}: opened {action.key}"
            return f"#{found['number']}: already opened {action.key}"
        if isinstance(action, IssueReply):
            return self.reply(action)
        return self.prompt(action)

    def reply(self, action: IssueReply) -> str:
        if self.github.find_comment(action.number, action.key) is not None:
            return f"#{action.number}: already posted {action.key}"
        try:
            self.github.comment(action.number, with_marker(action.key, action.body))
        except Refused as refusal:
            return f"#{action.number}: skipped {action.key} (GitHub refused: {refusal})"
        return f"#{action.number}: posted {action.key}"

    def prompt(self, action: PromptPost) -> str:
        found = self.find_discussion(action.key)
        line = f"discussion #{found['number']}: already opened {action.key}" if found else ""
        if found is None:
            found = self.create(action)
            line = f"discussion #{found['number']}: opened {action.key}"
        thanked = self.thank(found, action)
        return line + (f", thanked {', '.join(thanked)}" if thanked else "")

    def find_discussion(self, key: str) -> dict | None:
        owner, name = self.client.repo.split("/", 1)
        after = None
        for _ in range(PAGES):
            variables = {"owner": owner, "name": name, "first": 100, "after": after}
            data = self.client.graphql(LIST, variables)["repository"]["discussions"]
            for node in data.get("nodes") or ():
                if marker(key) in (node.get("body") or "") and is_bot(
                    as_user(node.get("author")), self.github.bot_logins
                ):
                    return node
            if not (data.get("pageInfo") or {}).get("hasNextPage"):
                return None
            after = data["pageInfo"]["endCursor"]
        return None

    def create(self, action: PromptPost) -> dict:
        owner, name = self.client.repo.split("/", 1)
        repository = self.client.graphql(CATEGORIES, {"owner": owner, "name": name})["repository"]
        categories = {c["name"]: c["id"] for c in (repository.get("discussionCategories") or {}).get("nodes") or ()}
        if action.category not in categories:
            known = ", ".join(sorted(categories)) or "none"
            message = f"no Discussions category {action.category!r} in {self.client.repo} (it has: {known})"
            raise UserError(Problem(path="animation/prompts.yml", field="category", message=message))
        variables = {
            "repositoryId": repository["id"],
            "categoryId": categories[action.category],
            "title": action.title,
            "body": with_marker(action.key, action.body),
        }
        from entraide.github.client import Stopped

        try:
            answer = self.github.write("POST", self.client.graphql_url, {"query": CREATE, "variables": variables})
        except (
            ValueError,
            Unconfirmed,
        ):  # cut short or unknown: the discussion may exist; the next run finds its marker
            raise Stopped(f"GitHub's answer to createDiscussion ({action.key}) was unreadable", failed=True) from None
        self.client.graphql_used += 1
        if answer.get("errors"):
            raise Refused("; ".join(str(e.get("message", "?")) for e in answer["errors"]))
        created = answer["data"]["createDiscussion"]["discussion"]
        return {**created, "comments": {"nodes": []}}

    def thank(self, discussion: dict, action: PromptPost) -> list[str]:
        comments = (discussion.get("comments") or {}).get("nodes") or ()
        authors: list[str] = []
        for comment in comments:
            user = as_user(comment.get("author"))
            if user and not is_bot(user, self.github.bot_logins) and user["login"] not in authors:
                authors.append(user["login"])
        thanked = []
        for login in authors[: action.thank_first]:
            key = f"{action.key}:thanks:{login}"
            if self.talk.find_comment(discussion, key) is None:
                body = action.thanks.replace("{login}", login)
                self.talk.comment(discussion["id"], with_marker(key, body))
                thanked.append(login)
        return thanked
