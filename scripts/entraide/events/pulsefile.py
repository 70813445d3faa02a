"""The well-being pulse as stored: anonymous answers (private/pulse.json, private job only) and the public
aggregates (data/pulse.json), which hold only groups of at least the floor (see kpis.pulse)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import Field, ValidationError

from entraide.content.errors import N_, Problem, UserError
from entraide.content.models import Frozen

ANSWERS_FILE = Path("private") / "pulse.json"
PUBLIC_FILE = Path("data") / "pulse.json"


class PulseAnswer(Frozen):
    """One anonymous answer: no login, no time beyond the ISO week."""

    cohort: str
    week: str = Field(pattern=r"^\d{4}-W\d{2}$")
    score: int = Field(ge=1, le=5)


class PulseGroup(Frozen):
    cohort: str
    week: str
    answers: int
    mean: float
    counts: tuple[int, int, int, int, int]  # answers scoring 1..5


def read_answers(root: Path) -> tuple[PulseAnswer, ...]:
    return tuple(PulseAnswer.model_validate(item) for item in _read(root, ANSWERS_FILE))


def read_groups(root: Path) -> tuple[PulseGroup, ...]:
    """The public aggregates; () when no pulse was ever published."""
    return tuple(PulseGroup.model_validate(item) for item in _read(root, PUBLIC_FILE))


def dumps(items: tuple[Frozen, ...]) -> str:
    """Same items, same bytes."""
    return json.dumps([i.model_dump(mode="json") for i in items], indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _read(root: Path, path: Path) -> list[object]:
    target = root / path
    if not target.is_file():
        return []
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            raise ValueError("expected a list")
        for item in data:
            (PulseGroup if path == PUBLIC_FILE else PulseAnswer).model_validate(item)
        return data
    except (ValueError, ValidationError) as error:
        raise UserError(
            Problem(path=str(path), message=N_("not a pulse file ({error})", error=str(error).splitlines()[0]))
        ) from None
