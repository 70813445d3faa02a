"""The OULAD protocol of `entraide risk evaluate`: no test-presentation row reaches feature or model
selection, and the command prints the protocol with its figures (on tests/fixtures/oulad-slice).

Data: Kuzilek J., Hlosta M., Zdrahal Z. (2017), "Open University Learning Analytics dataset",
Scientific Data 4:170171, doi:10.1038/sdata.2017.171 (CC-BY 4.0).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import shutil
from pathlib import Path

import pytest

from entraide.cli.insight import add_command
from entraide.insight import oulad, protocol

SLICE = Path(__file__).parent / "fixtures" / "oulad-slice"
CHEAP = (protocol.CANDIDATES[0], protocol.CANDIDATES[2])  # two logistic candidates: fast enough for a test


def _rows(folder: Path, name: str) -> tuple[list[str], list[dict[str, str]]]:
    path = folder / f"{name}.csv"
    opener = open if path.exists() else gzip.open
    with opener(path if path.exists() else folder / f"{name}.csv.gz", "rt", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _with_later_presentation(folder: Path, *, poisoned: bool) -> Path:
    """The slice plus a copy of AAA-2013J as AAA-2014B; `poisoned`: its outcomes flipped, scores inverted,
    submissions and clicks shifted, so any use of it in selection would change the choice or the figures."""
    shutil.copytree(SLICE, folder)
    for name in ("courses", "assessments", "studentInfo", "studentRegistration", "studentAssessment", "studentVle"):
        fields, rows = _rows(SLICE, name)
        ids = {a["id_assessment"] for a in _rows(SLICE, "assessments")[1] if a["code_presentation"] == "2013J"}
        later = [_later(dict(r), name, poisoned) for r in rows if _is_2013j(r, ids)]
        path = folder / f"{name}.csv"
        (folder / f"{name}.csv.gz").unlink(missing_ok=True)
        with path.open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows + later)
    return folder


def _is_2013j(row: dict[str, str], ids: set[str]) -> bool:
    return row.get("code_presentation") == "2013J" or (
        row.get("id_assessment") in ids and "code_presentation" not in row
    )


def _later(row: dict[str, str], name: str, poisoned: bool) -> dict[str, str]:
    if "code_presentation" in row:
        row["code_presentation"] = "2014B"
    if "id_assessment" in row:
        row["id_assessment"] = "9" + row["id_assessment"]
    if poisoned and name == "studentInfo":
        row["final_result"] = "Pass" if row["final_result"] in ("Withdrawn", "Fail") else "Withdrawn"
    if poisoned and name == "studentAssessment" and row["score"]:
        row["score"] = str(100 - float(row["score"]))
        row["date_submitted"] = str(int(row["date_submitted"]) + 30)
    if poisoned and name == "studentVle":
        row["sum_click"] = str(int(row["sum_click"]) * 50)
    return row


def _load(folder: Path) -> dict[bool, oulad.OuladData]:
    return {clicks: oulad.load(folder, clicks=clicks) for clicks in (False, True)}


@pytest.fixture
def cheap(monkeypatch):
    monkeypatch.setattr(protocol, "CANDIDATES", CHEAP)
    monkeypatch.setattr(protocol, "DAYS", (35,))


def test_no_test_presentation_row_reaches_selection(tmp_path, cheap, monkeypatch):
    clean = _load(_with_later_presentation(tmp_path / "clean", poisoned=False))
    poisoned = _load(_with_later_presentation(tmp_path / "poisoned", poisoned=True))
    assert any(protocol.presentations(d) == ("2013B", "2013J", "2014B") for d in poisoned.values())
    seen: set[str] = set()
    fit = protocol.fit_and_score

    def spy(train, test, day, candidate):
        seen.update(protocol.presentations(train) + protocol.presentations(test))
        return fit(train, test, day, candidate)

    monkeypatch.setattr(protocol, "fit_and_score", spy)
    chosen_clean = protocol.select(clean)
    chosen_poisoned = protocol.select(poisoned)
    assert seen == {"2013B", "2013J"}  # selection trained on 2013B and validated on 2013J only
    assert chosen_poisoned == chosen_clean  # same choice, same validation figures, to the digit
    assert chosen_clean["validation"] and all(r["scored"] for r in chosen_clean["validation"])


def test_the_test_presentation_is_scored_once_by_the_final_model(tmp_path, cheap):
    result = protocol.run(_load(_with_later_presentation(tmp_path / "data", poisoned=False)))
    assert result["development_presentations"] == ["2013B", "2013J"]
    assert result["test_presentations"] == ["2014B"]
    tested = {(r["candidate"], r["clicks"]) for r in result["test"]}
    assert tested == {(result["selection"]["chosen"], c) for c in (False, True)} | {
        (protocol.BASELINE_CANDIDATE.name, c) for c in (False, True)
    }
    assert all(r["trained_on"] > 0 and r["scored"] > 0 for r in result["test"])


def test_evaluate_command_prints_the_protocol_and_every_figure(capsys, cheap):
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=Path("."))
    add_command(parser.add_subparsers())
    args = parser.parse_args(["risk", "evaluate", "--oulad", str(SLICE)])
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    assert "Protocol (decided before any test figure was seen)" in out
    assert "validate on the last (2013J)" in out and "Chosen: " in out
    for column in ("prec@15%", "rec@15%", "AUC", "Brier"):
        assert column in out
    assert "Reliability of the chosen candidate at day 35" in out and "per module" in out
    assert "No test figure is reported" in out and "doi:10.1038/sdata.2017.171" in out
    args = parser.parse_args(["risk", "evaluate", "--oulad", str(SLICE), "--json"])
    args.handler(args)
    result = json.loads(capsys.readouterr().out)
    assert result["test"] == [] and result["development_presentations"] == ["2013B", "2013J"]
    rows = result["selection"]["validation"]
    assert {r["candidate"] for r in rows} == {c.name for c in CHEAP}
    assert all({"brier", "roc_auc", "reliability", "per_module"} <= set(r) for r in rows)
