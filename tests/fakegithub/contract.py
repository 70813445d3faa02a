"""Check answers of the fake against GitHub's OpenAPI description (openapi-core), while tests run.

    failures = watch(fake)   # every later REST answer is validated; mismatches are appended
    ...                      # drive the fake (sync, bot...)
    assert failures == []

`watch` also checks the conditional-request headers GitHub sends (`header_problems`): the OpenAPI
description does not list them. GraphQL answers and paths the description does not hold (e.g. /users/{login}/orgs, asked by
Perceval) are not checked.
"""

from __future__ import annotations

import copy
import datetime as dt
import email.utils
import functools
import json
from urllib.parse import parse_qsl, urlsplit

from .payloads import spec


@functools.cache
def openapi():
    from openapi_core import OpenAPI

    description = copy.deepcopy(spec())
    # Any port of the fake: a server variable, so the description is read once per session.
    description["servers"] = [{"url": "http://127.0.0.1:{port}/api/v3", "variables": {"port": {"default": "80"}}}]
    return OpenAPI.from_dict(description)


def problems(method: str, url: str, status: int, headers: dict, body: bytes) -> list[str]:
    """What is wrong with one answer ([] when it matches the description)."""
    from openapi_core.templating.paths.exceptions import PathNotFound
    from openapi_core.testing import MockRequest, MockResponse

    parts = urlsplit(url)
    host = f"{parts.scheme}://{parts.netloc}"
    request = MockRequest(host, method.lower(), parts.path, args=dict(parse_qsl(parts.query)))
    content_type = headers.get("Content-Type", "application/json").split(";")[0]
    response = MockResponse(body, status_code=status, headers=headers, content_type=content_type)
    try:
        openapi().validate_response(request, response)
    except PathNotFound:
        return []
    except Exception as error:  # every validation error is a finding, whatever its class
        return [f"{method} {parts.path} -> {status}: {cause(error)}"]
    return []


def cause(error: Exception) -> str:
    inner = getattr(getattr(error, "__cause__", None), "schema_errors", None) or []
    return "; ".join(f"{list(e.absolute_path)}: {e.message}"[:300] for e in inner) or repr(error)[:500]


def header_problems(method: str, url: str, status: int, headers: dict, body: bytes) -> list[str]:
    """GitHub's conditional-request headers, as the fake must send them: an ETag on every 200 GET;
    Last-Modified (an HTTP date equal to `updated_at`) on single objects that have one, none on
    listings (GitHub sends none there); a 304 has no body."""
    where = f"{method} {urlsplit(url).path} -> {status}"
    if status == 304:
        return [f"{where}: a 304 with a body"] if body else []
    if method != "GET" or status != 200 or "/graphql" in url:
        return []
    found = []
    etag = headers.get("ETag", "")
    if not (etag.startswith('W/"') and etag.endswith('"')):
        found.append(f"{where}: no weak ETag ({etag!r})")
    data = json.loads(body) if body else None
    stamp = data.get("updated_at") if isinstance(data, dict) else None
    modified = headers.get("Last-Modified")
    if isinstance(data, list) and modified:
        found.append(f"{where}: Last-Modified on a listing")
    if isinstance(stamp, str):
        at = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        if modified is None or email.utils.parsedate_to_datetime(modified) != at:
            found.append(f"{where}: Last-Modified {modified!r} is not updated_at {stamp}")
    return found


def watch(fake) -> list[str]:
    failures: list[str] = []

    def check(method, url, status, headers, body):
        if "/graphql" not in url and status != 304:
            failures.extend(problems(method, url, status, headers, body))

    def check_headers(method, url, status, headers, body):
        failures.extend(header_problems(method, url, status, headers, body))

    fake.checker, fake.header_checker = check, check_headers
    return failures
