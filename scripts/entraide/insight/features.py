"""Per-learner features at a cutoff day, from one shared shape of history: the `Timeline`.

Both sources of history map onto a `Timeline` (days counted from the cohort's start): the event store of
an Entraide community (`entraide_timelines`) and OULAD's tables (`entraide.insight.oulad`). The features
are then computed the same way for both, so what is measured on OULAD is what runs on the community.

`cut(timeline, day)` keeps only the facts dated before `day`; `features` calls it first, so no fact of
day `day` or later can leak into a prediction made on that day.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from statistics import fmean

FEATURES = (
    "activity_last_week",
    "activity_week_before",
    "activity_trend",
    "activity_total",
    "active_days",
    "active_days_last_two_weeks",
    "days_since_last_activity",
    "longest_gap",
    "days_registered_before_start",
    "due",
    "missing",
    "late",
    "on_time",
    "missing_share",
    "late_share",
    "submitted_ahead",
    "mean_score",
    "lowest_score",
    "last_score",
    "score_trend",
    "changes_requested",
    "questions_asked",
    "answers_given",
    "peers",
    "buddy_contacts",
    "activity_rank_in_cohort",
    "recent_activity_rank_in_cohort",
    "score_rank_in_cohort",
    "on_time_rank_in_cohort",
)
RANKED = (
    ("activity_total", "activity_rank_in_cohort"),
    ("activity_last_week", "recent_activity_rank_in_cohort"),
    ("mean_score", "score_rank_in_cohort"),
    ("on_time", "on_time_rank_in_cohort"),
)


@dataclass(frozen=True, slots=True)
class Submission:
    item: str
    day: int
    score: float | None = None  # 0-100; None while unreviewed
    changes_requested: bool = False


@dataclass(frozen=True, slots=True)
class Social:
    day: int
    kind: str  # "question", "answer", "peer", "buddy"
    other: str = ""


@dataclass(frozen=True, slots=True)
class Timeline:
    """One learner's history on a day axis where day 0 is the start of their cohort."""

    key: str
    group: str  # the cohort (or OULAD module-presentation) peers are compared within
    registered: int = 0
    activity: dict[int, int] = field(default_factory=dict)  # day -> amount of activity
    deadlines: dict[str, int] = field(default_factory=dict)  # item -> due day
    submissions: tuple[Submission, ...] = ()
    social: tuple[Social, ...] = ()


def cut(timeline: Timeline, day: int) -> Timeline:
    """The timeline as it was known on the morning of `day`: facts dated `day` or later are dropped."""
    return replace(
        timeline,
        activity={d: n for d, n in timeline.activity.items() if d < day},
        deadlines={item: due for item, due in timeline.deadlines.items() if due < day},
        submissions=tuple(s for s in timeline.submissions if s.day < day),
        social=tuple(s for s in timeline.social if s.day < day),
    )


def features(timeline: Timeline, day: int) -> dict[str, float]:
    """Features of one learner on `day`, using only facts dated before it (cohort ranks excluded)."""
    known = cut(timeline, day)
    return {**_activity(known, day), **_submissions(known), **_social(known)}


def cohort_features(timelines: list[Timeline], day: int) -> list[dict[str, float]]:
    """Features for many learners, with each learner's activity ranked within their cohort on `day`."""
    rows = [features(t, day) for t in timelines]
    for name, rank in RANKED:
        _rank_within_groups(rows, [t.group for t in timelines], name, rank)
    return rows


def _activity(t: Timeline, day: int) -> dict[str, float]:
    last, before = _window(t.activity, day - 7, day), _window(t.activity, day - 14, day - 7)
    days = sorted(t.activity)
    since = day - days[-1] if days else day - min(t.registered, 0)
    return {
        "activity_last_week": math.log1p(last),
        "activity_week_before": math.log1p(before),
        "activity_trend": math.log1p(last) - math.log1p(before),
        "activity_total": math.log1p(sum(t.activity.values())),
        "active_days": float(len(days)),
        "active_days_last_two_weeks": float(sum(1 for d in days if d >= day - 14)),
        "days_since_last_activity": float(min(since, 120)),
        "longest_gap": float(min(_longest_gap(days, start=min(t.registered, 0), day=day), 120)),
        "days_registered_before_start": float(min(max(-t.registered, 0), 365)),
    }


def _longest_gap(days: list[int], *, start: int, day: int) -> int:
    """Longest run of days without activity between `start` (or the first active day) and `day`."""
    marks = [start, *days, day]
    return max((b - a for a, b in zip(marks, marks[1:])), default=0)


def _window(activity: dict[int, int], start: int, end: int) -> int:
    return sum(n for d, n in activity.items() if start <= d < end)


def _submissions(t: Timeline) -> dict[str, float]:
    first: dict[str, Submission] = {}
    for s in sorted(t.submissions, key=lambda s: s.day):
        first.setdefault(s.item, s)
    due = len(t.deadlines)
    missing = sum(1 for item in t.deadlines if item not in first)
    late = sum(1 for item, when in t.deadlines.items() if item in first and first[item].day > when)
    scores = [s.score for s in sorted(first.values(), key=lambda s: s.day) if s.score is not None]
    return {
        "due": float(due),
        "missing": float(missing),
        "late": float(late),
        "on_time": float(due - missing - late),
        "missing_share": missing / due if due else 0.0,
        "late_share": late / due if due else 0.0,
        "submitted_ahead": float(sum(1 for item in first if item not in t.deadlines)),
        "mean_score": fmean(scores) if scores else math.nan,
        "lowest_score": min(scores) if scores else math.nan,
        "last_score": scores[-1] if scores else math.nan,
        "score_trend": scores[-1] - fmean(scores[:-1]) if len(scores) > 1 else 0.0,
        "changes_requested": float(sum(1 for s in t.submissions if s.changes_requested)),
    }


def _social(t: Timeline) -> dict[str, float]:
    kinds = [s.kind for s in t.social]
    return {
        "questions_asked": float(kinds.count("question")),
        "answers_given": float(kinds.count("answer")),
        "peers": float(len({s.other for s in t.social if s.other})),
        "buddy_contacts": float(kinds.count("buddy")),
    }


def _rank_within_groups(rows: list[dict[str, float]], groups: list[str], name: str, rank: str) -> None:
    """Percentile of `name` among the learners of the same group (ties share their mean rank)."""
    members: dict[str, list[int]] = {}
    for index, group in enumerate(groups):
        members.setdefault(group, []).append(index)
    for indexes in members.values():
        values = sorted(-1.0 if math.isnan(rows[i][name]) else rows[i][name] for i in indexes)
        for i in indexes:
            value = -1.0 if math.isnan(rows[i][name]) else rows[i][name]
            below = _count_below(values, value)
            equal = _count_below(values, value, inclusive=True) - below
            rows[i][rank] = (below + (equal - 1) / 2) / max(len(values) - 1, 1)


def _count_below(values: list[float], value: float, *, inclusive: bool = False) -> int:
    return (bisect_right if inclusive else bisect_left)(values, value)
