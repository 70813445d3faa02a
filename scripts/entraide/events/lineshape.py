"""The shape of a piece of a month file, read from its bytes: where its lines are, and whether each holds
exactly one object (what `decoding` asks before trusting msgspec's `decode_lines` with the whole piece)."""

from __future__ import annotations

_BREAK, _CLOSE, _OPEN = b"\n}{"


def one_object_a_line(piece: bytes, objects: int) -> bool:
    """As many line breaks as `objects`, each but the last between a `}` and a `{`: no object spans two lines
    (in an object or a list, a `{` cannot follow a `}`; a string holds no raw line break). Found by numpy:
    two `bytes.count`s, a byte at a time, took ~0.4 µs an event (a tenth of the load), numpy ~0.2 µs."""
    import numpy as np  # imported by the ids' check at the end of the load anyway

    text = np.frombuffer(piece, dtype=np.uint8)
    inner = np.flatnonzero(text == _BREAK)[:-1]  # the piece ends with one; every other one:
    return len(inner) + 1 == objects and bool((text[inner - 1] == _CLOSE).all() and (text[inner + 1] == _OPEN).all())


def lines(piece: bytes) -> list[bytes]:
    """`piece.splitlines()`, found with memchr (splitlines looks at every byte for a `\r` too): without a
    `\r`, the pieces between the `\n`s, the one after the last `\n` dropped when empty."""
    if b"\r" in piece:
        return piece.splitlines()
    found = piece.split(b"\n")
    if not found[-1]:
        found.pop()
    return found
