"""The pages' shortcuts give what the general readers give: pending submissions against `pull_requests`,
questions built once against questions copied per event, a remembering translator against the translator,
a member's path taken out of the counts without copying them."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest

from builders import ev
from entraide.content.i18n import translator
from entraide.events.questions import questions
from entraide.events.submissions import open_submissions, pull_requests
from entraide.insight.nextsteps import transitions
from entraide.insight.profilesteps import SeenWithout
from entraide.site.phrases import RememberingTranslator, remembering

ANA, BEN, MONA = (1, "ana"), (2, "ben"), (3, "mona")

SUBMISSIONS = [
    ev("pr_opened", "2026-01-05T09:00", ANA, 20, challenge="html"),  # open
    ev("review_submitted", "2026-01-05T10:00", MONA, 20, state="approved"),
    ev("pr_opened", "2026-01-05T09:00", BEN, 21, challenge="css"),  # merged
    ev("pr_merged", "2026-01-06T09:00", MONA, 21),
    ev("pr_opened", "2026-01-05T09:00", BEN, 22),  # challenge from a label
    ev("label_added", "2026-01-05T11:00", MONA, 22, label="challenge:api"),
    ev("pr_opened", "2026-01-05T09:00", ANA, 23),  # two challenge labels: none
    ev("label_added", "2026-01-05T11:00", MONA, 23, label="challenge:api"),
    ev("label_added", "2026-01-05T12:00", MONA, 23, label="challenge:html"),
    ev("pr_opened", "2026-01-05T09:00", ANA, 24),  # labelled, then unlabelled
    ev("label_added", "2026-01-05T11:00", MONA, 24, label="challenge:css"),
    ev("label_removed", "2026-01-05T12:00", MONA, 24, label="challenge:css"),
    ev("pr_opened", "2026-01-05T09:00", BEN, 25, challenge="sql"),  # closed, then opened again by ana
    ev("pr_closed", "2026-01-06T09:00", BEN, 25),
    ev("pr_opened", "2026-01-07T09:00", ANA, 25, challenge="git"),
    ev("label_added", "2026-01-07T09:30", MONA, 25, label="challenge:js", target_id=7),  # on a comment
    ev("pr_opened", "2026-01-05T09:00", None, 26, challenge="html"),  # a deleted account
    ev("label_added", "2026-01-05T09:00", MONA, 27, label="challenge:css"),  # never opened
    ev("pr_merged", "2026-01-05T09:00", MONA, 28, subject_type="discussion"),
]


def _pending_the_long_way(events):
    waiting = {}
    for pr in pull_requests(events).values():
        if pr.state == "open" and pr.challenge and pr.author_id is not None:
            waiting.setdefault(pr.author_id, set()).add(pr.challenge)
    return waiting


def test_open_submissions_are_the_open_pull_requests_with_a_challenge():
    assert open_submissions(SUBMISSIONS) == {1: {"html", "git"}, 2: {"api"}}
    assert open_submissions(SUBMISSIONS) == _pending_the_long_way(SUBMISSIONS)


@pytest.mark.parametrize("seed", range(5))
def test_open_submissions_agree_with_pull_requests_in_any_order(seed):
    events = SUBMISSIONS[:]
    random.Random(seed).shuffle(events)
    assert open_submissions(events) == _pending_the_long_way(events)


QUESTIONS = [
    ev("issue_opened", "2026-02-02T09:00", ANA, 10, labels=["Question"], title="Flexbox ?"),
    ev("issue_comment", "2026-02-02T10:00", ANA, 10),  # the author: still waiting
    ev("issue_comment", "2026-02-02T10:30", (9, "helper[bot]"), 10, actor_type="Bot"),  # a bot: still waiting
    ev("issue_comment", "2026-02-02T11:00", BEN, 10),  # answered at 11:00...
    ev("issue_comment", "2026-02-02T12:00", MONA, 10),  # ...not later
    ev("discussion_created", "2026-02-02T09:00", BEN, 5, category="Q&A", title="Grid"),
    ev("discussion_answered", "2026-02-03T09:00", MONA, 5, comment_id=1),  # first answer kept
    ev("discussion_answered", "2026-02-04T09:00", MONA, 5, comment_id=2),  # last marked comment kept
    ev("issue_opened", "2026-02-02T09:00", ANA, 11),  # a question once labelled
    ev("label_added", "2026-02-02T13:00", MONA, 11, label="help"),
    ev("label_added", "2026-02-02T14:00", MONA, 11, label="spam"),  # moderated...
    ev("label_removed", "2026-02-02T15:00", MONA, 11, label="spam"),  # ...and back
    ev("label_added", "2026-02-02T16:00", MONA, 11, label="spam", target_id=4),  # a comment's label
    ev("issue_opened", "2026-02-05T09:00", BEN, 12, labels=["question"]),
    ev("pr_opened", "2026-02-05T09:30", BEN, 12),  # not a kind a question reads
    ev("issue_closed", "2026-02-05T10:00", BEN, 12),
]


def test_questions_are_built_once_with_the_fields_their_events_set():
    asked = {q.subject: q for q in questions(tuple(QUESTIONS))}
    assert asked[10].first_reply_at == dt.datetime(2026, 2, 2, 11, tzinfo=dt.UTC) and asked[10].title == "Flexbox ?"
    assert (asked[5].answered_at.day, asked[5].answer_id) == (3, 2)
    assert asked[11].moderated is False and asked[11].waiting
    assert asked[12].closed and not asked[12].waiting
    base = {"subject", "subject_type", "asked_at", "author_id", "title", "repo"}
    assert asked[11].model_fields_set == base | {"moderated"}  # as a copy per change left it
    assert asked[12].model_fields_set == base | {"closed"}


@pytest.mark.parametrize("seed", range(5))
def test_questions_do_not_depend_on_the_order_events_are_given_in(seed):
    events = QUESTIONS[:]
    random.Random(seed).shuffle(events)
    assert questions(tuple(events)) == questions(tuple(QUESTIONS))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_remembering_translator_says_what_the_translator_says(language):
    tr = translator(language)
    kept = remembering(tr)
    assert isinstance(kept, RememberingTranslator) and remembering(kept) is kept
    for _ in range(2):  # asked, then remembered
        assert kept.gettext("Badges") == tr.gettext("Badges")
        assert kept.ngettext("{n} day", "{n} days", 2) == tr.ngettext("{n} day", "{n} days", 2)
        assert kept.long_date(dt.date(2026, 3, 1)) == tr.long_date(dt.date(2026, 3, 1))
        assert kept.number(1234) == tr.number(1234)
        assert kept.number(1234.5, digits=1) == tr.number(1234.5, digits=1)
        assert kept.number(1.0, digits=1) == tr.number(1.0, digits=1)
    assert kept.day_month(dt.date(2026, 3, 1)) == tr.day_month(dt.date(2026, 3, 1))


def test_a_members_path_taken_out_of_the_counts_reads_as_the_counter_difference():
    paths = [("a", "b", "c"), ("a", "c"), ("b",), ("a", "b", "c")]
    seen, own = transitions(paths), transitions([("a", "b", "c")])
    difference, without = seen - own, SeenWithout(seen, own)
    pairs = set(seen) | set(own) | {("z", None), ("c", "a")}
    assert all(without[pair] == difference[pair] for pair in pairs)
    assert SeenWithout(own, transitions([("a", "b", "c", "d")]))[("a", "b")] == (own - own)[("a", "b")] == 0
    assert isinstance(seen, Counter)


@pytest.mark.parametrize(
    "base", ["https://example.org/site/", 'https://ex.org/é « x » "q"/<a>&/', "https://ex.org/QQUIDQQ/", "ftp://x/"]
)
def test_assertions_filled_from_a_template_are_the_encoders_text(base):
    """Each award's assertion texts (published, baked) are those of its own document, whatever the site's
    address holds (non-ASCII, quotes, markup, a template's marker, an address the bakery refuses), for
    awards revoked or not, of several badges."""
    import json
    from pathlib import Path

    from entraide.content.loader import load_community
    from entraide.site.credentials import ob2
    from entraide.site.credentials.catalogue import catalogue
    from entraide.site.credentials.ob2files import AssertionTexts, each_document
    from entraide.site.credentials.records import Record, uid
    from entraide.site.pages.badgeart import svg

    community = load_community(Path(__file__).resolve().parents[1])
    badges, members = catalogue(community)[:3], community.members[:4]
    records = [
        Record(uid=uid(m.id, b.key), member=m, badge=b, issued=dt.date(2026, 1, 1 + i), revoked=cause)
        for i, m in enumerate(members)
        for b, cause in zip(badges, (None, "spam « x »", None) if i % 2 else (None, None, "x"), strict=True)
    ]
    texts = AssertionTexts(base)
    for record in records:
        document = ob2.assertion(record, base=base)
        assert texts.of(record) == (ob2.dumps(document), json.dumps(document, sort_keys=True))
    images = {b.key: svg(b) for b in badges}
    new = dict(each_document(tuple(records), badges=badges, rules=community.rules, base=base, images=images))
    for record in records:
        document = ob2.assertion(record, base=base)
        assert new[ob2.assertion_path(record)] == ob2.dumps(document)
        if not record.revoked:
            assert new[ob2.baked_path(record)] == ob2.baked(images[record.badge.key], document)


@pytest.mark.parametrize("seed", range(3))
def test_the_opportunity_board_and_attendance_do_not_depend_on_the_order_or_on_other_events(seed):
    """The board reads only issues' openings, closings and labels, sorted only when not in the store's order;
    the agenda's attendance reads only the events behind attendance points."""
    from pathlib import Path

    from entraide.content.loader import load_community
    from entraide.events import store
    from entraide.events.opportunities import opportunities
    from entraide.site.agenda import ATTENDANCE, attendance
    from entraide.site.build import context_for
    from entraide.site.pages.ledger import events_behind

    root = Path(__file__).resolve().parents[1]
    community, events = load_community(root), store.load(root / "data")
    shuffled = list(events)
    random.Random(seed).shuffle(shuffled)
    today = dt.date(2026, 1, 1)
    assert opportunities(community, tuple(shuffled), today=today) == opportunities(community, events, today=today)
    assert opportunities(community, events, today=today)  # a board with something on it
    ctx = context_for(root)
    agenda, awards = ctx.community.rules.agenda, ctx.ledger.awards
    attended = [award for award in awards if award.reason == ATTENDANCE]
    everything = attendance(agenda, awards=awards, events_by_id={e.id: e for e in ctx.events})
    assert attendance(agenda, awards=tuple(attended), events_by_id=events_behind([attended], ctx.events)) == everything
    assert any(everything.values())
