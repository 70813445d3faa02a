"""A piece of a month file decoded whole (`decoding._decoded`, msgspec's `decode_lines` behind a shape
check) gives exactly what decoding it line by line gives, or fails where that fails: on random pieces
of stored lines, spoilt as a hand may (two events on a line, one over two lines, blank lines, other line
ends, keys in another order, spaces, broken JSON)."""

from __future__ import annotations

import random

import msgspec
import pytest

from builders import ev
from entraide.events import decoding
from entraide.events import store as events

ALICE = (101, "alice")


def line_by_line(piece: bytes) -> list[dict[str, object]] | None:
    """The plain reading: each line alone (as `_lines` splits them), None when one is not an event."""
    try:
        return [msgspec.structs.asdict(line) for line in map(decoding._DECODER.decode, decoding._lines(piece))]
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None


def whole(piece: bytes) -> list[dict[str, object]] | None:
    try:
        return [msgspec.structs.asdict(line) for line in decoding._decoded(piece)]
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None


def stored_lines(rng: random.Random, count: int) -> list[bytes]:
    stored = []
    for number in range(count):
        kind = rng.choice(("issue_closed", "issue_comment", "label_added", "pr_head"))
        payload = {"issue_comment": {"comment_id": number, "kudos": []}, "label_added": {"label": "x}\n{y"}}
        at = f"2026-01-{1 + number % 28:02d}T10:00"
        stored.append(ev(kind, at, ALICE, number, **payload.get(kind, {}), id=f"t:{number}"))
    return [f"{events._line(event)}\n".encode() for event in stored]


def spoilt(rng: random.Random, lines: list[bytes]) -> bytes:
    """The lines joined, then at random changed as a hand or another writer may."""
    lines = list(lines)
    for _ in range(rng.choice((0, 0, 1, 2))):
        if not lines:
            break
        where = rng.randrange(len(lines))
        spoil = rng.randrange(9)
        if spoil == 0 and where + 1 < len(lines):  # two events on one line
            lines[where : where + 2] = [lines[where].rstrip(b"\n") + rng.choice((b"", b" ")) + lines[where + 1]]
        elif spoil == 1:  # one event over two lines, at a break JSON allows
            lines[where] = lines[where].replace(b',"', b',\n"', 1)
        elif spoil == 2:
            lines.insert(where, rng.choice((b"\n", b" \n", b"\r\n")))
        elif spoil == 3:
            lines[where] = lines[where].replace(b"\n", rng.choice((b"\r\n", b" \n", b"\t\n")))
        elif spoil == 4:  # keys in another order: no longer as `store.dumps` writes them
            lines[where] = lines[where].replace(b'{"actor_id":101,', b"{", 1).replace(b"}\n", b',"actor_id":101}\n')
        elif spoil == 5:
            lines[where] = lines[where][: rng.randrange(len(lines[where]))] + b"\n"  # cut short
        elif spoil == 6:
            lines[where] = lines[where].replace(b'"kind"', b'"kind":"x","kind"', 1)
        elif spoil == 7:  # a raw line break in a text, between a `}` and a `{`
            lines[where] = lines[where].replace(b"x}\\n{y", b"x}\n{y")
        else:
            lines[where] = lines[where].rstrip(b"\n")  # the piece's last line without its line end
    return b"".join(lines)


@pytest.mark.parametrize("seed", range(400))
def test_a_piece_decoded_whole_is_what_decoding_each_line_gives(seed):
    rng = random.Random(seed)
    piece = spoilt(rng, stored_lines(rng, rng.choice((1, 2, 3, 8, 30))))
    assert whole(piece) == line_by_line(piece)


def test_a_piece_as_written_is_decoded_whole(monkeypatch):
    piece = b"".join(stored_lines(random.Random(1), 30))
    monkeypatch.setattr(decoding, "_lines", lambda piece: pytest.fail("decoded line by line"))
    assert len(decoding._decoded(piece)) == 30


@pytest.mark.parametrize("seed", range(200))
def test_a_file_read_a_piece_at_a_time_decodes_as_its_whole_text(tmp_path, monkeypatch, seed):
    """`decode_file` (the file read in chunks, pieces cut at the last line break of each) against
    `decode_lines` of the file's whole text, with chunks shorter than a line, or a few lines long."""
    rng = random.Random(seed)
    text = spoilt(rng, stored_lines(rng, rng.choice((0, 1, 2, 8, 30))))
    path = tmp_path / "2026-01.jsonl"
    path.write_bytes(text)
    monkeypatch.setattr(decoding, "_PIECE", rng.choice((1, 7, 100, 300, 1 << 16)))
    ids_read, ids_whole = {"t:elsewhere"}, {"t:elsewhere"}
    read = decoding.decode_file(path, decoding.Interner(), ids_read)
    whole_text = (
        decoding.decode_lines(text, decoding.Interner(), ids_whole) if text.endswith(b"\n") or not text else None
    )
    if whole_text is None:
        assert read is None
        return
    assert read is not None and read.ordered is whole_text.ordered and ids_read == ids_whole
    assert [event.to_event() for event in read.events] == [event.to_event() for event in whole_text.events]


@pytest.mark.parametrize(
    "split",
    [
        (b',"kind"', b',\n"kind"'),  # neither `}` before nor `{` after
        (b'"payload":{', b'"payload":\n{'),  # a `{` after, no `}` before
        (b'"payload":{}', b'"payload":{}\n'),  # a `}` before, no `{` after
    ],
)
def test_an_event_over_two_lines_beside_two_on_one_line_is_read_line_by_line(split):
    """As many line breaks as events, yet not one event a line: decoding it whole would accept it."""
    first, second, third = stored_lines(random.Random(2), 3)
    piece = first.replace(*split) + second.rstrip(b"\n") + third
    assert piece.count(b"\n") == 3
    assert whole(piece) == line_by_line(piece) is None
