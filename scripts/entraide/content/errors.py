"""Problems are values: the core returns them, the shell prints them all at once and exits 2."""

from __future__ import annotations

import os
import sys

from pydantic import BaseModel, ConfigDict


class Problem(BaseModel):
    """One mistake in something a person wrote, located as precisely as known."""

    model_config = ConfigDict(frozen=True)

    path: str
    line: int | None = None
    field: str | None = None
    message: str

    def __str__(self) -> str:
        path = self.path.replace("\r", "\\r").replace("\n", "\\n")  # a file name never starts a line of its own
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def annotation(self) -> str:
        """GitHub Actions workflow command that puts the message on the file and line in the PR view."""
        line = f",line={self.line}" if self.line else ""
        text = f"{self.field}: {self.message}" if self.field else self.message
        return f"::error file={_escape_property(self.path)}{line}::{_escape_data(text)}"


def _escape_data(text: str) -> str:
    # GitHub's workflow-command escaping: a newline would end the command and let text inject another.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # A property (the file name) also ends at ',' or '::': escaped as GitHub's own toolkit does.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class UserError(Exception):
    """Bad input from a person: the CLI prints every problem and exits 2, without a traceback."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(path="entraide", message=problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self) -> tuple[type[UserError], tuple[list[Problem]]]:
        # Rebuilt from its problems, so that an error raised in a worker process arrives whole.
        return (UserError, (self.problems,))


def report(error: UserError) -> None:
    """Print every problem once; under GitHub Actions also as annotations on the file and line."""
    for problem in error.problems:
        print(f"error: {problem}", file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(problem.annotation())
    count = len(error.problems)
    print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
