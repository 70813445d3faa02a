"""The hidden marker that ties a comment or issue the bot wrote to the action that wrote it.

Every plan puts `marker(key)` in what it posts; a later run finds its earlier post by that marker and
edits it instead of posting again. One definition, so the writers and the finders never disagree.
"""

from __future__ import annotations


def marker(key: str) -> str:
    return f"<!-- entraide:{key} -->"


def with_marker(key: str, body: str) -> str:
    return f"{marker(key)}\n{body}"
