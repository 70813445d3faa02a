"""The French example community shipped at the repository root: valid, complete, and its history current."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from entraide.content.animation import load_animation
from entraide.content.loader import load_community
from entraide.content.models import Role
from entraide.demo.community import write_history
from entraide.events import store
from entraide.events.model import EventKind as K

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_SEED = 1  # the seed data/ was generated with: `entraide demo --history --root . --seed 1`


@pytest.fixture(scope="module")
def example():
    return load_community(REPO)


@pytest.fixture(scope="module")
def history():
    return store.load(REPO / "data")


def test_the_example_is_a_french_web_programme_with_two_tracks_and_two_cohorts(example):
    rules = example.rules
    assert rules.language == "fr"
    assert {t.id for t in rules.tracks} == {"front", "back"}
    assert len(rules.cohorts) == 2
    slugs = {c.slug for c in example.challenges}
    assert all(set(cohort.required_challenges) <= slugs for cohort in rules.cohorts)
    for track in rules.tracks:
        levels = sorted(c.level for c in example.challenges if c.track == track.id)
        assert len(levels) == 5 and levels[0] == 1 and levels[-1] == 4


def test_challenges_chain_their_prerequisites_and_carry_real_briefs(example):
    by_slug = {c.slug: c for c in example.challenges}
    for challenge in example.challenges:
        assert all(by_slug[p].level < challenge.level for p in challenge.prerequisites)
        assert challenge.badge and challenge.points > 0 and len(challenge.acceptance_criteria) >= 3
        assert challenge.brief.count("\n\n") >= 2, f"{challenge.slug}: the brief should have a few paragraphs"
    assert any(c.closes for c in example.challenges)


def test_members_three_mentors_about_thirty_learners_consent_varies(example):
    roles = Counter(m.role for m in example.members)
    assert roles[Role.mentor] == 3 and 25 <= roles[Role.learner] <= 35
    learners = [m for m in example.members if m.role is Role.learner]
    public = sum(m.public_profile for m in learners)
    assert 0 < public < len(learners)
    assert any(m.pseudonym for m in learners)
    assert len({m.id for m in example.members}) == len(example.members)


def test_the_history_loads_and_names_only_members_bots_or_deleted_accounts(example, history):
    logins = {m.login for m in example.members}
    assert len(history) > 1000
    assert {e.actor_login for e in history if not e.is_bot and e.actor_login} <= logins
    assert any(e.actor_login is None for e in history) and any(e.is_bot for e in history)
    slugs = {c.slug for c in example.challenges}
    assert {e.payload["challenge"] for e in history if e.kind is K.pr_opened} <= slugs


def test_each_agenda_item_has_its_issue_with_attendance(example, history):
    opened = {e.subject: e for e in history if e.kind is K.issue_opened}
    present = Counter(e.subject for e in history if e.kind in (K.issue_comment, K.reaction) and not e.is_bot)
    past = [item for item in example.rules.agenda if item.issue]
    assert len(past) >= 4
    for item in past:
        assert "event" in opened[item.issue].payload["labels"], item.id
        assert present[item.issue] >= 2, item.id


def test_data_is_what_the_simulator_makes_of_the_current_members_and_challenges(example, tmp_path):
    """Fails when members, challenges or rules change without regenerating the example's history."""
    write_history(tmp_path, example, seed=EXAMPLE_SEED, animation=load_animation(REPO, example))
    committed = sorted((REPO / "data" / "events").glob("*.jsonl"))
    fresh = sorted((tmp_path / "data" / "events").glob("*.jsonl"))
    assert [p.name for p in committed] == [p.name for p in fresh]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(committed, fresh)), (
        "run: entraide demo --history --root . --seed 1"
    )


def test_hand_written_pages_are_french_and_link_to_real_resources():
    guide = (REPO / "docs" / "guide" / "index.md").read_text(encoding="utf-8")
    assert "pull request" in guide and "relecture" in guide.lower()
    resources = "".join(p.read_text(encoding="utf-8") for p in (REPO / "docs" / "ressources").glob("*.md"))
    links = re.findall(r"\]\((https://[^)\s]+)\)", resources)
    assert len(links) >= 10
    assert any("developer.mozilla.org" in link for link in links)
    assert any("docs.python.org" in link for link in links)
    posts = sorted((REPO / "docs" / "temoignages" / "posts").glob("*.md"))  # the blog's dated posts
    stories = [post for post in posts if not post.name.endswith(".en.md")]  # each with its English translation
    assert [post.name for post in posts if post not in stories] == [f"{p.stem}.en.md" for p in stories]
    assert len(stories) == 3  # one of them scheduled (publish: 2026-12-07, see test_schedule)
    ours = [REPO / "docs" / part / "index.md" for part in ("guide", "ressources", "temoignages")]
    for page in ours + stories:
        text = page.read_text(encoding="utf-8")
        if "{{" in text or "{%" in text:
            assert re.search(r"(?m)^render_macros:\s*true\s*$", text), f"{page}: macros without render_macros"
