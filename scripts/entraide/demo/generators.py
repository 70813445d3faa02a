"""`make bench`, the site generators side by side: Entraide + Zensical against Zensical's own floor, and a
rebuild after one new event (how many generated pages change, and how long the whole rebuild takes).

Zensical reads mkdocs.yml but not MkDocs hooks: `entraide pages --zensical` stages the generated pages
beside docs/ and builds them. Its floor is Zensical building the plain pages `render pages to files` wrote
(the MkDocs floor's project, no hook, no macros). Each runs in its own child process, like every stage.
Zensical keeps a cache beside its config: every full build starts without it (MkDocs has none), and only
the rebuild after one new event uses the cache the build before it left.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from entraide.events import store
from entraide.events.model import Event, EventKind

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


def one_new_event(root: Path) -> Event:
    """What a sync brings that moves points: a mentor who may accept the challenge approves the head commit of
    the learner's challenge PR opened last and not yet approved, at the time of the history's last event (the
    day the pages are computed for stays the same). Stored through the store, as a sync stores it."""
    from entraide.content.loader import load_community
    from entraide.content.models import Role
    from entraide.scoring.acceptance import reviewers

    community = load_community(root)
    history = store.load(root / "data")
    learners = {m.login for m in community.members if m.role is Role.learner}
    tracks = {track.id: track for track in community.rules.tracks}
    challenges = {c.slug: c for c in community.challenges}
    for pull in reversed(_open_submissions(history)):
        challenge = challenges.get(pull["challenge"])
        if pull["author"] in learners and challenge is not None:
            who = reviewers(challenge, community.members, tracks)
            if who:
                break
    else:
        raise ValueError("no open challenge PR that a mentor could approve")
    mentor = next(m for m in community.members if m.login == who[0])
    event = Event(
        id="bench:one-new-approval",
        kind=EventKind.review_submitted,
        at=history[-1].at,
        actor_id=mentor.id,
        actor_login=mentor.login,
        subject=pull["number"],
        subject_type="pull",
        payload={"commit_id": pull["head"], "state": "approved"},
    )
    store.append(root / "data", [event])
    return event


def _open_submissions(history: tuple[Event, ...]) -> list[dict]:
    """Challenge PRs still open whose head no one approved, in the order they were opened."""
    pulls: dict[int, dict] = {}
    for event in (e for e in history if e.subject_type == "pull" and e.repo is None):
        pull = pulls.get(event.subject)
        if event.kind is EventKind.pr_opened and event.payload.get("challenge"):
            pulls[event.subject] = {
                "number": event.subject,
                "challenge": event.payload["challenge"],
                "author": event.actor_login,
                "head": event.sha,
                "approved": False,
            }
        elif pull is None:
            continue
        elif event.kind is EventKind.pr_head:
            pull |= {"head": event.sha, "approved": False}
        elif event.kind is EventKind.review_submitted and event.state == "approved":
            pull["approved"] = pull["approved"] or event.commit_id == pull["head"]
        elif event.kind in (EventKind.pr_merged, EventKind.pr_closed):
            del pulls[event.subject]
    return [pull for pull in pulls.values() if not pull["approved"] and pull["head"] and pull["author"]]


def rewritten(said: str) -> str:
    """What `entraide pages` reported: pages whose bytes changed, pages left alone, and its own seconds."""
    found = re.search(r"(\d+) page\(s\) written, (\d+) unchanged.*\(([0-9.]+) s\)", said)
    if not found:
        return "pages written: not reported"
    written, unchanged, seconds = found.groups()
    return f"{written} page(s) rewritten, {unchanged} unchanged, written in {seconds} s"
