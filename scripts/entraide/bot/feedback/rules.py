"""What the bot tells a learner about the rule that applied to an acceptance (`scoring.acceptance`).

On the acceptance message: accepted late for a share of the points, held until the prerequisites were
accepted, points « en attente de validation » until the review window ends. On a refused or held
acceptance, its own message on the pull request (key `refused:<member id>:<slug>`), posted once. Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from entraide.bot.feedback.text import plain
from entraide.content.i18n import translator
from entraide.content.models import Acceptance, Challenge
from entraide.events.model import Event
from entraide.scoring.model import Award, Ledger, Revocation


def notes(
    award: Award,
    challenge: Challenge,
    *,
    approved: dt.datetime | None,
    ledger: Ledger,
    rules: Acceptance,
    language: str,
) -> list[str]:
    """The lines that say which rule applied to this acceptance, in the community's language."""
    tr, lines = translator(language), []
    if challenge.closes is not None and (approved or award.at).date() > challenge.closes:
        share = round(rules.rule(challenge.slug).late_share * 100)
        lines.append(
            tr.gettext(
                "Accepted after the challenge's deadline ({closes}): this challenge's rule gives {share}% of the points."
            ).format(closes=tr.long_date(challenge.closes), share=share)
        )
    if approved is not None and award.at > approved:
        lines.append(
            tr.gettext("Acceptance held until its prerequisites were accepted, on {day}: it counts from then.").format(
                day=tr.long_date(award.at.date())
            )
        )
    final = award.at.date() + dt.timedelta(days=rules.review_window_days)
    if final > ledger.as_of:
        lines.append(
            tr.gettext("These points are **awaiting validation** until {day} (a review window of {days} days).").format(
                day=tr.long_date(final), days=rules.review_window_days
            )
        )
    return lines


def refusals(
    ledger: Ledger,
    events: Iterable[Event],
    *,
    challenges: dict[str, Challenge],
    language_of: Callable[[int | None], str],
) -> list[tuple[str, int, str]]:
    """(key, pull request, body) for each acceptance refused or held by its challenge's rule."""
    subjects = {event.id: event.subject for event in events if event.subject_type == "pull"}
    found = []
    for item in ledger.revoked:
        challenge = challenges.get(item.award.challenge or "")
        numbers = [subjects[i] for i in item.award.event_ids if i in subjects]
        body = _refusal(item, challenge, language=language_of(item.award.member_id)) if challenge else None
        if challenge and body and numbers:
            found.append((f"refused:{item.award.member_id}:{challenge.slug}", numbers[-1], body))
    return found


def _refusal(item: Revocation, challenge: Challenge, *, language: str) -> str | None:
    tr = translator(language)
    kind, _, detail = item.cause.partition(":")
    common = {"login": item.award.login, "title": plain(challenge.title)}
    if kind == "deadline":
        return tr.gettext(
            "@{login}, the challenge **{title}** was approved after its deadline ({closes}): this challenge's rule refuses late acceptances, no points are given."
        ).format(closes=detail, **common)
    if kind in ("prerequisites_pending", "prerequisites_refused"):
        pending = tr.gettext(
            "@{login}, the challenge **{title}** is approved, but its prerequisites are not accepted yet ({slugs}): the acceptance is held and will count once they are."
        )
        refused = tr.gettext(
            "@{login}, the challenge **{title}** was approved before its prerequisites ({slugs}): this challenge's rule refuses this acceptance."
        )
        return (pending if kind == "prerequisites_pending" else refused).format(
            slugs=", ".join(f"`{slug}`" for slug in detail.split(",")), **common
        )
    return None
