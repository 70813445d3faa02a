"""The community's language, read from entraide.yml even when the file has other mistakes: the language problems
are told in (`community_translator`). English when entraide.yml's `language` cannot be read at all."""

from __future__ import annotations

from pathlib import Path

from entraide.content.errors import UserError
from entraide.content.i18n import Translator, translator
from entraide.content.i18n.translator import SUPPORTED
from entraide.content.loader import RULES_FILE, load_rules, refusal
from entraide.content.models import Rules
from entraide.content.yamlfile import parse

ENGLISH = "en"


def community_translator(root: Path) -> tuple[Translator, bool]:
    """The community's translator, and whether its language could be read. No entraide.yml: the default
    language of entraide.yml, as the guard does (nothing to explain: the missing file is the problem shown)."""
    path = root / RULES_FILE
    if not path.is_file():
        return translator(Rules.model_fields["language"].default), True
    try:
        return translator(load_rules(root).language), True
    except UserError:
        language = _language_of_broken_rules(path)
        return translator(language or ENGLISH), language is not None


def _language_of_broken_rules(path: Path) -> str | None:
    """`language` read from an entraide.yml that has other mistakes; None when even that is unreadable."""
    if refusal(path):
        return None
    try:
        parsed = parse(path.read_text(encoding="utf-8-sig"), path=RULES_FILE)
    except (OSError, UnicodeDecodeError):
        return None
    language = (
        parsed.data.get("language", Rules.model_fields["language"].default) if isinstance(parsed.data, dict) else None
    )
    return language if isinstance(language, str) and language in SUPPORTED else None
