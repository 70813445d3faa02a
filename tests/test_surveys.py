"""Feedback forms and pulse surveys."""

import datetime as dt

import pytest

from entraide.content.models import Cohort, Surveys
from entraide.events.surveys import parse_issue_form, pulse_dates, pulses_due, rating

BODY = """### Note globale

4 - Satisfait·e

### Qu'est-ce qui vous aide le plus ?

Les revues de code <script>alert(1)</script>

### Autre chose ?

_No response_
"""


def test_issue_form_fields_are_read_by_label():
    fields = parse_issue_form(BODY)
    assert fields["Qu'est-ce qui vous aide le plus ?"].startswith("Les revues")
    assert fields["Autre chose ?"] == ""
    assert rating(fields) == 4


@pytest.mark.parametrize(
    "answer, expected",
    [
        ("5", 5),
        ("1 - Pas du tout satisfait·e", 1),
        ("3 (moyen)", 3),
        ("", None),
        ("10", None),
        ("six", None),
        ("0", None),
        ("4/5", 4),
    ],
)
def test_rating_accepts_only_one_to_five(answer, expected):
    assert rating({"Rating": answer}) == expected


def test_no_body_no_fields():
    assert parse_issue_form(None) == {} and rating({}) is None


COHORT = Cohort(id="printemps-2026", name="Printemps", start=dt.date(2026, 3, 4), end=dt.date(2026, 4, 30))


def test_pulse_weeks_inside_the_cohort_only():
    dates = pulse_dates(COHORT, Surveys(pulse_weeks=(2, 6, 10)))
    assert dates == ((2, dt.date(2026, 3, 9)), (6, dt.date(2026, 4, 6)))


def test_pulses_due_are_opened_once():
    surveys = Surveys(pulse_weeks=(2, 6))
    assert pulses_due((COHORT,), surveys, today=dt.date(2026, 3, 10), already_opened=frozenset()) == (
        "printemps-2026-semaine-2",
    )
    assert pulses_due(
        (COHORT,), surveys, today=dt.date(2026, 4, 7), already_opened=frozenset({"printemps-2026-semaine-2"})
    ) == ("printemps-2026-semaine-6",)
