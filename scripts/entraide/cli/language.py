"""The language a command speaks to people in: the community's (`language` in entraide.yml), English otherwise.

Problems are shown in the community's language even when entraide.yml has mistakes of its own, as long as its
`language` can be read; when it cannot, the command speaks English and says why (`unknown_language_note`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from entraide.content.errors import UserError, report
from entraide.content.i18n import Translator, translator
from entraide.content.i18n.translator import SUPPORTED
from entraide.content.loader import RULES_FILE, load_rules, refusal
from entraide.content.models import Rules
from entraide.content.yamlfile import parse

ENGLISH = "en"


def rules_root(args: argparse.Namespace) -> Path:
    """Where the community's rules are read: the base checkout's for the guard (--rules-root), else --root."""
    return Path(getattr(args, "rules_root", None) or args.root)


def community_translator(root: Path) -> tuple[Translator, bool]:
    """The community's translator, and whether its language could be read (no entraide.yml: English, and
    nothing to explain, since the missing file is itself the problem shown)."""
    path = root / RULES_FILE
    if not path.is_file():
        return translator(ENGLISH), True
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


def report_problems(error: UserError, root: Path) -> None:
    """Every problem on stderr in the language of the community at `root` (see `errors.report`)."""
    tr, known = community_translator(root)
    if not known:
        note = tr.gettext("note: the language of entraide.yml cannot be read, so these messages are in English.")
        print(note, file=sys.stderr)
    report(error, tr)
