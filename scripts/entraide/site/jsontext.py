"""Indented JSON for the site's files, fast: the same text as `json.dumps(data, indent=n, sort_keys=True,
ensure_ascii=False)`, which takes Python's pure-Python encoder (an indent turns the C encoder off). Here the
C encoder writes the compact text and msgspec lays it out, copying every token as it is: at ten million
events the open ledger alone is hundreds of megabytes of JSON."""

from __future__ import annotations

import json
from typing import Any

import msgspec


def dumps(data: Any, *, indent: int) -> str:
    """`json.dumps(data, indent=indent, sort_keys=True, ensure_ascii=False)`, byte for byte."""
    compact = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    try:
        return msgspec.json.format(compact, indent=indent)
    except UnicodeEncodeError:  # a lone surrogate (not UTF-8): the standard encoder writes it as it always did
        return json.dumps(data, indent=indent, sort_keys=True, ensure_ascii=False)
