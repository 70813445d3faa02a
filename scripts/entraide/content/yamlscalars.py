"""What a plain YAML scalar means to the strict reader (`yamlfile`), and which values it refuses.

Plain scalars resolve like the YAML 1.2 core schema; the values that YAML 1.1 readers (PyYAML, many CI
tools) take for something else than text are refused with a hint to quote them. Both of the reader's
paths (`yamlfile`'s strict one, `yamlfast`'s) use these patterns, so that a value has one meaning.
"""

from __future__ import annotations

import re
from typing import Any

from entraide.content.errors import N_

NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
TRUE = re.compile(r"^(?:true|True|TRUE)$")
FALSE = re.compile(r"^(?:false|False|FALSE)$")
INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")

# Plain scalars that YAML 1.1 readers resolve to something else than text (inline flags only, so that
# SPECIAL below can join them).
AMBIGUOUS = (
    (re.compile(r"^(?i:y|n|yes|no|on|off)$"), N_("a boolean")),
    (re.compile(r"^[-+]?0[0-9]+$"), N_("an octal number")),
    (re.compile(r"^[-+]?0[oO][0-7]+$|^[-+]?0[xX][0-9a-fA-F]+$|^[-+]?0[bB][01]+$"), N_("a number")),
    (re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$"), N_("a base-60 number")),
    (re.compile(r"^(?=[^_]*_)[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?$"), N_("a number")),
    (re.compile(r"^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$"), N_("an infinite or not-a-number float")),
)

# Any of the values above, in one match (the same patterns joined: one meaning, fewer calls).
AMBIGUOUS_ANY = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in AMBIGUOUS))

# Every plain scalar that is not simply its own text: any of the patterns above, joined into one, so
# that ordinary text (most values people write) passes with one match instead of up to eleven.
SPECIAL = re.compile("|".join(f"(?:{p.pattern})" for p in (NULL, TRUE, FALSE, INT, FLOAT, *(a for a, _ in AMBIGUOUS))))

# Control characters (but tab and newline) and the bidirectional controls that reorder what is shown
# (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069): refused in every file people write.
HIDDEN_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
HIDDEN = re.compile(f"[{HIDDEN_CHARS}]")


def resolve_plain(value: str) -> Any:
    """YAML 1.2 core schema for plain scalars that are not ambiguous."""
    if NULL.match(value):
        return None
    if TRUE.match(value):
        return True
    if FALSE.match(value):
        return False
    if INT.match(value):
        return int(value)
    if FLOAT.match(value):
        return float(value)
    return value
