"""Threads found by their numbers (kpis/columns.py `Numbers`, `Replies.lists`): the community's own threads
by subject type then number, the other repositories' by key; each opening's replies read by its place among
the openings (the waits), a thread's by `History.replies_of` (the quick answers), against the history's
replies by thread, on random histories in store order, shuffled, and over three repositories."""

from __future__ import annotations

import pytest

from test_kpis_history_columns import _history


@pytest.mark.parametrize("seed", range(10))
def test_each_openings_replies_by_its_place_are_its_threads(seed):
    history = _history(seed)
    lists = history.reply_columns.lists
    assert len(lists) >= len(history.openings)
    for (key, _), found in zip(history.openings.items(), lists, strict=False):
        assert (found or []) == history.replies.get(key, [])


@pytest.mark.parametrize("seed", range(10))
def test_a_threads_replies_and_number_are_found_by_key(seed):
    history = _history(seed)
    numbers = history.reply_columns.numbers
    keys = [*history.openings, *history.replies, ("issue", 10**9), ("org/z#issue", 1), ("pull", -1)]
    for key in keys:
        assert history.replies_of(key) == history.replies.get(key, [])
        number = numbers.get(key)
        assert number == (numbers.keys.index(key) if key in numbers.keys else None)
    assert list(history.openings) == numbers.keys[: len(history.openings)]
    assert len(set(numbers.keys)) == len(numbers.keys) == history.reply_columns.numbered
    if seed >= 6:
        assert any("#" in key[0] for key in numbers.keys)
