"""Submission folders, `submissions/<challenge>/<login>/`: where they are and whether they name things
that exist. `entraide check` runs `folder_problems` on the folders it finds, so a learner sees a wrong
challenge or login on their own machine, before CI's guard does.
"""

from __future__ import annotations

from collections.abc import Iterable

from entraide.content.errors import N_, Problem
from entraide.content.models import Community

SUBMISSIONS = "submissions"


def submission_folder(slug: str, login: str) -> str:
    """Where a member puts their work for a challenge (documented in CONTRIBUTING.md and on the site)."""
    return f"{SUBMISSIONS}/{slug}/{login}/"


def folder_problems(folders: Iterable[tuple[str, str]], community: Community) -> list[Problem]:
    """One Problem per (challenge, login) folder whose challenge or member does not exist."""
    slugs = {c.slug for c in community.challenges}
    logins = {m.login.casefold() for m in community.members}
    problems = []
    for slug, login in sorted(set(folders)):
        where = f"{SUBMISSIONS}/{slug}/" + (f"{login}/" if login else "")
        if slug not in slugs:
            known = ", ".join(sorted(slugs)) or N_("none yet")
            message = N_("there is no challenge '{slug}' in challenges/ (known: {known})", slug=slug, known=known)
            problems.append(Problem(path=where, field="challenge", message=message))
        elif not login:
            problems.append(
                Problem(
                    path=where,
                    field="login",
                    message=N_("put your work in a folder named after your login: {where}<login>/", where=where),
                )
            )
        elif login.casefold() not in logins:
            problems.append(
                Problem(
                    path=where,
                    field="login",
                    message=N_(
                        "no member '{login}': add members/{login}.yml first (the site's join page writes it for you)",
                        login=login,
                    ),
                )
            )
    return problems
