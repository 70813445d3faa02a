"""The small community both feedback stories run on: two learners, a mentor, a chain of three challenges."""

from __future__ import annotations

from pathlib import Path

CHALLENGES = {  # slug: (title, level, points, badge, prerequisite)
    "html-semantique": ("Une page en HTML sémantique", 1, 20, "Balises justes", ""),
    "css-responsive": ("Une mise en page responsive", 2, 30, "Souple", "html-semantique"),
    "formulaire": ("Un formulaire accessible", 3, 30, "Formulaire", "css-responsive"),
}
CHALLENGE = """---
slug: {slug}
title: {title}
track: front
level: {level}
points: {points}
badge: {badge}
prerequisites: [{prerequisite}]
acceptance_criteria:
  - "La page utilise header, nav, main et footer."
  - "Le validateur HTML ne signale aucune erreur."
---
Le sujet du défi.
"""


def write_community(root: Path, ids: dict[str, int]) -> None:
    """entraide.yml, members/ and challenges/ under `root`; `ids`: GitHub ids of lea, hugo and sophie."""
    (root / "members").mkdir(parents=True)
    (root / "challenges").mkdir()
    (root / "entraide.yml").write_text(
        "name: Test\nlanguage: fr\nsite_url: https://example.org/communaute/\n"
        "tracks:\n  - id: front\n    name: Front\n    mentors: [sophie]\n"
    )
    for login, role in (("lea", "learner"), ("hugo", "learner"), ("sophie", "mentor")):
        (root / "members" / f"{login}.yml").write_text(
            f"login: {login}\nid: {ids[login]}\nname: {login.title()}\nrole: {role}\ntrack: front\njoined: 2025-01-01\n"
        )
    for slug, (title, level, points, badge, prerequisite) in CHALLENGES.items():
        (root / "challenges" / f"{slug}.md").write_text(
            CHALLENGE.format(slug=slug, title=title, level=level, points=points, badge=badge, prerequisite=prerequisite)
        )
