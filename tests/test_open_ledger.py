"""The open ledger on the example community: every public member's awards in api/ledger.json and on the
profile (« Historique des points »), with a link to the GitHub item; nobody else appears."""

from __future__ import annotations

import json

import pytest

from entraide.site import build as site
from entraide.site.pages import ledger
from test_example_community import REPO


@pytest.fixture(scope="module")
def built():
    ctx = site.context_for(REPO)
    return ctx, site.generate(ctx, sources=(ledger.pages,)), site.generate(ctx)


def test_the_api_lists_every_standing_award_of_public_members_only(built):
    ctx, pages, _ = built
    data = json.loads(pages["api/ledger.json"])
    public = {m.login for m in ctx.community.public_members().values()}
    logins = {entry["login"] for entry in data["members"]}
    assert logins and logins <= public
    private = {m.login for m in ctx.community.members} - public
    assert private and not any(login in pages["api/ledger.json"] for login in private)
    revoked = {r.award for r in ctx.ledger.revoked}
    for entry in data["members"]:
        standing = next(s for s in ctx.ledger.standings if s.login == entry["login"])
        assert sum(a["points"] for a in entry["awards"]) == standing.points  # anyone can check the score
    standing_awards = [a for a in ctx.ledger.awards if a not in revoked and a.login in public]
    assert sum(len(e["awards"]) for e in data["members"]) == len(standing_awards)
    first = data["members"][0]["awards"][0]
    assert first["link"].startswith(f"https://github.com/{ctx.community.rules.repository}/")


def test_profiles_show_the_points_history_with_links(built):
    ctx, _, pages = built
    member = next(m for m in ctx.community.public_members().values() if m.role.value == "learner")
    profile = pages[f"membres/{member.login}.md"]
    history = profile.split("## Historique des points", 1)[1]
    assert f"](https://github.com/{ctx.community.rules.repository}/" in history
    rows = [line for line in history.split("\n## ", 1)[0].splitlines() if line.startswith("| [")]
    assert len(rows) == sum(1 for a in ctx.ledger.awards if a.member_id == member.id) - sum(
        1 for r in ctx.ledger.revoked if r.award.member_id == member.id and r.award in ctx.ledger.awards
    )
