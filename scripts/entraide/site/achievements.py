"""The achievements page source: one SVG image per badge, and, when the site has an address and a contact,
the Open Badges 2.0 files (issuer, badge classes, assertions, revocation list, baked images); with the
publish job's signing key, the Open Badges 3.0 credentials too (did.json, signed credentials, status list).

Only public members' awards become credentials (`records`), so a member who did not consent, or whom
moderators hid, has no assertion, no credential and no baked image anywhere on the site.
"""

from __future__ import annotations

from collections.abc import Iterator

from entraide.site.context import Rendered, SiteContext
from entraide.site.credentials import ob2files, ob3
from entraide.site.credentials.catalogue import Badge, catalogue
from entraide.site.credentials.records import Record, records, site_base
from entraide.site.pages.badgeart import svg
from entraide.site.pages.common import public_members


def pages(ctx: SiteContext) -> Rendered:
    """Every file, rendered one at a time as they are read (an assertion and a baked image per award: at ten
    million events, over a million files)."""
    return Rendered(lambda: _each(ctx))


def _each(ctx: SiteContext) -> Iterator[tuple[str, str | bytes]]:
    badges = catalogue(ctx.community)
    images = {badge.key: svg(badge) for badge in badges}
    yield from ((badge.image, images[badge.key]) for badge in badges)
    base = site_base(ctx.community.rules)
    if base is None:
        return
    held = award_records(ctx, badges=badges)
    yield from ob2files.each_document(held, badges=badges, rules=ctx.community.rules, base=base, images=images)
    if ctx.signing_key:
        key = ob3.key_from_seed(ctx.signing_key)
        issued = f"{ctx.as_of.isoformat()}T00:00:00Z"
        yield from ob3.documents(held, rules=ctx.community.rules, base=base, key=key, issued=issued).items()


def award_records(ctx: SiteContext, *, badges: tuple[Badge, ...]) -> tuple[Record, ...]:
    return records(ctx.ledger, public=public_members(ctx.community), badges=badges)
