"""A conduct report never reaches the public site: neither the reporter nor a word of what they wrote.

Two reports are in the history, with the bot's acknowledgement: one by a private member, one by a public
member whose profile is on the site anyway. The site (every page source, then a full strict build) must
hold neither the private reporter's login or name nor either report's title.
"""

from __future__ import annotations

import datetime as dt

import pytest

from entraide.events.model import Event
from entraide.site import build as site
from entraide.site import community as community_pages
from sitekit import build_site, challenge_history, sample_community, site_files, write_community

SECRET_TITLES = ("Harcèlement par Bobletroll", "Insultes de Bobletroll en atelier")
PRIVATE_REPORTER = ("nina-private", "Nina Secrète")


def reports(members: dict, *, form: str = "conduct") -> list[Event]:
    at = dt.datetime(2026, 3, 9, 10, 0, tzinfo=dt.UTC)
    history = []
    for number, (login, title) in enumerate(zip(("nina-private", "leo-learner"), SECRET_TITLES), start=50):
        reporter = members[login]
        history += [
            Event(
                id=f"gh:issue:{number}:opened",
                kind="issue_opened",
                at=at,
                actor_id=reporter.id,
                actor_login=login,
                subject=number,
                subject_type="issue",
                payload={"labels": [form], "form": form, "title": title},
            ),
            Event(
                id=f"gh:comment:{number}0",
                kind="issue_comment",
                at=at + dt.timedelta(minutes=5),
                actor_id=41898282,
                actor_login="github-actions[bot]",
                actor_type="Bot",
                subject=number,
                subject_type="issue",
                payload={"comment_id": number * 10, "kudos": [], "reply_to": None},
            ),
            Event(
                id=f"gh:comment:{number}1",
                kind="issue_comment",
                at=at + dt.timedelta(hours=1),
                actor_id=reporter.id,
                actor_login=login,
                subject=number,
                subject_type="issue",
                payload={"comment_id": number * 10 + 1, "kudos": [], "reply_to": None},
            ),
        ]
    return history


def community_with_reports(folder, *, form: str = "conduct"):
    community = sample_community()
    members = {m.login: m for m in community.members}
    history = challenge_history(
        [(members["leo-learner"], "html-bases"), (members["nina-private"], "html-bases")], mentor=members["mia-mentor"]
    )
    return write_community(folder, community, history + reports(members, form=form))


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    return community_with_reports(tmp_path_factory.mktemp("reports"))


def every_page(root) -> dict[str, str | bytes]:
    sources = tuple(dict.fromkeys((*site.page_sources(), community_pages.pages)))
    return site.generate(site.context_for(root), sources=sources)


def leaks(texts: dict[str, str | bytes]) -> list[tuple[str, str]]:
    found = []
    for path, content in texts.items():
        text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
        found += [(path, secret) for secret in (*SECRET_TITLES, *PRIVATE_REPORTER) if secret in text]
    return found


def test_the_leak_detector_finds_the_same_titles_when_they_are_public_questions(tmp_path):
    pages = every_page(community_with_reports(tmp_path, form="question"))
    assert {secret for _, secret in leaks(pages)} == set(SECRET_TITLES)


def test_no_page_source_names_a_reporter_or_a_report(root):
    pages = every_page(root)
    assert "questions/index.md" in pages and any("leo-learner" in path for path in pages)
    assert leaks(pages) == []


def test_the_built_site_names_neither_a_reporter_nor_a_report(root, tmp_path):
    out = tmp_path / "site"
    build_site(root, out)
    files = site_files(out)
    assert any("leo-learner" in path for path in files)  # the public reporter's profile is there...
    assert leaks(files) == []  # ...but nothing of either report, and nothing of the private reporter
