"""The community and its events read side by side: the same values as read in turn, the same error first."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from entraide.content.errors import UserError
from entraide.content.loader import load_community
from entraide.events import sidebyside, store

EXAMPLE = Path(__file__).resolve().parent.parent


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "community"
    root.mkdir()
    for name in ("members", "challenges"):
        shutil.copytree(EXAMPLE / name, root / name)
    shutil.copy(EXAMPLE / "entraide.yml", root / "entraide.yml")
    shutil.copytree(EXAMPLE / "data" / "events", root / "data" / "events")
    return root


def in_turn(root: Path) -> tuple[object, object]:
    return load_community(root), store.load(root / "data")


def test_side_by_side_reads_what_reading_in_turn_reads():
    community, history = sidebyside.load_with_community(EXAMPLE)
    assert (community, history) == in_turn(EXAMPLE)
    assert len(community.members) > 10 and len(history) > 100


def test_one_core_reads_in_turn_the_same(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    forked = []
    monkeypatch.setattr(sidebyside, "_read_into", lambda *args: forked.append(args))
    assert sidebyside.load_with_community(EXAMPLE) == in_turn(EXAMPLE)
    assert forked == []  # nothing was forked


def test_a_reader_that_dies_without_a_word_leaves_the_community_read_here(monkeypatch):
    monkeypatch.setattr(sidebyside, "_read_into", lambda root, send: os._exit(9))  # runs in the forked child
    assert sidebyside.load_with_community(EXAMPLE) == in_turn(EXAMPLE)


def break_member(root: Path) -> None:
    member = sorted((root / "members").glob("*.yml"))[0]
    member.write_text(member.read_text(encoding="utf-8").replace("role:", "role: [", 1), encoding="utf-8")


def break_events(root: Path) -> None:
    month = sorted((root / "data" / "events").glob("*.jsonl"))[0]
    month.write_text(month.read_text(encoding="utf-8") + '{"kind": "nothing"}\n', encoding="utf-8")


def problems_of(call) -> str:
    with pytest.raises(UserError) as raised:
        call()
    return str(raised.value)


@pytest.mark.parametrize("broken", [(break_member,), (break_events,), (break_member, break_events)])
def test_a_mistake_is_reported_as_reading_in_turn_reports_it(example, broken):
    for breaking in broken:
        breaking(example)
    expected = problems_of(lambda: in_turn(example))
    assert problems_of(lambda: sidebyside.load_with_community(example)) == expected
    assert ("members/" in expected) == (break_member in broken)  # the files people edit come first
