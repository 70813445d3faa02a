"""One file people wrote, as the loader and the cross-checks see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from entraide.content.errors import Problem, Text
from entraide.content.yamlfile import KeyPath, Parsed, field_name


@dataclass
class Source:
    """One file people wrote: where it is, what it holds, and its model when valid on its own."""

    path: str  # relative to the community root, as problems cite it
    stem: str
    parsed: Parsed
    model: Any = None
    invalid: set[KeyPath] = field(default_factory=set)  # where a problem was already reported

    @property
    def data(self) -> dict[str, Any]:
        return self.parsed.data if isinstance(self.parsed.data, dict) else {}

    def value(self, *at: str | int) -> Any:
        """The raw value at `at`, or None where the file's own checks already found a mistake."""
        if (self.invalid or self.parsed.flagged) and any(
            at[: len(bad)] == bad for bad in self.invalid | self.parsed.flagged
        ):
            return None
        value: Any = self.parsed.data
        for part in at:
            if isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                return None
        return value

    def problem(self, at: KeyPath, message: str | Text) -> Problem:
        return Problem(path=self.path, line=self.parsed.line_of(at), field=field_name(at) or None, message=message)
