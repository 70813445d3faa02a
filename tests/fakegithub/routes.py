"""REST endpoints of the fake: each handler reads or changes the `Repo` and returns a `Reply`.

Listings return a `Listing` (all matching objects, in GitHub's order, plus how to render one); the
server slices it into pages, adds the Link header and the ETag. Only the paths and parameters the
project and its tools use are served; anything else answers 404 like GitHub.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from .payloads import Renderer
from .state import Repo, User, parse_time


@dataclass
class Reply:
    status: int
    body: Any = None
    headers: dict = field(default_factory=dict)


@dataclass
class Listing:
    items: list
    render: Callable[[Any], dict]


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    actor: User


def not_found() -> Reply:
    return Reply(404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"})


def invalid(message: str) -> Reply:
    return Reply(
        422,
        {
            "message": "Validation Failed",
            "errors": [{"message": message}],
            "documentation_url": "https://docs.github.com/rest",
            "status": "422",
        },
    )


ROUTES: list[tuple[str, re.Pattern, Callable]] = []


def route(method: str, pattern: str):
    def register(fn):
        ROUTES.append((method, re.compile("^" + pattern + "$"), fn))
        return fn

    return register


def dispatch(repo: Repo, render: Renderer, call: Call) -> Reply | Listing:
    prefix = f"/repos/{repo.owner}/{repo.name}"
    if not (call.path == prefix or call.path.startswith(prefix + "/")):
        return not_found()
    path = call.path[len(prefix) :]
    for method, pattern, fn in ROUTES:
        match = pattern.match(path) if method == call.method else None
        if match:
            with repo.lock:
                try:
                    return fn(repo, render, call, *map(unquote, match.groups()))
                except KeyError:
                    return not_found()
    return not_found()


def since_filter(items, query, attr="updated_at"):
    since = parse_time(query.get("since"))
    return [item for item in items if since is None or getattr(item, attr) >= since]


# ---------------------------------------------------------------------- repository, users, limits


@route("GET", "")
def get_repo(repo, render, call):
    return Reply(200, render.repository())


@route("GET", r"/collaborators/([^/]+)/permission")
def collaborator_permission(repo, render, call, login):
    """`repo.permissions[login]`: admin, maintain, write, triage or read (default: read)."""
    user = repo.user(login)
    role = repo.permissions.get(login, "read")
    legacy = {"maintain": "write", "triage": "read"}.get(role, role)
    collaborator = dict(
        render.user(user),
        permissions={
            "admin": role == "admin",
            "maintain": role in ("admin", "maintain"),
            "push": legacy in ("admin", "write"),
            "triage": role != "read",
            "pull": True,
        },
        role_name=role,
    )
    return Reply(200, {"permission": legacy, "role_name": role, "user": collaborator})


# ---------------------------------------------------------------------- issues


def _issue_state(items, query):
    state = query.get("state", "open")
    return [i for i in items if state == "all" or i.state == state]


def _sorted(items, query, default_sort="created", default_direction="desc"):
    key = {"created": "created_at", "updated": "updated_at", "comments": "comments"}
    attr = key.get(query.get("sort", default_sort), "created_at")
    reverse = query.get("direction", default_direction) == "desc"
    return sorted(items, key=lambda i: (getattr(i, attr), i.id), reverse=reverse)


@route("GET", "/issues")
def list_issues(repo, render, call):
    items = since_filter(_issue_state(repo.issues.values(), call.query), call.query)
    if "labels" in call.query:
        wanted = set(call.query["labels"].split(","))
        items = [i for i in items if wanted <= set(i.labels)]
    return Listing(_sorted(items, call.query), render.issue)


@route("POST", "/issues")
def create_issue(repo, render, call):
    body = call.body or {}
    if not body.get("title"):
        return invalid("title is missing")
    item = repo.add_issue(call.actor, body["title"], body=body.get("body"), labels=body.get("labels", ()))
    return Reply(201, render.issue_full(item))


@route("GET", r"/issues/(\d+)")
def get_issue(repo, render, call, number):
    return Reply(200, render.issue_full(repo.issues[int(number)]))


@route("PATCH", r"/issues/(\d+)")
def edit_issue(repo, render, call, number):
    number, body = int(number), call.body or {}
    item = repo.edit_issue(number, title=body.get("title"), body=body.get("body"))
    if body.get("state") == "closed" and item.state == "open":
        repo.close(number, actor=call.actor)
    elif body.get("state") == "open" and item.state == "closed":
        repo.reopen(number, actor=call.actor)
    if "labels" in body:
        _replace_labels(repo, number, body["labels"], call.actor)
    return Reply(200, render.issue_full(item))


@route("GET", r"/issues/(\d+)/events")
def list_issue_events_of(repo, render, call, number):
    items = [e for e in repo.events if e.issue == int(number)]
    return Listing(items, lambda e: render.issue_event(e, with_issue=False))


@route("GET", "/issues/events")
def list_issue_events(repo, render, call):
    return Listing(sorted(repo.events, key=lambda e: e.id, reverse=True), render.issue_event)


# ---------------------------------------------------------------------- issue comments


@route("GET", "/issues/comments")
def list_comments(repo, render, call):
    items = since_filter(repo.comments.values(), call.query)
    return Listing(_sorted(items, call.query, "created", "asc"), render.comment)


@route("GET", r"/issues/(\d+)/comments")
def list_issue_comments(repo, render, call, number):
    repo.issues[int(number)]
    items = since_filter([c for c in repo.comments.values() if c.issue == int(number)], call.query)
    return Listing(sorted(items, key=lambda c: c.id), render.comment)


@route("POST", r"/issues/(\d+)/comments")
def create_comment(repo, render, call, number):
    text = (call.body or {}).get("body")
    if not isinstance(text, str) or not text:
        return invalid("body is missing")
    repo.issues[int(number)]
    return Reply(201, render.comment(repo.add_comment(int(number), call.actor, text)))


@route("GET", r"/issues/comments/(\d+)")
def get_comment(repo, render, call, comment_id):
    return Reply(200, render.comment(repo.comments[int(comment_id)]))


@route("PATCH", r"/issues/comments/(\d+)")
def edit_comment(repo, render, call, comment_id):
    text = (call.body or {}).get("body")
    if not isinstance(text, str) or not text:
        return invalid("body is missing")
    return Reply(200, render.comment(repo.edit_comment(int(comment_id), text)))


@route("DELETE", r"/issues/comments/(\d+)")
def delete_comment(repo, render, call, comment_id):
    repo.delete_comment(int(comment_id))
    return Reply(204)


# ---------------------------------------------------------------------- reactions


def _reactions_reply(call, target, render, repo):
    if call.method == "GET":
        return Listing(list(target.reactions), render.reaction)
    content = (call.body or {}).get("content")
    mine = [r for r in target.reactions if r.user is call.actor and r.content == content]
    if mine:
        return Reply(200, render.reaction(mine[0]))
    return Reply(201, render.reaction(repo.react(target, call.actor, content)))


@route("GET", r"/issues/(\d+)/reactions")
@route("POST", r"/issues/(\d+)/reactions")
def issue_reactions(repo, render, call, number):
    return _reactions_reply(call, repo.issues[int(number)], render, repo)


@route("GET", r"/issues/comments/(\d+)/reactions")
@route("POST", r"/issues/comments/(\d+)/reactions")
def comment_reactions(repo, render, call, comment_id):
    return _reactions_reply(call, repo.comments[int(comment_id)], render, repo)


@route("GET", r"/pulls/comments/(\d+)/reactions")
@route("POST", r"/pulls/comments/(\d+)/reactions")
def review_comment_reactions(repo, render, call, comment_id):
    return _reactions_reply(call, repo.review_comments[int(comment_id)], render, repo)


# ---------------------------------------------------------------------- label helpers


def _label_names(body) -> list[str]:
    names = body.get("labels", []) if isinstance(body, dict) else body or []
    return [n["name"] if isinstance(n, dict) else n for n in names]


def _replace_labels(repo, number, names, actor):
    for name in list(repo.issues[number].labels):
        if name not in names:
            repo.unlabel_issue(number, name, actor=actor)
    for name in names:
        repo.label_issue(number, name, actor=actor)


def _issue_labels(repo, render, number):
    return [render.label(repo.labels[n]) for n in repo.issues[number].labels]


# The other endpoints register themselves on import.
from . import routes_labels, routes_pulls  # noqa: E402,F401
