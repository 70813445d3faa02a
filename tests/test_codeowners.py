"""CODEOWNERS routes each challenge's submissions to the mentors of its track, and stays generated."""

from __future__ import annotations

from pathlib import Path

from builders import challenge, community, member
from entraide.bot.codeowners import render
from entraide.content.loader import load_community
from entraide.content.models import Track

ROOT = Path(__file__).resolve().parents[1]


def owners(text: str, path: str) -> str:
    """The owners GitHub picks: the last matching line (prefix match is enough for these patterns)."""
    found = ""
    for line in text.splitlines():
        if line and not line.startswith("#"):
            pattern, *people = line.split()
            if pattern == "*" or path.startswith(pattern.rstrip("/")):
                found = " ".join(people)
    return found


def test_submissions_go_to_their_tracks_mentors_and_rules_to_maintainers():
    people = community(
        [
            member("lea", 1),
            member("sophie", 2, role="mentor"),
            member("karim", 3, role="mentor"),
            member("ana", 4, role="maintainer"),
        ],
        [challenge("html-semantique", track="front"), challenge("api-rest", track="back")],
        tracks=(
            Track(id="front", name="Front", mentors=("sophie",)),
            Track(id="back", name="Back", mentors=("karim",)),
        ),
    )
    text = render(people)
    assert owners(text, "/submissions/html-semantique/lea/index.html") == "@sophie"
    assert owners(text, "/submissions/api-rest/lea/app.py") == "@karim"
    assert owners(text, "/challenges/api-rest.md") == "@karim"
    assert owners(text, "/entraide.yml") == "@ana"
    assert owners(text, "/data/events/2026-03.jsonl") == "@ana"
    assert owners(text, "/members/lea.yml") == "@karim @sophie"


def test_the_committed_file_is_up_to_date():
    committed = (ROOT / ".github" / "CODEOWNERS").read_text()
    assert committed == render(load_community(ROOT)), "run 'entraide codeowners' and commit .github/CODEOWNERS"
