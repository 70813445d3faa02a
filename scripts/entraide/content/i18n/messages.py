"""The catalogues' upkeep: extract every gettext call of the package (Babel), update the .po files, and say what
is missing (`python -m entraide.content.i18n.messages update|check`, run by `make messages` and tests/test_i18n.py).

English is the language of the code: en.po repeats each message (so that "untranslated" means the same thing in
every catalogue) and a new message enters it as written; other languages get it empty, to be translated.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from entraide.content.i18n.translator import DOMAIN, LOCALES, SUPPORTED

PACKAGE = Path(__file__).resolve().parent.parent.parent  # scripts/entraide
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "N_": None}  # N_: content/errors.py
METHOD = [("**.py", "entraide.content.i18n.messages:extract_python")]


def extracted(package: Path = PACKAGE) -> Catalog:
    """Every message the code asks for, with where it is asked."""
    template = Catalog(domain=DOMAIN, project="Entraide", fuzzy=False)
    found = extract_from_dir(str(package), METHOD, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",))
    for filename, line, message, comments, context in found:
        template.add(message, None, [(f"entraide/{filename}", line)], auto_comments=comments, context=context)
    return template


def extract_python(
    fileobj: IO[bytes], keywords: Iterable[str], comment_tags: Iterable[str], options: dict[str, object]
) -> Iterator[tuple[int, str, tuple[str | None, ...], list[str]]]:
    """Babel's extraction method for Python, read through the syntax tree: calls inside f-strings count too
    (Python 3.11's tokenizer, which Babel's own method uses, sees an f-string as one string)."""
    for node in ast.walk(ast.parse(fileobj.read())):
        if isinstance(node, ast.Call) and _name(node.func) in keywords:
            args = tuple(
                a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args
            )
            yield node.lineno, _name(node.func), args, []


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def po_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(language: str) -> Catalog:
    with po_path(language).open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def update(template: Catalog) -> None:
    """Each catalogue gains the new messages and loses the ones no code asks for (no fuzzy guesses)."""
    for language in SUPPORTED:
        catalogue = read(language) if po_path(language).exists() else Catalog(locale=language, domain=DOMAIN)
        catalogue.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalogue.obsolete.clear()
        _header(catalogue, language)
        if language == "en":
            for message in catalogue:
                if message.id and not _translated(message):
                    message.string = message.id
        po_path(language).parent.mkdir(parents=True, exist_ok=True)
        with po_path(language).open("wb") as handle:
            write_po(handle, catalogue, width=120, omit_header=False, sort_output=True, include_lineno=False)


PLURALS = {"fr": (2, "(n > 1)"), "en": (2, "(n != 1)")}  # gettext's usual forms: « 0 point », "0 points"


def _header(catalogue: Catalog, language: str) -> None:
    """A stable header: no dates or placeholders that change the bytes on every update."""
    catalogue.header_comment = f"# Entraide's texts in {language}: edit msgstr, never msgid (see CONTRIBUTING.md)."
    catalogue.project, catalogue.version, catalogue.fuzzy = "Entraide", "1", False
    catalogue.msgid_bugs_address, catalogue.last_translator, catalogue.language_team = "", "", ""
    catalogue.creation_date = catalogue.revision_date = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    catalogue._num_plurals, catalogue._plural_expr = PLURALS[language]  # type: ignore[assignment]


def problems(template: Catalog) -> list[str]:
    """Untranslated, fuzzy, unused or missing messages, and placeholders that differ, per catalogue."""
    wanted = {_key(m) for m in template if m.id}
    found: list[str] = []
    for language in SUPPORTED:
        catalogue = read(language)
        have = {_key(m): m for m in catalogue if m.id}
        path = po_path(language).relative_to(PACKAGE.parent)
        found += [f"{path}: missing {key[0]!r}" for key in sorted(wanted - set(have), key=str)]
        found += [f"{path}: unused {key[0]!r}" for key in sorted(set(have) - wanted, key=str)]
        found += [f"{path}: {_fault(m)} {_key(m)[0]!r}" for m in have.values() if _fault(m)]
    return found


def counts() -> dict[str, tuple[int, int]]:
    """Per language: (messages, untranslated)."""
    result = {}
    for language in SUPPORTED:
        messages = [m for m in read(language) if m.id]
        result[language] = (len(messages), sum(1 for m in messages if not _translated(m) or m.fuzzy))
    return result


def _key(message: Message) -> tuple[str, str | None]:
    ident = message.id if isinstance(message.id, str) else message.id[0]
    return ident, message.context


def _translated(message: Message) -> bool:
    strings = (message.string,) if isinstance(message.string, str) else tuple(message.string or ())
    return bool(strings) and all(strings)


def _fault(message: Message) -> str:
    if message.fuzzy:
        return "fuzzy"
    if not _translated(message):
        return "untranslated"
    return "placeholders differ in" if _placeholders(message.id) != _placeholders(message.string or "") else ""


def _placeholders(text: str | Iterable[str]) -> set[str]:
    import re

    parts = (text,) if isinstance(text, str) else tuple(text)
    return {name for part in parts for name in re.findall(r"\{(\w*)\}", part)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m entraide.content.i18n.messages", description=__doc__)
    parser.add_argument("action", choices=["update", "check"])
    args = parser.parse_args(argv)
    template = extracted()
    if args.action == "update":
        update(template)
    for line in problems(template):
        print(line, file=sys.stderr)
    for language, (total, missing) in counts().items():
        print(f"{language}: {total} messages, {missing} untranslated")
    return 1 if problems(template) else 0


if __name__ == "__main__":
    sys.exit(main())
