"""Open Badges the learners can show, checked the way other software would check them.

OB 2.0: every Assertion, BadgeClass and the Issuer of the example, expanded with pyld against the official
v2 context kept in tests/data (no network); the specification's required properties and types; every
hosted id resolving to a file of the built site; a baked image unbaking to its assertion.
OB 3.0: every OpenBadgeCredential verified by an independent implementation in Node (Digital Bazaar's vc,
eddsa-rdfc-2022, Bitstring Status List), and failing once one field is changed or the award revoked.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from openbadges_bakery import unbake
from pyld import jsonld

from entraide.content import loader
from entraide.content.errors import UserError
from entraide.content.i18n import translator
from entraide.site import build, output
from sitekit import REPO

BASE = "https://entraide-web.github.io/communaute/"
OB2 = "https://w3id.org/openbadges/v2"
OBI = "https://w3id.org/openbadges#"
V2_CONTEXT = json.loads((Path(__file__).parent / "data" / "openbadges-v2-context.json").read_text())
VERIFIER = Path(__file__).parent / "node" / "verify-credentials.mjs"

REQUIRED = {
    "Assertion": ("id", "type", "recipient", "badge", "verification", "issuedOn"),
    "BadgeClass": ("id", "type", "name", "description", "image", "criteria", "issuer"),
    "Issuer": ("id", "type", "name", "url", "email"),
}


def throwaway_seed() -> str:
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()).hex()


@pytest.fixture(scope="module")
def signed_site(example_site) -> Path:
    """The example community built with a key made for this test run only (conftest.example_site)."""
    return example_site


def local_file(site: Path, url: str) -> Path:
    """The built file a URL of the site is served from (a folder URL serves its index.html)."""
    assert url.startswith(BASE), url
    path = site / urlsplit(url).path[len(urlsplit(BASE).path) :]
    return path / "index.html" if url.endswith("/") else path


def offline_loader(url: str, options: object = None) -> dict:
    if url != OB2:
        raise AssertionError(f"the check tried to load {url}")
    return {"contextUrl": None, "documentUrl": url, "document": V2_CONTEXT}


def ob2_documents(site: Path) -> list[tuple[str, dict]]:
    root = site / "badges" / "ob"
    files = [
        root / "issuer.json",
        *sorted((root / "classes").glob("*.json")),
        *sorted((root / "assertions").glob("*.json")),
    ]
    return [(str(path.relative_to(site)), json.loads(path.read_text())) for path in files]


def test_every_ob2_document_expands_with_the_official_context_and_has_what_the_spec_requires(signed_site):
    counts = {"Assertion": 0, "BadgeClass": 0, "Issuer": 0}
    for path, document in ob2_documents(signed_site):
        kind = document["type"]
        (expanded,) = jsonld.expand(document, {"documentLoader": offline_loader})
        assert expanded["@type"] == [OBI + kind], path
        assert expanded["@id"] == document["id"]
        missing = [name for name in REQUIRED[kind] if name not in document]
        assert missing == [], f"{path} lacks {missing}"
        assert local_file(signed_site, document["id"]).is_file(), f"{document['id']} is not published"
        counts[kind] += 1
    print(f"OB 2.0 documents checked: {counts}")
    assert counts["Issuer"] == 1 and counts["BadgeClass"] >= 10 and counts["Assertion"] >= 100


def test_every_link_between_ob2_documents_resolves_inside_the_site(signed_site):
    for path, document in ob2_documents(signed_site):
        links = [document.get(name) for name in ("badge", "issuer", "image", "revocationList")]
        links.append(document.get("criteria", {}).get("id"))
        for url in filter(None, links):
            assert local_file(signed_site, url).is_file(), f"{path}: {url} resolves to nothing"
        if document["type"] == "Assertion":
            recipient = document["recipient"]
            assert recipient["type"] == "url" and recipient["hashed"] is True
            assert recipient["identity"].startswith("sha256$") and recipient["salt"]


def test_a_recipient_is_their_github_profile_hashed_with_the_salt(signed_site):
    import hashlib

    community = loader.load_community(REPO)
    logins = [m.login for m in community.public_members().values()]
    for _, document in ob2_documents(signed_site):
        if document["type"] == "Assertion":
            recipient = document["recipient"]
            owners = [
                login
                for login in logins
                if "sha256$" + hashlib.sha256(f"https://github.com/{login}{recipient['salt']}".encode()).hexdigest()
                == recipient["identity"]
            ]
            assert len(owners) == 1


def test_a_baked_image_unbakes_to_its_assertion(signed_site):
    baked = sorted((signed_site / "badges" / "ob" / "baked").glob("*.svg"))
    assert baked
    for image in baked[:20]:
        url = unbake(io.BytesIO(image.read_bytes()))
        assertion = json.loads(local_file(signed_site, url).read_text())
        assert assertion["id"] == url
        assert assertion["image"].endswith(f"baked/{image.name}")
        assert "<title" in image.read_text()  # still the badge's accessible image


def verify(site: Path, files: list[Path]) -> list[dict]:
    node = shutil.which("node")
    assert node, "node is needed: `make node_modules` installs the verifier"
    result = subprocess.run(
        [node, str(VERIFIER), str(site), BASE, *map(str, files)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def credentials(site: Path) -> list[Path]:
    return sorted(p for p in (site / "badges" / "ob3").glob("*.json") if p.name != "status.json")


def test_an_independent_verifier_accepts_every_ob3_credential(signed_site):
    files = credentials(signed_site)
    results = verify(signed_site, files)
    refused = [r for r in results if not r["verified"]]
    print(f"OB 3.0 credentials verified by @digitalbazaar/vc: {len(results) - len(refused)} of {len(results)}")
    assert len(results) == len(files) >= 100
    assert refused == []
    did = json.loads((signed_site / "did.json").read_text())
    assert did["id"] == "did:web:entraide-web.github.io:communaute"


def test_changing_one_field_makes_verification_fail(signed_site, tmp_path):
    original = credentials(signed_site)[0]
    credential = json.loads(original.read_text())
    credential["credentialSubject"]["achievement"]["name"] = "Badge inventé"
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(credential))
    ((result,),) = [verify(signed_site, [forged])]
    assert result["verified"] is False
    print(f"tampered credential: verified={result['verified']} ({result['error'][:80]})")


def test_revoking_the_award_makes_verification_fail(signed_site, tmp_path):
    """The award is revoked as moderation would (the record marked revoked), the site's credentials and
    status list regenerated with the same key; the credential the learner kept no longer verifies."""
    from entraide.site import achievements
    from entraide.site.credentials import ob3

    seed = throwaway_seed()
    ctx = build.context_for(REPO)
    held = achievements.award_records(ctx, badges=achievements.catalogue(ctx.community))
    key = ob3.key_from_seed(seed)
    before = ob3.documents(held, rules=ctx.community.rules, base=BASE, key=key, issued="2026-06-01T00:00:00Z")
    victim = held[0]
    revoked = tuple(r.model_copy(update={"revoked": "spam"}) if r.uid == victim.uid else r for r in held)
    after = ob3.documents(revoked, rules=ctx.community.rules, base=BASE, key=key, issued="2026-06-01T00:00:00Z")
    kept = ob3.credential_path(victim)
    for name, pages in (("before", before), ("after", after)):
        output.write_pages(pages, tmp_path / name)
    (ok,) = verify(tmp_path / "before", [tmp_path / "before" / kept])
    (refused,) = verify(tmp_path / "after", [tmp_path / "before" / kept])
    assert ok["verified"] is True
    assert refused["verified"] is False and "revoked" in refused["error"]
    print(f"revoked credential: verified={refused['verified']} ({refused['error'][:80]})")


def test_without_the_key_the_site_has_open_badges_2_only(tmp_path):
    from entraide.site import achievements

    pages = achievements.pages(build.context_for(REPO))
    assert "did.json" not in pages
    assert not [path for path in pages if path.startswith("badges/ob3/")]
    assert "badges/ob/issuer.json" in pages


@pytest.mark.parametrize("value", ["abc", "zz" * 32, "11" * 31])
def test_a_malformed_key_is_refused_without_showing_it(value):
    with pytest.raises(UserError) as error:
        build.signing_key(value)
    assert value not in str(error.value.problems[0])
    assert "ENTRAIDE_SIGNING_KEY" in str(error.value.problems[0])


def test_a_challenge_badge_taken_back_by_moderation_goes_to_the_revocation_list_and_the_status_list():
    import base64
    import datetime as dt
    import gzip

    from entraide.scoring.model import Award, Ledger, Revocation
    from entraide.site import achievements
    from entraide.site.context import SiteContext
    from sitekit import sample_community

    community = sample_community()
    rules = community.rules.model_copy(update={"site_url": "https://example.org/c/", "contact_email": "c@example.org"})
    community = community.model_copy(update={"rules": rules})
    learner = next(m for m in community.public_members().values() if m.role.value == "learner")
    challenge = next(c for c in community.challenges if c.badge)
    taken = Award(
        member_id=learner.id,
        login=learner.login,
        points=challenge.points,
        reason=f"challenge:{challenge.slug}",
        at=dt.datetime(2026, 3, 10, tzinfo=dt.UTC),
        event_ids=("e1",),
    )
    ledger = Ledger(
        as_of=dt.date(2026, 4, 1),
        awards=(taken,),
        revoked=(Revocation(award=taken, cause="spam", event_ids=("e2",)),),
        standings=(),
        leaderboards=(),
    )
    ctx = SiteContext(
        community=community,
        events=(),
        ledger=ledger,
        as_of=ledger.as_of,
        docs={},
        tr=translator(community.rules.language),
        signing_key=throwaway_seed(),
    )
    pages = achievements.pages(ctx)
    listed = json.loads(pages["badges/ob/revocations.json"])["revokedAssertions"]
    assert len(listed) == 1 and listed[0]["revocationReason"] == "spam"
    path = listed[0]["id"].removeprefix("https://example.org/c/")
    assertion = json.loads(pages[path])
    assert assertion["revoked"] is True and "image" not in assertion
    assert not [p for p in pages if p.startswith("badges/ob/baked/")]  # nothing to download
    (credential_path,) = [p for p in pages if p.startswith("badges/ob3/") and p != "badges/ob3/status.json"]
    index = int(json.loads(pages[credential_path])["credentialStatus"]["statusListIndex"])
    encoded = json.loads(pages["badges/ob3/status.json"])["credentialSubject"]["encodedList"]
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert bits[index // 8] & (0x80 >> (index % 8))
    assert sum(bin(byte).count("1") for byte in bits) == 1


def test_same_inputs_and_key_give_the_same_bytes():
    import dataclasses

    from entraide.site import achievements

    ctx = dataclasses.replace(build.context_for(REPO), signing_key="5a" * 32)
    assert achievements.pages(ctx) == achievements.pages(ctx)


@pytest.mark.parametrize(
    "assertion_id",
    [
        "https://example.org/entraide/badges/ob/assertions/3f2a9c.json",
        'https://example.org/a&b<c>/"quoted"/badges/ob/assertions/3f2a9c.json',  # escaped in the attribute
        "https://example.org/badges/ob/assertions/dé fi.json",  # a last segment the bakery must judge itself
        "urn:uuid:not-a-web-address",  # no verify attribute at all
    ],
)
def test_an_image_baked_from_its_template_is_byte_for_byte_what_the_bakery_writes(assertion_id):
    """Profiles at scale bake each image once and fill in each award (`ob2.baked_fast`): the same bytes as
    `openbadges_bakery` baking it afresh, whatever the assertion holds."""
    from entraide.content.models import Community
    from entraide.site.credentials import ob2
    from entraide.site.credentials.catalogue import catalogue
    from entraide.site.pages.badgeart import svg

    community: Community = loader.load_community(REPO)
    for badge in catalogue(community)[:3]:
        image = svg(badge)
        for narrative in ("Défi « accepté » — “merci” & <bravo>", "plain"):
            document = {"id": assertion_id, "type": "Assertion", "evidence": {"narrative": narrative}}
            assert ob2.baked_fast(image, document) == ob2.baked(image, document)
            assert unbake(io.BytesIO(ob2.baked_fast(image, document))) is not None
        refused = {"id": assertion_id, "evidence": {"narrative": "a ]]> ends the data early"}}
        with pytest.raises(ValueError):  # the bakery refuses it, and so does the template
            ob2.baked_fast(image, refused)
