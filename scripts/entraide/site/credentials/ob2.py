"""Open Badges 2.0, hosted verification: the Issuer profile, one BadgeClass per badge, one Assertion per award,
the revocation list, and baked images (the assertion inside the SVG, `openbadges_bakery`).

Every id is a URL under the site, and the build publishes a file at each one (`ob2files` lists them).
"""

from __future__ import annotations

import io
import json
import re
import warnings
from functools import lru_cache
from typing import Any

from openbadges_bakery import bake, svg_bakery

from entraide.content.i18n import Translator
from entraide.content.models import Rules
from entraide.site import jsontext
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
    return jsontext.dumps(document, indent=2) + "\n"


def baked(image: str, document: dict[str, Any]) -> bytes:
    """The badge's SVG with the assertion baked in (Open Badges Baking Specification, SVG)."""
    out = io.BytesIO()
    with warnings.catch_warnings():  # the bakery calls rfc3986 helpers that warn they are deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        bake(io.BytesIO(image.encode()), json.dumps(document, sort_keys=True), out)
    return out.getvalue()


def baked_fast(image: str, document: dict[str, Any]) -> bytes:
    """`baked`, byte for byte, without parsing and writing the SVG again for each award: the image is baked
    once with a stand-in assertion, and each award's verify address and JSON take the stand-in's places.
    An assertion the bakery would treat otherwise (no http(s) id, or "]]>" in its JSON) goes through it."""
    data = json.dumps(document, sort_keys=True)
    verify = document.get("id")
    done = baked_from(image, verify=verify, data=data) if isinstance(verify, str) else None
    return baked(image, document) if done is None else done


def baked_from(image: str, *, verify: str, data: str) -> bytes | None:
    """`baked_fast` given the assertion's id and its JSON (`json.dumps(document, sort_keys=True)`); None when
    the bakery itself must bake it."""
    template = _template(image)
    if template is None or "]]>" in data or not _is_url(verify):
        return None
    before, between, after = template
    attribute = verify.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;").replace(">", "&gt;")
    return b"".join(
        (before, attribute.encode(errors="xmlcharrefreplace"), between, data.encode(errors="xmlcharrefreplace"), after)
    )


_STAND_IN = "https://entraide.invalid/stand-in-assertion"


@lru_cache(maxsize=64)
def _template(image: str) -> tuple[bytes, bytes, bytes] | None:
    """The image baked with a stand-in, cut around the stand-in's verify value and JSON (None: not found
    once each, so this image is baked by the bakery every time)."""
    stand_in = {"id": _STAND_IN}
    out = baked(image, stand_in)
    verify, data = f' verify="{_STAND_IN}"'.encode(), f"<![CDATA[{json.dumps(stand_in)}]]>".encode()
    if out.count(verify) != 1 or out.count(data) != 1 or out.find(verify) > out.find(data):
        return None
    head, _, rest = out.partition(verify)
    middle, _, tail = rest.partition(data)
    return head + b' verify="', b'"' + middle + b"<![CDATA[", b"]]>" + tail


def _is_url(value: str) -> bool:
    """The bakery's own test of a verify address; an id's last segment of plain characters cannot change
    its answer, so it is asked once per folder."""
    folder, _, name = value.rpartition("/")
    if folder and _PLAIN.fullmatch(name):
        return _folder_is_url(folder)
    return _bakery_is_url(value)


@lru_cache(maxsize=64)
def _folder_is_url(folder: str) -> bool:
    return _bakery_is_url(folder + "/x")


def _bakery_is_url(value: str) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return bool(svg_bakery._is_url(value))


_PLAIN = re.compile(r"[A-Za-z0-9._~-]+")
