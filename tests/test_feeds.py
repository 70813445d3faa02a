"""Feeds of the example community, read by a real feed parser (feedparser), and listed in every page's head."""

from __future__ import annotations

import re

import feedparser
import pytest

from sitekit import build_site, prepare_root, sample_community, write_community

FEEDS = ["temoignages", "defis", "evenements"]


@pytest.mark.parametrize("name", FEEDS)
@pytest.mark.parametrize("suffix", [".xml", ".rss"])
def test_every_feed_is_well_formed_for_a_feed_reader(example_site, name, suffix):
    feed = feedparser.parse((example_site / f"flux-{name}{suffix}").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == ("atom10" if suffix == ".xml" else "rss20")
    assert feed.entries and all(
        entry.link.startswith("https://entraide-web.github.io/communaute/") for entry in feed.entries
    )
    print(f"{name}{suffix}: {len(feed.entries)} entries, bozo={feed.bozo}")


def test_story_entries_link_to_the_blog_posts_the_site_publishes(example_site):
    feed = feedparser.parse((example_site / "flux-temoignages.xml").read_bytes())
    assert [entry.title for entry in feed.entries] == [
        "Lucas : des tableurs aux API",
        "Sarah : de la reconversion au premier stage",
    ]
    for entry in feed.entries:
        path = entry.link.removeprefix("https://entraide-web.github.io/communaute/")
        assert (example_site / path / "index.html").is_file(), entry.link
        assert entry.authors and entry.tags
    assert (example_site / "temoignages/archive/2026/index.html").is_file()
    assert list((example_site / "temoignages/category").glob("*/index.html"))


def test_only_upcoming_events_are_in_the_events_feed(example_site):
    feed = feedparser.parse((example_site / "flux-evenements.xml").read_bytes())
    assert [entry.title for entry in feed.entries] == [
        "Atelier : automatiser les tests d'accessibilité",
        "Permanence API et bases de données",
    ]


def test_every_page_lists_the_feeds_in_its_head(example_site):
    for page in ("index.html", "defis/index.html", "temoignages/index.html"):
        head = (example_site / page).read_text(encoding="utf-8").split("</head>")[0]
        feeds = re.findall(
            r'<link rel="alternate" type="application/(atom|rss)\+xml" title="[^"]+" href="([^"]+)"', head
        )
        assert len(feeds) == 6
        for _, href in feeds:
            assert (example_site / page).parent.joinpath(href).resolve().is_file(), href


def test_a_story_by_a_member_who_did_not_consent_stops_the_build(tmp_path):
    community = sample_community()
    private = next(m for m in community.members if not m.public_profile)
    root = write_community(
        tmp_path / "community",
        community.model_copy(update={"rules": community.rules.model_copy(update={"site_url": "https://example.org/"})}),
    )
    prepare_root(root)
    posts = root / "docs" / "temoignages" / "posts"
    posts.mkdir(parents=True)
    (posts / "histoire.md").write_text(f"---\ndate: 2026-06-01\nauthors: [{private.login}]\n---\n\n# Mon histoire\n")
    result = build_site(root, tmp_path / "site", check=False)
    assert result.returncode != 0
    shown = result.stderr + result.stdout  # in the community's language, French
    assert "docs/temoignages/posts/histoire.md, champ « authors » :" in shown
    assert "Traceback" not in result.stderr
