"""`animation/vous-avez-dit.yml`: « Vous avez dit, nous avons fait », the actions maintainers took, each linked to the
feedback that prompted it. Read by the strict loader like every file people edit: every mistake is
reported with file:line and field, and `entraide check` exits 2.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field

from entraide.content import loader
from entraide.content.base import Frozen
from entraide.content.errors import N_, Problem, UserError
from entraide.content.source import Source
from entraide.content.yamlfile import parse

FILE = "animation/vous-avez-dit.yml"


class FeedbackAction(Frozen):
    """One action: what members said (in a few words, no names), what was done, and where to see both."""

    date: dt.date = Field(description="the day the action shipped")
    said: str = Field(min_length=1, max_length=300, description="the feedback, summarised without names")
    did: str = Field(min_length=1, max_length=300, description="what the maintainers did about it")
    feedback: tuple[int, ...] = Field(min_length=1, description="issue or discussion numbers holding the feedback")
    link: str | None = Field(None, pattern=r"^https://[^\s()<>\[\]`]+$", description="where to see the change")


class SaidWeDid(Frozen):
    actions: tuple[FeedbackAction, ...] = ()


def load(root: Path) -> tuple[FeedbackAction, ...]:
    """The actions, newest first; () when the file does not exist. Raises UserError naming file:line."""
    path = root / FILE
    if not path.is_file():
        return ()
    problems: list[Problem] = []
    refused = loader.refusal(path)
    if refused:
        raise UserError(Problem(path=FILE, message=refused))
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    source = loader._validated(Source(FILE, path.stem, parse(text, path=FILE)), SaidWeDid, problems)
    if problems or not isinstance(source.model, SaidWeDid):
        raise UserError(problems or [Problem(path=FILE, message=N_("expected a mapping with `actions:`"))])
    return tuple(sorted(source.model.actions, key=lambda a: (a.date, a.did), reverse=True))
