"""Every Open Badges 2.0 file of a build (`ob2` writes each kind), the assertions' two texts (the published
JSON and the JSON baked into the image) filled into a template made once per badge.

Every assertion of a badge has the same keys, the same issuer, badge class and addresses; only the award's
id, salt, hashed identity and day change, and those are plain ASCII (hex digits, "sha256$", an ISO date),
which JSON writes as they are. At ten million events a build publishes 800,000 assertions: encoding and
laying out each as a new document was most of the credentials' cost. A badge's template is the document
of its first award with those four values swapped for markers, checked once by filling it back with that
award's values: if the bytes differ (a marker also in the site's address, say), that badge's assertions
are encoded one by one, as before.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from entraide.content.i18n import translator
from entraide.content.models import Rules
from entraide.site.credentials import ob2
from entraide.site.credentials.catalogue import Badge
from entraide.site.credentials.records import Record

_MARKERS = {"uid": "QQUIDQQ", "salt": "QQSALTQQ", "identity": "QQIDENTITYQQ", "day": "QQDAYQQ"}
_SLOT = re.compile("(" + "|".join(_MARKERS.values()) + ")")
_NAMES = {marker: name for name, marker in _MARKERS.items()}
_PLAIN = re.compile(r"[A-Za-z0-9$-]+")  # written by JSON as they are, in any of its modes


class _Template:
    """A text cut at its markers: literal pieces, and the name of the value between each two."""

    def __init__(self, text: str) -> None:
        pieces = _SLOT.split(text)
        self._literals, self._slots = pieces[0::2], [_NAMES[marker] for marker in pieces[1::2]]

    def fill(self, values: dict[str, str]) -> str:
        out = [self._literals[0]]
        for slot, literal in zip(self._slots, self._literals[1:], strict=True):
            out += (values[slot], literal)
        return "".join(out)


class AssertionTexts:
    """`(ob2.dumps(document), json.dumps(document, sort_keys=True))` of each award's assertion document."""

    def __init__(self, base: str) -> None:
        self._base = base
        self._templates: dict[str, tuple[_Template, _Template] | None] = {}

    def of(self, record: Record) -> tuple[str, str]:
        values = _values(record)
        made = None
        if not record.revoked and all(_PLAIN.fullmatch(value) for value in values.values()):
            key = record.badge.key
            if key not in self._templates:
                self._templates[key] = self._made(record, values)
            made = self._templates[key]
        if made is None:
            document = ob2.assertion(record, base=self._base)
            return ob2.dumps(document), json.dumps(document, sort_keys=True)
        published, baked = made
        return published.fill(values), baked.fill(values)

    def _made(self, record: Record, values: dict[str, str]) -> tuple[_Template, _Template] | None:
        """The badge's two templates, from a record not revoked whose values are plain (None: the badge's
        assertions are encoded one by one)."""
        marked = _marked(ob2.assertion(record.model_copy(update={"uid": _MARKERS["uid"]}), base=self._base))
        texts = ob2.dumps(marked), json.dumps(marked, sort_keys=True)
        expected = {"uid": 2, "salt": 1, "identity": 1, "day": 1}  # the id and the image both hold the uid
        if any(text.count(_MARKERS[name]) != n for text in texts for name, n in expected.items()):
            return None
        made = _Template(texts[0]), _Template(texts[1])
        document = ob2.assertion(record, base=self._base)
        if (made[0].fill(values), made[1].fill(values)) != (ob2.dumps(document), json.dumps(document, sort_keys=True)):
            return None
        return made


def _values(record: Record) -> dict[str, str]:
    return {"uid": record.uid, "salt": record.salt, "identity": record.identity_hash, "day": record.issued.isoformat()}


def _marked(document: dict[str, Any]) -> dict[str, Any]:
    """The document with the award's salt, hashed identity and day swapped for markers (its uid already is)."""
    recipient = {**document["recipient"], "salt": _MARKERS["salt"], "identity": _MARKERS["identity"]}
    return {**document, "recipient": recipient, "issuedOn": f"{_MARKERS['day']}T00:00:00Z"}


def documents(
    records: tuple[Record, ...], *, badges: tuple[Badge, ...], rules: Rules, base: str, images: dict[str, str]
) -> dict[str, str | bytes]:
    """Every OB 2.0 file, by path under docs/."""
    return dict(each_document(records, badges=badges, rules=rules, base=base, images=images))


def each_document(
    records: tuple[Record, ...], *, badges: tuple[Badge, ...], rules: Rules, base: str, images: dict[str, str]
) -> Iterator[tuple[str, str | bytes]]:
    """(path under docs/, file) of every OB 2.0 file, one at a time: an assertion and a baked image per award."""
    yield ob2.issuer_path(), ob2.dumps(ob2.issuer(rules, base=base))
    yield ob2.revocations_path(), ob2.dumps(ob2.revocation_list(records, base=base))
    for badge in badges:
        yield ob2.class_path(badge), ob2.dumps(ob2.badge_class(badge, base=base, tr=translator(rules.language)))
    texts = AssertionTexts(base)
    for record in records:
        published, data = texts.of(record)
        yield ob2.assertion_path(record), published
        if not record.revoked:
            image = images[record.badge.key]
            done = ob2.baked_from(image, verify=base + ob2.assertion_path(record), data=data)
            yield ob2.baked_path(record), ob2.baked(image, ob2.assertion(record, base=base)) if done is None else done
