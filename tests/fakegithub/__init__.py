"""A fake GitHub for the tests: a real HTTP server on 127.0.0.1 holding one scriptable repository.

Reach it with the real github3.py client (`GitHubEnterprise(fake.url, token=fake.token)`), with
`entraide sync --api-url <fake.url>`, or with any tool that speaks GitHub Enterprise (`/api/v3`,
`/api/graphql`). Payloads start from GitHub's example responses in the OpenAPI description copied in
tests/fixtures/github/ and are checked against its schemas by tests/test_fake_contract.py.

Usage
-----

    from fakegithub import FakeGitHub, Repo   # tests/ is on sys.path under pytest

    with FakeGitHub() as fake:               # or the `fake_github` pytest fixture
        repo = fake.repo                      # owner "octo-org", name "entraide"
        issue = repo.add_issue("alice", "Help with flexbox", labels=["question"])
        pr = repo.add_pr("bob", "Challenge: html-semantique", files=["challenges/x/index.html"])
        review = repo.add_review(pr.number, "carol", "APPROVED")   # commit_id = current head
        repo.push(pr.number)                                      # head moves
        comment = repo.add_comment(issue.number, "carol", "Thanks @alice!")
        repo.react(comment, "dave", "heart")
        repo.label_issue(pr.number, "accepted", actor="mentor")   # labeled event with its actor
        repo.merge(pr.number, actor="mentor")
        d = repo.add_discussion("erin", "How to center a div?", category="Q&A")
        answer = repo.add_discussion_comment(d.number, "frank", "Use grid.")
        repo.mark_answer(d.number, answer.id, by="erin")
        repo.delete_user("dave")                                  # his items now show user: null
        gh = fake.github3()                                       # github3.GitHubEnterprise

`Repo` methods: user, delete_user, add_label, label_issue, unlabel_issue, add_issue, add_pr, push,
close, reopen, merge, edit_issue, add_comment, edit_comment, delete_comment, add_review,
dismiss_review, add_review_comment, react, add_discussion, add_discussion_comment, mark_answer; plus
`repo.permissions[login]` for collaborator roles. Every change moves the fake clock one minute on
unless `at="2025-03-01T10:00:00Z"` is given.
Writes through the API act as the user of the token (`fake.tokens`, default token "test-token" is
"github-actions[bot]").

Served (under /api/v3/repos/{owner}/{repo}): GET repo; issues list (state, since, sort, direction,
labels) and POST; issues/{n} GET/PATCH (state, title, body, labels); issues/{n}/events; issues/events;
issues/comments (since, sort, direction); issues/{n}/comments GET/POST; issues/comments/{id}
GET/PATCH/DELETE; reactions GET/POST on issues, issue comments and review comments; labels GET/POST,
labels/{name} GET/PATCH/DELETE; issues/{n}/labels GET/POST/PUT/DELETE and DELETE labels/{name}; pulls
list (state, sort, direction); pulls/{n}; pulls/{n}/files, reviews, comments, requested_reviewers;
pulls/comments (since); collaborators/{login}/permission (`repo.permissions[login] = "write"`). Also GET /user, /users/{login}, /rate_limit, and POST /api/graphql (discussions: list, one by number, add a comment).

Protocol details honoured: `per_page` (default 30, max 100), `page` and the Link header
(next/last/first/prev); weak ETags on every 200 GET, specific to the token as GitHub's are
(github/docs#34689: another token's ETag gets a 200), and 304 on a matching If-None-Match;
Last-Modified (the object's `updated_at`) on single objects, not on listings (as GitHub), and 304 on
If-Modified-Since for any token; the
x-ratelimit-* headers with a budget that every answer except 304s spends (`fake.rate`,
`fake.set_rate_limit(remaining, reset_in=...)`), 403 "API rate limit exceeded" when it is spent; 401
for an unknown token.

Faults: `fake.inject(path_fragment, ...)` makes the next matching request(s) misbehave:
`status=502`, `status=403, retry_after=2` or `status=429` (secondary limits; add
`headers={"x-ratelimit-remaining": "0", "x-ratelimit-reset": "..."}` as needed), `html=True` (an HTML
error page), `truncate=True` (half the JSON body), `reset=True` (TCP reset, no answer), `delay=2.5`,
`body={...}`; `times=` how many requests (default 1), `after=` how many matching requests to let
through first, `method=` to restrict. `fake.deny(path_fragment, "issues=write")` answers 403 with the
`x-accepted-github-permissions` header, as GitHub does for a token without that permission.

GraphQL: `POST /api/graphql` answers batches by number (`n12: pullRequest(number: 12) { reviews(first:,
after:) }`, `issue(number:) { reactions }`, `discussion(number:)`, as many aliases as asked, null with a
NOT_FOUND error for a number that is no such object), the discussions query, `discussion(number:)` (comments with their
bodies and authors) and the mutation `addDiscussionComment(input: {discussionId, body})`, which adds
a comment by the token's user; answers are cut down to the fields selected. A discussion's node id is
`payloads.node_id("D", discussion.id)`, as `id` in GraphQL answers.

Helpers: `fakegithub.scenarios.busy_repository(repo, issues=..., ...)` scripts a community's history of
any size (deterministic), `scenarios.changes(repo, 150)` a batch of changes, and
`fakegithub.truth.expected(repo)` the events a complete sync must store (computed from the state).
Pytest fixtures (tests/fakegithub/fixtures.py): `fake_github`, and `github_env` which also sets
GITHUB_TOKEN and GITHUB_REPOSITORY.

Request log: `fake.log` lists `Logged(method, path, query, status, counted, headers)`;
`fake.counted()` keeps those that spent REST budget (`fake.counted("graphql")` for GraphQL, and
`fake.points()` their cost in points by GitHub's formula); a fault with only `headers=` adds them to
the normal answer (a Link header, say);
`fake.clear_log()`.
"""

from .server import FakeGitHub, Fault, Logged, RateLimit
from .state import Repo, sha_of

__all__ = ["FakeGitHub", "Fault", "Logged", "RateLimit", "Repo", "sha_of"]
