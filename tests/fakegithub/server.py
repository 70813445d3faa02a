"""The HTTP side of the fake: routing, pagination, ETags, the rate-limit budget, faults, the request log."""

from __future__ import annotations

import html
import itertools
import json
import threading
import time
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

from . import graphql
from .handler import Fault, Handler, Logged, RateLimit
from .payloads import Renderer, spec
from .routes import Call, Listing, Reply, dispatch, not_found
from .state import Repo


class FakeGitHub:
    """A GitHub (Enterprise-style) server on 127.0.0.1 for one repository; see the package docstring."""

    def __init__(
        self,
        repo: Repo | None = None,
        *,
        token: str = "test-token",
        actor: str = "github-actions[bot]",
        rate_limit: int = 5000,
    ):
        self.repo = repo or Repo()
        self.repos: dict[str, Repo] = {}  # more repositories on the same server (`add_repo`)
        self.tokens = {token: actor}
        self.token = token
        self.rate = RateLimit(rate_limit, rate_limit, int(time.time()) + 3600)
        self.faults: list[Fault] = []
        self.denied: dict[str, str] = {}  # path fragment -> permission, answered 403
        self.log: list[Logged] = []
        self._log_lock = threading.Lock()
        self.checker = None  # called with every normal answer; see fakegithub.contract.watch
        self.header_checker = None  # called with every answer's final headers (ETag, Last-Modified...)
        self._server: ThreadingHTTPServer | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeGitHub:
        handler = type("BoundHandler", (Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._server.handle_error = lambda request, address: None  # a client killed mid-request
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakeGitHub:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The web root, what `GitHubEnterprise(url)` and `--api-url` take."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return self.url + "/api/v3"

    def github3(self, token: str | None = None):
        import github3

        return github3.GitHubEnterprise(self.url, token=token or self.token)

    # ------------------------------------------------------------------ scripting

    def add_repo(self, owner: str, name: str) -> Repo:
        """Another repository on the same server (a programme over several), sharing the users: one
        account has one id everywhere, as on GitHub."""
        repo = Repo(owner, name, start=self.repo.clock.isoformat().replace("+00:00", "Z"))
        repo.users = self.repo.users
        repo._ids = itertools.count(1000 + 100_000 * (len(self.repos) + 1))  # ids unique across repositories
        self.repos[f"{owner}/{name}"] = repo
        return repo

    def repo_for(self, path: str, data: dict | None = None) -> Repo:
        """The repository a request is about: by its /repos/OWNER/NAME path, or a GraphQL query's
        `owner` and `name` variables; the first repository otherwise."""
        parts = path.split("/")
        if len(parts) > 3 and parts[1] == "repos":
            return self.repos.get(f"{parts[2]}/{parts[3]}", self.repo)
        variables = (data or {}).get("variables") if isinstance(data, dict) else None
        if isinstance(variables, dict):
            return self.repos.get(f"{variables.get('owner')}/{variables.get('name')}", self.repo)
        return self.repo

    def inject(self, path: str = "", **fault) -> Fault:
        """Next matching request(s) misbehave: status=, retry_after=, html=, truncate=, reset=, delay=,
        hold= (no answer for that many seconds, then the connection drops; written=True: the write was done),
        body=, headers=, times= (default 1), after= (let that many matching requests through first)."""
        item = Fault(path=path, **fault)
        self.faults.append(item)
        return item

    def deny(self, path: str, permission: str = "issues=write") -> None:
        """Requests whose path contains `path` answer 403 naming the missing permission."""
        self.denied[path] = permission

    def set_rate_limit(self, remaining: int, *, reset_in: float = 3600, limit: int | None = None) -> None:
        self.rate.limit = limit or self.rate.limit
        self.rate.remaining, self.rate.reset_at = remaining, int(time.time() + reset_in)

    def counted(self, resource: str = "core") -> list[Logged]:
        """Requests that spent budget: REST ("core") by default, or "graphql"."""
        return [r for r in self.log if r.counted and r.resource == resource]

    def points(self) -> int:
        """GraphQL rate-limit points spent (each query's cost by GitHub's formula)."""
        return sum(r.points for r in self.log if r.counted and r.resource == "graphql")

    def clear_log(self) -> None:
        with self._log_lock:
            self.log.clear()

    # ------------------------------------------------------------------ answering

    def answer(self, method: str, target: str, headers: dict, body: bytes) -> tuple[int, dict, bytes]:
        parts = urlsplit(target)
        path = parts.path[len("/api/v3") :] if parts.path.startswith("/api/v3") else parts.path
        query = dict(parse_qsl(parts.query))
        actor = self._actor(headers)
        if actor is None:
            return self._json(
                401,
                {"message": "Bad credentials", "status": "401", "documentation_url": "https://docs.github.com/rest"},
            )
        for fragment, permission in self.denied.items():
            if fragment in path:
                return self._json(
                    403,
                    {
                        "message": "Resource not accessible by integration",
                        "status": "403",
                        "documentation_url": "https://docs.github.com/rest",
                    },
                    {"x-accepted-github-permissions": permission},
                )
        try:
            data = json.loads(body) if body else None
        except ValueError:
            return self._json(400, {"message": "Problems parsing JSON", "status": "400"})
        repo = self.repo_for(path, data)
        render = Renderer(repo, self.url + "/api/v3", self.url)
        if path in ("/api/graphql", "/graphql") and method == "POST":
            return self._json(200, graphql.execute(repo, data or {}, actor))
        reply = self._global(path, actor, render) or dispatch(repo, render, Call(method, path, query, data, actor))
        media = _media(headers.get("accept", ""))
        if isinstance(reply, Listing):
            return self._page(Listing(reply.items, lambda i: media(reply.render(i))), target, query)
        body = [media(i) for i in reply.body] if isinstance(reply.body, list) else media(reply.body)
        return self._json(reply.status, body, reply.headers)

    def _actor(self, headers: dict):
        auth = headers.get("authorization", "")
        token = auth.split(" ", 1)[1] if " " in auth else ""
        login = self.tokens.get(token)
        return self.repo.user(login) if login else None

    def _global(self, path: str, actor, render: Renderer) -> Reply | None:
        if path == "/user":
            return Reply(200, _full_user(render, actor))
        if path.startswith("/users/") and path.endswith("/orgs"):  # asked by Perceval
            return Reply(200, [])
        if path.startswith("/users/"):
            user = self.repo.users.get(path[len("/users/") :])
            return Reply(200, _full_user(render, user)) if user and not user.deleted else not_found()
        if path == "/rate_limit":
            return Reply(200, self._rate_body())
        return None

    def _page(self, listing: Listing, target: str, query: dict) -> tuple[int, dict, bytes]:
        per_page = min(max(int(query.get("per_page", 30)), 1), 100)
        page = max(int(query.get("page", 1)), 1)
        items = listing.items[(page - 1) * per_page : page * per_page]
        status, headers, body = self._json(200, [listing.render(i) for i in items])
        last = max((len(listing.items) + per_page - 1) // per_page, 1)
        links = _links(self.url + urlsplit(target).path, query, page, last)
        if links:
            headers["Link"] = links
        return status, headers, body

    def _rate_body(self) -> dict:
        data = json.loads(json.dumps(spec()["components"]["examples"]["rate-limit-overview"]["value"]))
        core = {
            "limit": self.rate.limit,
            "remaining": self.rate.remaining,
            "reset": self.rate.reset_at,
            "used": self.rate.limit - self.rate.remaining,
        }
        data["rate"] = data["resources"]["core"] = core
        return data

    @staticmethod
    def _json(status: int, body, headers: dict | None = None) -> tuple[int, dict, bytes]:
        raw = b"" if body is None else json.dumps(body).encode()
        headers = dict(headers or {})
        if body is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        return status, headers, raw


def _media(accept: str):
    """GitHub's media types: `.full+json`/`.html+json` add body_html (and body_text) to bodies."""
    wanted = [kind for kind in ("html", "text") if ".full" in accept or f".{kind}" in accept]

    def apply(item):
        if wanted and isinstance(item, dict) and "body" in item:
            item = dict(item)
            if "html" in wanted:
                item["body_html"] = "<p>" + html.escape(item["body"] or "") + "</p>"
            if "text" in wanted:
                item["body_text"] = item["body"] or ""
        return item

    return apply


def _full_user(render: Renderer, user) -> dict:
    data = render.template("public-user-default-response")
    data.update(render.user(user))
    for private in (
        "plan",
        "private_gists",
        "total_private_repos",
        "owned_private_repos",
        "disk_usage",
        "collaborators",
        "two_factor_authentication",
    ):
        data.pop(private, None)
    data["user_view_type"] = "public"
    return data


def _links(base: str, query: dict, page: int, last: int) -> str:
    def url(number: int) -> str:
        return f"{base}?{urlencode({**query, 'page': number})}"

    links = []
    if page < last:
        links += [f'<{url(page + 1)}>; rel="next"', f'<{url(last)}>; rel="last"']
    if page > 1:
        links += [f'<{url(1)}>; rel="first"', f'<{url(page - 1)}>; rel="prev"']
    return ", ".join(links)
