"""Individual needs (accessibility, schedule, language, other), stated in the PRIVATE mentors' repository.

They are read by the private job (`entraide care pull`) into `private/needs.json`, never into this
repository, its data/ or its site. Mentors see them in their private report; buddy matching reads the
language and time zone a need states, and nothing of a need is written where the pairs are.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError

from entraide.content.base import Frozen, Login
from entraide.content.errors import N_, Problem, UserError
from entraide.content.models import Member

NEEDS_FILE = Path("private") / "needs.json"
KINDS = ("accessibility", "schedule", "language", "other")


class Need(Frozen):
    login: Login
    kind: Literal["accessibility", "schedule", "language", "other"]
    detail: str = Field("", max_length=1000)
    languages: tuple[str, ...] = ()
    timezone: str | None = None
    stated: str = Field(description="the day it was stated, YYYY-MM-DD")


def from_form(login: str, answers: dict[str, str], *, stated: str) -> Need | None:
    """A need from the private form's answers by field id (kind, detail, languages, timezone), the kind as its id:
    the bot reads the form's headings and options in whichever language it was written; None when unusable."""
    kind = answers.get("kind", "").strip()
    kind = kind if kind in KINDS else "other"
    languages = tuple(x.strip().lower() for x in answers.get("languages", "").split(",") if x.strip())
    zone = answers.get("timezone", "").strip() or None
    try:
        if zone:
            ZoneInfo(zone)
        return Need(login=login, kind=kind, detail=answers.get("detail", "")[:1000], languages=languages,
                    timezone=zone, stated=stated)  # fmt: skip
    except (ValidationError, ZoneInfoNotFoundError, ValueError):
        return None


def adjusted(member: Member, needs: tuple[Need, ...]) -> Member:
    """The member as buddy matching should see them: the languages and time zone their needs state."""
    mine = [n for n in needs if n.login.casefold() == member.login.casefold()]
    languages = next((n.languages for n in reversed(mine) if n.languages), member.languages)
    zone = next((n.timezone for n in reversed(mine) if n.timezone), member.timezone)
    return member.model_copy(update={"languages": languages, "timezone": zone})


def load(root: Path) -> tuple[Need, ...]:
    """private/needs.json as the private job wrote it; () when absent (no private job ran here)."""
    path = root / NEEDS_FILE
    if not path.is_file():
        return ()
    try:
        return tuple(Need.model_validate(item) for item in json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError, ValidationError):
        raise UserError(
            Problem(path=str(NEEDS_FILE), message=N_("not a needs file: run 'entraide care pull' again"))
        ) from None
