"""The pages' fast paths against the plain code they replace, on random inputs: revoked awards told by their
moments first, live awards and each member's awards kept per ledger, pending submissions read from the few
open numbers, questions built without validation from a history known to be sorted, next steps read back per
path, question groups remembered per title."""

from __future__ import annotations

import copy
import datetime as dt
import random

import msgspec
import pytest

from builders import ev
from entraide.events.model import EventKind
from entraide.events.order import StoreOrdered
from entraide.events.questions import Question, questions
from entraide.events.submissions import open_submissions, pull_requests
from entraide.scoring.model import Award, Revocation
from entraide.site import build as site
from entraide.site.pages.awardgroups import awards_by_member
from entraide.site.pages.common import live_awards
from test_example_community import REPO

START = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


def _awards(rng: random.Random, count: int) -> list[Award]:
    moments = [START + dt.timedelta(hours=rng.randrange(30)) for _ in range(8)]  # moments shared by many
    return [
        Award(
            member_id=rng.choice((1, 2, 3, 40, 10**12, -5)),
            login="a",
            points=rng.randrange(-5, 30),
            reason=rng.choice(("review", "kudos", "challenge:html")),
            at=rng.choice(moments),
            event_ids=tuple(f"e{rng.randrange(50)}" for _ in range(rng.randrange(3))),
        )
        for _ in range(count)
    ]


def _plain_groups(awards, public):
    found: dict[int, list[Award]] = {}
    for award in awards:
        if award.member_id in public:
            found.setdefault(award.member_id, []).append(award)
    return found


@pytest.mark.parametrize("seed", range(6))
def test_awards_by_member_are_the_plain_groups_in_the_same_order(seed):
    rng = random.Random(seed)
    awards = _awards(rng, rng.choice((0, 1, 2, 300)))
    for public in ({}, {1: "x"}, {1: "x", 40: "y", 10**12: "z", -5: "w", 99: "v"}, dict.fromkeys((1, 2, 3, 40))):
        found, expected = awards_by_member(awards, public), _plain_groups(awards, public)
        assert list(found) == list(expected) and found == expected
        assert all(a is b for key in found for a, b in zip(found[key], expected[key], strict=True))


@pytest.mark.parametrize("seed", range(4))
def test_live_awards_with_revocations_at_the_moments_of_other_awards(seed):
    ctx = site.context_for(REPO)
    rng = random.Random(seed)
    awards = _awards(rng, 400)
    taken = [copy.copy(a) for a in rng.sample(awards, 30)]
    taken += [
        msgspec.structs.replace(a, points=a.points + 1) for a in rng.sample(awards, 30)
    ]  # same moment, not the same
    revoked = tuple(Revocation(award=a, cause="spam", event_ids=()) for a in taken)
    ledger = ctx.ledger.model_copy(update={"awards": tuple(awards), "revoked": revoked})
    gone = {r.award for r in revoked}
    assert live_awards(ledger) == [a for a in awards if a not in gone]
    assert live_awards(ledger.model_copy(update={"revoked": ()})) == awards


def _random_submissions(rng: random.Random) -> list:
    people = [(1, "ana"), (2, "ben"), (3, "mona"), None]
    events, at = [], START
    for _ in range(rng.randrange(20, 120)):
        at += dt.timedelta(minutes=rng.randrange(0, 3))  # equal moments too
        number, who = rng.randrange(1, 9), rng.choice(people)
        kind = rng.choice(("pr_opened", "pr_opened", "pr_merged", "pr_closed", "label_added", "label_added"))
        kind = rng.choice((kind, kind, "label_removed", "review_submitted", "issue_comment"))
        subject_type = rng.choice(("pull", "pull", "issue", "discussion")) if kind != "pr_opened" else "pull"
        payload: dict = {}
        if kind == "pr_opened" and rng.random() < 0.5:
            payload["challenge"] = rng.choice(("html", "css", ""))
        if kind.startswith("label"):
            payload["label"] = rng.choice(("challenge:api", "challenge:git", "bug"))
            if rng.random() < 0.2:
                payload["target_id"] = 7
        if kind == "review_submitted":
            payload["state"] = "approved"
        stamp = at.strftime("%Y-%m-%dT%H:%M")
        events.append(ev(kind, stamp, who, number, subject_type=subject_type, id=f"e{len(events):04d}", **payload))
    return events


def _pending_the_long_way(events):
    waiting: dict[int, set[str]] = {}
    for pr in pull_requests(events).values():
        if pr.state == "open" and pr.challenge and pr.author_id is not None:
            waiting.setdefault(pr.author_id, set()).add(pr.challenge)
    return waiting


@pytest.mark.parametrize("seed", range(40))
def test_open_submissions_are_those_of_pull_requests_on_random_histories(seed):
    events = _random_submissions(random.Random(seed))
    assert open_submissions(events) == _pending_the_long_way(events)
    assert open_submissions(iter(events)) == _pending_the_long_way(events)


def _random_questions(rng: random.Random) -> list:
    people = [(1, "ana"), (2, "ben"), (9, "helper[bot]"), None]
    events, at = [], START
    for _ in range(rng.randrange(20, 120)):
        at += dt.timedelta(minutes=rng.randrange(0, 3))
        number, who = rng.randrange(1, 7), rng.choice(people)
        kind = rng.choice(
            ("issue_opened", "discussion_created", "issue_comment", "discussion_comment", "discussion_answered")
            + ("issue_closed", "label_added", "label_added", "label_removed", "pr_opened")
        )
        payload: dict = {}
        if kind == "issue_opened":
            payload["labels"] = rng.choice(([], ["Question"], ["bug"], ["help", "x"]))
            payload["title"] = rng.choice(("Flexbox ?", "Grid", None))
        if kind == "discussion_created":
            payload["category"] = rng.choice(("Q&A", "General"))
        if kind == "discussion_answered":
            payload["comment_id"] = rng.randrange(100)
        if kind.startswith("label"):
            payload["label"] = rng.choice(("question", "spam", "help", "bug"))
            if rng.random() < 0.2:
                payload["target_id"] = 4
        subject_type = {"discussion_created": "discussion", "discussion_comment": "discussion"}.get(kind)
        subject_type = subject_type or ("discussion" if kind == "discussion_answered" else None)
        if kind in ("label_added", "label_removed", "issue_comment", "issue_closed") and rng.random() < 0.3:
            subject_type = rng.choice(("pull", "discussion"))  # numbers shared with other kinds of threads
        stamp = at.strftime("%Y-%m-%dT%H:%M")
        events.append(ev(kind, stamp, who, number, subject_type=subject_type, id=f"e{len(events):04d}", **payload))
    return events


def _plain_questions(events, *, bots):
    """The questions as one pass over every event, in time order, builds them: validated, field by field."""
    from entraide.events.questions import QUESTION_LABELS, REPLIES, _update, is_question

    found, openers = {}, {}
    for event in sorted(events, key=lambda e: (e.at, e.id)):
        key = (event.subject_type, event.subject, event.repo)
        if event.kind in (EventKind.issue_opened, EventKind.discussion_created):
            openers[key] = event
            if is_question(event):
                found[key] = (event, {})
        elif event.kind is EventKind.label_added and key in openers and key not in found:
            if event.label.casefold() in QUESTION_LABELS:
                found[key] = (openers[key], {})
        elif key in found and (event.kind in REPLIES or event.kind in _CHANGING):
            opener, changed = found[key]
            _update(changed, event, author_id=opener.actor_id, moderation_labels=("spam",), bots=bots)
    asked = [
        Question(
            subject=o.subject,
            subject_type=o.subject_type,
            asked_at=o.at,
            author_id=o.actor_id,
            title=o.title,
            repo=o.repo,
            **changed,
        )
        for o, changed in found.values()
    ]
    return tuple(sorted(asked, key=lambda q: (q.asked_at, q.subject_type, q.subject, q.repo or "")))


_CHANGING = {EventKind.discussion_answered, EventKind.issue_closed, EventKind.label_added, EventKind.label_removed}


@pytest.mark.parametrize("seed", range(30))
def test_questions_built_once_are_the_validated_ones_sorted_or_not(seed):
    rng = random.Random(seed)
    events = _random_questions(rng)
    bots = frozenset({"helper[bot]"})
    found = questions(StoreOrdered(events), bots=bots, moderation_labels=("spam",))
    plain = _plain_questions(events, bots=bots)
    assert found == plain and [q.model_fields_set for q in found] == [q.model_fields_set for q in plain]
    assert [list(vars(q)) for q in found] == [list(vars(q)) for q in plain]  # the fields in the same order
    assert found == questions(tuple(events), bots=bots, moderation_labels=("spam",))
    validated = tuple(Question(**q.model_dump(exclude_unset=True)) for q in found)
    assert found == validated
    assert [q.model_fields_set for q in found] == [q.model_fields_set for q in validated]
    shuffled = events[:]
    rng.shuffle(shuffled)
    assert questions(tuple(shuffled), bots=bots, moderation_labels=("spam",)) == found


@pytest.mark.parametrize("seed", range(3))
def test_next_steps_read_back_per_path_are_those_worked_out_for_each_member(seed):
    from entraide.insight import nextsteps, profilesteps

    ctx = site.context_for(REPO)
    rng = random.Random(seed)
    opening = ctx.as_of - dt.timedelta(days=30)  # half the challenges open a month before the site's date
    changed = [c.model_copy(update={"opens": opening}) if i % 2 else c for i, c in enumerate(ctx.community.challenges)]
    community = ctx.community.model_copy(update={"challenges": tuple(changed)})
    slugs = [c.slug for c in ctx.community.challenges]
    tracks = [None, *sorted({c.track for c in ctx.community.challenges})]
    cohorts = [None, *(c.id for c in ctx.community.rules.cohorts)]
    learner = next(m for m in ctx.community.members if m.role.value == "learner")
    pool = nextsteps.resources(ctx.docs)
    paths = [tuple(rng.sample(slugs, rng.randrange(0, 4))) for _ in range(6)]
    fewer = nextsteps.transitions(paths[:2])
    for seen_all, as_of in (
        (nextsteps.transitions(paths), ctx.as_of),
        (fewer, ctx.as_of),
        (fewer, ctx.as_of - dt.timedelta(days=400)),  # the same build's counts on another day
    ):
        for _ in range(60):
            member = learner.model_copy(
                update={
                    "track": rng.choice(tracks),
                    "cohort": rng.choice(cohorts),
                    "interests": rng.choice(((), ("css",), ("git", "html"))),
                }
            )
            given = dict(
                accepted=rng.choice(paths),
                community=community,
                as_of=as_of,
                pool=pool,
                seen_all=seen_all,
                tr=ctx.tr,
            )
            assert profilesteps.profile_section(member, **given) == profilesteps._section(member, **given)


@pytest.mark.parametrize("seed", range(10))
def test_question_groups_found_once_per_title_terms_are_the_plain_ones(seed):
    from entraide.insight.recurring import SAME, group, terms

    rng = random.Random(seed)
    words = ["grid", "flexbox", "sqlite", "clé", "étrangère", "barre", "latérale", "galerie", "git", "rebase"]
    titles = [None, "", "le la"] + [" ".join(rng.sample(words, rng.randrange(1, 5))) for _ in range(12)]
    asked = [
        Question(
            subject=n,
            subject_type=rng.choice(("issue", "discussion")),
            asked_at=START + dt.timedelta(minutes=rng.randrange(500)),
            author_id=1,
            title=rng.choice(titles),
        )
        for n in range(rng.randrange(1, 200))
    ]
    plain: list[list[Question]] = []
    for question in sorted(asked, key=lambda q: (q.asked_at, q.subject_type, q.subject)):
        mine = terms(question.title)
        home = next((g for g in plain if _jaccard(terms(g[0].title), mine) >= SAME), None)
        home.append(question) if home is not None else plain.append([question])
    assert [g.questions for g in group(asked)] == [tuple(g) for g in plain]


def _jaccard(x, y):
    return len(x & y) / len(x | y) if x and y else 0.0


def test_live_and_public_awards_kept_per_ledger_are_each_callers_own():
    from entraide.site.pages.awardgroups import public_awards

    ctx = site.context_for(REPO)
    rng = random.Random(7)
    awards = _awards(rng, 300)
    first = ctx.ledger.model_copy(update={"awards": tuple(awards), "revoked": ()})
    taken = tuple(Revocation(award=a, cause="spam", event_ids=()) for a in awards[:50])
    second = first.model_copy(update={"revoked": taken})
    for ledger, live in ((first, awards), (second, awards[50:]), (first, awards)):
        mine = live_awards(ledger)
        assert mine == live
        mine.clear()
        assert live_awards(ledger) == live
        for public in ({1: "x", 40: "y"}, {2: "z"}, {1: "x", 40: "y"}):
            grouped = public_awards(ledger, public)
            assert grouped == _plain_groups(live, public) and list(grouped) == list(_plain_groups(live, public))
            grouped.clear()
            assert public_awards(ledger, public) == _plain_groups(live, public)
