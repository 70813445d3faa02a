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


def test_the_ledger_s_json_is_laid_out_exactly_as_the_standard_encoder_lays_it_out():
    """The open ledger and the Open Badges files are written by `site.jsontext` (the C encoder, then msgspec's
    layout), hundreds of times faster at ten million events: the text must not change by one byte, whatever
    members write in it."""
    import json

    from entraide.site import jsontext

    odd = ["", 'é « » “x” \u2028\u2029\x7f\x00\x1f\n\t"\\/</script>&', "日本語", "😀", "a,b: [c]", "{}", " \\u00e9 "]
    data = {
        "as_of": "2026-11-27",
        "members": [
            {"login": s, "awards": [{"challenge": None, "date": s, "pending": True, "points": -3, "why": s}]}
            for s in odd
        ]
        + [{"login": "x", "awards": [], "debits": []}],
        "nested": [[], {}, [1, [2.5, {"z": 1, "a": 0}]]],
    }
    for indent in (1, 2):
        assert jsontext.dumps(data, indent=indent) == json.dumps(
            data, sort_keys=True, indent=indent, ensure_ascii=False
        )
    lone = {"text": "half a pair \ud83d"}  # not UTF-8: the standard encoder's text, as before
    assert jsontext.dumps(lone, indent=1) == json.dumps(lone, sort_keys=True, indent=1, ensure_ascii=False)


def test_a_members_text_is_the_encoders_text_of_their_awards_whatever_their_strings(built):
    """`ledger.member_text` lays each award out itself: the same bytes as the encoder's text of the entries,
    with odd challenge slugs, reasons and repositories, a link or none, pending or final awards, debits or none."""
    import dataclasses
    import datetime as dt

    from entraide.scoring.model import Award
    from entraide.site import jsontext
    from entraide.site.pages.awardlinks import AwardLinks

    ctx, _, _ = built
    event = next(e for e in ctx.events if e.subject_type == "issue")
    odd = ['x"y\\z', "é « » \u2028\x00\n</script>&", "日本語 😀", "half \ud83d"]
    awards = [
        Award(member_id=1, login="a", points=points, reason=reason, at=at, event_ids=ids)
        for points, reason, ids in [
            (5, "review", (event.id,)),
            (-2, f"challenge:{odd[0]}", ("unknown", event.id)),
            (0, odd[1], ()),
            (7, f"challenge:{odd[2]}", ("unknown",)),
            (1, f"{odd[3]}:x", (event.id,)),
        ]
        for at in (dt.datetime(2020, 1, 1, tzinfo=dt.UTC), dt.datetime.combine(ctx.as_of, dt.time(), dt.UTC))
    ]
    for repository in (ctx.community.rules.repository, 'o"dd/ré', None):
        rules = ctx.community.rules.model_copy(update={"repository": repository})
        links = AwardLinks(
            dataclasses.replace(ctx, community=ctx.community.model_copy(update={"rules": rules})),
            events={event.id: event},
        )
        for rest in ({"login": "a"}, {"login": odd[1], "debits": [{"date": "2026-01-01", "points": -3}]}):
            expected = jsontext.dumps({"awards": [ledger.entry(a, links=links) for a in awards], **rest}, indent=1)
            assert ledger.member_text(awards, rest, links=links) == expected
    assert ledger.member_text([], {"login": "a"}, links=links) == jsontext.dumps({"awards": [], "login": "a"}, indent=1)
