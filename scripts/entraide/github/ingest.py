"""`entraide ingest [PATH]`: turn one webhook payload into events, as the sync would have read them.

In a workflow triggered by `issues`, `issue_comment`, `pull_request`, `pull_request_review`,
`pull_request_review_comment`, `discussion`, `discussion_comment` or `label`, GitHub writes the payload
to $GITHUB_EVENT_PATH and names it in $GITHUB_EVENT_NAME. The events get the same ids as the sync's
(`normalize`), so a fact seen both ways is stored once.

A programme may span several repositories (`repositories` in entraide.yml). A delivery from one of those
gives events tagged with that repository, exactly as its shard of the sync stores them; a delivery from a
repository that is neither the community's own nor listed is refused, so a workflow wired to the wrong
repository cannot mix another project's numbers into the store.
"""

from __future__ import annotations

import json
from pathlib import Path

from entraide.content.errors import N_, Problem, UserError
from entraide.events.partitions import tagged

from .normalize import PayloadError
from .webhooks import events_from


def read_events(path: Path, name: str, *, home: str | None = None, others: tuple[str, ...] = ()) -> list:
    """The payload's events; `home` and `others`: the programme's repositories (entraide.yml), when known."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UserError(
            Problem(path=str(path), message=N_("cannot read the payload: {error}", error=str(error.strerror)))
        ) from None
    except ValueError as error:
        raise UserError(
            Problem(path=str(path), message=N_("the payload is not JSON: {error}", error=str(error)))
        ) from None
    try:
        found = events_from(name, payload)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        detail = (
            N_("missing {key}", key=str(error))
            if isinstance(error, KeyError)
            else error.text
            if isinstance(error, PayloadError)
            else str(error).splitlines()[0]
        )
        raise UserError(
            Problem(
                path=str(path),
                field=name,
                message=N_("not a {name} webhook payload ({detail})", name=name, detail=detail),
            )
        ) from None
    repo = _programme_repository(payload, home=home, others=others)
    if repo is None:
        return found
    if repo == "":
        where = ", ".join(filter(None, (home, *others)))
        raise UserError(
            Problem(
                path=str(path),
                field="repository.full_name",
                message=N_(
                    "'{name}' is not one of the programme's repositories ({where}): name it under `repositories` in "
                    "entraide.yml, or send this repository's deliveries elsewhere",
                    name=str(_full_name(payload)),
                    where=where,
                ),
            )
        )
    return [tagged(repo)(event) for event in found]


def _full_name(payload: dict) -> str | None:
    repository = payload.get("repository")
    name = repository.get("full_name") if isinstance(repository, dict) else None
    return name if isinstance(name, str) else None


def _programme_repository(payload: dict, *, home: str | None, others: tuple[str, ...]) -> str | None:
    """None: the community's own repository (or nothing to tell); the name of another of the programme's
    repositories; "" for a repository that is not the programme's. GitHub's names are case-insensitive."""
    name = _full_name(payload)
    if name is None or home is None or name.lower() == home.lower():
        return None
    return next((other for other in others if other.lower() == name.lower()), "")
