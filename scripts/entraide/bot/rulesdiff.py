"""Posting the consequences of a rule change on its pull request, when a maintainer opened it.

The PR check computes the diff for every pull request that changes the rules (job summary). It comments
only on pull requests opened by a maintainer (role `maintainer` in the BASE branch's members/, which the
pull request cannot change for itself), and keeps one comment up to date (marker `rules-diff`).
"""

from __future__ import annotations

from entraide.content.models import Community, Role
from entraide.github.comments import Writer
from entraide.github.markers import with_marker

KEY = "rules-diff"


def may_comment(author: str, *, base: Community) -> bool:
    """Only the maintainers listed on the base branch get the comment (learners see the job summary)."""
    return any(m.login.casefold() == author.casefold() and m.role is Role.maintainer for m in base.members)


def post(writer: Writer, number: int, text: str) -> str:
    """Post the diff, or edit the bot's earlier one; returns what was done."""
    body = with_marker(KEY, text)
    earlier = writer.find(number, KEY)
    if earlier is None:
        writer.post(number, body)
        return f"posted the rule diff on #{number}"
    writer.edit(earlier, body)
    return f"updated the rule diff on #{number}"
