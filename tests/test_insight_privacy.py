"""At-risk output stays private: after a site build and every insight command on the example community
with a simulated history, nothing of the mentors' report is found in site/ (pages and search index),
docs/, data/, the commands' output (logs, job summaries) or the bot's suggestion texts."""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from entraide.cli.insight import add_command
from entraide.content.errors import UserError
from entraide.insight import report

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = ("entraide.yml", "members", "challenges", "docs", "hooks", "overrides", "mkdocs.yml", "animation")
# What the private job would have read from the mentors' private repository (issue 16 items 6-7).
NEEDS = [
    {"login": "anna-dupont", "kind": "accessibility", "detail": "Daltonisme : éviter rouge et vert seuls",
     "languages": [], "timezone": None, "stated": "2026-09-08"},
    {"login": "zoe-roux", "kind": "schedule", "detail": "Disponible seulement après 21 h, garde alternée",
     "languages": ["en"], "timezone": "America/Montreal", "stated": "2026-09-09"},
]  # fmt: skip
SMALL_GROUP_WEEK = "2026-W12"  # printemps-2026 has 3 pulse answers that week: never shown


def _run(root: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=root)
    add_command(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    return args.handler(args)


@pytest.fixture(scope="module")
def community(tmp_path_factory) -> Path:
    from entraide.content.loader import load_community
    from entraide.demo.simulation import simulate
    from entraide.events import store as events

    root = tmp_path_factory.mktemp("example")
    for name in EXAMPLE:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    events.append(root / "data", simulate(load_community(root), seed=1))
    (root / "private").mkdir()
    (root / "private" / "needs.json").write_text(json.dumps(NEEDS, ensure_ascii=False), encoding="utf-8")
    shutil.copy(REPO / "tests" / "fixtures" / "care" / "pulse-answers.json", root / "private" / "pulse.json")
    return root


STEPS = (  # the bot's steps that run offline, then the mentors' report, then the bot's suggestion texts
    ["check"],
    ["score"],
    ["kpis"],
    ["feedback", "--dry-run", "--repo", "entraide-web/communaute", "--api-url", "http://127.0.0.1:9"],
    ["risk", "report", "--as-of", "2026-10-12"],
    ["suggest", "Comment rendre un formulaire accessible ?"],
    ["next-steps", "alice-girard"],
    ["buddies", "--dry-run", "--today", "2026-09-10"],  # reads the needs
    ["care", "pulse"],  # writes data/pulse.json from the anonymous answers
    ["digest", "--as-of", "2026-11-02"],
)


@pytest.fixture(scope="module")
def published(community, tmp_path_factory):
    """Run the steps as a workflow would (logs and job summary kept), build the site; return the logs."""
    logs = tmp_path_factory.mktemp("logs")
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(logs / "summary.md")}
    for index, argv in enumerate(STEPS):
        done = subprocess.run(
            [sys.executable, "-m", "entraide", "--root", str(community), *argv],
            cwd=community,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        (logs / f"{index}-{argv[0]}.log").write_text(done.stdout + done.stderr, encoding="utf-8")
        assert done.returncode == 0 or argv[0] == "feedback", done.stderr
    assert (community / report.DEFAULT_PATH).is_file()
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(community / "site")],
        cwd=community,
        capture_output=True,
        text=True,
        timeout=300,
    )
    (logs / "mkdocs.log").write_text(build.stdout + build.stderr, encoding="utf-8")
    assert build.returncode == 0, build.stderr
    return logs


def _secrets(community: Path) -> list[str]:
    """Strings only the report holds: its title, each learner's risk line and the topic trends' rows."""
    text = (community / report.DEFAULT_PATH).read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ") and " % |" in line]
    assert rows, "the report lists the learners of the running cohort"
    secrets = ["risque d'abandon", "Document privé pour les mentors", "Sujets des questions :"]
    secrets += [
        line
        for line in text.splitlines()
        if re.fullmatch(r"\| .+ \| (mot|étiquette) \| \d+ \| \d+ \| [+-]\d+ \|", line)
    ]
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        secrets.append(f"{cells[1]} | {cells[2]}")  # '87 % | reasons...'
        secrets.append(cells[2])
    secrets += [need["detail"] for need in NEEDS] + ["Besoins déclarés", "Bilan du mois"]
    return [s for s in secrets if s and s != "rien de notable"]


def _public_files(community: Path, logs: Path):
    for folder in (community / "site", community / "docs", community / "data", logs):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                yield path


def test_report_is_written_privately_and_not_printed(community, published):
    assert (community / report.DEFAULT_PATH).is_file()
    assert "/private/" in (REPO / ".gitignore").read_text()
    printed = (published / "4-risk.log").read_text(encoding="utf-8")
    assert "risk-report.md" in printed and "%" not in printed  # the path is said, the content is not


def test_nothing_of_the_report_reaches_anything_public(community, published):
    secrets = _secrets(community)
    search_index = community / "site" / "search" / "search_index.json"
    assert search_index.is_file()
    assert _leaks(_public_files(community, published), secrets) == []


def test_needs_reach_the_mentors_report_only(community, published):
    text = (community / report.DEFAULT_PATH).read_text(encoding="utf-8")
    assert all(need["detail"] in text for need in NEEDS)
    assert (community / "private" / "digest-2026-10.md").is_file()


def test_no_pulse_group_under_five_and_no_answer_is_public(community, published):
    aggregates = json.loads((community / "data" / "pulse.json").read_text(encoding="utf-8"))
    assert aggregates and all(group["answers"] >= 5 for group in aggregates)
    assert _leaks(_public_files(community, published), [SMALL_GROUP_WEEK]) == []
    page = (community / "site" / "bien-etre" / "index.html").read_text(encoding="utf-8")
    assert "Automne 2026" in page and "Printemps 2026" not in page.split("Météo des cohortes")[1]


def test_the_leak_detector_finds_a_planted_copy(community, published, tmp_path):
    planted = tmp_path / "search_index.json"
    line = [row for row in (community / report.DEFAULT_PATH).read_text(encoding="utf-8").splitlines() if " % |" in row][
        -1
    ]
    planted.write_text('{"docs": [{"text": "%s"}]}' % line.replace('"', "'"), encoding="utf-8")
    assert _leaks([planted], _secrets(community))


def _leaks(paths, secrets: list[str]) -> list[tuple[str, str]]:
    found = []
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="ignore")
        found += [(str(path), s) for s in secrets if s in text]
    return found


@pytest.mark.parametrize("where", ["docs/suivi.md", "site/suivi.md", "data/risk.md", "members/x.md", "rapport.md"])
def test_report_refuses_public_paths(community, where):
    with pytest.raises(UserError, match="must stay private"):
        report.write(community, out=community / where)


def test_report_accepts_a_path_outside_the_repository(community, tmp_path):
    assert _run(community, "risk", "report", "--out", str(tmp_path / "r.md")) == 0
    assert "risque d'abandon" in (tmp_path / "r.md").read_text(encoding="utf-8")
