"""OULAD folders mapped onto Entraide's shape of history, and the evaluation protocol's snapshot.

Data: the Open University Learning Analytics Dataset. Kuzilek J., Hlosta M., Zdrahal Z. (2017), "Open
University Learning Analytics dataset", Scientific Data 4:170171, doi:10.1038/sdata.2017.171 (CC-BY 4.0).

Mapping: a module-presentation is a cohort; its assessments are challenges whose deadline is the
assessment's `date` (an exam without a date is due on the module's last day); each `studentAssessment`
row is a submission, its score the review; daily clicks are activity. Without clicks, the days a learner
submitted something are their only activity, as for a community whose only trace is pull requests.
Banked results (carried over from an earlier presentation) are dropped: they are not behaviour.

`snapshot(data, day)` is the protocol: only learners still registered on `day` (no unregistration
before it, registered by then), each timeline cut to the facts dated before `day`.
"""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from entraide.content.errors import Problem, UserError
from entraide.insight import risk
from entraide.insight.features import Submission, Timeline, cohort_features, cut

AT_RISK_RESULTS = frozenset({"Withdrawn", "Fail"})
REQUIRED = ("courses", "assessments", "studentInfo", "studentRegistration", "studentAssessment")

Row = dict[str, str]  # one CSV row
Keep = Callable[[Row], bool]
Course = tuple[str, str]  # (code_module, code_presentation)
Learner = tuple[str, str, str]  # (code_module, code_presentation, id_student)


@dataclass(frozen=True, slots=True)
class Registration:
    timeline: Timeline
    registered: int | None
    unregistered: int | None
    result: str

    @property
    def at_risk(self) -> bool:
        return self.result in AT_RISK_RESULTS


@dataclass(frozen=True, slots=True)
class OuladData:
    registrations: tuple[Registration, ...]
    clicks: bool  # whether activity comes from click logs (else from submission days)

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(sorted({r.timeline.group for r in self.registrations}))


def load(
    folder: Path, *, clicks: bool = True, presentation: str | None = None, modules: frozenset[str] | None = None
) -> OuladData:
    """Read an OULAD-layout folder (`.csv` or `.csv.gz` files). With `clicks`, keep only the
    module-presentations that have a click log, so activity means the same thing for every learner."""
    _check_files(folder, clicks=clicks)
    keep = _selector(presentation, modules)
    lengths = {
        (r["code_module"], r["code_presentation"]): int(r["module_presentation_length"])
        for r in _rows(folder, "courses")
        if keep(r)
    }
    deadlines, module_of = _deadlines(folder, lengths, keep)
    submitted = _submissions(folder, module_of)
    activity = _clicks(folder, keep) if clicks else None
    if activity is not None:
        lengths = {k: v for k, v in lengths.items() if k in {key[:2] for key in activity}}
    regs = _registrations(folder, lengths)
    out = []
    for row in _rows(folder, "studentInfo"):
        course = (row["code_module"], row["code_presentation"])
        if course not in lengths:
            continue
        key = (*course, row["id_student"])
        subs = submitted.get(key, ())
        daily = activity.get(key, {}) if activity is not None else _submission_days(subs)
        registered, unregistered = regs.get(key, (None, None))
        timeline = Timeline(
            key="-".join(key),
            group="-".join(course),
            registered=registered or 0,
            activity=daily,
            deadlines=deadlines.get(course, {}),
            submissions=subs,
        )
        out.append(Registration(timeline, registered, unregistered, row["final_result"]))
    out.sort(key=lambda r: r.timeline.key)
    return OuladData(registrations=tuple(out), clicks=clicks)


def merged(first: OuladData, second: OuladData) -> OuladData:
    """Two loads of the same kind (clicks or not); a learner found in both is refused."""
    keys = {r.timeline.key for r in first.registrations} & {r.timeline.key for r in second.registrations}
    if keys:
        raise UserError(Problem(path="oulad", message="a presentation is in both folders: " + min(keys)))
    both = sorted((*first.registrations, *second.registrations), key=lambda r: r.timeline.key)
    return OuladData(registrations=tuple(both), clicks=first.clicks)


def snapshot(data: OuladData, day: int) -> list[Registration]:
    """The learners a mentor could still help on `day`, as known on that day."""
    return [
        Registration(cut(r.timeline, day), r.registered, r.unregistered, r.result)
        for r in data.registrations
        if still_registered(r, day)
    ]


def evaluate(train: OuladData, test: OuladData, day: int) -> dict[str, Any]:
    """Train on every learner of `train` still registered on `day`, score those of `test`, measure."""
    if set(train.groups) & set(test.groups):
        raise UserError(
            Problem(
                path="oulad",
                message="a presentation is in both the train and test data: "
                + ", ".join(sorted(set(train.groups) & set(test.groups))),
            )
        )
    learn, check = snapshot(train, day), snapshot(test, day)
    labels = [r.at_risk for r in learn]
    if not risk.can_train(labels) or not check:
        raise UserError(Problem(path="oulad", message=f"too few learners still registered on day {day}"))
    model = risk.train(cohort_features([r.timeline for r in learn], day), labels)
    scored = risk.predict(
        model, cohort_features([r.timeline for r in check], day), [r.timeline.key for r in check], reasons=0
    )
    metrics = risk.top_share_metrics([r.at_risk for r in check], [s.probability for s in scored])
    return {
        "day": day,
        "clicks": test.clicks,
        "trained_on": len(learn),
        "train_groups": list(train.groups),
        "test_groups": list(test.groups),
        **metrics,
    }


def still_registered(registration: Registration, day: int) -> bool:
    left, joined = registration.unregistered, registration.registered
    return (left is None or left >= day) and (joined is None or joined < day)


def _check_files(folder: Path, *, clicks: bool) -> None:
    if not folder.is_dir():
        raise UserError(Problem(path=str(folder), message="not a folder of OULAD files"))
    names = REQUIRED + (("studentVle",) if clicks else ())
    missing = [n for n in names if _path(folder, n) is None]
    if missing:
        hint = " (or pass --no-clicks)" if "studentVle" in missing else ""
        raise UserError([Problem(path=str(folder / f"{n}.csv"), message=f"missing OULAD file{hint}") for n in missing])


def _selector(presentation: str | None, modules: frozenset[str] | None) -> Keep:
    def keep(row: Row) -> bool:
        return (presentation is None or row["code_presentation"] == presentation) and (
            modules is None or row["code_module"] in modules
        )

    return keep


def _path(folder: Path, name: str) -> Path | None:
    for candidate in (folder / f"{name}.csv", folder / f"{name}.csv.gz"):
        if candidate.is_file():
            return candidate
    return None


def _rows(folder: Path, name: str) -> Iterator[Row]:
    path = _path(folder, name)
    if path is None:
        raise UserError(Problem(path=str(folder / f"{name}.csv"), message="file not found (nor .csv.gz)"))
    opened: IO[str] = (
        gzip.open(path, "rt", encoding="utf-8", newline="")  # noqa: SIM115 - closed by the `with` below
        if path.suffix == ".gz"
        else open(path, encoding="utf-8", newline="")  # noqa: SIM115
    )
    with opened as handle:
        yield from csv.DictReader(handle)


def _day(text: str) -> int | None:
    text = text.strip()
    return int(float(text)) if text and text != "?" else None


def _deadlines(
    folder: Path, lengths: dict[Course, int], keep: Keep
) -> tuple[dict[Course, dict[str, int]], dict[str, Course]]:
    deadlines: dict[Course, dict[str, int]] = defaultdict(dict)
    module_of: dict[str, Course] = {}
    for row in _rows(folder, "assessments"):
        course = (row["code_module"], row["code_presentation"])
        if course in lengths and keep(row):
            due = _day(row["date"])
            deadlines[course][row["id_assessment"]] = lengths[course] if due is None else due
            module_of[row["id_assessment"]] = course
    return deadlines, module_of


def _submissions(folder: Path, module_of: dict[str, Course]) -> dict[Learner, tuple[Submission, ...]]:
    out: dict[Learner, list[Submission]] = defaultdict(list)
    for row in _rows(folder, "studentAssessment"):
        course = module_of.get(row["id_assessment"])
        day = _day(row["date_submitted"])
        if course is None or row["is_banked"].strip() == "1" or day is None:
            continue
        score = row["score"].strip()
        out[(*course, row["id_student"])].append(
            Submission(item=row["id_assessment"], day=day, score=float(score) if score else None)
        )
    return {k: tuple(sorted(v, key=lambda s: (s.day, s.item))) for k, v in out.items()}


def _clicks(folder: Path, keep: Keep) -> dict[Learner, dict[int, int]]:
    out: dict[Learner, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in _rows(folder, "studentVle"):
        if keep(row):
            key = (row["code_module"], row["code_presentation"], row["id_student"])
            out[key][int(row["date"])] += int(row["sum_click"])
    return {k: dict(v) for k, v in out.items()}


def _submission_days(subs: tuple[Submission, ...]) -> dict[int, int]:
    days: dict[int, int] = defaultdict(int)
    for s in subs:
        days[s.day] += 1
    return dict(days)


def _registrations(folder: Path, lengths: dict[Course, int]) -> dict[Learner, tuple[int | None, int | None]]:
    return {
        (r["code_module"], r["code_presentation"], r["id_student"]): (
            _day(r["date_registration"]),
            _day(r["date_unregistration"]),
        )
        for r in _rows(folder, "studentRegistration")
        if (r["code_module"], r["code_presentation"]) in lengths
    }
