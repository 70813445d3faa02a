"""GraphQL rate-limit points, as GitHub scores a query: every connection asked with `first`/`last` costs
the requests it would take (the product of the `first`s above it); the sum over 100, rounded, at least
1 point. The fake logs each query's cost (`Logged.points`, `FakeGitHub.points()`)."""

from __future__ import annotations

from .graphql import TOKEN


def cost(query: str, variables: dict) -> int:
    """GitHub's documented score: every connection asked with `first`/`last` costs the requests it would
    take (the product of the `first`s above it); the sum over 100, rounded, at least 1 point."""
    tokens = TOKEN.findall(query[query.index("{") :] if "{" in query else "")
    total, stack, pending, at = 0, [1], 1, 0
    while at < len(tokens):
        token = tokens[at]
        if token == "(":
            close = tokens.index(")", at)
            size = _first(tokens[at + 1 : close], variables)
            if size:
                total += stack[-1]
                pending = stack[-1] * size
            at = close
        elif token == "{":
            stack.append(pending)
        elif token == "}":
            stack.pop()
            pending = stack[-1] if stack else 1
        else:
            pending = stack[-1]
        at += 1
    return max(round(total / 100), 1)


def _first(arguments: list[str], variables: dict) -> int:
    words = [word.rstrip(",") for word in arguments]
    for index, word in enumerate(words):
        if word in ("first", "last") and index + 2 < len(words):
            value = words[index + 2]
            value = variables.get(value[1:]) if value.startswith("$") else value
            return int(value) if str(value).isdigit() else 0
    return 0
