"""Lighthouse (npm, pinned in package-lock.json) on the built example site served on 127.0.0.1 under its GitHub
Pages project path, with Debian's chromium headless, as a phone (Lighthouse's default form factor): the
accessibility score of the home page and of a leaderboard is 100, and every failing audit is named.

Slow (a Chromium per page): deselected from `make test` by the `lighthouse` marker; `make lighthouse` (part of
`make bench`) runs it and prints each page's score.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from sitekit import CHROMIUM, REPO

pytestmark = pytest.mark.lighthouse

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "classements/depuis-le-debut/"]


def lighthouse(url: str, out: Path) -> dict:
    """Lighthouse's JSON report of `url`, accessibility category only, mobile."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--only-categories=accessibility",
        "--form-factor=mobile",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
    ]
    subprocess.run(command, check=True, timeout=300, env={**os.environ, "CHROME_PATH": CHROMIUM})
    return json.loads(out.read_text(encoding="utf-8"))


def failing(report: dict) -> list[str]:
    """The failing audits: id, title and the first offending elements."""
    lines = []
    for name, audit in sorted(report["audits"].items()):
        if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0:
            items = audit.get("details", {}).get("items", [])
            nodes = [item.get("node", {}).get("snippet", "") for item in items][:3]
            lines.append(f"{name}: {audit['title']} {nodes}")
    return lines


@pytest.mark.parametrize("path", PAGES, ids=["home", "leaderboard"])
def test_lighthouse_accessibility_is_100_on_phones(site_url, path, tmp_path):
    report = lighthouse(site_url + path, tmp_path / "report.json")
    score = report["categories"]["accessibility"]["score"]
    print(f"Lighthouse {report['lighthouseVersion']} accessibility (mobile) {site_url + path}: {round(score * 100)}")
    assert failing(report) == []
    assert score == 1
