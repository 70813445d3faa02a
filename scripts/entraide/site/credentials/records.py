"""Who holds which badge, as credentials see it: one record per badge earned by a public member, plus one
per challenge badge taken back by moderation (so verifiers learn it was revoked). Nobody else, ever."""

from __future__ import annotations

import datetime as dt
import hashlib

from entraide.content.models import Frozen, Member, Rules
from entraide.scoring.model import Ledger
from entraide.site.credentials.catalogue import Badge, key_of


class Record(Frozen):
    uid: str  # stable: derived from the member's GitHub id and the badge key, never from a login
    member: Member
    badge: Badge
    issued: dt.date
    revoked: str | None = None  # the moderation cause, when taken back

    @property
    def profile_url(self) -> str:
        """The recipient's identity: the GitHub profile URL (it is hashed, salted, in every credential)."""
        return f"https://github.com/{self.member.login}"

    @property
    def salt(self) -> str:
        """A per-award salt; deterministic so that the same inputs give the same bytes."""
        return hashlib.sha256(f"salt:{self.uid}".encode()).hexdigest()[:16]

    @property
    def identity_hash(self) -> str:
        return "sha256$" + hashlib.sha256((self.profile_url + self.salt).encode()).hexdigest()


def uid(member_id: int, key: str) -> str:
    return hashlib.sha256(f"{member_id}:{key}".encode()).hexdigest()[:20]


def records(ledger: Ledger, *, public: dict[int, Member], badges: tuple[Badge, ...]) -> tuple[Record, ...]:
    """Every public member's badges, and the revoked challenge badges they no longer hold; sorted by uid."""
    by_key = {badge.key: badge for badge in badges}
    found: dict[str, Record] = {}
    for standing in ledger.standings:
        member = public.get(standing.member_id)
        for earned in standing.badges if member else ():
            badge = by_key.get(key_of(earned))
            if member and badge:
                # built from validated models (the ledger, the members, the catalogue): not validated again
                key = uid(member.id, badge.key)
                found[key] = Record.trusted(uid=key, member=member, badge=badge, issued=earned.at, revoked=None)
    for revocation in ledger.revoked:
        member, slug = public.get(revocation.award.member_id), revocation.award.challenge
        badge = by_key.get(f"defi-{slug}") if slug else None
        if member and badge and uid(member.id, badge.key) not in found:
            key = uid(member.id, badge.key)
            found[key] = Record(
                uid=key, member=member, badge=badge, issued=revocation.award.at.date(), revoked=revocation.cause
            )
    return tuple(found[key] for key in sorted(found))


def site_base(rules: Rules) -> str | None:
    """The site's address ending in '/', when credentials can be issued (site_url and contact_email set)."""
    if not rules.site_url or not rules.contact_email:
        return None
    return rules.site_url.rstrip("/") + "/"
