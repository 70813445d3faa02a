"""KPIs of a programme over several repositories: issue and pull request numbers are per repository, so
two threads with the same number in two cohorts' repositories are two threads, never one."""

from __future__ import annotations

import datetime as dt
import re

from entraide.content.i18n import translator
from entraide.events.model import Event
from entraide.events.partitions import tagged
from entraide.kpis import build_history
from entraide.kpis.connections import connections
from entraide.kpis.mentors import mentors_view
from entraide.kpis.responsiveness import responsiveness
from entraide.site.kpi.mentors import WAITING_LISTED, _submission_link, _waiting_table
from kpi_fixtures import at, community, ev

COHORT_REPO = "entraide-web/cohorte-2"
elsewhere = tagged(COHORT_REPO)


def history(events: list[Event], as_of: dt.date, **kwargs):
    return build_history(community(**kwargs), events, as_of=as_of)


def test_a_reply_in_another_repository_does_not_answer_the_question_with_the_same_number():
    events = [
        ev("issue_opened", at("2026-01-05", "08:00"), "alice", 1, labels=["question"]),  # never answered
        elsewhere(ev("issue_opened", at("2026-01-05", "09:00"), "bruno", 1, labels=["question"])),
        elsewhere(ev("issue_comment", at("2026-01-05", "10:00"), "mona", 1, comment_id=7)),  # answers bruno's
    ]
    (month,) = responsiveness(history(events, dt.date(2026, 1, 31))).questions
    assert (month.opened, month.answered, month.median_hours) == (2, 1, 1.0)


def test_a_comment_in_another_repository_connects_its_author_with_that_threads_author_only():
    events = [
        ev("issue_opened", at("2026-01-05", "08:00"), "alice", 1),  # opened first, in the home repository
        elsewhere(ev("issue_opened", at("2026-01-05", "09:00"), "bruno", 1)),
        elsewhere(ev("issue_comment", "2026-01-06", "chloe", 1, comment_id=8)),  # chloe -> bruno, not alice
    ]
    report = connections(history(events, dt.date(2026, 1, 31)))
    assert [(e.a, e.b, e.weight) for e in report.edges] == [(2, 3, 1)]


def test_the_mentors_view_keeps_both_submissions_with_the_same_number_and_links_each_to_its_repository():
    events = [
        ev("pr_opened", at("2026-01-05", "00:00"), "alice", 20, "pull", challenge="html"),  # waits
        elsewhere(ev("pr_opened", at("2026-01-06", "00:00"), "bruno", 20, "pull", challenge="html")),
        ev("review_submitted", at("2026-01-07", "00:00"), "mona", 20, "pull", state="approved"),  # alice's only
    ]
    view = mentors_view(history(events, dt.date(2026, 1, 10)))
    assert [(w.repo, w.number, w.author_id) for w in view.waiting] == [(COHORT_REPO, 20, 2)]
    (waiting,) = view.waiting
    link = _submission_link(waiting, "entraide-web/communaute")
    assert link == f"[{COHORT_REPO}#20](https://github.com/{COHORT_REPO}/pull/20)"


def test_the_waiting_submissions_table_lists_the_oldest_and_counts_the_newer():
    """Bounded at thousands of members: WAITING_LISTED rows, oldest first, then « et N autres » and GitHub."""
    events = [
        ev(
            "pr_opened",
            at(f"2026-01-{1 + n // 24:02d}", f"{n % 24:02d}:00"),
            "alice",
            100 + n,
            "pull",
            challenge="html",
        )
        for n in range(WAITING_LISTED + 2)
    ]
    view = mentors_view(history(events, dt.date(2026, 1, 10)))
    home = community().model_copy(
        update={"rules": community().rules.model_copy(update={"repository": "entraide-web/communaute"})}
    )
    table = _waiting_table(view, home, tr=translator("fr"))
    listed = [int(n) for n in re.findall(r"\[#(\d+)\]", table)]
    assert listed == list(range(100, 100 + WAITING_LISTED))
    assert table.endswith(
        "… et 2 autres, en attente depuis moins longtemps. "
        "[Pull requests ouvertes sur GitHub](https://github.com/entraide-web/communaute/pulls)"
    )
    short = _waiting_table(mentors_view(history(events[:3], dt.date(2026, 1, 10))), home, tr=translator("fr"))
    assert "autre" not in short and len(re.findall(r"\[#(\d+)\]", short)) == 3
