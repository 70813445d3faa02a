"""How a command speaks to people: in the community's language (`content.language`), English otherwise.

Problems are shown in the community's language even when entraide.yml has mistakes of its own, as long as its
`language` can be read; when it cannot, the command speaks English and says why.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from entraide.content.errors import UserError, report
from entraide.content.language import community_translator

__all__ = ["community_translator", "report_problems", "rules_root"]


def rules_root(args: argparse.Namespace) -> Path:
    """Where the community's rules are read: the base checkout's for the guard (--rules-root), else --root."""
    return Path(getattr(args, "rules_root", None) or args.root)


def report_problems(error: UserError, root: Path) -> None:
    """Every problem on stderr in the language of the community at `root` (see `errors.report`)."""
    tr, known = community_translator(root)
    if not known:
        note = tr.gettext("note: the language of entraide.yml cannot be read, so these messages are in English.")
        print(note, file=sys.stderr)
    report(error, tr)
