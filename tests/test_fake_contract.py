"""The fake GitHub answers what GitHub's published OpenAPI description says GitHub answers.

Every REST answer of the fake, for a repository holding one of each kind of object (bots, a deleted
account, merged and closed PRs, reviews, reactions, labels), is validated with openapi-core against
the schemas of tests/fixtures/github/openapi-subset.json. A missing required field, a wrong type or an
undocumented status code fails here, so the fake cannot drift from the real API.
"""

from __future__ import annotations

import copy
import functools

import pytest
import requests
from fakegithub import FakeGitHub
from fakegithub.payloads import spec
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse


@functools.cache
def openapi_for(api_url: str) -> OpenAPI:
    description = copy.deepcopy(spec())
    description["servers"] = [{"url": api_url}]
    return OpenAPI.from_dict(description)


def scripted(fake: FakeGitHub) -> dict:
    repo = fake.repo
    issue = repo.add_issue("alice", "Aide sur flexbox", body="Comment centrer ?", labels=["question"])
    comment = repo.add_comment(issue.number, "bob", "Avec `justify-content` :)")
    repo.react(comment, "alice", "heart")
    repo.react(issue, "carol", "+1")
    pr = repo.add_pr("alice", "Défi : html-semantique", files=["challenges/html/alice/index.html"])
    review = repo.add_review(pr.number, "mentor", "CHANGES_REQUESTED", body="Presque !")
    inline = repo.add_review_comment(pr.number, "mentor", "Un <main> ici ?", review=review)
    repo.add_review_comment(pr.number, "alice", "Fait.", in_reply_to=inline.id)
    repo.push(pr.number)
    repo.add_review(pr.number, "dependabot[bot]", "COMMENTED")
    repo.label_issue(pr.number, "accepted", actor="mentor")
    repo.merge(pr.number, actor="mentor")
    closed = repo.add_pr("ghosty", "Old attempt")
    repo.close(closed.number, actor="mentor")
    repo.delete_user("ghosty")
    repo.unlabel_issue(issue.number, "question", actor="mentor")
    repo.permissions["mentor"] = "maintain"
    return {"issue": issue.number, "comment": comment.id, "pr": pr.number, "review": review.id,
            "inline": inline.id, "closed": closed.number}


def calls(ids: dict) -> list[tuple[str, str, dict | None]]:
    i, c, p, rc = ids["issue"], ids["comment"], ids["pr"], ids["inline"]
    return [
        ("GET", "", None),
        ("GET", "/issues?state=all&per_page=2", None),
        ("GET", "/issues?state=all&per_page=2&page=2", None),
        ("GET", "/issues?state=all&since=2025-01-01T00:00:00Z&sort=updated&direction=asc", None),
        ("GET", f"/issues/{i}", None),
        ("GET", f"/issues/{ids['closed']}", None),
        ("GET", "/issues/comments?per_page=100", None),
        ("GET", f"/issues/{i}/comments", None),
        ("GET", f"/issues/comments/{c}", None),
        ("GET", "/issues/events?per_page=100", None),
        ("GET", f"/issues/{p}/events", None),
        ("GET", f"/issues/{i}/reactions", None),
        ("GET", f"/issues/comments/{c}/reactions", None),
        ("GET", f"/pulls/comments/{rc}/reactions", None),
        ("GET", "/pulls?state=all", None),
        ("GET", f"/pulls/{p}", None),
        ("GET", f"/pulls/{ids['closed']}", None),
        ("GET", f"/pulls/{p}/files", None),
        ("GET", f"/pulls/{p}/commits", None),
        ("GET", f"/pulls/{p}/reviews", None),
        ("GET", f"/pulls/{p}/comments", None),
        ("GET", "/pulls/comments?since=2025-01-01T00:00:00Z", None),
        ("GET", f"/pulls/{p}/requested_reviewers", None),
        ("GET", "/labels", None),
        ("GET", "/collaborators/mentor/permission", None),
        ("GET", "/collaborators/alice/permission", None),
        ("GET", "/labels/accepted", None),
        ("POST", "/labels", {"name": "défi:css", "color": "00ff00", "description": "CSS"}),
        ("PATCH", "/labels/accepted", {"color": "0000ff"}),
        ("GET", f"/issues/{i}/labels", None),
        ("POST", f"/issues/{i}/labels", {"labels": ["bienvenue", "question"]}),
        ("PUT", f"/issues/{i}/labels", {"labels": ["question"]}),
        ("DELETE", f"/issues/{i}/labels/question", None),
        ("DELETE", f"/issues/{i}/labels", None),
        ("POST", f"/issues/{i}/comments", {"body": "Bienvenue !"}),
        ("PATCH", f"/issues/comments/{c}", {"body": "Avec `justify-content: center` :)"}),
        ("POST", f"/issues/{i}/reactions", {"content": "rocket"}),
        ("POST", f"/issues/comments/{c}/reactions", {"content": "hooray"}),
        ("POST", "/issues", {"title": "Nouvelle question", "body": "?", "labels": ["question"]}),
        ("PATCH", f"/issues/{i}", {"state": "closed"}),
        ("GET", "/issues/999", None),
        ("GET", f"/issues/comments/{c}/reactions?per_page=1", None),
    ]


def test_every_answer_matches_github_schema(fake_github):
    ids = scripted(fake_github)
    openapi = openapi_for(fake_github.api_url)
    prefix = f"{fake_github.api_url}/repos/{fake_github.repo.owner}/{fake_github.repo.name}"
    session = requests.Session()
    session.headers["Authorization"] = f"token {fake_github.token}"
    failures = []
    for method, path, body in calls(ids):
        response = session.request(method, prefix + path, json=body)
        assert response.status_code < 500, (method, path, response.text)
        try:
            openapi.validate_response(RequestsOpenAPIRequest(response.request),
                                      RequestsOpenAPIResponse(response))
        except Exception as error:  # collect every mismatch, then fail once
            failures.append(f"{method} {path} -> {response.status_code}: {_cause(error)}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", ["/user", "/users/alice", "/rate_limit"])
def test_user_and_rate_limit_answers_match_schema(fake_github, path):
    fake_github.repo.user("alice")
    openapi = openapi_for(fake_github.api_url)
    response = requests.get(fake_github.api_url + path,
                            headers={"Authorization": f"token {fake_github.token}"})
    openapi.validate_response(RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response))


def test_contract_check_catches_a_missing_required_field(fake_github, monkeypatch):
    """The validation above can fail: a fake that forgets `number` on issues is caught."""
    from fakegithub.payloads import Renderer

    original = Renderer.issue
    monkeypatch.setattr(Renderer, "issue", lambda self, issue: {
        k: v for k, v in original(self, issue).items() if k != "number"})
    fake_github.repo.add_issue("alice", "x")
    openapi = openapi_for(fake_github.api_url)
    response = requests.get(f"{fake_github.api_url}/repos/octo-org/entraide/issues",
                            headers={"Authorization": f"token {fake_github.token}"})
    with pytest.raises(Exception):
        openapi.validate_response(RequestsOpenAPIRequest(response.request),
                                  RequestsOpenAPIResponse(response))


def _cause(error: Exception) -> str:
    details = getattr(error, "__cause__", None)
    inner = getattr(details, "schema_errors", None) or []
    return "; ".join(f"{list(e.absolute_path)}: {e.message}"[:300] for e in inner) or repr(error)[:500]
