"""The one translation mechanism: gettext catalogues under i18n/locales/, and a `Translator` passed in.

Every text people read is written in English in the code, inside a gettext call on a translator that the caller
hands in (never a global):

    _ = ctx.tr.gettext
    _("Leaderboards")
    ctx.tr.ngettext("{n} point", "{n} points", n).format(n=ctx.tr.number(n))
    ctx.tr.long_date(day)                      # « 27 novembre 2026 », "27 November 2026"

`pybabel extract` (see `make messages`) collects these calls into locales/entraide.pot; each language's
catalogue is locales/<lang>/LC_MESSAGES/entraide.po, read as it is (no compile step): `translator("fr")`.
"""

from __future__ import annotations

from entraide.content.i18n.translator import SUPPORTED, Translator, translator

__all__ = ["Translator", "split_language", "translator"]


def split_language(path: str) -> tuple[str, str | None]:
    """A hand-written file translated side by side: ('guide/index.md', 'en') for 'guide/index.en.md' (any
    extension, any language of the catalogues); (path, None) for a file with no language suffix."""
    stem, dot, extension = path.rpartition(".")
    base, dot2, code = stem.rpartition(".")
    if dot and dot2 and code in SUPPORTED and base and not base.endswith("/"):
        return f"{base}.{extension}", code
    return path, None
