"""ETags kept between runs for one token only: a bonus when the same token syncs again (a PAT, a GitHub App
whose token outlives the run), never needed for the sync's economy.

GitHub's ETags are specific to the token that got them (github/docs#34689): a workflow's
`${{ github.token }}` is new on every run, so its ETags are worth nothing the next time. They are kept
out of data/ (which must not change when nothing changed, whatever the token), in a cache file that
names the token by a salted SHA-256 fingerprint and is dropped when another token reads. A 304 means
"the answer you already read", so the cache also names the sync state it goes with, and is dropped
when data/ holds another state (a reset, another clone): it never hides data the store lacks.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from entraide.events.store import write_atomic


def fingerprint(token: str) -> str:
    return hashlib.sha256(b"entraide-etags\0" + token.encode()).hexdigest()[:32]


def default_path(repo: str) -> Path:
    """$XDG_CACHE_HOME (or ~/.cache)/entraide/OWNER+NAME/etags.json."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "entraide" / repo.replace("/", "+") / "etags.json"


class EtagCache:
    """URL -> ETag, for the token given; starts empty when the file belongs to another token."""

    def __init__(self, path: Path | None, token: str):
        self.path, self.owner = path, fingerprint(token)
        self.items: dict[str, str] = {}
        self.state: str | None = None
        self.changed = False
        if path is not None and path.is_file():
            try:
                saved = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                saved = None
            if isinstance(saved, dict) and saved.get("token") == self.owner and isinstance(saved.get("etags"), dict):
                self.items = {str(k): str(v) for k, v in saved["etags"].items()}
                self.state = str(saved.get("state"))

    def bind(self, state: bytes) -> None:
        """Keep the ETags only if they were saved with this very sync state."""
        if self.state != _digest(state):
            self.items, self.changed = {}, bool(self.items)

    def get(self, key: str) -> str | None:
        return self.items.get(key)

    def put(self, key: str, etag: str) -> None:
        if self.items.get(key) != etag:
            self.items[key], self.changed = etag, True

    def save(self, state: bytes) -> None:
        if self.path is None or (not self.changed and self.state == _digest(state)):
            return
        self.state = _digest(state)
        body = {"token": self.owner, "state": self.state, "etags": dict(sorted(self.items.items()))}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, (json.dumps(body, indent=1) + "\n").encode("utf-8"))
        self.changed = False


def _digest(state: bytes) -> str:
    return hashlib.sha256(state).hexdigest()[:32]
