"""Discussions (GraphQL nodes and webhook payloads) -> `Event`s, with the ids listed in `normalize`. Pure."""

from __future__ import annotations

from entraide.events.model import Event, EventKind
from entraide.scoring.kudos import parse_kudos

from .normalize import Json, make_event


def discussion_events(node: Json) -> list[Event]:
    number = node["number"]
    events = [
        make_event(
            f"gh:discussion:{number}:created",
            EventKind.discussion_created,
            node["createdAt"],
            node.get("author"),
            number,
            "discussion",
            {"category": (node.get("category") or {}).get("name"), "title": node.get("title") or ""},
        )
    ]
    for top in (node.get("comments") or {}).get("nodes") or ():
        events.append(discussion_comment(number, top, None))
        for reply in (top.get("replies") or {}).get("nodes") or ():
            events.append(discussion_comment(number, reply, top["databaseId"]))
    answer = node.get("answer")
    if answer and node.get("answerChosenAt"):
        chooser = node.get("answerChosenBy") or {}
        author = answer["author"] if "author" in answer else _author_of(events, answer["databaseId"])
        events.append(
            discussion_answered(number, answer["databaseId"], node["answerChosenAt"], author, chooser.get("databaseId"))
        )
    return events


def _author_of(events: list[Event], comment_id: int) -> Json | None:
    """The answer's author, from the comments read with the discussion when the query did not say."""
    for event in events:
        if event.payload.get("comment_id") == comment_id and event.actor_login:
            return {"login": event.actor_login, "id": event.actor_id, "type": event.actor_type}
    return None


def discussion_comment(number: int, node: Json, reply_to: int | None) -> Event:
    return make_event(
        f"gh:discussion-comment:{node['databaseId']}",
        EventKind.discussion_comment,
        node["createdAt"],
        node.get("author"),
        number,
        "discussion",
        {"comment_id": node["databaseId"], "kudos": parse_kudos(node.get("body")), "reply_to": reply_to},
        node.get("updatedAt"),
    )


def discussion_answered(number: int, comment_id: int, at: str, author: Json | None, marked_by_id: int | None) -> Event:
    return make_event(
        f"gh:discussion:{number}:answered:{comment_id}",
        EventKind.discussion_answered,
        at,
        author,
        number,
        "discussion",
        {"comment_id": comment_id, "marked_by_id": marked_by_id},
    )
