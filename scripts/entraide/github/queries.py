"""GraphQL queries sent by the sync: what REST would ask item by item, asked for many items at once.

Costs by GitHub's formula (each connection costs the requests it could take, the sum over 100, at
least 1 point): a batch of 100 pull requests' reviews (`first: 100`) is 1 point; 100 issues' reactions
1 point; the list of discussions by update 1 point; each discussion read whole (100 comments, their
replies) about 1 point.
"""

from __future__ import annotations

import json

ACTOR = "__typename login ... on User { databaseId } ... on Bot { databaseId }"
PAGE = "pageInfo { hasNextPage endCursor }"

REVIEWS = f"reviews(first: 100AFTER) {{ {PAGE} nodes {{ databaseId state submittedAt author {{ {ACTOR} }} commit {{ oid }} }} }}"
REACTIONS = (
    f"reactions(first: 100AFTER) {{ {PAGE} nodes {{ databaseId content createdAt user {{ login databaseId }} }} }}"
)

DISCUSSION_LIST_QUERY = f"""
query($owner: String!, $name: String!, $first: Int!, $after: String) {{
  repository(owner: $owner, name: $name) {{
    discussions(first: $first, after: $after, orderBy: {{field: UPDATED_AT, direction: DESC}}) {{
      {PAGE}
      nodes {{ number updatedAt }}
    }}
  }}
}}
"""

DISCUSSION_FIELDS = f"""
  number title createdAt updatedAt
  author {{ {ACTOR} }}
  category {{ name }}
  answer {{ databaseId author {{ {ACTOR} }} }}
  answerChosenAt
  answerChosenBy {{ login ... on User {{ databaseId }} }}
  comments(first: 100) {{
    nodes {{
      databaseId createdAt updatedAt body
      author {{ {ACTOR} }}
      replies(first: 50) {{ nodes {{ databaseId createdAt updatedAt body author {{ {ACTOR} }} }} }}
    }}
  }}
"""


def batch(kind: str, asked: dict[int, str | None]) -> str:
    """One query for many objects by number: `kind` is "pullRequest" (their reviews), "issue" (their
    reactions) or "discussion" (whole); `asked` maps each number to the cursor to start after (or None)."""
    parts = []
    for number, after in sorted(asked.items()):
        more = f", after: {json.dumps(after)}" if after else ""
        if kind == "discussion":
            body = DISCUSSION_FIELDS
        else:
            body = "number " + (REVIEWS if kind == "pullRequest" else REACTIONS).replace("AFTER", more)
        parts.append(f"n{int(number)}: {kind}(number: {int(number)}) {{ {body} }}")
    joined = "\n    ".join(parts)
    return f"query($owner: String!, $name: String!) {{\n  repository(owner: $owner, name: $name) {{\n    {joined}\n  }}\n}}\n"
