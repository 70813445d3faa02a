"""The rewards shop, from events alone: a request (reward form), an approval (the label by an approver),
a debit of the spendable balance; overspending, double requests, races and strangers' labels refused.
The earned total never moves, and no balance ever goes below zero, whatever the order events arrive in."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from builders import ev, member
from entraide.content.animation_models import Reward, Shop
from entraide.scoring.model import Award
from entraide.scoring.shop import book

LEA = member("lea", 11)
HUGO = member("hugo", 12)
SOPHIE = member("sophie", 21, role="mentor")
KARIM = member("karim", 22, role="mentor")
MEMBERS = (LEA, HUGO, SOPHIE, KARIM)
SHOP = Shop(
    approvers=("sophie",),
    items=(
        Reward(id="cv", name="Relecture de CV", cost=40, stock=10),
        Reward(id="mentorat", name="Mentorat", cost=80, stock=5, approvers=("karim",)),
        Reward(id="conference", name="Conférence", cost=250, stock=1),
    ),
)


def earned(who, points: int, at: str = "2026-03-01T10:00") -> Award:
    return Award(
        member_id=who.id,
        login=who.login,
        points=points,
        reason="review",
        at=dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC),
        event_ids=(f"e-{who.login}-{points}",),
    )


def request(who, number: int, item: str, at: str):
    answer = f"{item.title()} — 1 points ({item})"
    return ev("issue_opened", at, who, number, labels=["recompense"], form="recompense", reward=answer, title="Demande")


def approve(number: int, at: str, by=SOPHIE, label: str = "recompense-approuvee"):
    return ev("label_added", at, by, number, label=label)


def decisions(events, awards):
    result = book(SHOP, events, awards, MEMBERS)
    return {d.number: (d.status, d.reason) for d in result.decisions}, result


def test_an_approved_request_debits_the_spendable_balance_and_not_the_earned_total():
    found, result = decisions(
        [request(LEA, 5, "cv", "2026-03-02T10:00"), approve(5, "2026-03-02T11:00")], [earned(LEA, 100)]
    )
    assert found == {5: ("approved", "")}
    (balance,) = [b for b in result.balances if b.login == "lea"]
    assert (balance.earned, balance.spent, balance.spendable) == (100, 40, 60)
    assert result.stock_left["cv"] == 9


def test_overspending_is_refused_with_the_balance_named():
    found, _ = decisions(
        [request(HUGO, 5, "conference", "2026-03-02T10:00"), approve(5, "2026-03-02T11:00")], [earned(HUGO, 100)]
    )
    assert found == {5: ("refused", "balance:100")}


def test_a_request_waits_until_an_approver_labels_it():
    events = [request(LEA, 5, "mentorat", "2026-03-02T10:00"), approve(5, "2026-03-02T11:00", by=SOPHIE)]
    found, _ = decisions(events, [earned(LEA, 100)])
    assert found == {5: ("pending", "")}  # only karim approves this item
    found, _ = decisions([*events, approve(5, "2026-03-02T12:00", by=KARIM)], [earned(LEA, 100)])
    assert found == {5: ("approved", "")}


def test_a_learner_labelling_their_own_request_approves_nothing():
    found, _ = decisions(
        [request(LEA, 5, "cv", "2026-03-02T10:00"), approve(5, "2026-03-02T11:00", by=LEA)], [earned(LEA, 100)]
    )
    assert found == {5: ("pending", "")}


def test_a_double_request_is_refused_even_when_both_are_approved_in_the_same_second():
    events = [
        request(LEA, 5, "cv", "2026-03-02T10:00"),
        request(LEA, 6, "cv", "2026-03-02T10:01"),
        approve(6, "2026-03-02T11:00"),
        approve(5, "2026-03-02T11:00"),
    ]
    found, result = decisions(events, [earned(LEA, 500)])
    assert found == {5: ("approved", ""), 6: ("refused", "double:5")}  # the earlier request wins, either order
    assert [b.spent for b in result.balances if b.login == "lea"] == [40]


def test_two_approvals_racing_never_take_the_balance_below_zero():
    """100 points, two requests of 80 approved at the same second by their two approvers: one passes."""
    events = [
        request(LEA, 5, "mentorat", "2026-03-02T10:00"),
        request(LEA, 6, "cv", "2026-03-02T10:00"),
        request(LEA, 7, "cv", "2026-03-02T10:00"),
        approve(5, "2026-03-02T11:00", by=KARIM),
        approve(6, "2026-03-02T11:00", by=SOPHIE),
        approve(6, "2026-03-02T11:00", by=SOPHIE),  # the same label twice: one decision
    ]
    awards = [earned(LEA, 100)]
    outcomes = set()
    for order in itertools.permutations(events):
        found, result = decisions(list(order), awards)
        (balance,) = [b for b in result.balances if b.login == "lea"]
        assert balance.spendable >= 0
        outcomes.add(tuple(sorted(found.items())))
    assert len(outcomes) == 1  # the same decisions whatever order the events arrive in
    (final,) = outcomes
    assert dict(final)[7] == ("pending", "")


def test_no_balance_goes_negative_in_random_histories():
    rng = random.Random(7)
    for _ in range(200):
        events, awards = [], [earned(LEA, rng.randrange(0, 300)), earned(HUGO, rng.randrange(0, 300))]
        for number in range(1, 12):
            who = rng.choice((LEA, HUGO))
            item = rng.choice(("cv", "mentorat", "conference", "nope"))
            events.append(request(who, number, item, f"2026-03-02T10:{number:02d}"))
            if rng.random() < 0.8:
                events.append(approve(number, f"2026-03-02T11:{rng.randrange(3):02d}", by=rng.choice((SOPHIE, KARIM))))
        _, result = decisions(events, awards)
        assert all(b.spendable >= 0 for b in result.balances)
        assert all(left >= 0 for left in result.stock_left.values())


def test_points_earned_after_the_approval_do_not_pay_for_it():
    events = [request(LEA, 5, "cv", "2026-03-02T10:00"), approve(5, "2026-03-02T11:00")]
    found, _ = decisions(events, [earned(LEA, 30), earned(LEA, 30, at="2026-03-03T10:00")])
    assert found == {5: ("refused", "balance:30")}


def test_out_of_stock_and_unknown_items_are_refused():
    events = [
        request(LEA, 5, "conference", "2026-03-02T10:00"),
        request(HUGO, 6, "conference", "2026-03-02T10:01"),
        request(HUGO, 7, "licorne", "2026-03-02T10:02"),
        approve(5, "2026-03-02T11:00"),
        approve(6, "2026-03-02T11:01"),
        approve(7, "2026-03-02T11:02"),
    ]
    found, _ = decisions(events, [earned(LEA, 300), earned(HUGO, 300)])
    assert found == {5: ("approved", ""), 6: ("refused", "out_of_stock"), 7: ("refused", "unknown_item")}


def test_only_points_past_the_review_window_can_be_spent():
    events = [request(LEA, 5, "cv", "2026-03-02T10:00"), approve(5, "2026-03-02T11:00")]
    awards = [earned(LEA, 30, at="2026-02-20T10:00"), earned(LEA, 30, at="2026-03-01T10:00")]  # the second is pending
    window = dt.timedelta(days=3)
    result = book(SHOP, events, awards, MEMBERS, final_after=window)
    assert [(d.status, d.reason) for d in result.decisions] == [("refused", "balance:30")]
    now = dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)
    (balance,) = book(SHOP, events, awards, MEMBERS, final_after=window, now=now).balances
    assert (balance.earned, balance.final, balance.spent, balance.spendable) == (60, 30, 0, 30)
