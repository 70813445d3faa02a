"""The risk model, its reasons, the rules used without history, and the top-share metrics."""

from __future__ import annotations

import random

import pytest

from entraide.insight import risk
from entraide.insight.features import Submission, Timeline, cohort_features, features


def _learner(key: str, *, engaged: bool, rng: random.Random) -> Timeline:
    days = range(0, 35, 1 if engaged else 6)
    activity = {d: rng.randint(5, 20) if engaged else rng.randint(0, 2) for d in days}
    subs = (Submission("c1", 8 if engaged else 12, 80 if engaged else 45),) if engaged or rng.random() < 0.5 else ()
    return Timeline(key=key, group="c", activity=activity, deadlines={"c1": 10, "c2": 24}, submissions=subs)


@pytest.fixture(scope="module")
def cohort():
    rng = random.Random(3)
    learners = [_learner(f"l{i}", engaged=i % 3 != 0, rng=rng) for i in range(90)]
    labels = [i % 3 == 0 if rng.random() > 0.1 else i % 3 != 0 for i in range(90)]
    return learners, labels


def test_features_count_missing_late_and_on_time():
    t = Timeline(
        key="a",
        group="g",
        deadlines={"x": 5, "y": 10, "z": 20},
        submissions=(Submission("x", 4, 70), Submission("y", 12, 50), Submission("w", 13)),
    )
    row = features(t, 21)
    assert (row["due"], row["on_time"], row["late"], row["missing"]) == (3, 1, 1, 1)
    assert row["submitted_ahead"] == 1 and row["mean_score"] == 60 and row["last_score"] == 50


def test_activity_trend_and_silence():
    t = Timeline(key="a", group="g", activity={1: 10, 2: 10, 9: 1})
    row = features(t, 15)
    assert row["days_since_last_activity"] == 6
    assert row["activity_trend"] < 0
    assert features(Timeline(key="b", group="g"), 15)["days_since_last_activity"] == 15


def test_cohort_rank_compares_learners_of_the_same_group_only():
    timelines = [
        Timeline(key="a", group="g1", activity={1: 1}),
        Timeline(key="b", group="g1", activity={1: 9}),
        Timeline(key="c", group="g2", activity={1: 1}),
    ]
    ranks = [r["activity_rank_in_cohort"] for r in cohort_features(timelines, 7)]
    assert ranks == [0.0, 1.0, 0.0]


def test_model_ranks_disengaged_learners_first_and_is_calibrated(cohort):
    learners, labels = cohort
    model = risk.train(cohort_features(learners, 35), labels)
    scored = risk.predict(model, cohort_features(learners, 35), [t.key for t in learners])
    metrics = risk.top_share_metrics(labels, [s.probability for s in scored])
    assert metrics["roc_auc"] > 0.8
    mean = sum(s.probability for s in scored) / len(scored)
    assert abs(mean - sum(labels) / len(labels)) < 0.1, "calibrated probabilities match the base rate"


def test_reasons_name_what_raised_the_risk(cohort):
    learners, labels = cohort
    model = risk.train(cohort_features(learners, 35), labels)
    scored = risk.predict(model, cohort_features(learners, 35), [t.key for t in learners])
    riskiest = max(scored, key=lambda s: s.probability)
    assert riskiest.reasons and all(r in risk.ALL_REASONS for r in riskiest.reasons)
    safest = min(scored, key=lambda s: s.probability)
    assert len(safest.reasons) <= len(riskiest.reasons)


def test_rules_without_history_explain_themselves():
    quiet = features(Timeline(key="q", group="g", deadlines={"c1": 5}), 30)
    busy = features(
        Timeline(
            key="b",
            group="g",
            activity=dict.fromkeys(range(30), 5),
            deadlines={"c1": 5},
            submissions=(Submission("c1", 4, 90),),
        ),
        30,
    )
    low, high = risk.rules(busy, "b"), risk.rules(quiet, "q")
    assert high.probability > low.probability and high.method == "rules"
    assert "missed challenge deadlines" in high.reasons and low.reasons[:1] != ("missed challenge deadlines",)


def test_can_train_needs_both_outcomes():
    assert not risk.can_train([True] * 30)
    assert not risk.can_train([True, False] * 5)
    assert risk.can_train([True, False] * 15)


@pytest.mark.parametrize(
    "labels,scores,precision,recall",
    [
        ([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0], [0.9, 0.8] + [0.1] * 18, 0.3333, 0.5),
        ([1, 1, 0, 0, 0, 0, 0, 0, 0, 0], [0.9, 0.8, 0.7] + [0.1] * 7, 1.0, 1.0),
        ([0, 1, 1, 0, 0, 0, 0, 0, 0, 0], [0.9, 0.8, 0.7] + [0.1] * 7, 0.5, 0.5),
    ],
)
def test_top_share_metrics(labels, scores, precision, recall):
    m = risk.top_share_metrics([bool(v) for v in labels], scores)
    assert m["flagged"] == {20: 3, 10: 2}[len(labels)]
    assert (m["precision_at_top"], m["recall_at_top"]) == (precision, recall)
    assert m["base_rate"] == sum(labels) / len(labels)
