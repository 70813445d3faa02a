"""The reward request form is generated from the catalogue (animation/rewards.yml); the answer GitHub
writes into the issue body is read back by the sync (github.normalize) and the shop to the item's id."""

from __future__ import annotations

import yaml

from entraide.bot import rewardform
from entraide.content.animation import load_animation
from entraide.content.loader import load_community
from entraide.github.normalize import issue_opened
from entraide.scoring.shop import item_of
from sitekit import REPO


def shop():
    community = load_community(REPO)
    return load_animation(REPO, community).shop, community.rules


def test_committed_reward_form_is_current():
    catalogue, rules = shop()
    assert (REPO / rewardform.PATH).read_text(encoding="utf-8") == rewardform.render(catalogue, rules), (
        "run 'entraide forms' and commit"
    )


def test_every_option_is_read_back_to_its_item_from_the_issue_github_writes():
    catalogue, rules = shop()
    form = yaml.safe_load(rewardform.render(catalogue, rules))
    assert form["labels"] == ["recompense"]
    (dropdown,) = [field for field in form["body"] if field["type"] == "dropdown"]
    options = dropdown["attributes"]["options"]
    assert len(options) == len(catalogue.items)
    for option, item in zip(options, catalogue.items, strict=True):
        body = f"### Récompense\n\n{option}\n\n### Précisions\n\n_No response_"
        issue = {
            "number": 7,
            "title": "Demande de récompense",
            "body": body,
            "created_at": "2026-11-27T10:00:00Z",
            "user": {"login": "lea-petit", "id": 5200343, "type": "User"},
            "labels": [{"name": "recompense"}],
        }
        event = issue_opened(issue)
        assert event.form == "recompense"
        assert item_of(event.payload["reward"]) == item.id
