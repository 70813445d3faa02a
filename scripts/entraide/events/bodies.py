"""What the bot reads in the text people write on GitHub: issue-form answers (an opportunity's fields, the
reward asked for) and `Co-authored-by:` trailers. Pure."""

from __future__ import annotations

import re
from typing import Any

from entraide.events.opportunities import FIELDS

REWARD_FIELD = "Récompense"  # the reward form's dropdown (entraide.bot.rewardform): which item is asked for

# GitHub writes a co-author as `Co-authored-by: Name <id+login@users.noreply.github.com>`.
CO_AUTHOR = re.compile(
    r"(?im)^co-authored-by:[^<\n]*<(?:\d+\+)?([a-z0-9](?:[a-z0-9-]{0,38}))@users\.noreply\.github\.com>"
)


def co_authors(body: str | None) -> list[str]:
    """The logins named by `Co-authored-by:` trailers in a pull request's description, sorted, once each."""
    return sorted(set(CO_AUTHOR.findall(body or "")), key=str.casefold)


def opportunity_fields(answers: dict[str, str]) -> dict[str, Any]:
    """The opportunity form's answers by field id (labels in events.opportunities), cut to 600 characters."""
    return {key: answers.get(label, "")[:600] for key, label in FIELDS.items() if answers.get(label)}
