"""GraphQL for the fake: only the discussions query (`POST /api/graphql`).

There is no GraphQL engine here: any query mentioning `discussions` gets the repository's discussions
newest-updated first (`orderBy: {field: UPDATED_AT, direction: DESC}`), paged by the `first`/`after`
variables. The answer is then cut down to the fields the query selects (inline fragments
`... on User { databaseId }` included), as GitHub does, so a client that forgets to ask for a field
does not get it here either. Field names and nesting follow GitHub's GraphQL schema.
"""

from __future__ import annotations

import base64
import re

from .payloads import node_id, stamp
from .state import Discussion, DiscussionComment, Repo, User


def cursor(index: int) -> str:
    return base64.b64encode(f"cursor:{index}".encode()).decode()


def index_of(value: str | None) -> int:
    return int(base64.b64decode(value).decode().split(":")[1]) + 1 if value else 0


def execute(repo: Repo, request: dict) -> dict:
    query, variables = request.get("query") or "", request.get("variables") or {}
    if "discussions" not in query:
        return {"errors": [{"message": "the fake GitHub answers only the discussions query"}]}
    with repo.lock:
        items = sorted(repo.discussions.values(), key=lambda d: (d.updated_at, d.id), reverse=True)
        start, first = index_of(variables.get("after")), min(int(variables.get("first", 100)), 100)
        page = items[start:start + first]
        connection = {
            "totalCount": len(items),
            "pageInfo": {"hasNextPage": start + first < len(items),
                         "endCursor": cursor(start + len(page) - 1) if page else None},
            "nodes": [discussion(repo, item) for item in page],
        }
    data = {"repository": {"discussions": connection}}
    return {"data": select(data, selection(query))}


TOKEN = re.compile(r"\.\.\.|[A-Za-z_][A-Za-z0-9_]*|[{}()]|\$?[^\s{}()]+")


def selection(query: str) -> dict:
    """The query's selection tree: {field: subtree or None}; arguments skipped, fragments merged."""
    tokens = TOKEN.findall(query[query.index("{"):])
    tree, _ = _fields(tokens, 1)
    return tree


def _fields(tokens: list[str], at: int) -> tuple[dict, int]:
    tree: dict = {}
    last = None
    while at < len(tokens) and tokens[at] != "}":
        token = tokens[at]
        if token == "(":
            at = tokens.index(")", at)
        elif token == "{":
            sub, at = _fields(tokens, at + 1)
            if last == "...":
                tree.update(sub)
            else:
                tree[last] = {**(tree.get(last) or {}), **sub}
        elif token == "...":
            last = "..."
            at += 3  # "... on Type": the next "{" adds to this level
            continue
        elif not token.startswith(("$", ":")):
            tree.setdefault(token, None)
            last = token
        at += 1
    return tree, at


def select(value, tree):
    if tree is None or value is None:
        return value
    if isinstance(value, list):
        return [select(item, tree) for item in value]
    return {key: select(value[key], sub) for key, sub in tree.items() if key in value}


def author(user: User | None) -> dict | None:
    if user is None or user.deleted:
        return None
    return {"__typename": "Bot" if user.type == "Bot" else "User", "login": user.login,
            "databaseId": user.id}


def comment(item: DiscussionComment, replies: list[DiscussionComment]) -> dict:
    return {
        "id": node_id("DC", item.id), "databaseId": item.id, "body": item.body,
        "createdAt": stamp(item.created_at), "author": author(item.user),
        "replyTo": {"databaseId": item.reply_to} if item.reply_to else None,
        "replies": {"totalCount": len(replies), "nodes": [comment(r, []) for r in replies]},
    }


def discussion(repo: Repo, item: Discussion) -> dict:
    tops = [c for c in item.comments if c.reply_to is None]
    answer = next((c for c in item.comments if c.id == item.answer_id), None)
    return {
        "id": node_id("D", item.id), "databaseId": item.id, "number": item.number,
        "title": item.title, "body": item.body, "createdAt": stamp(item.created_at),
        "updatedAt": stamp(item.updated_at), "author": author(item.user),
        "url": f"https://github.com/{repo.owner}/{repo.name}/discussions/{item.number}",
        "category": {"name": item.category},
        "answer": ({"databaseId": answer.id, "createdAt": stamp(answer.created_at),
                    "author": author(answer.user)} if answer else None),
        "answerChosenAt": stamp(item.answer_chosen_at), "answerChosenBy": author(item.answer_chosen_by),
        "comments": {
            "totalCount": len(tops),
            "pageInfo": {"hasNextPage": False, "endCursor": None},
            "nodes": [comment(c, [r for r in item.comments if r.reply_to == c.id]) for c in tops],
        },
    }
