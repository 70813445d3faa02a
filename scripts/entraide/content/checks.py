"""A challenge's automatic checks (`checks:` in its front matter), as the PR check's autograding reads them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from entraide.content.base import Frozen


class Check(Frozen):
    """An automatic check the PR check runs on a submission folder (`checks:` in a challenge's front matter).
    Only these tools exist: a challenge names a tool, never a command."""

    tool: Literal["html-validate", "axe", "pytest"]
    file: str = Field(
        "index.html",
        pattern=r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$",
        max_length=200,
        description="the page html-validate and axe open, relative to the submission folder",
    )
