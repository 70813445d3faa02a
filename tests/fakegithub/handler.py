"""One HTTP exchange of the fake: faults, the rate-limit budget, ETags and 304s, the request log."""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import socket
import struct
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl, urlsplit


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
    points: int = 0  # GraphQL: the query's cost in rate-limit points (GitHub's formula)


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
    hold: float = 0.0  # seconds the answer is held (past the client's timeout), then the connection drops
    written: bool = False  # with hold: GitHub did the write before holding (else nothing was done)
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


class Handler(BaseHTTPRequestHandler):
    fake: FakeGitHub  # noqa: F821 (set on a subclass by FakeGitHub.start)
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
        self._points = _points(body) if path.endswith("/graphql") else 0
        fault = self._fault(method, path)
        if fault and fault.delay:
            time.sleep(fault.delay)
        if fault and fault.reset:
            return self._reset(method, headers)
        if fault and fault.hold:
            return self._hold(fault, method, headers, body)
        with fake.repo.lock:
            status, out_headers, raw = self._answer_or_fault(fault, method, headers, body)
        self._send(method, headers, status, out_headers, raw, fault)

    def _hold(self, fault: Fault, method: str, headers: dict, body: bytes) -> None:
        """A timed-out call: the write is done (`written`) or not, and no answer comes in time."""
        if fault.written:
            with self.fake.repo.lock:
                self.fake.answer(method, self.path, headers, body)
        with self.fake._log_lock:
            self.fake.log.append(Logged(method, urlsplit(self.path).path, {}, 0, False, headers))
        time.sleep(fault.hold)
        self.close_connection = True

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
            return fake._json(
                403,
                {
                    "message": "API rate limit exceeded for installation.",
                    "documentation_url": "https://docs.github.com/rest/rate-limit",
                    "status": "403",
                },
            )
        if fault is None or not (fault.status or fault.html or fault.truncate or fault.body is not None):
            status, out, raw = fake.answer(method, self.path, headers, body)
            if fake.checker:
                fake.checker(method, fake.url + self.path, status, out, raw)
            return status, {**out, **(fault.headers if fault else {})}, raw  # a fault may only add headers
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
        etag = _etag(raw, headers) if status == 200 and method == "GET" else None
        modified = _last_modified(raw) if etag else None
        if etag and (headers.get("if-none-match") == etag or _not_modified_since(modified, headers)):
            status, raw, out_headers = 304, b"", {}
        limited = status == 403 and fake.rate.remaining <= 0
        counted = status != 304 and not limited and not self.path.startswith("/api/v3/rate_limit")
        path = urlsplit(self.path).path
        resource = "graphql" if path.endswith("/graphql") else "core"
        with fake._log_lock:
            if counted and resource == "core":
                fake.rate.remaining = max(fake.rate.remaining - 1, 0)
            rate = fake.rate
            fake.log.append(
                Logged(
                    method,
                    path,
                    dict(parse_qsl(urlsplit(self.path).query)),
                    status,
                    counted,
                    headers,
                    resource,
                    self._points if counted else 0,
                )
            )
        self.send_response(status)
        extra = {
            "x-ratelimit-limit": rate.limit,
            "x-ratelimit-remaining": rate.remaining,
            "x-ratelimit-reset": rate.reset_at,
            "x-ratelimit-used": rate.limit - rate.remaining,
            "x-ratelimit-resource": "core",
            "x-github-api-version-selected": "2022-11-28",
        }
        if etag:
            extra["ETag"] = etag
        if modified:
            extra["Last-Modified"] = email.utils.format_datetime(modified, usegmt=True)
        sent = {**extra, **out_headers}  # a fault's headers win
        if fake.header_checker and fault is None:
            fake.header_checker(method, fake.url + self.path, status, sent, raw)
        for name, value in sent.items():
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


def _points(body: bytes) -> int:
    from .points import cost

    try:
        request = json.loads(body)
        return cost(str(request.get("query") or ""), request.get("variables") or {})
    except (ValueError, AttributeError, TypeError):
        return 1


def _etag(raw: bytes, headers: dict) -> str:
    """GitHub's ETags are specific to the token (github/docs#34689): another token's ETag gets a 200."""
    token = headers.get("authorization", "").encode()
    return 'W/"%s"' % hashlib.sha1(token + b"\n" + raw).hexdigest()


def _last_modified(raw: bytes) -> dt.datetime | None:
    """GitHub sends Last-Modified on single objects (their `updated_at`), not on listings."""
    try:
        body = json.loads(raw)
    except ValueError:
        return None
    stamp = body.get("updated_at") if isinstance(body, dict) else None
    if not isinstance(stamp, str):
        return None
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(dt.UTC)


def _not_modified_since(modified: dt.datetime | None, headers: dict) -> bool:
    """If-Modified-Since holds across tokens: 304 when the object has not changed since that date."""
    given = headers.get("if-modified-since")
    if modified is None or not given:
        return False
    try:
        since = email.utils.parsedate_to_datetime(given)
    except (TypeError, ValueError):
        return False
    return since.tzinfo is not None and modified <= since
