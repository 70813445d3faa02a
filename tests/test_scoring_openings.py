"""The topical labels of an opening read once per distinct (form, *labels) (`scoring.openings.topical`) are
the ones the opening's own reading finds (as `threads._opened` first read them, label by label), on random
openings sharing one memory: forms and labels of every JSON type, values equal as keys but not as texts
(1, True, 1.0, "1"), unhashable labels, case variants, repeated sets."""

from __future__ import annotations

import random

import pytest

from entraide.scoring.openings import TOPICAL, topical

VALUES = ("question", "Question", "help", "HELP", "event", "Event", "bug", "", "1", 1, True, 1.0, 0, None, ["help"])


def _plain(form: object, labels: object) -> tuple[str, ...]:
    """The opening's topics as first read: the form then each label, `str(label).casefold()`, the topical ones."""
    topics: dict[str, bool] = {}
    folded = [str(label).casefold() for label in labels or ()]  # type: ignore[attr-defined]
    for label in (form.casefold() if isinstance(form, str) else "", *folded):
        if label in TOPICAL:
            topics[label] = True
    return tuple(topics)


@pytest.mark.parametrize("seed", range(20))
def test_the_remembered_reading_of_an_opening_is_its_own(seed: int) -> None:
    rng = random.Random(seed)
    seen: dict = {}
    pool = [(rng.choice(VALUES), rng.sample(VALUES, rng.randint(0, 3))) for _ in range(30)]
    for _ in range(400):
        form, labels = rng.choice(pool) if rng.random() < 0.7 else (rng.choice(VALUES), rng.sample(VALUES, 2))
        labels = labels if rng.random() < 0.9 else rng.choice((None, (), "help"))
        assert topical(form, labels, seen) == _plain(form, labels)
    assert seen  # the memory was read from, not only written


def test_an_unusual_label_set_is_read_but_not_remembered() -> None:
    seen: dict = {}
    assert topical("help", [["question"], "Event"], seen) == ("help", "event")
    assert seen == {}
