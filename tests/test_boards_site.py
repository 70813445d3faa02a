"""Every leaderboard setting of entraide.yml acts on the site: `limit` cuts the page, `roles` keeps
mentors and learners on separate boards."""

from __future__ import annotations

import datetime as dt

from entraide import scoring
from entraide.content.i18n import translator
from entraide.content.models import LeaderboardWindow
from entraide.site import build as site
from sitekit import challenge_history, sample_community


def built(windows: tuple[LeaderboardWindow, ...]) -> dict[str, str]:
    base = sample_community()
    community = base.model_copy(update={"rules": base.rules.model_copy(update={"leaderboards": windows})})
    people = {m.login: m for m in community.members}
    history = tuple(
        challenge_history(
            [
                (people["leo-learner"], "html-bases"),
                (people["zoe-pseudo"], "python-bases"),
                (people["leo-learner"], "css-grille"),
            ],
            mentor=people["mia-mentor"],
        )
    )
    as_of = dt.date(2026, 3, 10)
    ledger = scoring.score(community, history, as_of=as_of)
    ctx = site.SiteContext(
        community=community,
        events=history,
        ledger=ledger,
        as_of=as_of,
        docs={},
        tr=translator(community.rules.language),
    )
    return site.generate(ctx)


def rows(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.startswith("| ") and line[2:3].isdigit()]


def test_limit_cuts_the_leaderboard_page():
    pages = built(
        (
            LeaderboardWindow(id="tous", title="Tous", window="all_time", limit=1),
            LeaderboardWindow(id="large", title="Large", window="all_time", limit=50),
        )
    )
    assert len(rows(pages["classements/tous.md"])) == 1
    assert len(rows(pages["classements/large.md"])) >= 2


def test_learners_and_mentors_rank_on_separate_boards():
    pages = built(
        (
            LeaderboardWindow(id="apprenants", title="Apprenants", window="all_time", roles=("learner",)),
            LeaderboardWindow(id="mentors", title="Mentors", window="all_time", roles=("mentor",)),
        )
    )
    learners, mentors = pages["classements/apprenants.md"], pages["classements/mentors.md"]
    assert all("mia-mentor" not in row for row in rows(learners)) and len(rows(learners)) == 2
    assert [("mia-mentor" in row) for row in rows(mentors)] == [True]
