"""`entraide ingest [PATH]`: turn one webhook payload into events, as the sync would have read them.

In a workflow triggered by `issues`, `issue_comment`, `pull_request`, `pull_request_review`,
`pull_request_review_comment`, `discussion`, `discussion_comment` or `label`, GitHub writes the payload
to $GITHUB_EVENT_PATH and names it in $GITHUB_EVENT_NAME. The events get the same ids as the sync's
(`normalize`), so a fact seen both ways is stored once.
"""

from __future__ import annotations

import json
from pathlib import Path

from entraide.content.errors import Problem, UserError

from .webhooks import events_from


def read_events(path: Path, name: str) -> list:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UserError(Problem(path=str(path), message=f"cannot read the payload: {error.strerror}")) from None
    except ValueError as error:
        raise UserError(Problem(path=str(path), message=f"the payload is not JSON: {error}")) from None
    try:
        return events_from(name, payload)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        detail = f"missing {error}" if isinstance(error, KeyError) else str(error).splitlines()[0]
        raise UserError(
            Problem(path=str(path), field=name, message=f"not a {name} webhook payload ({detail})")
        ) from None
