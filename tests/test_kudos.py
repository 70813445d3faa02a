"""Reading `/kudos @login reason` from comment bodies."""

import pytest

from entraide.scoring.kudos import parse_kudos


@pytest.mark.parametrize(
    "body, expected",
    [
        ("/kudos @lea-martin merci pour la revue !", [{"login": "lea-martin", "reason": "merci pour la revue !"}]),
        (
            "Super.\n/kudos @Ana\n/KUDOS @bob pour l'aide",
            [{"login": "Ana", "reason": ""}, {"login": "bob", "reason": "pour l'aide"}],
        ),
        ("/kudos @ana one\n/kudos @ANA two", [{"login": "ana", "reason": "one"}]),  # one per person per comment
        ("> /kudos @ana quoted from someone else", []),
        ("```\n/kudos @ana in a code block\n```", []),
        ("merci /kudos @ana (not at the start of a line)", []),
        ("/kudos ana (no @)", []),
        ("/kudos @-bad", []),
        (None, []),
    ],
)
def test_kudos_commands(body, expected):
    assert parse_kudos(body) == expected


def test_reason_is_bounded():
    assert len(parse_kudos("/kudos @ana " + "x" * 1000)[0]["reason"]) == 200


def test_wall_of_thanks_shows_only_awarded_kudos_with_their_reason_newest_first():
    import datetime as dt

    from entraide.content.models import Member
    from entraide.events.model import Event
    from entraide.scoring.kudos import wall_of_thanks
    from entraide.scoring.model import Award

    ana = Member(login="ana", id=1, name="Ana", joined="2026-01-05")

    def comment(n, giver, day, kudos):
        return Event(
            id=f"ev:{n}",
            kind="issue_comment",
            at=dt.datetime(2026, 3, day, tzinfo=dt.UTC),
            actor_id=giver,
            actor_login=f"u{giver}",
            subject=1,
            subject_type="issue",
            payload={"comment_id": n, "kudos": kudos},
        )

    events = {
        e.id: e
        for e in (
            comment(1, 2, 3, [{"login": "ANA", "reason": "merci pour la revue"}]),
            comment(2, 3, 4, [{"login": "bob", "reason": "x"}, {"login": "ana", "reason": "super atelier"}]),
            comment(3, 4, 5, [{"login": "ana", "reason": "over the weekly cap: no award, not on the wall"}]),
        )
    }
    awards = [
        Award(member_id=1, login="ana", points=3, reason="kudos", at=events[i].at, event_ids=(i,))
        for i in ("ev:1", "ev:2")
    ] + [Award(member_id=1, login="ana", points=1, reason="comment", at=events["ev:3"].at, event_ids=("ev:3",))]
    wall = wall_of_thanks(ana, awards=awards, events_by_id=events)
    assert [(t.giver_id, t.reason) for t in wall] == [(3, "super atelier"), (2, "merci pour la revue")]
