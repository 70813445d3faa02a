"""GraphQL for the fake (`POST /api/graphql`): discussions read, and comments added to them.

There is no GraphQL engine here, three shapes are recognised by name:
  - any query mentioning `discussions` gets the repository's discussions newest-updated first
    (`orderBy: {field: UPDATED_AT, direction: DESC}`), paged by the `first`/`after` variables;
  - `discussion(number: $number)` gets one discussion (comments with bodies and authors), or null and
    a NOT_FOUND error as GitHub answers for a number that is no discussion;
  - the mutation `addDiscussionComment(input: {discussionId, body})` (variables `discussionId` and
    `body`, or `input`) appends a comment by the token's user and returns it (`comment { id url }`);
  - `discussionCategories` (with the repository's `id`) and the mutation `createDiscussion(input:
    {repositoryId, categoryId, title, body})`, which opens a discussion by the token's user.
The answer is then cut down to the fields the query selects (inline fragments
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


def execute(repo: Repo, request: dict, actor: User | None = None) -> dict:
    query, variables = request.get("query") or "", request.get("variables") or {}
    if "addDiscussionComment" in query:
        return add_discussion_comment(repo, query, variables.get("input") or variables, actor or repo.bot)
    if "createDiscussion" in query:
        return create_discussion(repo, query, variables.get("input") or variables, actor or repo.bot)
    if "discussionCategories" in query:
        return categories(repo, query)
    if ALIAS.search(query):
        return by_number(repo, query)
    if re.search(r"\bdiscussion\s*\(", query):
        return one_discussion(repo, query, variables)
    if "discussions" not in query:
        return {"errors": [{"message": "the fake GitHub answers only the discussions queries"}]}
    with repo.lock:
        items = sorted(repo.discussions.values(), key=lambda d: (d.updated_at, d.id), reverse=True)
        start, first = index_of(variables.get("after")), min(int(variables.get("first", 100)), 100)
        page = items[start : start + first]
        connection = {
            "totalCount": len(items),
            "pageInfo": {
                "hasNextPage": start + first < len(items),
                "endCursor": cursor(start + len(page) - 1) if page else None,
            },
            "nodes": [discussion(repo, item) for item in page],
        }
    data = {"repository": {"discussions": connection}}
    return {"data": select(data, selection(query))}


def one_discussion(repo: Repo, query: str, variables: dict) -> dict:
    inline = re.search(r"\bdiscussion\s*\(\s*number:\s*(\d+)", query)
    number = int(variables.get("number") or (inline.group(1) if inline else 0))
    with repo.lock:
        item = repo.discussions.get(number)
        node = discussion(repo, item) if item else None
    answer = {"data": select({"repository": {"discussion": node}}, selection(query))}
    if node is None:
        answer["errors"] = [
            {
                "type": "NOT_FOUND",
                "path": ["repository", "discussion"],
                "message": f"Could not resolve to a Discussion with the number of {number}.",
            }
        ]
    return answer


def add_discussion_comment(repo: Repo, query: str, given: dict, actor: User) -> dict:
    target = given.get("discussionId")
    with repo.lock:
        item = next((d for d in repo.discussions.values() if node_id("D", d.id) == target), None)
        if item is None:
            return {
                "data": {"addDiscussionComment": None},
                "errors": [
                    {
                        "type": "NOT_FOUND",
                        "path": ["addDiscussionComment"],
                        "message": f"Could not resolve to a node with the global id of '{target}'",
                    }
                ],
            }
        added = repo.add_discussion_comment(item.number, actor, str(given.get("body") or ""))
        node = {
            **comment(added, []),
            "url": f"https://github.com/{repo.owner}/{repo.name}/discussions/"
            f"{item.number}#discussioncomment-{added.id}",
        }
    return {"data": select({"addDiscussionComment": {"comment": node}}, selection(query))}


CATEGORIES = ("Annonces", "Général", "Idées", "Q&A", "Front-end", "Back-end")


def categories(repo: Repo, query: str) -> dict:
    """The repository's node id and its Discussions categories (`Repo.categories` when a test sets it)."""
    names = getattr(repo, "categories", CATEGORIES)
    nodes = [{"id": f"DIC_{index}", "name": name} for index, name in enumerate(names)]
    data = {"repository": {"id": node_id("R", 1), "discussionCategories": {"nodes": nodes}}}
    return {"data": select(data, selection(query))}


def create_discussion(repo: Repo, query: str, given: dict, actor: User) -> dict:
    """`createDiscussion(input: {repositoryId, categoryId, title, body})`: a new discussion by the token's user."""
    names = getattr(repo, "categories", CATEGORIES)
    index = str(given.get("categoryId") or "").removeprefix("DIC_")
    if given.get("repositoryId") != node_id("R", 1) or not index.isdigit() or int(index) >= len(names):
        error = {"type": "NOT_FOUND", "path": ["createDiscussion"], "message": "Could not resolve to a node"}
        return {"data": {"createDiscussion": None}, "errors": [error]}
    item = repo.add_discussion(
        actor, str(given.get("title") or ""), body=str(given.get("body") or ""), category=names[int(index)]
    )
    node = {**discussion(repo, item)}
    return {"data": select({"createDiscussion": {"discussion": node}}, selection(query))}


TOKEN = re.compile(r"\.\.\.|[A-Za-z_][A-Za-z0-9_]*|[{}()]|\$?[^\s{}()]+")


def selection(query: str) -> dict:
    """The query's selection tree: {field: subtree or None}; arguments skipped, fragments merged."""
    tokens = TOKEN.findall(query[query.index("{") :])
    tree, _ = _fields(tokens, 1)
    return tree


def _fields(tokens: list[str], at: int) -> tuple[dict, int]:
    tree: dict = {}
    last = None
    while at < len(tokens) and tokens[at] != "}":
        token = tokens[at]
        if at + 2 < len(tokens) and tokens[at + 1] == ":" and token not in ("...", "(", "{"):
            tree.setdefault(token, None)  # `alias: field(...)`: the answer is keyed by the alias
            last, at = token, at + 3
            continue
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
    return {"__typename": "Bot" if user.type == "Bot" else "User", "login": user.login, "databaseId": user.id}


def comment(item: DiscussionComment, replies: list[DiscussionComment]) -> dict:
    return {
        "id": node_id("DC", item.id),
        "databaseId": item.id,
        "body": item.body,
        "createdAt": stamp(item.created_at),
        "updatedAt": stamp(item.created_at),  # discussion comments are not edited in the fake
        "author": author(item.user),
        "replyTo": {"databaseId": item.reply_to} if item.reply_to else None,
        "replies": {"totalCount": len(replies), "nodes": [comment(r, []) for r in replies]},
    }


def discussion(repo: Repo, item: Discussion) -> dict:
    tops = [c for c in item.comments if c.reply_to is None]
    answer = next((c for c in item.comments if c.id == item.answer_id), None)
    return {
        "id": node_id("D", item.id),
        "databaseId": item.id,
        "number": item.number,
        "title": item.title,
        "body": item.body,
        "createdAt": stamp(item.created_at),
        "updatedAt": stamp(item.updated_at),
        "author": author(item.user),
        "url": f"https://github.com/{repo.owner}/{repo.name}/discussions/{item.number}",
        "category": {"name": item.category},
        "answer": (
            {"databaseId": answer.id, "createdAt": stamp(answer.created_at), "author": author(answer.user)}
            if answer
            else None
        ),
        "answerChosenAt": stamp(item.answer_chosen_at),
        "answerChosenBy": author(item.answer_chosen_by),
        "comments": {
            "totalCount": len(tops),
            "pageInfo": {"hasNextPage": False, "endCursor": None},
            "nodes": [comment(c, [r for r in item.comments if r.reply_to == c.id]) for c in tops],
        },
    }


# ---------------------------------------------------------------------- batches by number (aliases)

ALIAS = re.compile(r"(\w+)\s*:\s*(pullRequest|issue|discussion)\s*\(\s*number:\s*(\d+)\s*\)")
PAGE = re.compile(r"\b(reviews|reactions|comments)\s*\(\s*first:\s*(\d+)(?:\s*,\s*after:\s*\"([^\"]*)\")?")


def by_number(repo: Repo, query: str) -> dict:
    """`alias: pullRequest(number: N) { reviews(first:, after:) }`, `alias: issue(number: N) { reactions(...) }`
    and `alias: discussion(number: N) {...}`, as many aliases as asked; a number that is no such object answers null with a NOT_FOUND error."""
    found = list(ALIAS.finditer(query))
    data: dict = {}
    errors = []
    with repo.lock:
        for index, match in enumerate(found):
            alias, kind, number = match.group(1), match.group(2), int(match.group(3))
            end = found[index + 1].start() if index + 1 < len(found) else len(query)
            page = PAGE.search(query, match.end(), end)
            first, after = (int(page.group(2)), page.group(3)) if page else (100, None)
            listed = page.group(1) if page else None
            if kind == "discussion":
                talk = repo.discussions.get(number)
                data[alias] = discussion(repo, talk) if talk else None
                if talk:
                    continue
            item = repo.issues.get(number)
            if kind == "discussion" or item is None or item.is_pr != (kind == "pullRequest"):
                data[alias] = None
                errors.append({"type": "NOT_FOUND", "path": ["repository", alias], "message": f"no {kind} {number}"})
                continue
            data[alias] = _numbered(repo, item, kind, first, after, listed)
    answer: dict = {"data": select({"repository": data}, selection(query))}
    if errors:
        answer["errors"] = errors
    return answer


def _numbered(repo: Repo, item, kind: str, first: int, after: str | None, listed: str | None = None) -> dict:
    if listed == "comments":  # the conversation's comments (Issue.comments, PullRequest.comments)
        items = sorted((c for c in repo.comments.values() if c.issue == item.number), key=lambda c: c.id)
        field, render = "comments", _comment_node
    elif kind == "pullRequest":
        items = sorted((r for r in repo.reviews.values() if r.pr == item.number), key=lambda r: r.id)
        field, render = "reviews", _review
    else:
        items, field, render = list(item.reactions), "reactions", _reaction
    start = index_of(after)
    page = items[start : start + min(first, 100)]
    connection = {
        "totalCount": len(items),
        "pageInfo": {
            "hasNextPage": start + len(page) < len(items),
            "endCursor": cursor(start + len(page) - 1) if page else None,
        },
        "nodes": [render(x) for x in page],
    }
    return {"number": item.number, "updatedAt": stamp(item.updated_at), field: connection}


def _comment_node(item) -> dict:
    return {"databaseId": item.id, "updatedAt": stamp(item.updated_at)}


def _review(item) -> dict:
    return {
        "databaseId": item.id,
        "state": item.state,
        "submittedAt": stamp(item.submitted_at),
        "author": author(item.user),
        "commit": {"oid": item.commit_id},
        "body": item.body,
    }


REACTION_ENUM = {
    "+1": "THUMBS_UP",
    "-1": "THUMBS_DOWN",
    "laugh": "LAUGH",
    "confused": "CONFUSED",
    "heart": "HEART",
    "hooray": "HOORAY",
    "eyes": "EYES",
    "rocket": "ROCKET",
}


def _reaction(item) -> dict:
    user = author(item.user)
    return {
        "databaseId": item.id,
        "content": REACTION_ENUM[item.content],
        "createdAt": stamp(item.created_at),
        "user": user and {k: v for k, v in user.items() if k != "__typename"},
    }
