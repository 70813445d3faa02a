"""`make bench`, the site generators side by side: Entraide + Zensical against Zensical's own floor, and a
rebuild after one new event (how many generated pages change, and how long writing them takes).

Zensical reads mkdocs.yml but not MkDocs hooks: `entraide pages --zensical` stages the generated pages
beside docs/ and builds them. Its floor is Zensical building the plain pages `render pages to files` wrote
(the MkDocs floor's project, no hook, no macros). Each runs in its own child process, like every stage.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

ZENSICAL = Path(sys.executable).with_name("zensical")


def zensical_stages(root: Path, *, floor: Path) -> list[tuple[str, list[str]]]:
    """(stage, command) of the two Zensical builds; none when Zensical is not installed."""
    if not ZENSICAL.exists():
        return []
    return [
        ("zensical build (staged)", [sys.executable, "-m", "entraide", "--root", str(root), "pages", "--zensical"]),
        ("zensical floor: plain", [str(ZENSICAL), "build", "-f", str(floor / "mkdocs.yml")]),
    ]


def one_new_event(root: Path) -> dict[str, str]:
    """A comment on the last thread of the history, one second after its last event: what a sync brings."""
    month = sorted((root / "data" / "events").glob("*.jsonl"))[-1]
    last = json.loads(month.read_text(encoding="utf-8").splitlines()[-1])
    event = {
        "actor_id": last["actor_id"],
        "actor_login": last["actor_login"],
        "actor_type": "User",
        "at": last["at"],
        "id": "bench:one-new-event",
        "kind": "issue_comment" if last["subject_type"] == "issue" else "pr_comment",
        "payload": {"comment_id": 999_999_999, "kudos": [], "reply_to": None},
        "subject": last["subject"],
        "subject_type": last["subject_type"],
    }
    with month.open("a", encoding="utf-8") as store:
        store.write(json.dumps(event, sort_keys=True, separators=(",", ":")) + "\n")
    return event


def incremental(root: Path) -> tuple[float, int]:
    """One new event, then the pages written again: (seconds, pages whose bytes changed)."""
    one_new_event(root)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "entraide", "--root", str(root), "pages", "--out", "build/zensical/docs"],
        capture_output=True,
        text=True,
        check=True,
    )
    written = re.search(r"(\d+) page\(s\) written", result.stdout)
    return time.perf_counter() - started, int(written.group(1)) if written else -1
