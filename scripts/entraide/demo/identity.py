"""Old and new event cores give the same bytes: every output of a community, computed twice.

The reference reads the store as validated `Event`s (pydantic, as before the compact core) and hands
scoring and the KPIs the events shuffled, so that they take their general path (sort, deduplicate); the
compact core reads `StoredEvent`s in store order and takes its fast path. The ledger, the KPI report and
every generated page must match byte for byte. Run by the tests on the example community and by
`make bench` on a generated 5,000-member one.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from entraide import scoring
from entraide.events import store
from entraide.kpis import compute_all
from entraide.kpis.public import public_report
from entraide.site import build as site


def outputs(root: Path, *, reference: bool) -> dict[str, str | bytes]:
    """The ledger, the KPI report and every generated page of the community at `root`."""
    history = store.load_validated(root / "data") if reference else store.load(root / "data")
    context = site.context_for(root, history=history)
    given = _shuffled(history) if reference else history
    ledger = scoring.score(context.community, given, as_of=context.as_of)
    report = compute_all(context.community, given, as_of=context.as_of, ledger=ledger)
    kpis = public_report(report).as_json()
    full = json.dumps(report.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
    pages = site.generate(context)
    return {"ledger.json": scoring.ledger_json(ledger), "kpis.json": kpis, "kpis-full.json": full, **pages}


def differences(root: Path) -> list[str]:
    """The outputs that differ between the reference and the compact core (empty: the same bytes)."""
    old, new = outputs(Path(root), reference=True), outputs(Path(root), reference=False)
    return sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))


def _shuffled(history: tuple) -> list:
    events = list(history)
    random.Random(18).shuffle(events)
    return events


def check(root: str) -> None:
    """A `make bench` step: fail, naming the outputs, unless both cores give the same bytes."""
    differing = differences(Path(root))
    if differing:
        raise SystemExit(f"the compact core changed {len(differing)} outputs: {', '.join(differing[:20])}")
