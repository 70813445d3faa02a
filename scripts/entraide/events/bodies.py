"""What the bot reads in the text people write on GitHub: issue-form answers (an opportunity's fields, the
reward asked for) and `Co-authored-by:` trailers. Pure."""

from __future__ import annotations

import re
from typing import Any

from entraide.content.i18n import Translator, translator
from entraide.content.i18n.translator import SUPPORTED
from entraide.events.opportunities import fields_by_label


def reward_field(tr: Translator) -> str:
    """The reward form's dropdown (entraide.bot.rewardform): which item is asked for."""
    return tr.gettext("Reward")


def reward_of(answers: dict[str, str]) -> str:
    """The item asked for, whichever language the form was written in."""
    labels = [reward_field(translator(language)) for language in SUPPORTED]
    return next((answers[label] for label in labels if answers.get(label)), "")


# GitHub writes a co-author as `Co-authored-by: Name <id+login@users.noreply.github.com>`.
CO_AUTHOR = re.compile(
    r"(?im)^co-authored-by:[^<\n]*<(?:\d+\+)?([a-z0-9](?:[a-z0-9-]{0,38}))@users\.noreply\.github\.com>"
)


def co_authors(body: str | None) -> list[str]:
    """The logins named by `Co-authored-by:` trailers in a pull request's description, sorted, once each."""
    return sorted(set(CO_AUTHOR.findall(body or "")), key=str.casefold)


def opportunity_fields(answers: dict[str, str]) -> dict[str, Any]:
    """The opportunity form's answers by field id (labels in events.opportunities), cut to 600 characters."""
    return {key: answers[label][:600] for label, key in fields_by_label().items() if answers.get(label)}
