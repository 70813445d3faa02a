"""Feeds (placeholder, filled below)."""

from __future__ import annotations

from entraide.site.context import Pages, SiteContext


def pages(ctx: SiteContext) -> Pages:
    return {}
