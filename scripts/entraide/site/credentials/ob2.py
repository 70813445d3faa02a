"""Open Badges 2.0, hosted verification: the Issuer profile, one BadgeClass per badge, one Assertion per award,
the revocation list, and baked images (the assertion inside the SVG, `openbadges_bakery`).

Every id is a URL under the site, and the build publishes a file at each one.
"""

from __future__ import annotations

import io
import json
import warnings
from typing import Any

from openbadges_bakery import bake

from entraide.content.i18n import Translator, translator
from entraide.content.models import Rules
from entraide.site.credentials.catalogue import Badge
from entraide.site.credentials.records import Record

CONTEXT = "https://w3id.org/openbadges/v2"
ROOT = "badges/ob"


def issuer_path() -> str:
    return f"{ROOT}/issuer.json"


def class_path(badge: Badge) -> str:
    return f"{ROOT}/classes/{badge.key}.json"


def assertion_path(record: Record) -> str:
    return f"{ROOT}/assertions/{record.uid}.json"


def baked_path(record: Record) -> str:
    return f"{ROOT}/baked/{record.uid}.svg"


def revocations_path() -> str:
    return f"{ROOT}/revocations.json"


def issuer(rules: Rules, *, base: str) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "id": base + issuer_path(),
        "type": "Issuer",
        "name": rules.name,
        "url": base,
        "email": rules.contact_email,
        "revocationList": base + revocations_path(),
    }


def badge_class(badge: Badge, *, base: str, tr: Translator) -> dict[str, Any]:
    criteria: dict[str, Any] = {"narrative": badge.description}
    if badge.challenge:
        narrative = tr.gettext("Challenge accepted: {description}").format(description=badge.description)
        criteria = {"id": f"{base}defis/{badge.challenge}/", "narrative": narrative}
    return {
        "@context": CONTEXT,
        "id": base + class_path(badge),
        "type": "BadgeClass",
        "name": badge.name,
        "description": badge.description,
        "image": base + badge.image,
        "criteria": criteria,
        "issuer": base + issuer_path(),
        "tags": [badge.kind],
    }


def assertion(record: Record, *, base: str) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "id": base + assertion_path(record),
        "type": "Assertion",
        "recipient": {"type": "url", "hashed": True, "salt": record.salt, "identity": record.identity_hash},
        "badge": base + class_path(record.badge),
        "verification": {"type": "hosted"},
        "issuedOn": f"{record.issued.isoformat()}T00:00:00Z",
    }
    if record.revoked:
        document |= {"revoked": True, "revocationReason": record.revoked}
    else:
        document["image"] = base + baked_path(record)
    return document


def revocation_list(records: tuple[Record, ...], *, base: str) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "id": base + revocations_path(),
        "type": "RevocationList",
        "issuer": base + issuer_path(),
        "revokedAssertions": [
            {"id": base + assertion_path(r), "revocationReason": r.revoked} for r in records if r.revoked
        ],
    }


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def baked(image: str, document: dict[str, Any]) -> bytes:
    """The badge's SVG with the assertion baked in (Open Badges Baking Specification, SVG)."""
    out = io.BytesIO()
    with warnings.catch_warnings():  # the bakery calls rfc3986 helpers that warn they are deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        bake(io.BytesIO(image.encode()), json.dumps(document, sort_keys=True), out)
    return out.getvalue()


def documents(
    records: tuple[Record, ...], *, badges: tuple[Badge, ...], rules: Rules, base: str, images: dict[str, str]
) -> dict[str, str | bytes]:
    """Every OB 2.0 file, by path under docs/."""
    pages: dict[str, str | bytes] = {
        issuer_path(): dumps(issuer(rules, base=base)),
        revocations_path(): dumps(revocation_list(records, base=base)),
    }
    for badge in badges:
        pages[class_path(badge)] = dumps(badge_class(badge, base=base, tr=translator(rules.language)))
    for record in records:
        document = assertion(record, base=base)
        pages[assertion_path(record)] = dumps(document)
        if not record.revoked:
            pages[baked_path(record)] = baked(images[record.badge.key], document)
    return pages
