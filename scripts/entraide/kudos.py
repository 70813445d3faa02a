"""`/kudos @login reason`: peer recognition written in any issue, PR or discussion comment.

Parsing happens once, when a comment becomes an event (its payload keeps `kudos`); whether the kudos
earns points (never to oneself or a bot, caps per giver and per pair) is the scoring core's decision.
"""

from __future__ import annotations

import re

# A command starts a line; quoted lines (`> /kudos ...`) and code are not commands.
KUDOS = re.compile(r"^[ \t]{0,3}/kudos[ \t]+@([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\b[ \t]*(.*)$",
                   re.MULTILINE | re.IGNORECASE)
FENCE = re.compile(r"^[ \t]{0,3}(```|~~~).*?^[ \t]{0,3}\1", re.MULTILINE | re.DOTALL)
MAX_REASON = 200


def parse_kudos(body: str | None) -> list[dict[str, str]]:
    """Every kudos in a comment, in order, one per login: [{"login": ..., "reason": ...}]."""
    if not body:
        return []
    text = FENCE.sub("", body.replace("\r\n", "\n"))
    seen: dict[str, dict[str, str]] = {}
    for login, reason in KUDOS.findall(text):
        seen.setdefault(login.lower(), {"login": login, "reason": reason.strip()[:MAX_REASON]})
    return list(seen.values())
