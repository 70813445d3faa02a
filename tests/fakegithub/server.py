"""The HTTP side of the fake: routing, pagination, ETags, the rate-limit budget, faults, the request log."""

from __future__ import annotations

import hashlib
import html
import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

from . import graphql
from .payloads import Renderer, spec
from .routes import Call, Listing, Reply, dispatch, not_found
from .state import Repo


@dataclass
class Logged:
    """One request as the server saw it. `counted`: it used one unit of the rate-limit budget."""

    method: str
    path: str
    query: dict
    status: int
    counted: bool
    headers: dict
    resource: str = "core"  # "graphql" for POST /api/graphql (GitHub budgets it apart)


@dataclass
class Fault:
    """What to do instead of answering normally; see `FakeGitHub.inject`."""

    path: str = ""
    method: str | None = None
    status: int | None = None
    times: int = 1
    after: int = 0
    body: object = None
    headers: dict = field(default_factory=dict)
    retry_after: int | None = None
    html: bool = False
    truncate: bool = False
    reset: bool = False
    delay: float = 0.0
    seen: int = 0

    def matches(self, method: str, path: str) -> bool:
        return self.path in path and (self.method is None or self.method == method)


@dataclass
class RateLimit:
    limit: int = 5000
    remaining: int = 5000
    reset_at: int = 0  # epoch seconds; 0: one hour after the server starts
    window: int = 3600

    def refill_if_due(self) -> None:
        if time.time() >= self.reset_at:
            self.remaining, self.reset_at = self.limit, int(time.time()) + self.window


class FakeGitHub:
    """A GitHub (Enterprise-style) server on 127.0.0.1 for one repository; see the package docstring."""

    def __init__(self, repo: Repo | None = None, *, token: str = "test-token",
                 actor: str = "github-actions[bot]", rate_limit: int = 5000):
        self.repo = repo or Repo()
        self.tokens = {token: actor}
        self.token = token
        self.rate = RateLimit(rate_limit, rate_limit, int(time.time()) + 3600)
        self.faults: list[Fault] = []
        self.denied: dict[str, str] = {}  # path fragment -> permission, answered 403
        self.log: list[Logged] = []
        self._log_lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> "FakeGitHub":
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._server.handle_error = lambda request, address: None  # a client killed mid-request
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> "FakeGitHub":
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

    def inject(self, path: str = "", **fault) -> Fault:
        """Next matching request(s) misbehave: status=, retry_after=, html=, truncate=, reset=, delay=,
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

    def clear_log(self) -> None:
        with self._log_lock:
            self.log.clear()

    # ------------------------------------------------------------------ answering

    def answer(self, method: str, target: str, headers: dict, body: bytes) -> tuple[int, dict, bytes]:
        parts = urlsplit(target)
        path = parts.path[len("/api/v3"):] if parts.path.startswith("/api/v3") else parts.path
        query = dict(parse_qsl(parts.query))
        actor = self._actor(headers)
        if actor is None:
            return self._json(401, {"message": "Bad credentials", "status": "401",
                                    "documentation_url": "https://docs.github.com/rest"})
        for fragment, permission in self.denied.items():
            if fragment in path:
                return self._json(403, {"message": "Resource not accessible by integration",
                                        "status": "403",
                                        "documentation_url": "https://docs.github.com/rest"},
                                  {"x-accepted-github-permissions": permission})
        try:
            data = json.loads(body) if body else None
        except ValueError:
            return self._json(400, {"message": "Problems parsing JSON", "status": "400"})
        render = Renderer(self.repo, self.url + "/api/v3", self.url)
        if path in ("/api/graphql", "/graphql") and method == "POST":
            return self._json(200, graphql.execute(self.repo, data or {}))
        reply = self._global(path, actor, render) or dispatch(
            self.repo, render, Call(method, path, query, data, actor))
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
            user = self.repo.users.get(path[len("/users/"):])
            return Reply(200, _full_user(render, user)) if user and not user.deleted else not_found()
        if path == "/rate_limit":
            return Reply(200, self._rate_body())
        return None

    def _page(self, listing: Listing, target: str, query: dict) -> tuple[int, dict, bytes]:
        per_page = min(max(int(query.get("per_page", 30)), 1), 100)
        page = max(int(query.get("page", 1)), 1)
        items = listing.items[(page - 1) * per_page: page * per_page]
        status, headers, body = self._json(200, [listing.render(i) for i in items])
        last = max((len(listing.items) + per_page - 1) // per_page, 1)
        links = _links(self.url + urlsplit(target).path, query, page, last)
        if links:
            headers["Link"] = links
        return status, headers, body

    def _rate_body(self) -> dict:
        data = json.loads(json.dumps(spec()["components"]["examples"]["rate-limit-overview"]["value"]))
        core = {"limit": self.rate.limit, "remaining": self.rate.remaining,
                "reset": self.rate.reset_at, "used": self.rate.limit - self.rate.remaining}
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
    for private in ("plan", "private_gists", "total_private_repos", "owned_private_repos", "disk_usage",
                    "collaborators", "two_factor_authentication"):
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


class _Handler(BaseHTTPRequestHandler):
    fake: FakeGitHub
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once: no 40 ms delayed-ACK stalls

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def do_GET(self):
        self._serve()

    do_POST = do_PATCH = do_PUT = do_DELETE = do_GET

    def _serve(self) -> None:
        fake, method = self.fake, self.command
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        path = urlsplit(self.path).path
        fault = self._fault(method, path)
        if fault and fault.delay:
            time.sleep(fault.delay)
        if fault and fault.reset:
            return self._reset(method, headers)
        with fake.repo.lock:
            status, out_headers, raw = self._answer_or_fault(fault, method, headers, body)
        self._send(method, headers, status, out_headers, raw, fault)

    def _fault(self, method: str, path: str) -> Fault | None:
        with self.fake._log_lock:
            for fault in self.fake.faults:
                if fault.times > 0 and fault.matches(method, path):
                    fault.seen += 1
                    if fault.seen > fault.after:
                        fault.times -= 1
                        return fault
        return None

    def _answer_or_fault(self, fault, method, headers, body):
        fake = self.fake
        fake.rate.refill_if_due()
        if fake.rate.remaining <= 0 and urlsplit(self.path).path != "/api/v3/rate_limit":
            return fake._json(403, {"message": "API rate limit exceeded for installation.",
                                    "documentation_url": "https://docs.github.com/rest/rate-limit",
                                    "status": "403"})
        if fault is None or not (fault.status or fault.html or fault.truncate or fault.body is not None):
            return fake.answer(method, self.path, headers, body)
        status = fault.status or 200
        if fault.html:
            page = b"<html><body><h1>Unicorn!</h1>This page is taking too long to load.</body></html>"
            return status, {"Content-Type": "text/html", **fault.headers}, page
        if fault.truncate:
            status, out, raw = fake.answer(method, self.path, headers, body)
            return status, {**out, **fault.headers}, raw[: max(len(raw) // 2, 1)]
        message = fault.body if fault.body is not None else {"message": "Server Error", "status": str(status)}
        extra = dict(fault.headers)
        if fault.retry_after is not None:
            extra["Retry-After"] = str(fault.retry_after)
        return fake._json(status, message, extra)

    def _send(self, method, headers, status, out_headers, raw, fault) -> None:
        fake = self.fake
        etag = 'W/"%s"' % hashlib.sha1(raw).hexdigest() if status == 200 and method == "GET" else None
        if etag and headers.get("if-none-match") == etag:
            status, raw, out_headers = 304, b"", {}
        limited = status == 403 and fake.rate.remaining <= 0
        counted = status != 304 and not limited and not self.path.startswith("/api/v3/rate_limit")
        path = urlsplit(self.path).path
        resource = "graphql" if path.endswith("/graphql") else "core"
        with fake._log_lock:
            if counted and resource == "core":
                fake.rate.remaining = max(fake.rate.remaining - 1, 0)
            rate = fake.rate
            fake.log.append(Logged(method, path, dict(parse_qsl(urlsplit(self.path).query)), status,
                                   counted, headers, resource))
        self.send_response(status)
        extra = {"x-ratelimit-limit": rate.limit, "x-ratelimit-remaining": rate.remaining,
                 "x-ratelimit-reset": rate.reset_at, "x-ratelimit-used": rate.limit - rate.remaining,
                 "x-ratelimit-resource": "core", "x-github-api-version-selected": "2022-11-28"}
        if etag:
            extra["ETag"] = etag
        for name, value in {**extra, **out_headers}.items():  # a fault's headers win
            self.send_header(name, str(value))
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        if method != "HEAD" and status != 304:
            self.wfile.write(raw)

    def _reset(self, method, headers) -> None:
        with self.fake._log_lock:
            self.fake.log.append(Logged(method, urlsplit(self.path).path, {}, 0, False, headers))
        # SO_LINGER 0: closing sends a TCP RST, the client sees "connection reset by peer".
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()
