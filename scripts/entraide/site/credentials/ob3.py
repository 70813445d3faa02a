"""Open Badges 3.0: each award as an OpenBadgeCredential (W3C Verifiable Credentials 2.0), signed with the
community's Ed25519 key (eddsa-rdfc-2022); the issuer is did:web on the site (did.json published at the site
root) and revocation goes through a Bitstring Status List credential published on the site.

Status list indexes come from each award's uid (hashed into the list, next free slot on a clash), so an
award keeps its index from one build to the next unless two awards ever collide.
"""

from __future__ import annotations

import base64
import gzip
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from entraide.content.i18n import Translator, translator
from entraide.content.models import Rules
from entraide.site import jsontext
from entraide.site.credentials.catalogue import Badge
from entraide.site.credentials.contexts import OB_V3, VC_V2
from entraide.site.credentials.integrity import public_multibase, sign
from entraide.site.credentials.ob2 import class_path
from entraide.site.credentials.records import Record

ROOT = "badges/ob3"
LIST_BITS = 131072  # the minimum list size (16 KB) the Bitstring Status List spec asks for, for privacy


def did_web(base: str) -> str:
    """https://host/path/ -> did:web:host:path (the did.json then lives at https://host/path/did.json)."""
    parts = urlsplit(base)
    path = [p for p in parts.path.split("/") if p]
    return ":".join(["did:web", parts.netloc.replace(":", "%3A"), *path])


def credential_path(record: Record) -> str:
    return f"{ROOT}/{record.uid}.json"


def status_path() -> str:
    return f"{ROOT}/status.json"


def did_document(base: str, key: Ed25519PrivateKey) -> dict[str, Any]:
    did = did_web(base)
    method = {"id": f"{did}#key-1", "type": "Multikey", "controller": did, "publicKeyMultibase": public_multibase(key)}
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [method],
        "assertionMethod": [method["id"]],
        "authentication": [method["id"]],
    }


def indexes(records: tuple[Record, ...]) -> dict[str, int]:
    taken: dict[int, str] = {}
    for record in records:
        slot = int(record.uid, 16) % LIST_BITS
        while slot in taken:
            slot = (slot + 1) % LIST_BITS
        taken[slot] = record.uid
    return {uid: slot for slot, uid in taken.items()}


def achievement(badge: Badge, *, base: str, tr: Translator) -> dict[str, Any]:
    accepted = tr.gettext("Challenge accepted: {description}")
    narrative = accepted.format(description=badge.description) if badge.challenge else badge.description
    return {
        "id": base + class_path(badge),
        "type": ["Achievement"],
        "name": badge.name,
        "description": badge.description,
        "criteria": {"narrative": narrative},
        "image": {"id": base + badge.image, "type": "Image"},
    }


def credential(record: Record, *, rules: Rules, base: str, index: int) -> dict[str, Any]:
    did = did_web(base)
    identity = {
        "type": "IdentityObject",
        "identityType": "url",
        "hashed": True,
        "identityHash": record.identity_hash,
        "salt": record.salt,
    }
    return {
        "@context": [VC_V2, OB_V3],
        "id": base + credential_path(record),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": record.badge.name,
        "issuer": {"id": did, "type": ["Profile"], "name": rules.name, "url": base, "email": rules.contact_email},
        "validFrom": f"{record.issued.isoformat()}T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [identity],
            "achievement": achievement(record.badge, base=base, tr=translator(rules.language)),
        },
        "credentialStatus": {
            "id": f"{base}{status_path()}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(index),
            "statusListCredential": base + status_path(),
        },
    }


def encoded_list(revoked: set[int]) -> str:
    """Multibase base64url (no padding) of the GZIP'd bitstring; bit 0 is the first byte's highest bit."""
    bits = bytearray(LIST_BITS // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def status_list(revoked: set[int], *, base: str, issued: str) -> dict[str, Any]:
    return {
        "@context": [VC_V2],
        "id": base + status_path(),
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": did_web(base),
        "validFrom": issued,
        "credentialSubject": {
            "id": f"{base}{status_path()}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list(revoked),
        },
    }


def documents(
    records: tuple[Record, ...], *, rules: Rules, base: str, key: Ed25519PrivateKey, issued: str
) -> dict[str, str]:
    """did.json, one signed credential per award, and the signed status list."""
    method = f"{did_web(base)}#key-1"
    slots = indexes(records)
    pages = {"did.json": dumps(did_document(base, key))}
    for record in records:
        created = f"{record.issued.isoformat()}T00:00:00Z"
        document = credential(record, rules=rules, base=base, index=slots[record.uid])
        pages[credential_path(record)] = dumps(sign(document, key=key, method=method, created=created))
    revoked = {slots[r.uid] for r in records if r.revoked}
    status = status_list(revoked, base=base, issued=issued)
    pages[status_path()] = dumps(sign(status, key=key, method=method, created=issued))
    return pages


def key_from_seed(seed_hex: str) -> Ed25519PrivateKey:
    """The key from its 32-byte seed, as 64 hex characters (the publish job's secret)."""
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(seed_hex))


def dumps(document: dict[str, Any]) -> str:
    return jsontext.dumps(document, indent=2) + "\n"
