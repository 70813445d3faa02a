"""The OULAD evaluation protocol, on a tiny slice of the real files (tests/fixtures/oulad-slice).

Data: Kuzilek J., Hlosta M., Zdrahal Z. (2017), "Open University Learning Analytics dataset",
Scientific Data 4:170171, doi:10.1038/sdata.2017.171 (CC-BY 4.0).
"""

from __future__ import annotations

import csv
import gzip
import shutil
from pathlib import Path

import pytest

from entraide.content.errors import UserError
from entraide.insight import oulad
from entraide.insight.features import features

SLICE = Path(__file__).parent / "fixtures" / "oulad-slice"


def _raw_rows(name):
    path = SLICE / f"{name}.csv"
    opener = open if path.exists() else gzip.open
    with opener(path if path.exists() else SLICE / f"{name}.csv.gz", "rt", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def data():
    return oulad.load(SLICE, clicks=True)


@pytest.mark.parametrize("day", [14, 35, 70])
def test_snapshot_keeps_only_learners_still_registered(data, day):
    kept = oulad.snapshot(data, day)
    assert kept, "the slice has learners registered on every day evaluated"
    assert all(r.unregistered is None or r.unregistered >= day for r in kept)
    left_before = [r for r in data.registrations if r.unregistered is not None and r.unregistered < day]
    kept_keys = {r.timeline.key for r in kept}
    assert left_before and not kept_keys & {r.timeline.key for r in left_before}


@pytest.mark.parametrize("day", [14, 35, 70])
def test_snapshot_holds_no_fact_dated_on_or_after_the_day(data, day):
    for r in oulad.snapshot(data, day):
        t = r.timeline
        assert all(d < day for d in t.activity)
        assert all(s.day < day for s in t.submissions)
        assert all(due < day for due in t.deadlines.values())


def test_future_facts_do_not_change_todays_features(data):
    full = max(data.registrations, key=lambda r: len(r.timeline.submissions)).timeline
    cut_first = next(r for r in oulad.snapshot(data, 35) if r.timeline.key == full.key).timeline
    assert features(full, 35) == pytest.approx(features(cut_first, 35), nan_ok=True)
    assert any(s.day >= 35 for s in full.submissions), "the learner chosen has later submissions"


def test_unsubmitted_assessment_past_its_deadline_counts_as_missing(data):
    rows = {r.timeline.key: features(r.timeline, 35) for r in oulad.snapshot(data, 35)}
    submitted = {
        (s["id_student"], s["id_assessment"]) for s in _raw_rows("studentAssessment") if int(s["date_submitted"]) < 35
    }  # a submission on day 35 or later is unknown on day 35
    first_tma = next(a for a in _raw_rows("assessments") if a["code_module"] == "AAA" and a["date"] == "19")
    missing_seen = 0
    for key, row in rows.items():
        if key.startswith("AAA-2013J-"):
            student = key.rsplit("-", 1)[1]
            missing_seen += row["missing"] == 1.0
            assert row["missing"] == (0.0 if (student, first_tma["id_assessment"]) in submitted else 1.0)
    assert missing_seen, "the slice has a learner who missed the first assessment"


def test_banked_results_are_not_behaviour(tmp_path):
    folder = tmp_path / "oulad"
    shutil.copytree(SLICE, folder)
    rows = _raw_rows("studentAssessment")
    target = rows[0]
    banked = {**target, "id_assessment": target["id_assessment"], "date_submitted": "1", "is_banked": "1"}
    with (folder / "studentAssessment.csv").open("a", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(target), lineterminator="\n").writerow(banked)
    before = oulad.load(SLICE, clicks=False)
    after = oulad.load(folder, clicks=False)
    assert [r.timeline.submissions for r in before.registrations] == [
        r.timeline.submissions for r in after.registrations
    ]


def test_with_clicks_only_presentations_with_click_logs_are_kept(tmp_path):
    folder = tmp_path / "oulad"
    shutil.copytree(SLICE, folder)
    vle = [r for r in _raw_rows("studentVle") if r["code_module"] == "AAA"]
    (folder / "studentVle.csv.gz").unlink()
    with (folder / "studentVle.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(vle[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(vle)
    assert oulad.load(folder, clicks=True).groups == ("AAA-2013J",)
    assert oulad.load(folder, clicks=False).groups == ("AAA-2013J", "BBB-2013B")


def test_missing_files_are_all_reported(tmp_path):
    (tmp_path / "courses.csv").write_text((SLICE / "courses.csv").read_text())
    with pytest.raises(UserError) as caught:
        oulad.load(tmp_path, clicks=True)
    assert len(caught.value.problems) == 5
    assert "--no-clicks" in str(caught.value)


def test_a_presentation_on_both_sides_is_refused(data):
    with pytest.raises(UserError, match="both the train and test"):
        oulad.evaluate(data, data, 35)


def _split(folder: Path, presentation: str) -> None:
    """Copy the slice's rows of one presentation into `folder` (an OULAD-layout folder of its own)."""
    folder.mkdir()
    assessments = {a["id_assessment"] for a in _raw_rows("assessments") if a["code_presentation"] == presentation}
    for name in ("courses", "assessments", "studentInfo", "studentRegistration", "studentVle", "studentAssessment"):
        rows = [
            r
            for r in _raw_rows(name)
            if r.get("code_presentation", presentation) == presentation
            and r.get("id_assessment", next(iter(assessments))) in assessments
        ]
        with (folder / f"{name}.csv").open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(_raw_rows(name)[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


def test_two_folders_give_the_same_figures_as_one_folder_split_by_presentation(tmp_path):
    _split(tmp_path / "train", "2013B")
    _split(tmp_path / "test", "2013J")
    apart = oulad.evaluate(oulad.load(tmp_path / "train"), oulad.load(tmp_path / "test"), 35)
    together = oulad.evaluate(oulad.load(SLICE, presentation="2013B"), oulad.load(SLICE, presentation="2013J"), 35)
    assert apart == together and apart["scored"] > 0
