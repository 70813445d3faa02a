"""`make bench`, the site generators side by side: Entraide + Zensical against Zensical's own floor, and a
rebuild after one new event (how many generated pages change, and how long the whole rebuild takes).

Zensical reads mkdocs.yml but not MkDocs hooks: `entraide pages --zensical` stages the generated pages
beside docs/ and builds them. Its floor is Zensical building the plain pages `render pages to files` wrote
(the MkDocs floor's project, no hook, no macros). Each runs in its own child process, like every stage.
Zensical keeps a cache beside its config: every full build starts without it (MkDocs has none), and only
the rebuild after one new event uses the cache the build before it left.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ZENSICAL = Path(sys.executable).with_name("zensical")
STAGED = Path("build") / "zensical"  # where `entraide pages --zensical` stages the site (cli/pages.py)
STAGED_BUILD = "zensical build (staged)"


def zensical_stages(root: Path, *, floor: Path) -> list[tuple[str, list[str], Path]]:
    """(stage, command, project folder) of the two Zensical builds; none when Zensical is not installed."""
    if not ZENSICAL.exists():
        return []
    return [
        (STAGED_BUILD, rebuild_argv(root), root / STAGED),
        ("zensical floor: plain", [str(ZENSICAL), "build", "-f", str(floor / "mkdocs.yml")], floor),
    ]


def rebuild_argv(root: Path) -> list[str]:
    """The generated pages written where they changed, then Zensical's build of the staged site."""
    return [sys.executable, "-m", "entraide", "--root", str(root), "pages", "--zensical"]


def fresh(project: Path) -> None:
    """Zensical's cache and output removed: the next build is a full one."""
    for folder in (".cache", "site"):
        shutil.rmtree(project / folder, ignore_errors=True)


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


def rewritten(said: str) -> str:
    """What `entraide pages` reported: pages whose bytes changed, pages left alone, and its own seconds."""
    found = re.search(r"(\d+) page\(s\) written, (\d+) unchanged.*\(([0-9.]+) s\)", said)
    if not found:
        return "pages written: not reported"
    written, unchanged, seconds = found.groups()
    return f"{written} page(s) rewritten, {unchanged} unchanged, written in {seconds} s"
