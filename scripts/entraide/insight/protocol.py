"""The OULAD evaluation protocol, enforced by the code: choices on earlier presentations, one final test.

The protocol (printed by `entraide risk evaluate` with its figures, see PROTOCOL):

1. Test presentations are those from `test_from` on (default 2014B). Their rows are removed from the
   development data before any feature or model choice is made (`development`); nothing below step 3
   ever sees them.
2. Selection, on development presentations only: every candidate of CANDIDATES (feature set x model) is
   trained on all development presentations but the last and validated on the last (with 2013:
   2013B -> 2013J), at days 14, 35 and 70, with and without clicks. The chosen candidate has the best
   mean precision among the top 15% over those six settings; ties go to the earlier (simpler) one.
   These validation figures are also the ablations.
3. Final model: the chosen candidate and the published baseline, each trained on every development
   presentation (Platt scaling on cross-validated folds of those learners only), evaluated once on the
   test presentations when their files are present.

Labels: Withdrawn or Fail is "at risk". Only learners still registered on the day are scored, with the
facts dated before it (`entraide.insight.oulad.snapshot`). No demographic column is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from entraide.insight import risk
from entraide.insight.features import cohort_features
from entraide.insight.oulad import OuladData, Registration, snapshot

DAYS = (14, 35, 70)
TEST_FROM = "2014B"

BASELINE = ("due", "missing", "late", "on_time", "mean_score", "last_score")
ASSESSMENTS = (
    *BASELINE,
    "missing_share",
    "late_share",
    "submitted_ahead",
    "lowest_score",
    "score_trend",
    "score_rank_in_cohort",
    "on_time_rank_in_cohort",
)
REGULARITY = (
    "activity_last_week",
    "activity_week_before",
    "activity_trend",
    "activity_total",
    "active_days",
    "active_days_last_two_weeks",
    "days_since_last_activity",
    "longest_gap",
    "activity_rank_in_cohort",
    "recent_activity_rank_in_cohort",
)
REGISTRATION = ("days_registered_before_start",)


@dataclass(frozen=True)
class Candidate:
    name: str
    features: tuple[str, ...]
    kind: str  # "logistic" or "boosting"


CANDIDATES = (
    Candidate("baseline: logistic regression on assessments", BASELINE, "logistic"),
    Candidate("assessment timeline", ASSESSMENTS, "logistic"),
    Candidate("assessments + regularity", ASSESSMENTS + REGULARITY, "logistic"),
    Candidate("assessments + regularity + registration", ASSESSMENTS + REGULARITY + REGISTRATION, "logistic"),
    Candidate("same, gradient boosting", ASSESSMENTS + REGULARITY + REGISTRATION, "boosting"),
)
BASELINE_CANDIDATE = CANDIDATES[0]

PROTOCOL = (
    "Protocol (decided before any test figure was seen):",
    "1. test presentations = code_presentation >= {test_from}; their rows are dropped before any choice.",
    "2. selection on development presentations only: train on all but the last ({fit}), validate on the last "
    "({validate}), days 14/35/70, with and without clicks; pick the best mean precision@15% (ties: simpler).",
    "3. final model = the chosen candidate trained on all development presentations ({development}), "
    "Platt-calibrated on cross-validated folds of them; evaluated once on the test presentations.",
    "Label: Withdrawn or Fail. Scored: learners still registered on the day, facts dated before it. No demographics.",
)


def presentation(registration: Registration) -> str:
    return registration.timeline.group.rsplit("-", 1)[-1]


def keep(data: OuladData, presentations: Iterable[str]) -> OuladData:
    wanted = set(presentations)
    return replace(data, registrations=tuple(r for r in data.registrations if presentation(r) in wanted))


def presentations(data: OuladData) -> tuple[str, ...]:
    return tuple(sorted({presentation(r) for r in data.registrations}))


def development(data: OuladData, test_from: str = TEST_FROM) -> OuladData:
    """The data selection may see: every presentation strictly earlier than `test_from`."""
    return keep(data, (p for p in presentations(data) if p < test_from))


def test_part(data: OuladData, test_from: str = TEST_FROM) -> OuladData:
    return keep(data, (p for p in presentations(data) if p >= test_from))


def fit_and_score(train: OuladData, test: OuladData, day: int, candidate: Candidate) -> dict[str, Any]:
    """Train `candidate` on `train` at `day`, score `test`; labels, probabilities and modules of the scored."""
    learn, check = snapshot(train, day), snapshot(test, day)
    labels = [r.at_risk for r in learn]
    if not risk.can_train(labels) or not check:
        return {"labels": [], "scores": [], "modules": [], "trained_on": len(learn)}
    model = risk.train(
        cohort_features([r.timeline for r in learn], day), labels, names=candidate.features, kind=candidate.kind
    )
    scores = risk.probabilities(model, cohort_features([r.timeline for r in check], day))
    return {
        "labels": [r.at_risk for r in check],
        "scores": [round(float(p), 6) for p in scores],
        "modules": [r.timeline.group.rsplit("-", 1)[0] for r in check],
        "trained_on": len(learn),
    }


def figures(scored: dict[str, Any]) -> dict[str, Any]:
    """precision/recall@15%, AUC, Brier over all scored learners and per module, and the reliability table."""
    labels, scores, modules = scored["labels"], scored["scores"], scored["modules"]
    if not labels:
        return {"scored": 0, "trained_on": scored["trained_on"]}
    per_module = {
        m: risk.top_share_metrics(
            [y for y, mm in zip(labels, modules) if mm == m], [p for p, mm in zip(scores, modules) if mm == m]
        )
        for m in sorted(set(modules))
    }
    return {
        **risk.top_share_metrics(labels, scores),
        "trained_on": scored["trained_on"],
        "per_module": per_module,
        "reliability": risk.reliability(labels, scores),
    }


def select(by_clicks: dict[bool, OuladData], *, test_from: str = TEST_FROM) -> dict[str, Any]:
    """Step 2: every candidate validated on the last development presentation; the chosen one.
    `by_clicks` maps with/without clicks to the loaded data; test presentations are dropped here first."""
    dev = {clicks: development(data, test_from) for clicks, data in by_clicks.items()}
    rows = []
    for clicks, data in sorted(dev.items()):
        pres = presentations(data)
        if len(pres) < 2:
            continue
        fit, validate = keep(data, pres[:-1]), keep(data, pres[-1:])
        for candidate in CANDIDATES:
            for day in DAYS:
                found = figures(fit_and_score(fit, validate, day, candidate))
                rows.append({"candidate": candidate.name, "clicks": clicks, "day": day, **found})
    chosen = max(CANDIDATES, key=lambda c: (_mean_precision(rows, c.name), -CANDIDATES.index(c)))
    return {"validation": rows, "chosen": chosen.name}


def final(by_clicks: dict[bool, OuladData], chosen: str, *, test_from: str = TEST_FROM) -> list[dict[str, Any]]:
    """Step 3: chosen candidate and baseline trained on all development presentations, tested once."""
    candidate = next(c for c in CANDIDATES if c.name == chosen)
    out = []
    for clicks, data in sorted(by_clicks.items()):
        dev, test = development(data, test_from), test_part(data, test_from)
        for model in dict.fromkeys((candidate, BASELINE_CANDIDATE)):
            for day in DAYS:
                found = figures(fit_and_score(dev, test, day, model))
                out.append({"candidate": model.name, "clicks": clicks, "day": day, **found})
    return out


def run(by_clicks: dict[bool, OuladData], *, test_from: str = TEST_FROM) -> dict[str, Any]:
    dev = sorted({p for data in by_clicks.values() for p in presentations(development(data, test_from))})
    tested = sorted({p for data in by_clicks.values() for p in presentations(test_part(data, test_from))})
    selection = select(by_clicks, test_from=test_from)
    protocol = [
        line.format(
            test_from=test_from,
            fit=", ".join(dev[:-1]),
            validate=", ".join(dev[-1:]),
            development=", ".join(dev),
        )
        for line in PROTOCOL
    ]
    return {
        "protocol": protocol,
        "development_presentations": dev,
        "test_presentations": tested,
        "selection": selection,
        "test": final(by_clicks, selection["chosen"], test_from=test_from) if tested else [],
    }


def _mean_precision(rows: list[dict[str, Any]], name: str) -> float:
    found = [r["precision_at_top"] for r in rows if r["candidate"] == name and r.get("scored")]
    return round(sum(found) / len(found), 6) if found else -1.0
