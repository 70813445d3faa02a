"""The fake GitHub answers what GitHub's published OpenAPI description says GitHub answers.

Every REST answer of the fake, for a repository holding one of each kind of object (bots, a deleted
account, merged and closed PRs, reviews, reactions, labels), is validated with openapi-core against
the schemas of tests/fixtures/github/openapi-subset.json. A missing required field, a wrong type or an
undocumented status code fails here, so the fake cannot drift from the real API.
"""

from __future__ import annotations

import pytest
import requests
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_core.validation.response.exceptions import ResponseValidationError

from fakegithub import FakeGitHub
from fakegithub.contract import openapi, watch


def openapi_for(api_url: str) -> OpenAPI:
    assert api_url.startswith("http://127.0.0.1:") and api_url.endswith("/api/v3")
    return openapi()


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
    return {
        "issue": issue.number,
        "comment": comment.id,
        "pr": pr.number,
        "review": review.id,
        "inline": inline.id,
        "closed": closed.number,
    }


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
            openapi.validate_response(RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response))
        except Exception as error:  # collect every mismatch, then fail once
            failures.append(f"{method} {path} -> {response.status_code}: {_cause(error)}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", ["/user", "/users/alice", "/rate_limit"])
def test_user_and_rate_limit_answers_match_schema(fake_github, path):
    fake_github.repo.user("alice")
    openapi = openapi_for(fake_github.api_url)
    response = requests.get(fake_github.api_url + path, headers={"Authorization": f"token {fake_github.token}"})
    openapi.validate_response(RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response))


def test_contract_check_catches_a_missing_required_field(fake_github, monkeypatch):
    """The validation above can fail: a fake that forgets `number` on issues is caught."""
    from fakegithub.payloads import Renderer

    original = Renderer.issue
    monkeypatch.setattr(
        Renderer, "issue", lambda self, issue: {k: v for k, v in original(self, issue).items() if k != "number"}
    )
    fake_github.repo.add_issue("alice", "x")
    openapi = openapi_for(fake_github.api_url)
    response = requests.get(
        f"{fake_github.api_url}/repos/octo-org/entraide/issues", headers={"Authorization": f"token {fake_github.token}"}
    )
    with pytest.raises(ResponseValidationError):
        openapi.validate_response(RequestsOpenAPIRequest(response.request), RequestsOpenAPIResponse(response))


def test_answers_served_during_syncs_and_bot_writes_match_the_schema(fake_github, tmp_path):
    """Every answer the fake gives while the sync and github3 writes drive it, checked as it goes."""
    from test_sync import community, sync

    failures = watch(fake_github)
    numbers = community(fake_github.repo)
    sync(fake_github, tmp_path)
    issue = fake_github.github3().repository("octo-org", "entraide").issue(numbers["question"])
    issue.create_comment("Bienvenue").edit("Bienvenue !")
    issue.add_labels("bienvenue")
    issue.remove_label("bienvenue")
    fake_github.repo.add_comment(numbers["pr"], "carol", "encore")
    sync(fake_github, tmp_path)
    assert len(fake_github.log) > 15
    assert failures == []


def _cause(error: Exception) -> str:
    details = getattr(error, "__cause__", None)
    inner = getattr(details, "schema_errors", None) or []
    return "; ".join(f"{list(e.absolute_path)}: {e.message}"[:300] for e in inner) or repr(error)[:500]


# ---------------------------------------------------------------------- protocol the tests rely on


def get(fake, path, **headers):
    return requests.get(fake.api_url + path, headers={"Authorization": f"token {fake.token}", **headers})


def test_pages_follow_per_page_and_link_headers(fake_github):
    for i in range(5):
        fake_github.repo.add_issue("alice", f"n{i}")
    first = get(fake_github, "/repos/octo-org/entraide/issues?per_page=2&sort=created&direction=asc")
    assert [i["number"] for i in first.json()] == [1, 2]
    assert set(first.links) == {"next", "last"} and "page=3" in first.links["last"]["url"]
    second = requests.get(first.links["next"]["url"], headers={"Authorization": f"token {fake_github.token}"})
    assert [i["number"] for i in second.json()] == [3, 4] and set(second.links) == {"next", "last", "first", "prev"}


def test_since_keeps_items_updated_at_or_after(fake_github):
    repo = fake_github.repo
    old = repo.add_issue("alice", "old", at="2025-02-01T10:00:00Z")
    repo.add_issue("alice", "new", at="2025-02-02T10:00:00Z")
    repo.add_comment(old.number, "bob", "bump", at="2025-02-03T10:00:00Z")
    answer = get(fake_github, "/repos/octo-org/entraide/issues?since=2025-02-02T10:00:00Z&sort=updated&direction=asc")
    assert [i["title"] for i in answer.json()] == ["new", "old"]


def test_matching_etag_answers_304_without_spending_budget(fake_github):
    fake_github.repo.add_issue("alice", "x")
    first = get(fake_github, "/repos/octo-org/entraide/issues")
    again = get(fake_github, "/repos/octo-org/entraide/issues", **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["x-ratelimit-remaining"] == first.headers["x-ratelimit-remaining"]
    assert [r.counted for r in fake_github.log] == [True, False]
    fake_github.repo.add_issue("bob", "y")
    changed = get(fake_github, "/repos/octo-org/entraide/issues", **{"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200


def test_an_etag_is_worth_nothing_to_another_token(fake_github):
    """GitHub's ETags are specific to the token (github/docs#34689); a workflow's token is new every run."""
    fake_github.repo.add_issue("alice", "x")
    fake_github.tokens["ghs_next_run"] = "github-actions[bot]"
    first = get(fake_github, "/repos/octo-org/entraide/issues")
    same = get(fake_github, "/repos/octo-org/entraide/issues", **{"If-None-Match": first.headers["ETag"]})
    other = requests.get(
        fake_github.api_url + "/repos/octo-org/entraide/issues",
        headers={"Authorization": "token ghs_next_run", "If-None-Match": first.headers["ETag"]},
    )
    assert same.status_code == 304
    assert other.status_code == 200 and other.json() == first.json() and other.headers["ETag"] != first.headers["ETag"]
    assert [r.counted for r in fake_github.log] == [True, False, True]


def test_if_modified_since_holds_across_tokens_on_single_objects_not_on_listings(fake_github):
    issue = fake_github.repo.add_issue("alice", "x", at="2025-02-01T10:00:00Z")
    fake_github.tokens["ghs_next_run"] = "github-actions[bot]"
    one = get(fake_github, f"/repos/octo-org/entraide/issues/{issue.number}")
    assert one.headers["Last-Modified"] == "Sat, 01 Feb 2025 10:00:00 GMT"
    assert "Last-Modified" not in get(fake_github, "/repos/octo-org/entraide/issues").headers
    again = requests.get(
        fake_github.api_url + f"/repos/octo-org/entraide/issues/{issue.number}",
        headers={"Authorization": "token ghs_next_run", "If-Modified-Since": one.headers["Last-Modified"]},
    )
    assert again.status_code == 304 and not fake_github.log[-1].counted
    fake_github.repo.add_comment(issue.number, "bob", "bump")  # updated_at moves on
    changed = get(
        fake_github,
        f"/repos/octo-org/entraide/issues/{issue.number}",
        **{"If-Modified-Since": one.headers["Last-Modified"]},
    )
    assert changed.status_code == 200


def test_the_header_check_catches_a_listing_with_last_modified_and_a_missing_etag():
    from fakegithub.contract import header_problems

    url = "http://127.0.0.1:1/api/v3/repos/o/r/issues"
    assert header_problems("GET", url, 200, {"ETag": 'W/"x"', "Last-Modified": "Sat, 01 Feb 2025 10:00:00 GMT"}, b"[]")
    assert header_problems("GET", url + "/1", 200, {}, b'{"updated_at": "2025-02-01T10:00:00Z"}')
    good = {"ETag": 'W/"x"', "Last-Modified": "Sat, 01 Feb 2025 10:00:00 GMT"}
    assert header_problems("GET", url + "/1", 200, good, b'{"updated_at": "2025-02-01T10:00:00Z"}') == []


def test_spent_budget_answers_403_until_the_reset(fake_github):
    fake_github.set_rate_limit(1, reset_in=3600)
    assert get(fake_github, "/repos/octo-org/entraide").status_code == 200
    refused = get(fake_github, "/repos/octo-org/entraide")
    assert refused.status_code == 403 and refused.headers["x-ratelimit-remaining"] == "0"
    assert "rate limit" in refused.json()["message"]


def test_unknown_token_is_refused_with_401(fake_github):
    answer = requests.get(fake_github.api_url + "/repos/octo-org/entraide", headers={"Authorization": "token nope"})
    assert answer.status_code == 401


def test_writes_through_github3_act_as_the_token_user(fake_github):
    repo = fake_github.repo
    issue = repo.add_issue("alice", "Bonjour")
    gh_issue = fake_github.github3().repository("octo-org", "entraide").issue(issue.number)
    gh_issue.create_comment("Bienvenue !")
    gh_issue.add_labels("welcome")
    assert [c.user.login for c in repo.comments.values()] == ["github-actions[bot]"]
    labeled = [e for e in repo.events if e.event == "labeled"]
    assert [(e.label, e.actor.login) for e in labeled] == [("welcome", "github-actions[bot]")]


def test_graphql_answers_only_the_fields_asked(fake_github):
    talk = fake_github.repo.add_discussion("alice", "Bonjour")
    fake_github.repo.add_discussion_comment(talk.number, "dependabot[bot]", "Salut")
    query = """query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) {
      discussions(first: 10) { nodes { number comments(first: 5) { nodes {
        author { login ... on Bot { databaseId } } } } } } } }"""
    answer = requests.post(
        fake_github.url + "/api/graphql",
        json={"query": query, "variables": {}},
        headers={"Authorization": f"bearer {fake_github.token}"},
    ).json()
    node = answer["data"]["repository"]["discussions"]["nodes"][0]
    assert node == {
        "number": talk.number,
        "comments": {
            "nodes": [
                {"author": {"login": "dependabot[bot]", "databaseId": fake_github.repo.users["dependabot[bot]"].id}}
            ]
        },
    }
