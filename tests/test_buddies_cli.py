"""`entraide buddies`: pairs recorded once in data/buddies.json; a broken file is reported, never overwritten."""

import json
import subprocess
import sys
from pathlib import Path

RULES = """name: Test
tracks:
  - {id: front, name: Front}
  - {id: back, name: Back}
"""


def write_member(root: Path, login: str, n: int, *, role="learner", joined="2026-01-05", track="front"):
    (root / "members" / f"{login}.yml").write_text(
        f'login: {login}\nid: {n}\nname: "{login}"\nrole: {role}\ntrack: {track}\njoined: {joined}\n'
        'languages: ["fr"]\ntimezone: Europe/Paris\n',
        encoding="utf-8",
    )


def community(tmp_path: Path) -> Path:
    (tmp_path / "members").mkdir()
    (tmp_path / "challenges").mkdir()
    (tmp_path / "entraide.yml").write_text(RULES, encoding="utf-8")
    write_member(tmp_path, "mentor-a", 1, role="mentor", joined="2025-01-01")
    write_member(tmp_path, "senior-b", 2, joined="2025-12-01")
    for n, login in enumerate(("new-c", "new-d", "new-e"), start=3):
        write_member(tmp_path, login, n, joined="2026-02-27", track="back" if n == 5 else "front")
    return tmp_path


def entraide(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "entraide", "--root", str(root), "buddies", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_pairs_are_recorded_once(tmp_path):
    root = community(tmp_path)
    first = entraide(root, "--today", "2026-03-02")
    assert first.returncode == 0, first.stderr
    pairs = json.loads((root / "data" / "buddies.json").read_text())["pairs"]
    assert {p["learner"] for p in pairs} >= {"new-c", "new-d", "new-e"}
    assert all(p["buddy"] in {"mentor-a", "senior-b"} for p in pairs if p["learner"].startswith("new-"))
    before = (root / "data" / "buddies.json").read_bytes()
    again = entraide(root, "--today", "2026-03-03")
    assert again.returncode == 0 and "0 new pair(s)" in again.stdout
    assert (root / "data" / "buddies.json").read_bytes() == before


def test_dry_run_records_nothing(tmp_path):
    root = community(tmp_path)
    result = entraide(root, "--today", "2026-03-02", "--dry-run", "--compare")
    assert result.returncode == 0 and "greedy:" in result.stdout
    assert not (root / "data" / "buddies.json").exists()


def test_a_broken_pairs_file_is_reported_and_kept(tmp_path):
    root = community(tmp_path)
    (root / "data").mkdir()
    (root / "data" / "buddies.json").write_text("{not json", encoding="utf-8")
    result = entraide(root, "--today", "2026-03-02")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "data/buddies.json" in result.stderr
    assert (root / "data" / "buddies.json").read_text() == "{not json"
