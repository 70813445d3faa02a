"""The words of the bot's comments, in the community's language (`rules.language`: fr, else en).

Text written by people (challenge titles, criteria) goes through `plain()`, so that it shows as typed and
can neither add markup, links nor mentions to the bot's comment. Logins are GitHub's own: `@login` is
the one mention a comment makes, to the person it speaks to.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from entraide.content.models import Challenge

_MARKUP = re.compile(r"([\\`*_{}\[\]()<>#+!|~@&])")

WORDS = {
    "fr": {
        "ack": "Merci @{login} pour cette soumission du défi **{title}** !",
        "criteria": "Un·e mentor du parcours va relire votre travail et vérifier que :",
        "reviewers": "Peuvent accepter ce défi : {logins}.",
        "wait": "Délai médian actuel avant une première relecture : **{wait}**.",
        "no_wait": "Nous n'avons pas encore assez de relectures pour estimer le délai d'attente.",
        "ack_end": "Vous pouvez pousser de nouveaux commits sur cette branche à tout moment : la relecture "
        "porte sur le dernier.",
        "award": "Bravo @{login}, le défi **{title}** est accepté ! :tada:",
        "points": "+{points} points",
        "total": "{total} points au total",
        "level": "niveau **{level}**",
        "badge": "Badge obtenu : {badges}.",
        "badges": "Badges obtenus : {badges}.",
        "next": "Et ensuite ? Défis suivants possibles :",
        "next_none": "Vous avez relevé tous les défis ouverts de ce parcours pour l'instant.",
        "revoked": "Ce message annonçait l'acceptation du défi **{title}** ; cette acceptation a été retirée "
        "et ses points ne comptent plus.",
        "cause": "Raison : {cause}.",
        "welcome": "Bienvenue @{login}, et merci pour cette première contribution ! :wave:\n\n"
        "Le guide du programme explique comment relever les défis, demander de l'aide et "
        "gagner des points : {url}",
        "late": "Acceptation après la date limite du défi ({closes}) : la règle de ce défi donne {share} % des points.",
        "held": "Acceptation mise en attente jusqu'à celle de ses prérequis, le {day} : elle compte depuis.",
        "pending": "Ces points sont **en attente de validation** jusqu'au {day} (délai de relecture de {days} jours).",
        "refused_deadline": "@{login}, le défi **{title}** a été approuvé après sa date limite ({closes}) : "
        "la règle de ce défi refuse les acceptations tardives, aucun point n'est attribué.",
        "refused_pending": "@{login}, le défi **{title}** est approuvé, mais ses prérequis ne sont pas encore "
        "acceptés ({slugs}) : l'acceptation est en attente et comptera dès qu'ils le seront.",
        "refused_prerequisites": "@{login}, le défi **{title}** a été approuvé avant l'acceptation de ses "
        "prérequis ({slugs}) : la règle de ce défi refuse cette acceptation.",
        "minutes": "moins d'une heure",
        "hours": "environ {n} heure{s}",
        "days": "environ {n} jour{s}",
    },
    "en": {
        "ack": "Thank you @{login} for this submission to the challenge **{title}**!",
        "criteria": "A mentor of the track will review your work and check that:",
        "reviewers": "Who may accept this challenge: {logins}.",
        "wait": "Current median wait for a first review: **{wait}**.",
        "no_wait": "There are not enough reviews yet to estimate the wait.",
        "ack_end": "You can push new commits to this branch at any time: the review is of the latest one.",
        "award": "Well done @{login}, the challenge **{title}** is accepted! :tada:",
        "points": "+{points} points",
        "total": "{total} points in all",
        "level": "level **{level}**",
        "badge": "Badge earned: {badges}.",
        "badges": "Badges earned: {badges}.",
        "next": "What next? Challenges you can take on:",
        "next_none": "You have taken on every open challenge of this track for now.",
        "revoked": "This message announced that the challenge **{title}** was accepted; that acceptance was "
        "withdrawn and its points no longer count.",
        "cause": "Reason: {cause}.",
        "welcome": "Welcome @{login}, and thank you for this first contribution! :wave:\n\n"
        "The programme's handbook explains how to take on challenges, ask for help and earn "
        "points: {url}",
        "late": "Accepted after the challenge's deadline ({closes}): this challenge's rule gives {share}% of "
        "the points.",
        "held": "Acceptance held until its prerequisites were accepted, on {day}: it counts from then.",
        "pending": "These points are **awaiting validation** until {day} (a review window of {days} days).",
        "refused_deadline": "@{login}, the challenge **{title}** was approved after its deadline ({closes}): "
        "this challenge's rule refuses late acceptances, no points are given.",
        "refused_pending": "@{login}, the challenge **{title}** is approved, but its prerequisites are not "
        "accepted yet ({slugs}): the acceptance is held and will count once they are.",
        "refused_prerequisites": "@{login}, the challenge **{title}** was approved before its prerequisites "
        "({slugs}): this challenge's rule refuses this acceptance.",
        "minutes": "under an hour",
        "hours": "about {n} hour{s}",
        "days": "about {n} day{s}",
    },
}


def words(language: str) -> dict[str, str]:
    return WORDS.get(language, WORDS["en"])


def plain(value: str) -> str:
    """Member- or maintainer-written text shown literally in a GitHub comment."""
    return _MARKUP.sub(r"\\\1", " ".join(value.split()))


def duration(wait: dt.timedelta, *, language: str) -> str:
    w = words(language)
    hours = wait.total_seconds() / 3600
    if hours < 1:
        return w["minutes"]
    if hours < 48:
        n = round(hours)
        return w["hours"].format(n=n, s="s" if n > 1 else "")
    n = round(hours / 24)
    return w["days"].format(n=n, s="s" if n > 1 else "")


def acknowledgement(
    login: str | None,
    challenge: Challenge,
    *,
    wait: dt.timedelta | None,
    language: str,
    reviewers: Sequence[str] = (),
) -> str:
    w = words(language)
    lines = [w["ack"].format(login=login or "", title=plain(challenge.title)), "", w["criteria"], ""]
    lines += [f"- [ ] {plain(criterion)}" for criterion in challenge.acceptance_criteria]
    if reviewers:
        lines += ["", reviewers_line(reviewers, language=language)]
    lines += [
        "",
        w["wait"].format(wait=duration(wait, language=language)) if wait is not None else w["no_wait"],
        "",
        w["ack_end"],
    ]
    return "\n".join(lines)


def reviewers_line(logins: Sequence[str], *, language: str) -> str:
    """Who may accept, named without a mention (a login in backquotes notifies nobody)."""
    return words(language)["reviewers"].format(logins=", ".join(f"`{login}`" for login in logins))


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
    w = words(language)
    facts = [w["points"].format(points=points)]
    if total is not None:
        facts.append(w["total"].format(total=total))
    if level:
        facts.append(w["level"].format(level=plain(level)))
    lines = [w["award"].format(login=login, title=plain(challenge.title)), "", " · ".join(facts)]
    lines += [line for note in notes for line in ("", note)]  # the rules that applied (bot.feedback.rules)
    if badges:
        key = "badges" if len(badges) > 1 else "badge"
        lines += ["", w[key].format(badges=", ".join(f"**{plain(b)}**" for b in badges))]
    lines += [""]
    if next_challenges:
        lines += [w["next"], ""]
        lines += [f"- **{plain(c.title)}** (`{c.slug}`, {c.points} points)" for c in next_challenges]
    else:
        lines += [w["next_none"]]
    return "\n".join(lines)


def revoked(challenge: Challenge | None, *, cause: str | None, language: str) -> str:
    w = words(language)
    title = plain(challenge.title) if challenge else "?"
    lines = [w["revoked"].format(title=title)]
    if cause:
        lines += ["", w["cause"].format(cause=plain(cause))]
    return "\n".join(lines)


def welcome(login: str, *, handbook_url: str, language: str) -> str:
    return words(language)["welcome"].format(login=login, url=handbook_url)
