"""Text that could show something other than it says: control characters and bidirectional overrides.

Refused where people write files (`entraide check` names the file, line and field), and dropped on the way
into SVG, where XML 1.0 refuses them and a browser would show no chart at all.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from entraide.site.charts import Series, bar_chart, network
from entraide.site.charts.network import Node

FIXTURES = Path(__file__).parent / "fixtures"


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "entraide", "--root", str(root), "check"],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("written", "character", "name"),
    [
        ("\u202e", "\u202e", "RIGHT-TO-LEFT OVERRIDE"),
        ("\u2066", "\u2066", "LEFT-TO-RIGHT ISOLATE"),
        ("\\x07", "\x07", "control"),  # a YAML escape: the raw character is refused by YAML itself
    ],
)
def test_a_member_file_with_a_hidden_character_is_refused_at_its_line(tmp_path, written, character, name):
    root = tmp_path / "community"
    shutil.copytree(FIXTURES / "minimal", root)
    profile = root / "members" / "leo-learner.yml"
    text = profile.read_text(encoding="utf-8").replace("name: Léo Learner", f'name: "Léo {written}Learner"')
    profile.write_text(text, encoding="utf-8")
    result = check(root)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    code = f"U+{ord(character):04X}"
    expected = f"members/leo-learner.yml, ligne 3, champ « name » : le caractère {code} ({name}) n'est pas accepté"
    assert expected in result.stderr  # the community is French


def test_the_unchanged_fixture_passes(tmp_path):
    assert check(FIXTURES / "minimal").returncode == 0


def test_charts_stay_well_formed_xml_whatever_the_names():
    hostile = "Zoé\x07\u202e <script>&"
    svgs = [
        network(title=hostile, desc=hostile, nodes=[Node(1, hostile, "a"), Node(2, "Bob", "a")], edges=[(0, 1, 2)]),
        bar_chart(title="t", desc="d", x_label=hostile, y_label="y", labels=[hostile], series=[Series(hostile, [1.0])]),
    ]
    for svg in svgs:
        root = ET.fromstring(svg)  # raises on a character XML refuses
        shown = "".join(root.itertext())
        assert "Zoé <script>&" in shown and "\x07" not in shown and "\u202e" not in shown
