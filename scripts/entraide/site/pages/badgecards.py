"""A profile's badge cards: the badges earned, in colour, with their download and share links, then the next
ones, greyed, with what is missing (`site.pages.showcase` draws the pieces).

Every profile shows cards of the same few dozen badges: `BadgeCards` writes each badge's image, name and
series once per build (one object for every profile) instead of once per card, and keeps the challenge
badges of each track in catalogue order, so that a profile only picks the ones its member lacks.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator

from entraide.content.models import Member
from entraide.scoring.model import Standing
from entraide.site.context import SiteContext
from entraide.site.credentials.catalogue import Badge, catalogue, key_of
from entraide.site.credentials.records import Record, site_base
from entraide.site.pages.escape import text
from entraide.site.pages.showcase import NEXT_CHALLENGE_BADGES, ShareLinks, card, gallery, image

_AT_AND_BADGE = operator.attrgetter("at", "badge")  # (b.at, b.badge), read in C


class BadgeCards:
    """The badge cards of every profile of one build (`ctx`)."""

    def __init__(self, ctx: SiteContext) -> None:
        self._ctx, self._tr = ctx, ctx.tr
        badges = catalogue(ctx.community)
        self._badges = {badge.key: badge for badge in badges}
        self._base = site_base(ctx.community.rules)
        self._signed = ctx.signing_key is not None
        self._share = ShareLinks(community=ctx.community, tr=ctx.tr, base=self._base or "", signed=self._signed)
        # earned: image and bold name; to come: the greyed image and name, before what is missing
        self._earned = {b.key: f"{image(b, up='../')}<br>\n**{text(b.name)}**" for b in badges}
        self._locked = {b.key: f"{image(b, up='../', locked=True)}<br>\n**{text(b.name)}**<br>\n" for b in badges}
        self._milestones = [b for b in badges if b.kind != "challenge"]
        self._by_track: dict[str | None, list[Badge]] = {}
        for badge in badges:
            if badge.kind == "challenge":
                self._by_track.setdefault(badge.track, []).append(badge)
        self._titles = {c.slug: c.title for c in ctx.community.challenges}
        self._days: dict[dt.date, str] = {}

    def earned(self, standing: Standing | None, *, held: dict[str, Record]) -> str:
        """Earned badges, in colour, each with its download and share links when credentials are published."""
        cards = []
        for got in sorted(standing.badges if standing else (), key=_AT_AND_BADGE):
            badge = self._badges.get(key_of(got))
            if badge is None:
                continue
            lines = [self._earned[badge.key], self._earned_on(got.at)]
            record = held.get(badge.key)
            if record and self._base:
                lines.append(self._share(record))
            cards.append(card("<br>\n".join(lines)))
        return gallery(cards) if cards else ""

    def coming(self, member: Member, standing: Standing | None) -> str:
        """The next badge of each milestone series, and a few challenge badges of the member's track, greyed."""
        tr = self._tr
        have = {key_of(b) for b in standing.badges} if standing else set()
        metrics = standing.metrics if standing else {}
        cards, seen_series = [], set()
        for badge in self._milestones:  # the catalogue's order: a series' first badge not held is its next
            if badge.key in have or badge.kind in seen_series:
                continue
            seen_series.add(badge.kind)
            missing = tr.gettext("{n} to go").format(n=max(1, badge.threshold - metrics.get(badge.kind, 0)))
            cards.append(card(self._locked[badge.key] + missing, locked=True))
        pending = (badge for badge in self._by_track.get(member.track, ()) if badge.key not in have)
        for badge in itertools.islice(pending, NEXT_CHALLENGE_BADGES):
            todo = tr.gettext("complete “{title}”").format(title=text(self._titles.get(badge.challenge or "", "")))
            cards.append(card(self._locked[badge.key] + todo, locked=True))
        return f"### {tr.gettext('Next badges')}\n\n" + gallery(cards) if cards else ""

    def _earned_on(self, day: dt.date) -> str:
        said = self._days.get(day)
        if said is None:
            said = self._days[day] = self._tr.gettext("earned on {day}").format(day=self._tr.long_date(day))
        return said
