"""A translator that remembers what it said, for the length of one build (each forked page worker keeps its own).

A profile asks for the same few dozen headings, labels and dates tens of times, and a build writes a hundred
thousand profiles at ten million events: each `gettext` went through two Python calls and the catalogue's
lookup, each date through Babel's month names. `remembering(tr)` answers exactly as `tr` does (same
catalogue, same language), from a dict once a text, a plural or a date was asked for; `site.build` hands it
to every page source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from entraide.content.i18n import Translator

# The translator's own lookups, under names of their own: a call named `gettext` is where a message is
# written (and extracted for the catalogues), which these pass-throughs are not.
_look_up, _look_up_plural = Translator.gettext, Translator.ngettext


@dataclass(frozen=True)
class RememberingTranslator(Translator):
    """`Translator`, each answer kept (texts, plurals, long dates and numbers are values of their inputs)."""

    said: dict[object, str] = field(default_factory=dict, compare=False, repr=False)

    def gettext(self, message: str) -> str:
        said = self.said.get(message)
        if said is None:
            said = self.said[message] = _look_up(self, message)
        return said

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        key = ("ngettext", singular, plural, type(n), n)
        said = self.said.get(key)
        if said is None:
            said = self.said[key] = _look_up_plural(self, singular, plural, n)
        return said

    def long_date(self, day: dt.date) -> str:
        key = ("long_date", type(day), day)  # a datetime is not its date: its type is part of the key
        said = self.said.get(key)
        if said is None:
            said = self.said[key] = super().long_date(day)
        return said

    def number(self, value: float, *, digits: int = 0) -> str:
        key = ("number", type(value), value, digits)  # 1 and 1.0 are equal keys, not always the same text
        said = self.said.get(key)
        if said is None:
            said = self.said[key] = super().number(value, digits=digits)
        return said


def remembering(tr: Translator) -> Translator:
    """`tr`, remembering its answers (a translator that already remembers is kept)."""
    if isinstance(tr, RememberingTranslator):
        return tr
    return RememberingTranslator(language=tr.language, catalogue=tr.catalogue)
