"""mkdocs-macros module: the same data for hand-written pages that opt in with `render_macros: true`.

Example: `{{ leaderboard(limit=10) }}`. Each macro returns Markdown in which member text went through
`entraide.site.pages.escape.text`, so a macro never turns a name into markup.

Pages in docs/ are written by mentors: their `{{ }}` run in jinja2's sandbox (`sandbox`), which sees these
macros and nothing else. The MkDocs hook renders through it; for another generator, `render_page` renders
a page before staging, so that generator's own macros (Zensical's run unsandboxed Jinja, with the whole
config in sight) never see the page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from entraide.content.errors import N_, Problem, UserError
from entraide.site import build as site
from entraide.site import languages, links
from entraide.site.context import SiteContext
from entraide.site.pages.common import board_slug, default_board, public_members
from entraide.site.pages.escape import text
from entraide.site.pages.leaderboards import leaderboard_table


def _base(env: Any) -> str:
    """Relative path from the current page to the docs root ('' for index.md, '../' one level down)."""
    source = _source_path(env.page)
    return "../" * len(PurePosixPath(source).parent.parts) if source else ""


def _source_path(page: Any) -> str | None:
    """The page's Markdown file under docs/, as each generator names it: MkDocs `page.file.src_uri`,
    Zensical `page.path`. The only generator-specific line of the macros."""
    if page is None:
        return None
    file = getattr(page, "file", None)
    return str(file.src_uri) if file is not None else str(page.path)


def define_env(env: Any) -> None:
    root = Path(os.environ.get("ENTRAIDE_ROOT") or env.project_dir)  # a staged build (Zensical) names the community
    macro = _registrar(env)

    loaded: list[SiteContext] = []  # a build without the hook (Zensical, macros alone) loads the context once

    def context() -> SiteContext:
        # The MkDocs hook hands the context it loaded for this build through MkDocs' config.
        handed = getattr(env.conf, "entraide_context", None)
        if isinstance(handed, SiteContext):
            return handed
        if not loaded:  # in the language of this build (a staged config names it, see entraide.site.languages)
            ctx = site.context_for(root)
            extra = getattr(env.conf, "get", lambda key, default=None: default)("extra") or {}
            loaded.append(languages.localized(ctx, extra.get("entraide_language") or ctx.community.rules.language))
        return loaded[0]

    @macro
    def leaderboard(limit: int = 10, window: str | None = None) -> str:
        """The public ranking of a leaderboard window (default: all time), `limit` rows."""
        ctx = context()
        boards = {board.id: board for board in ctx.ledger.leaderboards}
        board = boards.get(window) if window else default_board(ctx.ledger)
        if board is None:
            return f"*{ctx.tr.gettext('No points in this leaderboard yet.')}*"
        table = leaderboard_table(board, ctx=ctx, public=public_members(ctx.community), base=_base(env), limit=limit)
        return f"{table}\n\n[{ctx.tr.gettext('Leaderboard')} →]({_base(env)}classements/{board_slug(board)}.md)"

    @macro
    def member_count() -> int:
        """How many members agreed to a public profile."""
        return len(public_members(context().community))

    @macro
    def challenge_count() -> int:
        return len(context().community.challenges)

    @macro
    def as_of() -> str:
        """The day the data stops, as people read it (« 27 novembre 2026 »)."""
        ctx = context()
        return ctx.tr.long_date(ctx.as_of)

    @macro
    def programme() -> str:
        """The programme's name, from entraide.yml."""
        return text(context().community.rules.name)

    @macro
    def github_link(kind: str) -> str:
        """The address of the repository ('repo'), its Discussions ('discussions') or the join form ('join')."""
        rules = context().community.rules
        makers = {"repo": links.repo_url, "discussions": links.discussions_url, "join": links.join_issue_url}
        if kind not in makers:
            raise ValueError(f"github_link: expected one of {sorted(makers)}, got {kind!r}")
        return makers[kind](rules) or "#"


F = TypeVar("F", bound=Callable[..., object])


def _registrar(env: Any) -> Callable[[F], F]:
    """mkdocs-macros' `env.macro`, typed: it registers a function and gives it back unchanged."""
    register: Callable[[F], F] = env.macro
    return register


def sandbox(macros: Mapping[str, Callable[..., object]]) -> SandboxedEnvironment:
    """The only names a page's `{{ }}` can reach: these macros, and a few harmless filters."""
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    env.globals = dict(macros)
    env.filters = {name: env.filters[name] for name in ("lower", "upper", "title", "round", "int")}
    return env


@dataclass
class _Page:
    path: str  # under docs/, as `_source_path` reads it


@dataclass
class _Conf:
    entraide_context: SiteContext


@dataclass
class _Env:
    """What `define_env` reads of mkdocs-macros' env, for a page rendered before staging."""

    page: _Page
    conf: _Conf
    project_dir: str
    macros: dict[str, Callable[..., object]] = field(default_factory=dict)

    def macro(self, function: F) -> F:
        self.macros[function.__name__] = function
        return function


def render_page(text: str, *, source: str, ctx: SiteContext, root: Path) -> str:
    """A hand-written page with `render_macros: true`, its body rendered in the sandbox and the flag turned
    off, so the generator that reads it next shows it as it is. A template error names the page (exit 2)."""
    head, _, body = text.partition("\n---\n") if text.startswith("---\n") else ("", "", text)
    env = _Env(page=_Page(path=source), conf=_Conf(entraide_context=ctx), project_dir=str(root))
    define_env(env)
    try:
        rendered = sandbox(env.macros).from_string(body).render()
    except Exception as error:  # a template error or a refused attribute: the page names it, no traceback
        raise UserError(
            Problem(
                path=f"docs/{source}",
                field="macros",
                message=N_("{kind}: {error}", kind=type(error).__name__, error=str(error)),
            )
        ) from None
    if not head:
        return rendered
    head = re.sub(r"(?m)^render_macros:\s*true\s*$", "render_macros: false", head)
    return f"{head}\n---\n{rendered}\n"
