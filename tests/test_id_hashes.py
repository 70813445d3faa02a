"""The store checks the ids of files as written by their hashes (`order.IdHashes`), and again with the
ids themselves when two share a hash: the same history either way, on random stores (shuffled files, ids
twice, ids of another month), with the real hashes, with every hash equal (each load read again) and
with the ids' check made to fail at the end."""

from __future__ import annotations

import random

import pytest

from entraide.events import order
from entraide.events import store as events
from entraide.events.order import IdHashes, StoreOrdered
from test_store_order_proof import plain_in_store_order, write_store


@pytest.mark.parametrize("seed", range(60))
@pytest.mark.parametrize("hashes", ["real", "all equal", "never distinct"])
def test_a_store_loads_the_same_whether_its_ids_hashes_collide_or_not(tmp_path, monkeypatch, seed, hashes):
    write_store(tmp_path / "events", random.Random(seed), months=rng_months(seed))
    if hashes == "all equal":
        monkeypatch.setattr(IdHashes, "update", lambda self, ids: self.hashes.extend(0 for _ in ids))
    elif hashes == "never distinct":
        monkeypatch.setattr(IdHashes, "distinct", lambda self, last=False: False)
    loaded = events.load(tmp_path)
    assert isinstance(loaded, StoreOrdered) and plain_in_store_order(loaded)
    assert [event.to_event() for event in loaded] == list(events.load_validated(tmp_path))


def rng_months(seed: int) -> int:
    return 1 + seed % 6


def test_distinct_hashes_prove_distinct_ids_and_equal_ids_are_found():
    hashes = IdHashes()
    hashes.update(["a", "b"])
    hashes.update([])
    assert hashes.distinct()
    hashes.update(["c", "a"])
    assert not hashes.distinct()
    assert IdHashes().distinct()


def test_the_last_question_lets_the_hashes_go_with_the_same_answer():
    for ids, answer in ((["a", "b"], True), (["a", "b", "a"], False)):
        hashes = IdHashes()
        hashes.update(ids)
        assert hashes.distinct(last=True) is answer
        assert len(hashes.hashes) == 0


def test_an_id_in_two_files_as_written_is_kept_once_read_again_with_the_ids(tmp_path, monkeypatch):
    from builders import ev

    january = ev("issue_closed", "2026-01-02T10:00", (101, "alice"), 1, id="t:twice")
    february = ev("issue_closed", "2026-02-02T10:00", (101, "alice"), 1, id="t:twice")
    (tmp_path / "events").mkdir()
    for month, event in (("2026-01", january), ("2026-02", february)):
        (tmp_path / "events" / f"{month}.jsonl").write_text(f"{events._line(event)}\n")
    reads: list[bool] = []
    real = events._load
    monkeypatch.setattr(
        events, "_load", lambda *args, **options: reads.append(options["hashed"]) or real(*args, **options)
    )
    loaded = events.load(tmp_path)
    assert reads == [True, False] and [event.to_event() for event in loaded] == [january]  # a tie keeps the first
    assert order.in_store_order(loaded)
