"""Page sources render side by side in forked workers on a multi-core machine: same pages, same errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from entraide import scoring
from entraide.content.errors import Problem, UserError
from entraide.content.i18n import translator
from entraide.insight.nextsteps import read_pages
from entraide.site import build as site
from entraide.site.pages import core
from sitekit import challenge_history, sample_community

AS_OF = dt.date(2026, 3, 31)


def context() -> site.SiteContext:
    community = sample_community()
    mentor = next(m for m in community.members if m.role.value == "mentor")
    learner = next(m for m in community.members if m.role.value == "learner")
    events = tuple(challenge_history([(learner, community.challenges[0].slug)], mentor=mentor))
    return site.SiteContext(
        community=community,
        events=events,
        docs=read_pages(Path(".")),
        tr=translator(community.rules.language),
        as_of=AS_OF,
        ledger=scoring.score(community, events, as_of=AS_OF),
    )


def failing_source(ctx) -> dict[str, str]:
    raise UserError(
        [
            Problem(path="entraide.yml", line=3, field="tracks", message="first"),
            Problem(path="members/ana.yml", message="second"),
        ]
    )


def test_forked_workers_and_one_core_give_the_same_pages(monkeypatch):
    ctx = context()
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    forked = site.generate(ctx)
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert site.generate(ctx) == forked
    assert any(path.startswith("membres/") for path in forked) and "kpi/index.md" in forked


@pytest.mark.parametrize("cores", [1, 2])
def test_a_mistake_found_by_a_source_arrives_with_every_problem(monkeypatch, cores):
    monkeypatch.setattr("os.cpu_count", lambda: cores)
    with pytest.raises(UserError) as caught:
        site.generate(context(), sources=(core.pages, failing_source))
    assert [str(p) for p in caught.value.problems] == ["entraide.yml:3: tracks: first", "members/ana.yml: second"]
