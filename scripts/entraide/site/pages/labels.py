"""Names of fixed codes shown on pages (a member's role, the reason for points), in the reader's language."""

from __future__ import annotations

from functools import lru_cache

from entraide.content.i18n import Translator


def role_label(role: str, *, tr: Translator) -> str:
    """'mentor' -> « Mentor »; an unknown role is shown as it is."""
    names = {"learner": tr.gettext("Learner"), "mentor": tr.gettext("Mentor"), "maintainer": tr.gettext("Maintainer")}
    return names.get(role, role)


def reason_label(kind: str, *, tr: Translator) -> str | None:
    """Why points were given ('review' -> « Relecture »); None for a kind without a name."""
    return _reason_names(tr).get(kind)


@lru_cache(maxsize=4)
def _reason_names(tr: Translator) -> dict[str, str]:
    """The names in one language, looked up once (every row of every profile asks)."""
    return {
        "challenge": tr.gettext("Challenge completed"),
        "review": tr.gettext("Review"),
        "answer": tr.gettext("Answer"),
        "accepted_answer": tr.gettext("Accepted answer"),
        "comment": tr.gettext("Comment"),
        "kudos": tr.gettext("Kudos received"),
        "first_contribution": tr.gettext("First contribution"),
        "event_attendance": tr.gettext("Event attendance"),
        "feedback": tr.gettext("Feedback"),
    }
