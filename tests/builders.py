"""Small builders for literal event histories and tiny communities, shared by the scoring tests."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from entraide.content.models import Challenge, Community, Member, Rules, Track
from entraide.events.model import Event

_SUBJECT_TYPES = {"pr": "pull", "review": "pull", "discussion": "discussion"}


def when(text: str) -> dt.datetime:
    """'2026-03-02' or '2026-03-02T10:30' as a UTC moment (midday when no time is given)."""
    moment = dt.datetime.fromisoformat(text if "T" in text else f"{text}T12:00")
    return moment.replace(tzinfo=dt.UTC)


def ev(
    kind: str,
    at: str,
    actor: Member | tuple[int | None, str | None] | None,
    subject: int,
    *,
    id: str | None = None,
    subject_type: str | None = None,
    actor_type: str = "User",
    **payload: Any,
) -> Event:
    """One event; `actor` is a Member, an (id, login) pair, or None for a deleted account."""
    actor_id, login = _actor(actor)
    if subject_type is None:
        subject_type = _SUBJECT_TYPES.get(kind.split("_")[0], "issue")
    fields = {
        "kind": kind,
        "at": when(at),
        "actor_id": actor_id,
        "actor_login": login,
        "actor_type": None if actor is None else actor_type,
        "subject": subject,
        "subject_type": subject_type,
        "payload": payload,
    }
    return Event(id=id or _stable_id(fields), **fields)


def _actor(actor: Member | tuple[int | None, str | None] | None) -> tuple[int | None, str | None]:
    if actor is None:
        return None, None
    if isinstance(actor, Member):
        return actor.id, actor.login
    return actor


def _stable_id(fields: dict[str, Any]) -> str:
    text = json.dumps(fields, sort_keys=True, default=str)
    return f"{fields['kind']}-{hashlib.sha1(text.encode()).hexdigest()[:12]}"


def member(login: str, id: int, role: str = "learner", **fields: Any) -> Member:
    fields.setdefault("joined", dt.date(2026, 1, 1))
    return Member(login=login, id=id, name=login.title(), role=role, **fields)


def challenge(slug: str, points: int = 50, track: str = "front", **fields: Any) -> Challenge:
    fields.setdefault("acceptance_criteria", ("it works",))
    return Challenge(slug=slug, title=slug.replace("-", " ").title(), track=track, level=1, points=points, **fields)


def community(members: list[Member], challenges: list[Challenge] = (), **rules: Any) -> Community:
    rules.setdefault("tracks", (Track(id="front", name="Front"), Track(id="back", name="Back")))
    return Community(rules=Rules(name="Test", **rules), members=tuple(members), challenges=tuple(challenges))
