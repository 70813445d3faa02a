"""The structs the store is read into take object's `__setattr__` (`compact.plain_stores`), so that the
interpreter specialises the interner's stores to their fields: the events and payloads a load gives have it,
their stores, deletions and unknown names behave as msgspec's own for a struct without GC, a collected struct
is refused, and random stores of every kind still read as the validated events."""

from __future__ import annotations

import random

import msgspec
import pytest

from builders import ev
from entraide.events import decoding
from entraide.events import store as events
from entraide.events.compact import PAYLOAD_STRUCTS, StoredEvent, plain_stores

ACTORS = [(10001, "alice"), (10002, "bob"), (None, None), (10003, "carol")]


def _random_event(rng: random.Random, n: int):
    at = f"2026-0{rng.choice((1, 2))}-{rng.randrange(1, 28):02d}T{rng.randrange(24):02d}:00"
    actor, subject = rng.choice(ACTORS), rng.randrange(1, 40)
    return rng.choice(
        [
            lambda: ev("issue_comment", at, actor, subject, id=f"c:{n}", comment_id=n, kudos=[], reply_to=None),
            lambda: ev("pr_comment", at, actor, subject, id=f"k:{n}", comment_id=n, kudos=["bob"], reply_to=3),
            lambda: ev("pr_head", at, actor, subject, id=f"h:{n}", sha=f"{rng.randrange(4):040x}"),
            lambda: ev("review_submitted", at, actor, subject, id=f"r:{n}", state="approved", commit_id="ab" * 20),
            lambda: ev("pr_opened", at, actor, subject, id=f"p:{n}", sha="cd" * 20, challenge="api-rest", title="T"),
            lambda: ev("issue_opened", at, actor, subject, id=f"i:{n}", labels=["question"], form="besoin"),
            lambda: ev("label_added", at, actor, subject, id=f"l:{n}", label=rng.choice(("question", "bug"))),
            lambda: ev("reaction", at, actor, subject, id=f"x:{n}", content="+1", target="comment", target_id=n),
            lambda: ev("issue_closed", at, actor, subject, id=f"z:{n}"),
            lambda: ev("pr_comment", at, actor, subject, id=f"u:{n}", comment_id=n, label="odd"),  # unusual key
        ]
    )()


@pytest.mark.parametrize("seed", range(20))
def test_random_stores_read_as_validated_into_structs_with_plain_stores(tmp_path, seed):
    rng = random.Random(seed)
    events.append(tmp_path, [_random_event(rng, n) for n in range(rng.randrange(1, 80))])
    loaded = events.load(tmp_path)
    assert [event.to_event() for event in loaded] == list(events.load_validated(tmp_path))
    assert all(type(event).__setattr__ is object.__setattr__ for event in loaded)
    assert all(type(event.payload).__setattr__ is object.__setattr__ for event in loaded)


class _Twin(msgspec.Struct, kw_only=True, gc=False):
    """What msgspec makes of a struct without GC, its own `__setattr__` kept."""

    a: object = None


class _Plain(msgspec.Struct, kw_only=True, gc=False):
    a: object = None


plain_stores(_Plain)


def _behaviour(struct: type) -> list[str]:
    seen = []
    value = struct()
    value.a = [1]
    seen.append(repr(value.a))
    del value.a
    for act in (lambda: value.a, lambda: setattr(value, "b", 1), lambda: delattr(value, "a")):
        try:
            act()
            seen.append("fine")
        except AttributeError as error:
            seen.append(str(error).replace(struct.__name__, "S"))
    return seen


def test_a_struct_with_plain_stores_stores_and_refuses_as_msgspec_does():
    assert _Twin.__setattr__ is not object.__setattr__  # msgspec's own: the comparison means something
    assert _behaviour(_Plain) == _behaviour(_Twin)


def test_the_load_s_structs_and_only_those_without_gc_take_plain_stores():
    for struct in (decoding.Line, *PAYLOAD_STRUCTS):
        assert struct.__setattr__ is object.__setattr__ and struct.__delattr__ is object.__delattr__

    class Collected(StoredEvent, kw_only=True, gc=True):
        pass

    with pytest.raises(TypeError, match="gc=True"):
        plain_stores(Collected)
