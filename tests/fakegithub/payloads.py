"""Render the fake repository's objects as GitHub's REST payloads.

Each payload starts from GitHub's own example response in the OpenAPI description
(tests/fixtures/github/openapi-subset.json), with its URLs moved to the fake server and every field that
describes the object replaced by the state's values. The contract test checks the result against the
schemas, so fields GitHub adds stay present and typed.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import json
from pathlib import Path

from .state import Comment, Issue, IssueEvent, Label, Reaction, Repo, Review, ReviewComment, User, sha_of

SPEC_PATH = Path(__file__).resolve().parents[1] / "fixtures" / "github" / "openapi-subset.json"
GHOST = User("ghost", 10137)
REACTIONS = ("+1", "-1", "laugh", "confused", "heart", "hooray", "eyes", "rocket")


@functools.cache
def spec() -> dict:
    return json.loads(SPEC_PATH.read_text())


@functools.cache
def _example(name: str) -> str:
    value = spec()["components"]["examples"][name]["value"]
    return json.dumps(value[0] if isinstance(value, list) else value)


def stamp(value: dt.datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def node_id(kind: str, number: int) -> str:
    return base64.b64encode(f"0:{kind}{number}".encode()).decode()


class Renderer:
    """Turns state objects into dicts; `api` is the REST root (…/api/v3), `web` the HTML root."""

    def __init__(self, repo: Repo, api: str, web: str):
        self.repo, self.api, self.web = repo, api.rstrip("/"), web.rstrip("/")
        self.full = f"{repo.owner}/{repo.name}"
        self.repo_api = f"{self.api}/repos/{self.full}"
        self.repo_web = f"{self.web}/{self.full}"

    def template(self, name: str) -> dict:
        text = _example(name).replace("https://api.github.com", self.api)
        text = text.replace("https://github.com", self.web).replace("octocat/Hello-World", self.full)
        return json.loads(text)

    # ------------------------------------------------------------------ small pieces

    def user(self, user: User | None) -> dict | None:
        if user is None or user.deleted:
            return None
        data = self.template("simple-user-items")
        data = {k: (v.replace("octocat", user.login) if isinstance(v, str) else v) for k, v in data.items()}
        data.update(
            id=user.id,
            login=user.login,
            type=user.type,
            node_id=node_id("U", user.id),
            site_admin=False,
            avatar_url=f"{self.web}/avatars/{user.id}",
        )
        return data

    def ghost_or_user(self, user: User | None) -> dict:
        """Where GitHub's schema forbids null (pull requests), a deleted account shows as @ghost."""
        return self.user(user) or self.user(GHOST)

    def label(self, label: Label) -> dict:
        data = self.template("label")
        data.update(
            id=label.id,
            name=label.name,
            color=label.color,
            description=label.description,
            default=False,
            node_id=node_id("L", label.id),
            url=f"{self.repo_api}/labels/{label.name}",
        )
        return data

    def rollup(self, url: str, reactions: list[Reaction]) -> dict:
        counts = {name: sum(r.content == name for r in reactions) for name in REACTIONS}
        return {"url": f"{url}/reactions", "total_count": len(reactions), **counts}

    def reaction(self, reaction: Reaction) -> dict:
        data = self.template("reaction")
        data.update(
            id=reaction.id,
            node_id=node_id("R", reaction.id),
            user=self.user(reaction.user),
            content=reaction.content,
            created_at=stamp(reaction.created_at),
        )
        return data

    def repository(self) -> dict:
        data = self.template("full-repository-default-response")
        owner = self.user(self.repo.user(self.repo.owner, type="Organization"))
        data.update(
            name=self.repo.name,
            full_name=self.full,
            owner=owner,
            private=self.repo.private,
            has_discussions=True,
            has_issues=True,
            language="HTML",
        )
        data.pop("organization", None), data.pop("parent", None), data.pop("source", None)
        data.pop("template_repository", None)
        return data

    # ------------------------------------------------------------------ issues and pulls

    def issue(self, issue: Issue) -> dict:
        data = self.template("issue-items")
        url = f"{self.repo_api}/issues/{issue.number}"
        data.update(
            id=issue.id,
            node_id=node_id("I", issue.id),
            number=issue.number,
            title=issue.title,
            body=issue.body,
            user=self.user(issue.user),
            state=issue.state,
            locked=False,
            labels=[self.label(self.repo.labels[name]) for name in issue.labels],
            assignee=None,
            assignees=[],
            milestone=None,
            comments=issue.comments,
            created_at=stamp(issue.created_at),
            updated_at=stamp(issue.updated_at),
            closed_at=stamp(issue.closed_at),
            author_association="CONTRIBUTOR",
            active_lock_reason=None,
            url=url,
            comments_url=f"{url}/comments",
            events_url=f"{url}/events",
            labels_url=f"{url}/labels{{/name}}",
            repository_url=self.repo_api,
            html_url=f"{self.repo_web}/{'pull' if issue.is_pr else 'issues'}/{issue.number}",
            reactions=self.rollup(url, issue.reactions),
        )
        data.pop("closed_by", None)
        if issue.closed_at:  # GitHub sends null while open; the schema's enum forgets null
            data["state_reason"] = "completed"
        else:
            data.pop("state_reason", None)
        if issue.is_pr:
            data["pull_request"] = {
                "url": f"{self.repo_api}/pulls/{issue.number}",
                "merged_at": stamp(issue.merged_at),
                "html_url": f"{self.repo_web}/pull/{issue.number}",
                "diff_url": f"{self.repo_web}/pull/{issue.number}.diff",
                "patch_url": f"{self.repo_web}/pull/{issue.number}.patch",
            }
        else:
            data.pop("pull_request", None)
        return data

    def issue_full(self, issue: Issue) -> dict:
        data = self.issue(issue)
        data["closed_by"] = self.user(issue.closed_by) if issue.closed_at else None
        return data

    def pull(self, pr: Issue, *, full: bool = False) -> dict:
        data = self.template("pull-request" if full else "pull-request-simple-items")
        url = f"{self.repo_api}/pulls/{pr.number}"
        issue_url = f"{self.repo_api}/issues/{pr.number}"
        data.update(
            id=pr.id,
            node_id=node_id("PR", pr.id),
            number=pr.number,
            title=pr.title,
            body=pr.body,
            user=self.ghost_or_user(pr.user),
            state=pr.state,
            locked=False,
            draft=pr.draft,
            labels=[self.label(self.repo.labels[name]) for name in pr.labels],
            assignee=None,
            assignees=[],
            milestone=None,
            requested_reviewers=[],
            requested_teams=[],
            created_at=stamp(pr.created_at),
            updated_at=stamp(pr.updated_at),
            closed_at=stamp(pr.closed_at),
            merged_at=stamp(pr.merged_at),
            auto_merge=None,
            merge_commit_sha=pr.merged_at and _merge_sha(pr),
            active_lock_reason=None,
            author_association="CONTRIBUTOR",
            url=url,
            issue_url=issue_url,
            html_url=f"{self.repo_web}/pull/{pr.number}",
            comments_url=f"{issue_url}/comments",
            commits_url=f"{url}/commits",
            review_comments_url=f"{url}/comments",
            review_comment_url=f"{self.repo_api}/pulls/comments{{/number}}",
            statuses_url=f"{self.repo_api}/statuses/{pr.head_sha}",
            diff_url=f"{self.repo_web}/pull/{pr.number}.diff",
            patch_url=f"{self.repo_web}/pull/{pr.number}.patch",
        )
        data["head"] = dict(
            data["head"],
            sha=pr.head_sha,
            ref=pr.head_ref,
            user=self.ghost_or_user(pr.user),
            label=f"{self.repo.owner}:{pr.head_ref}",
        )
        data["head"]["repo"] = self.repository_brief(data["head"]["repo"])
        data["base"] = dict(data["base"], repo=self.repository_brief(data["base"]["repo"]))
        data["_links"] = _links(data["_links"], url, issue_url, self.repo_web, pr)
        if full:
            comments = sum(c.issue == pr.number for c in self.repo.comments.values())
            reviews = sum(c.pr == pr.number for c in self.repo.review_comments.values())
            data.update(
                merged=pr.merged_at is not None,
                merged_by=self.user(pr.merged_by),
                comments=comments,
                review_comments=reviews,
                commits=1,
                changed_files=len(pr.files),
                mergeable=pr.state == "open",
                mergeable_state="clean" if pr.state == "open" else "unknown",
            )
        return data

    def repository_brief(self, template: dict) -> dict:
        data = dict(template, name=self.repo.name, full_name=self.full, private=self.repo.private)
        data["owner"] = self.user(self.repo.user(self.repo.owner, type="Organization"))
        return data

    def file(self, pr: Issue, entry: dict) -> dict:
        data = self.template("diff-entry-items")
        data.update(
            sha=_merge_sha(pr),
            status="added",
            additions=1,
            deletions=0,
            changes=1,
            patch="@@ -0,0 +1 @@\n+fake",
            **entry,
        )
        data["filename"] = entry["filename"]
        return data

    def commit(self, pr: Issue) -> dict:
        """The PR's head commit (the fake keeps one commit per PR)."""
        data = self.template("commit-items")
        author = self.ghost_or_user(pr.user)
        data.update(
            sha=pr.head_sha,
            node_id=node_id("C", pr.id),
            author=author,
            committer=author,
            url=f"{self.repo_api}/commits/{pr.head_sha}",
            html_url=f"{self.repo_web}/commit/{pr.head_sha}",
            comments_url=f"{self.repo_api}/commits/{pr.head_sha}/comments",
        )
        data.pop("files", None), data.pop("stats", None)
        return data

    # ------------------------------------------------------------------ comments, reviews, events

    def comment(self, comment: Comment) -> dict:
        data = self.template("issue-comment-items")
        url = f"{self.repo_api}/issues/comments/{comment.id}"
        kind = "pull" if self.repo.issues[comment.issue].is_pr else "issues"
        data.update(
            id=comment.id,
            node_id=node_id("IC", comment.id),
            body=comment.body,
            user=self.user(comment.user),
            created_at=stamp(comment.created_at),
            updated_at=stamp(comment.updated_at),
            url=url,
            author_association="CONTRIBUTOR",
            issue_url=f"{self.repo_api}/issues/{comment.issue}",
            html_url=f"{self.repo_web}/{kind}/{comment.issue}#issuecomment-{comment.id}",
            reactions=self.rollup(url, comment.reactions),
        )
        return data

    def review(self, review: Review) -> dict:
        data = self.template("pull-request-review-items")
        pr_url = f"{self.repo_api}/pulls/{review.pr}"
        html = f"{self.repo_web}/pull/{review.pr}#pullrequestreview-{review.id}"
        data.update(
            id=review.id,
            node_id=node_id("PRR", review.id),
            user=self.user(review.user),
            body=review.body,
            state=review.state,
            commit_id=review.commit_id,
            submitted_at=stamp(review.submitted_at),
            html_url=html,
            pull_request_url=pr_url,
            author_association="CONTRIBUTOR",
            _links={"html": {"href": html}, "pull_request": {"href": pr_url}},
        )
        return data

    def review_comment(self, comment: ReviewComment) -> dict:
        data = self.template("pull-request-review-comment-items")
        url = f"{self.repo_api}/pulls/comments/{comment.id}"
        pr_url = f"{self.repo_api}/pulls/{comment.pr}"
        html = f"{self.repo_web}/pull/{comment.pr}#discussion_r{comment.id}"
        data.update(
            id=comment.id,
            node_id=node_id("PRRC", comment.id),
            user=self.user(comment.user),
            body=comment.body,
            path=comment.path,
            commit_id=comment.commit_id,
            original_commit_id=comment.commit_id,
            pull_request_review_id=comment.review_id,
            created_at=stamp(comment.created_at),
            updated_at=stamp(comment.updated_at),
            in_reply_to_id=comment.in_reply_to,
            url=url,
            pull_request_url=pr_url,
            html_url=html,
            author_association="CONTRIBUTOR",
            reactions=self.rollup(url, comment.reactions),
            _links={"self": {"href": url}, "html": {"href": html}, "pull_request": {"href": pr_url}},
        )
        if comment.in_reply_to is None:
            data.pop("in_reply_to_id")
        return data

    def issue_event(self, event: IssueEvent, *, with_issue: bool = True) -> dict:
        data = self.template("issue-event-items")
        data.update(
            id=event.id,
            node_id=node_id("IE", event.id),
            actor=self.user(event.actor),
            event=event.event,
            created_at=stamp(event.created_at),
            commit_id=event.commit_id,
            commit_url=event.commit_id and f"{self.repo_api}/commits/{event.commit_id}",
            url=f"{self.repo_api}/issues/events/{event.id}",
            performed_via_github_app=None,
        )
        if event.label is not None:
            label = self.repo.labels[event.label]
            data["label"] = {"name": label.name, "color": label.color}
        if with_issue:
            data["issue"] = self.issue(self.repo.issues[event.issue])
        else:
            data.pop("issue", None)
        return data


def _merge_sha(pr: Issue) -> str:
    return sha_of("merge", pr.number)


def _links(template: dict, url: str, issue_url: str, web: str, pr: Issue) -> dict:
    return dict(
        template,
        self={"href": url},
        html={"href": f"{web}/pull/{pr.number}"},
        issue={"href": issue_url},
        comments={"href": f"{issue_url}/comments"},
        review_comments={"href": f"{url}/comments"},
        commits={"href": f"{url}/commits"},
    )
