"""What the cross-checks read from files people wrote, and how they name what is unknown: raw values where a file's
own model failed (so one mistake does not hide the others), and the « unknown track 'design' » messages."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import zoneinfo
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from entraide.content.errors import N_, Text

if TYPE_CHECKING:
    from entraide.content.source import Source


def items(rules: Source, key: str, model: type[BaseModel]) -> list[tuple[int, Any]]:
    """The entries of a list in entraide.yml that are valid on their own, with their index."""
    raw = rules.data.get(key)
    valid = []
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        try:
            valid.append((index, model.model_validate(item)))
        except ValidationError:
            continue  # already reported when validating the whole file
    return valid


def text(source: Source, key: str) -> str | None:
    value = source.value(key)
    return value if isinstance(value, str) else None


def values(source: Source, key: str | tuple[str, ...]) -> list[tuple[int, Any]]:
    """The items of a list field with their index, leaving out those already found wrong."""
    at = key if isinstance(key, tuple) else (key,)
    raw = source.value(*at)
    items = [(index, source.value(*at, index)) for index in range(len(raw) if isinstance(raw, list) else 0)]
    return [(index, item) for index, item in items if item is not None]


def date(source: Source, key: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text(source, key) or "")
    except ValueError:
        return None  # missing or reported by the model


_UNKNOWN = {
    "member": N_("unknown member '{given}'"),
    "challenge": N_("unknown challenge '{given}'"),
    "track": N_("unknown track '{given}'"),
    "cohort": N_("unknown cohort '{given}'"),
}


def unknown(kind: str, value: str, known: set[str], where: str) -> Text:
    """« unknown track 'design'; entraide.yml defines: back, front », with a guess when one is close."""
    unknown = _UNKNOWN[kind].model_copy(update={"values": (("given", value),)})
    guess = difflib.get_close_matches(value, sorted(known), n=1)
    if guess:
        return N_("{unknown} (did you mean '{guess}'?)", unknown=unknown, guess=guess[0])
    if 0 < len(known) <= 8:
        return N_("{unknown}; {where} defines: {known}", unknown=unknown, where=where, known=", ".join(sorted(known)))
    return unknown


def language_code(given: str) -> Text:
    return N_("expected a two-letter language code such as fr or en, got '{given}'", given=given)


@functools.cache
def is_timezone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
