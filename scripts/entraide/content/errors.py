"""Problems are values: the core returns them, the shell prints them all at once and exits 2.

A problem's message is a `Text`: English words with a gettext message id and its values, put in the reader's
language only when shown (`Problem.say(tr)`, `report(error, tr)`). So the reader (content/) needs no translator:
the command that prints the problems chooses the community's language. `N_("... {name}", name=value)` writes one
(`make messages` extracts it like a gettext call); a value may be a Text itself.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, model_validator

if TYPE_CHECKING:
    from entraide.content.i18n import Translator


class Text(BaseModel):
    """A message in English (its gettext id) with its values, translated when it is shown."""

    model_config = ConfigDict(frozen=True)

    message: str
    values: tuple[tuple[str, str | Text], ...] = ()

    def say(self, tr: Translator | None = None) -> str:
        """The message in `tr`'s language (None: as written, in English)."""
        template = tr.gettext(self.message) if tr is not None else self.message
        values = {name: value.say(tr) if isinstance(value, Text) else value for name, value in self.values}
        return template.format(**values) if values else template

    def __str__(self) -> str:
        return self.say()


def N_(message: str, /, **values: str | int | Text) -> Text:  # gettext's name for "translated later"
    """A message marked for the catalogues, with its values: translated when shown, not here."""
    return Text(message=message, values=tuple((k, v if isinstance(v, Text) else str(v)) for k, v in values.items()))


class Problem(BaseModel):
    """One mistake in something a person wrote, located as precisely as known."""

    model_config = ConfigDict(frozen=True)

    path: str
    line: int | None = None
    field: str | None = None
    message: str  # in English, as written in the code
    text: Text | None = None  # the same message, to translate (None: `message` is already in the reader's words)

    @model_validator(mode="before")
    @classmethod
    def _words(cls, data: Any) -> Any:
        """`Problem(message=N_(...))`: the message's Text kept to translate, its English as `message`."""
        if isinstance(data, dict) and isinstance(data.get("message"), Text):
            data = {**data, "message": data["message"].say(), "text": data["message"]}
        return data

    def __str__(self) -> str:
        return self.say()

    def words(self, tr: Translator | None = None) -> str:
        """The message alone, in `tr`'s language."""
        return self.text.say(tr) if self.text is not None else self.message

    def say(self, tr: Translator | None = None) -> str:
        """« members/alice.yml, ligne 3, champ « track » : … » in French; "members/alice.yml:3: track: …" in English."""
        path = self.path.replace("\r", "\\r").replace("\n", "\\n")  # a file name never starts a line of its own
        message = self.words(tr)
        if tr is None:
            where = f"{path}:{self.line}" if self.line else path
            return f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"
        if self.line and self.field:
            frame = tr.gettext("{path}:{line}: {field}: {message}")
        elif self.line:
            frame = tr.gettext("{path}:{line}: {message}")
        elif self.field:
            frame = tr.gettext("{path}: {field}: {message}")
        else:
            frame = tr.gettext("{path}: {message}")
        return frame.format(path=path, line=self.line, field=self.field, message=message)

    def annotation(self, tr: Translator | None = None) -> str:
        """GitHub Actions workflow command that puts the message on the file and line in the PR view."""
        line = f",line={self.line}" if self.line else ""
        message = self.words(tr)
        text = f"{self.field}: {message}" if self.field else message
        return f"::error file={_escape_property(self.path)}{line}::{_escape_data(text)}"


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping: a newline would end the command and let text inject another.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # A property (the file name) also ends at ',' or '::': escaped as GitHub's own toolkit does.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class UserError(Exception):
    """Bad input from a person: the CLI prints every problem and exits 2, without a traceback."""

    def __init__(self, problems: list[Problem] | Problem | str | Text):
        if isinstance(problems, str | Text):
            problems = [Problem(path="entraide", message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self) -> tuple[type[UserError], tuple[list[Problem]]]:
        # Rebuilt from its problems, so that an error raised in a worker process arrives whole.
        return (UserError, (self.problems,))


def report(error: UserError, tr: Translator) -> None:
    """Print every problem once, in `tr`'s language; under GitHub Actions also as annotations on the file and line."""
    for problem in error.problems:
        print(tr.gettext("error: {problem}").format(problem=problem.say(tr)), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(problem.annotation(tr))
    count = len(error.problems)
    found = tr.ngettext("{n} problem found.", "{n} problems found.", count)
    print(found.format(n=tr.number(count)), file=sys.stderr)
