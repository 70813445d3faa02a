"""The words of the bot's comments, in the reader's language (their profile's, else the community's), through
the gettext catalogues (entraide.content.i18n).

Text written by people (challenge titles, criteria) goes through `plain()`, so that it shows as typed and
can neither add markup, links nor mentions to the bot's comment. Logins are GitHub's own: `@login` is
the one mention a comment makes, to the person it speaks to.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from entraide.bot.language import reader_languages as reader_languages  # the plan imports it from here
from entraide.content.i18n import translator
from entraide.content.models import Challenge

_MARKUP = re.compile(r"([\\`*_{}\[\]()<>#+!|~@&])")


def plain(value: str) -> str:
    """Member- or maintainer-written text shown literally in a GitHub comment."""
    return _MARKUP.sub(r"\\\1", " ".join(value.split()))


def duration(wait: dt.timedelta, *, language: str) -> str:
    tr = translator(language)
    hours = wait.total_seconds() / 3600
    if hours < 1:
        return tr.gettext("under an hour")
    if hours < 48:
        n = round(hours)
        return tr.ngettext("about {n} hour", "about {n} hours", n).format(n=n)
    n = round(hours / 24)
    return tr.ngettext("about {n} day", "about {n} days", n).format(n=n)


def acknowledgement(
    login: str | None,
    challenge: Challenge,
    *,
    wait: dt.timedelta | None,
    language: str,
    reviewers: Sequence[str] = (),
) -> str:
    tr = translator(language)
    lines = [
        tr.gettext("Thank you @{login} for this submission to the challenge **{title}**!").format(
            login=login or "", title=plain(challenge.title)
        ),
        "",
        tr.gettext("A mentor of the track will review your work and check that:"),
        "",
    ]
    lines += [f"- [ ] {plain(criterion)}" for criterion in challenge.acceptance_criteria]
    if reviewers:
        lines += ["", reviewers_line(reviewers, language=language)]
    lines += [
        "",
        tr.gettext("Current median wait for a first review: **{wait}**.").format(wait=duration(wait, language=language))
        if wait is not None
        else tr.gettext("There are not enough reviews yet to estimate the wait."),
        "",
        tr.gettext("You can push new commits to this branch at any time: the review is of the latest one."),
    ]
    return "\n".join(lines)


def reviewers_line(logins: Sequence[str], *, language: str) -> str:
    """Who may accept, named without a mention (a login in backquotes notifies nobody)."""
    who = ", ".join(f"`{login}`" for login in logins)
    return translator(language).gettext("Who may accept this challenge: {logins}.").format(logins=who)


def award(
    login: str,
    challenge: Challenge,
    *,
    points: int,
    badges: Sequence[str],
    level: str | None,
    total: int | None,
    next_challenges: Sequence[Challenge],
    language: str,
    notes: Sequence[str] = (),
) -> str:
    tr = translator(language)
    facts = [tr.ngettext("+{points} point", "+{points} points", points).format(points=tr.number(points))]
    if total is not None:
        facts.append(tr.ngettext("{total} point in all", "{total} points in all", total).format(total=tr.number(total)))
    if level:
        facts.append(tr.gettext("level **{level}**").format(level=plain(level)))
    lines = [
        tr.gettext("Well done @{login}, the challenge **{title}** is accepted! :tada:").format(
            login=login, title=plain(challenge.title)
        ),
        "",
        " · ".join(facts),
    ]
    lines += [line for note in notes for line in ("", note)]  # the rules that applied (bot.feedback.rules)
    if badges:
        earned = tr.ngettext("Badge earned: {badges}.", "Badges earned: {badges}.", len(badges))
        lines += ["", earned.format(badges=", ".join(f"**{plain(b)}**" for b in badges))]
    lines += [""]
    if next_challenges:
        lines += [tr.gettext("What next? Challenges you can take on:"), ""]
        lines += [
            f"- **{plain(c.title)}** (`{c.slug}`, {tr.ngettext('{n} point', '{n} points', c.points).format(n=c.points)})"
            for c in next_challenges
        ]
    else:
        lines += [tr.gettext("You have taken on every open challenge of this track for now.")]
    return "\n".join(lines)


def revoked(challenge: Challenge | None, *, cause: str | None, language: str) -> str:
    tr = translator(language)
    title = plain(challenge.title) if challenge else "?"
    lines = [
        tr.gettext(
            "This message announced that the challenge **{title}** was accepted; that acceptance was withdrawn and its points no longer count."
        ).format(title=title)
    ]
    if cause:
        lines += ["", tr.gettext("Reason: {cause}.").format(cause=plain(cause))]
    return "\n".join(lines)


def welcome(login: str, *, handbook_url: str, language: str) -> str:
    tr = translator(language)
    return tr.gettext(
        "Welcome @{login}, and thank you for this first contribution! :wave:\n\nThe programme's handbook explains how to take on challenges, ask for help and earn points: {url}"
    ).format(login=login, url=handbook_url)
