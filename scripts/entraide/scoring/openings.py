"""The topical labels an issue is opened with (the form it came from counts as one of its labels).

Read once per distinct (form, *labels) instead of once per opening: at a million events, sixty thousand
issues are opened with a few dozen distinct sets of labels, and reading one (a text made and casefolded
per label, a tuple of them, a test of each) cost more than the lookup of its key.
"""

from __future__ import annotations

from typing import Any

from entraide.events.questions import QUESTION_LABELS

EVENT_LABELS = frozenset({"event"})
TOPICAL = QUESTION_LABELS | EVENT_LABELS
_KEPT = 1 << 12  # distinct sets remembered at most: a community's label sets are few, odd payloads need not be


def topical(form: Any, labels: Any, seen: dict[tuple[Any, ...], tuple[str, ...]]) -> tuple[str, ...]:
    """The topical labels among `form` (when a text) and `labels` (each read as `str(label).casefold()`), each
    once, in that order; remembered in `seen` by (form, *labels). Values equal as keys read the same: only
    texts can be topical, and equal texts casefold alike."""
    try:
        key: tuple[Any, ...] | None = (form, *labels) if labels else (form,)
        found = seen.get(key)  # type: ignore[arg-type]
    except TypeError:  # a label that is no key (a list): read as it comes, not remembered
        key, found = None, None
    if found is None:
        folded = map(str.casefold, map(str, labels or ()))  # `str(label).casefold()` of each, in C
        opening = (form.casefold() if isinstance(form, str) else "", *folded)
        found = tuple(dict.fromkeys(label for label in opening if label in TOPICAL))
        if key is not None and len(seen) < _KEPT:
            seen[key] = found
    return found
