"""Weekly prompts: which prompt each week brings per lane (category), and participation as a KPI, from
the events the sync stores (the bot's discussion, people's comments; bots and deleted comments not counted)."""

from __future__ import annotations

import datetime as dt

from builders import ev, member
from entraide.content.animation_models import Prompt, Prompts
from entraide.content.i18n import translator
from entraide.kpis.prompts import due, participation, schedule, title_of

PROMPTS = Prompts(
    start=dt.date(2026, 11, 25),  # a Wednesday: its week starts on Monday the 23rd
    track_categories={"front": "Front-end"},
    prompts=(
        Prompt(id="a", title="A ?", body="a"),
        Prompt(id="f", title="F ?", body="f", track="front"),
        Prompt(id="b", title="B ?", body="b"),
        Prompt(id="g", title="G ?", body="g", track="back"),  # no category of its own: the general one
    ),
)
LEA, HUGO, SOPHIE = member("lea", 11), member("hugo", 12), member("sophie", 21, role="mentor")
BOT = (41898282, "github-actions[bot]")
FR = translator("fr")


def test_each_lane_posts_its_queue_one_week_at_a_time():
    rows = [(row.week.isoformat(), row.category, row.prompt.id) for row in schedule(PROMPTS)]
    assert rows == [
        ("2026-11-23", "Front-end", "f"),
        ("2026-11-23", "Général", "a"),
        ("2026-11-30", "Général", "b"),
        ("2026-12-07", "Général", "g"),
    ]
    assert [row.prompt.id for row in due(PROMPTS, today=dt.date(2026, 12, 6))] == ["b"]
    assert due(PROMPTS, today=dt.date(2026, 12, 14)) == ()
    assert due(Prompts(prompts=PROMPTS.prompts), today=dt.date(2026, 11, 23)) == ()  # no start: nothing


def test_participation_counts_people_under_the_bot_s_prompts_only():
    events = [
        ev(
            "discussion_created",
            "2026-11-23T09:00",
            BOT,
            5,
            actor_type="Bot",
            title=title_of(PROMPTS.prompts[0], tr=FR),
        ),
        ev(
            "discussion_created", "2026-11-23T10:00", LEA, 6, title=title_of(PROMPTS.prompts[1], tr=FR)
        ),  # not the bot's
        ev("discussion_comment", "2026-11-23T11:00", LEA, 5, comment_id=1),
        ev("discussion_comment", "2026-11-23T12:00", LEA, 5, comment_id=2),
        ev("discussion_comment", "2026-11-23T13:00", SOPHIE, 5, comment_id=3),
        ev("discussion_comment", "2026-11-23T14:00", HUGO, 5, comment_id=4, deleted=True),
        ev("discussion_comment", "2026-11-23T15:00", BOT, 5, actor_type="Bot", comment_id=5),
        ev("discussion_comment", "2026-11-23T16:00", HUGO, 6, comment_id=6),
    ]
    kpi = participation(PROMPTS, events, (LEA, HUGO, SOPHIE))
    (row,) = kpi.prompts
    assert (row.prompt_id, row.number, row.answers, row.participants) == ("a", 5, 3, 2)
    assert (kpi.learners_answering, kpi.learners) == (1, 2)
