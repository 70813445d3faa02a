"""mkdocs-macros module: the same data for hand-written pages that opt in with `render_macros: true`.

Example: `{{ leaderboard(limit=10) }}`. Each macro returns Markdown in which member text went through
`entraide.site.pages.escape.text`, so a macro never turns a name into markup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any, TypeVar

from entraide.site import build as site
from entraide.site.context import SiteContext
from entraide.site.pages.common import board_slug, default_board, public_members
from entraide.site.pages.i18n import strings
from entraide.site.pages.leaderboards import leaderboard_table


def _base(env: Any) -> str:
    """Relative path from the current page to the docs root ('' for index.md, '../' one level down)."""
    page = env.page
    depth = len(PurePosixPath(page.file.src_uri).parent.parts) if page is not None else 0
    return "../" * depth


def define_env(env: Any) -> None:
    root = env.project_dir
    macro = _registrar(env)

    def context() -> SiteContext:
        # The hook hands the context it loaded for this build through MkDocs' config; macros alone load it once.
        if getattr(env.conf, "entraide_context", None) is None:
            env.conf.entraide_context = site.context_for(root)
        found: SiteContext = env.conf.entraide_context
        return found

    @macro
    def leaderboard(limit: int = 10, window: str | None = None) -> str:
        """The public ranking of a leaderboard window (default: all time), `limit` rows."""
        ctx = context()
        boards = {board.id: board for board in ctx.ledger.leaderboards}
        board = boards.get(window) if window else default_board(ctx.ledger)
        if board is None:
            return f"*{strings(ctx.community.rules.language)['empty_leaderboard']}*"
        table = leaderboard_table(board, ctx=ctx, public=public_members(ctx.community), base=_base(env), limit=limit)
        return f"{table}\n\n[{strings(ctx.community.rules.language)['leaderboard']} →]({_base(env)}classements/{board_slug(board)}.md)"

    @macro
    def member_count() -> int:
        """How many members agreed to a public profile."""
        return len(public_members(context().community))

    @macro
    def challenge_count() -> int:
        return len(context().community.challenges)

    @macro
    def as_of() -> str:
        """The day the data stops (ISO date)."""
        return context().as_of.isoformat()


F = TypeVar("F", bound=Callable[..., object])


def _registrar(env: Any) -> Callable[[F], F]:
    """mkdocs-macros' `env.macro`, typed: it registers a function and gives it back unchanged."""
    register: Callable[[F], F] = env.macro
    return register
