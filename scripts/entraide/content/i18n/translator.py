"""`Translator`: gettext lookups, plural forms and locale-aware dates and numbers for one language.

A translator is a value: built once at the edge (the hook, a command) by `translator(language)`, then passed to
the code that writes text. Reading the catalogue is the only I/O, and it happens here, once per language.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "entraide"
SUPPORTED = ("fr", "en")


@dataclass(frozen=True)
class Translator:
    """The texts, plurals, dates and numbers of one language ('fr', 'en')."""

    language: str
    catalogue: gettext.NullTranslations

    def gettext(self, message: str) -> str:
        return self.catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalogue.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.catalogue.pgettext(context, message)

    def number(self, value: float, *, digits: int = 0) -> str:
        """« 1 234 », "1,234"; `digits` decimals at most."""
        pattern = "#,##0" + ("." + "#" * digits if digits else "")
        return str(format_decimal(value, format=pattern, locale=self.locale))

    def decimal(self, value: float, *, digits: int = 1) -> str:
        """« 1,50 », "1.50": exactly `digits` decimals."""
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return str(format_decimal(value, format=pattern, locale=self.locale))

    def percent(self, ratio: float) -> str:
        """« 40 % », "40%": a ratio (0.4) as a whole percentage."""
        return str(format_percent(ratio, locale=self.locale))

    def long_date(self, day: dt.date) -> str:
        """« 27 novembre 2026 », « 1er mars 2026 », "27 November 2026"."""
        return f"{self.day_month(day)} {day.year}"

    def day_month(self, day: dt.date) -> str:
        """« 3 octobre », « 1er mars », "3 October": a date within the year, as people read it."""
        month = _month_name(self.language, day.month)
        first = self.pgettext("the first day of a month, before its name", "1") if day.day == 1 else str(day.day)
        return f"{first} {month}"

    def moment(self, when: dt.datetime) -> str:
        """« jeudi 12 mars 2026 à 18:30 », "Thursday 12 March 2026 at 18:30": a local time, as people read it."""
        weekday = str(format_date(when.date(), "EEEE", locale=self.locale))
        day, time = self.long_date(when.date()), f"{when:%H:%M}"
        return self.gettext("{weekday} {day} at {time}").format(weekday=weekday, day=day, time=time)

    @property
    def locale(self) -> Locale:
        return _locale(self.language)


@functools.cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def base_language(language: str) -> str:
    """'fr-CA' -> 'fr'; a language without a catalogue -> 'en'."""
    base = language.split("-")[0].split("_")[0].lower()
    return base if base in SUPPORTED else "en"


@functools.cache
def translator(language: str) -> Translator:
    """The translator of `language` ('fr-CA' reads the 'fr' catalogue), from its .po file."""
    base = base_language(language)
    return Translator(language=base, catalogue=_read_catalogue(LOCALES / base / "LC_MESSAGES" / f"{DOMAIN}.po"))


def _read_catalogue(path: Path) -> gettext.GNUTranslations:
    """The .po file compiled in memory (Babel's writer, the standard library's reader)."""
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=path.parent.parent.name, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@functools.lru_cache(maxsize=64)
def _month_name(language: str, month: int) -> str:
    """« novembre », "November": a month's name, formatted once (pages write thousands of dates)."""
    return str(format_date(dt.date(2000, month, 1), "MMMM", locale=_locale(language)))
