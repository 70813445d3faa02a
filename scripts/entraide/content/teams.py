"""Team files, `submissions/<challenge>/<folder>/team.yml`: who made a team submission.

`members: [login, ...]` lists the team, the folder's owner included. The PR guard reads it from the pull
request's head with the same strict reader as every other file, and lets any member of a valid team open
the pull request that changes the folder. The content loader keeps the valid team files of the repository
(`valid_teams`) in the Community, and acceptance awards their members. Pure: text in, members and problems out.
"""

from __future__ import annotations

from collections.abc import Collection

from pydantic import Field, ValidationError

from entraide.content.base import Frozen, Login
from entraide.content.errors import N_, Problem
from entraide.content.models import Challenge
from entraide.content.validation import describe
from entraide.content.yamlfile import parse

TEAM_FILE = "team.yml"


class TeamFile(Frozen):
    members: tuple[Login, ...] = Field(min_length=1, max_length=20)


def read_team(text: str, shown: str) -> tuple[tuple[str, ...] | None, list[Problem]]:
    """The team's logins (casefolded, first mention kept) or None, and the problems found."""
    parsed = parse(text.replace("\r\n", "\n"), path=shown)
    if parsed.problems:
        return None, parsed.problems
    try:
        team = TeamFile.model_validate(parsed.data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        field = ".".join(str(part) for part in first["loc"]) or None
        message = describe(first, model=TeamFile, data=parsed.data)
        return None, [Problem(path=shown, line=parsed.line_of(()), field=field, message=message)]
    return tuple(dict.fromkeys(login.casefold() for login in team.members)), []


def team_problems(
    members: tuple[str, ...], *, shown: str, owner: str, challenge: Challenge | None, logins: Collection[str]
) -> list[Problem]:
    """A team file names a team challenge's team: the folder's owner in it, no more than the team size,
    every member with a profile (`logins`: casefolded logins of the base branch's profiles)."""
    if challenge is None or not challenge.team:
        return [Problem(path=shown, field="members", message=N_("this challenge is not a team challenge"))]
    problems = []
    if owner.casefold() not in members:
        message = N_("the folder's owner, {owner}, is in the team", owner=owner)
        problems.append(Problem(path=shown, field="members", message=message))
    if len(members) > challenge.team_size:
        message = N_(
            "a team of at most {size} for this challenge; this file names {count}",
            size=challenge.team_size,
            count=len(members),
        )
        problems.append(Problem(path=shown, field="members", message=message))
    for login in members:
        if login not in logins:
            message = N_(
                "no member '{login}': every member of the team needs a profile, members/{login}.yml", login=login
            )
            problems.append(Problem(path=shown, field="members", message=message))
    return problems


def valid_teams(
    files: list[tuple[str, str, str]], challenges: tuple[Challenge, ...], logins: Collection[str]
) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(challenge, folder, members) of each team file, given as (challenge, folder, text), that the guard
    would accept; the others are left out (they award nobody; `entraide check` names their problems)."""
    by_slug = {c.slug: c for c in challenges}
    found = []
    for slug, owner, text in sorted(files):
        shown = f"submissions/{slug}/{owner}/{TEAM_FILE}"
        members, problems = read_team(text, shown)
        challenge = by_slug.get(slug)
        if (
            members
            and not problems
            and not team_problems(members, shown=shown, owner=owner, challenge=challenge, logins=logins)
        ):
            found.append((slug, owner.casefold(), members))
    return tuple(found)
