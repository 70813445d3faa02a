"""GraphQL nodes of the sync's batched reads -> `Event`s, with the same ids as REST and webhooks. Pure.

A review node is a review of pull request `number` (`databaseId` is REST's review id); a reaction node a
reaction on issue `number` (`databaseId` is REST's reaction id, `content` GitHub's enum, here turned
back into REST's words). Missing required fields raise `KeyError`/`TypeError`: the sync turns those
into a clear stop, never a traceback.
"""

from __future__ import annotations

from typing import Any

from entraide.events.model import Event

from . import normalize as n

Json = dict[str, Any]
REACTIONS = {
    "THUMBS_UP": "+1",
    "THUMBS_DOWN": "-1",
    "LAUGH": "laugh",
    "CONFUSED": "confused",
    "HEART": "heart",
    "HOORAY": "hooray",
    "EYES": "eyes",
    "ROCKET": "rocket",
}


def user(node: Json | None) -> Json | None:
    """A GraphQL actor as the REST user fields normalize reads (login, id, type)."""
    if not node:
        return None
    return {"login": node["login"], "id": node.get("databaseId"), "type": node.get("__typename") or "User"}


def review(node: Json, number: int) -> Event | None:
    if not node.get("submittedAt") or str(node.get("state", "")).upper() == "PENDING":
        return None
    return n.review(
        {
            "id": node["databaseId"],
            "pull_request_url": f"/pulls/{number}",
            "submitted_at": node["submittedAt"],
            "state": node["state"],
            "user": user(node.get("author")),
            "commit_id": (node.get("commit") or {}).get("oid"),
        }
    )


def reaction(node: Json, number: int) -> Event:
    content = REACTIONS.get(node["content"], str(node["content"]).lower())
    item = {
        "id": node["databaseId"],
        "created_at": node["createdAt"],
        "user": user(node.get("user")),
        "content": content,
    }
    return n.reaction(item, number)
