"""Data Integrity proofs, cryptosuite eddsa-rdfc-2022 (W3C VC Data Integrity EdDSA Cryptosuites v1.0):
RDFC-1.0 canonical N-Quads (pyld's URDNA2015, the same algorithm) of the proof options and of the document,
SHA-256 of each, an Ed25519 signature over the two hashes, base58btc multibase."""

from __future__ import annotations

import hashlib
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pyld import jsonld

from entraide.site.credentials.contexts import loader

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
ED25519_PUB = b"\xed\x01"  # multicodec prefix of an Ed25519 public key


def base58(data: bytes) -> str:
    number, out = int.from_bytes(data, "big"), ""
    while number:
        number, rest = divmod(number, 58)
        out = ALPHABET[rest] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


def public_multibase(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "z" + base58(ED25519_PUB + raw)


def canonical(document: dict[str, Any]) -> bytes:
    options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader}
    nquads: str = jsonld.normalize(document, options)
    return nquads.encode()


def sign(document: dict[str, Any], *, key: Ed25519PrivateKey, method: str, created: str) -> dict[str, Any]:
    """`document` with a DataIntegrityProof (proofPurpose assertionMethod) added."""
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": created,
        "verificationMethod": method,
        "proofPurpose": "assertionMethod",
    }
    config = {**proof, "@context": document["@context"]}
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    digest = hashlib.sha256(canonical(config)).digest() + hashlib.sha256(canonical(unsigned)).digest()
    return {**unsigned, "proof": {**proof, "proofValue": "z" + base58(key.sign(digest))}}
