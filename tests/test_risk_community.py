"""Risk on the community itself: timelines from the event store, outcomes of ended cohorts, the report."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from builders import challenge, community, ev, member
from entraide.content.i18n import translator
from entraide.content.loader import load_community
from entraide.content.models import Acceptance, ChallengeRule, Cohort
from entraide.demo.simulation import simulate
from entraide.insight import report, risk
from entraide.insight.community import assess, cohort_timelines, outcomes
from entraide.insight.evidence import action, evidence
from entraide.insight.features import features

FR = translator("fr")

COHORT = Cohort(id="c1", name="C1", start=dt.date(2026, 3, 2), end=dt.date(2026, 5, 29), required_challenges=("html",))
MENTOR = member("mia", 9, role="mentor", track="front")
ANA = member("ana", 1, cohort="c1", track="front", joined=dt.date(2026, 3, 2))
BOB = member("bob", 2, cohort="c1", track="front", joined=dt.date(2026, 3, 2))
# Ana's work is approved after the deadline: accepted late (for all its points) here, so that she completes.
LATE_ACCEPTED = Acceptance(default=ChallengeRule(late="accept", late_share=1.0))
SMALL = community(
    [MENTOR, ANA, BOB], [challenge("html", closes=dt.date(2026, 3, 20))], cohorts=(COHORT,), acceptance=LATE_ACCEPTED
)
EVENTS = (
    ev("pr_opened", "2026-03-10", ANA, 5, challenge="html", sha="a1"),
    ev("pr_head", "2026-03-10", ANA, 5, sha="a1"),
    ev("review_submitted", "2026-03-12", MENTOR, 5, state="changes_requested", commit_id="a1"),
    ev("discussion_created", "2026-03-14", BOB, 6, category="Q&A", title="Aide ?"),
    ev("discussion_comment", "2026-03-15", ANA, 6, comment_id=61, kudos=[], reply_to=None),
    ev("issue_comment", "2026-03-16", MENTOR, 6, subject_type="discussion", comment_id=62, kudos=[], reply_to=None),
    ev("review_submitted", "2026-03-25", MENTOR, 5, state="approved", commit_id="a1"),
)


def _by_key(day):
    return {t.key: t for t in cohort_timelines(SMALL, EVENTS, COHORT, day)}


def test_timelines_hold_only_facts_before_the_cutoff():
    early = _by_key(8)  # the morning of 10 March: the pull request of that day is not known yet
    assert early["ana"].submissions == () and early["ana"].activity == {}
    later = _by_key(20)
    assert later["ana"].submissions[0].changes_requested and later["ana"].submissions[0].score == 40.0
    assert _by_key(30)["ana"].submissions[0].score == 100.0  # the approval of day 23 is known by day 30


def test_missed_deadline_questions_peers_and_mentor_contact():
    rows = {k: features(t, 25) for k, t in _by_key(25).items()}
    assert rows["bob"]["missing"] == 1 and rows["ana"]["missing"] == 0
    assert rows["bob"]["questions_asked"] == 1 and rows["bob"]["peers"] == 2
    assert rows["ana"]["peers"] == 1  # answered bob


def test_outcome_is_completed_when_required_challenges_are_accepted():
    assert outcomes(SMALL, EVENTS, COHORT) == {"ana": False, "bob": True}


def test_without_an_ended_cohort_the_rules_speak():
    result = assess(SMALL, EVENTS, as_of=dt.date(2026, 3, 27))
    assert result.method == "rules" and result.trained_on == 0
    assert [r.key for r in result.risks] == ["bob", "ana"]
    assert "missed challenge deadlines" in result.risks[0].reasons


@pytest.fixture(scope="module")
def example():
    found = load_community(Path(__file__).resolve().parent.parent)
    return found, simulate(found, seed=2)


def test_ended_cohorts_train_the_model_for_the_running_one(example):
    found, events = example
    result = assess(found, events, as_of=dt.date(2026, 10, 12))
    running = {m.login for m in found.members if m.cohort == "automne-2026" and m.role.value == "learner"}
    assert result.method == "model" and result.trained_cohorts == ("printemps-2026",)
    assert result.validation["roc_auc"] >= risk.MIN_VALIDATION_AUC  # it validates, so it ranks
    assert all(r.method == "model" for r in result.risks)
    assert {r.key for r in result.risks} == running and len(result.risks) == len(running)
    assert [r.probability for r in result.risks] == sorted((r.probability for r in result.risks), reverse=True)


def test_evidence_is_concrete_dated_and_in_french():
    bob = evidence(BOB, SMALL, EVENTS, COHORT, dt.date(2026, 3, 27))
    assert [line.text for line in bob] == [
        "1 défi(s) obligatoire(s) dû(s), aucun rendu (html)",
        "aucune activité depuis le 14 mars",
    ]
    assert "date" in action(bob, tr=FR)  # the first fact decides the action: set a date for the challenge
    asked = evidence(BOB, SMALL, EVENTS, COHORT, dt.date(2026, 3, 15))  # ana answers on the 15th: not yet known
    assert "sa question du 14 mars est restée sans réponse" in [line.text for line in asked]
    assert "répondre à sa question" in action(asked, tr=FR)
    ana = evidence(ANA, SMALL, EVENTS, COHORT, dt.date(2026, 3, 20))
    assert [line.text for line in ana] == ["changements demandés le 12 mars, pas de nouvelle version depuis"]


@pytest.fixture(scope="module")
def example_report():
    return report.report_text(Path(__file__).resolve().parent.parent, as_of=dt.date(2026, 10, 15))[1]


def test_a_model_that_does_not_beat_chance_on_the_earlier_cohort_gives_way_to_the_rules(example_report):
    auc = re.search(r"AUC (\d\.\d\d) ; score de Brier", example_report)
    assert auc and float(auc.group(1)) < risk.MIN_VALIDATION_AUC  # the example's spring cohort: no better than chance
    assert "Méthode : règles transparentes. Le modèle appris sur 15 apprenant·es" in example_report
    assert "ne fait pas mieux que le hasard" in example_report and "seuil 0.60" in example_report
    assert "Règles appliquées : échéances manquées (+30), aucune activité depuis deux semaines (+25)" in example_report
    assert "| apprenant·e | score des règles |" in example_report


@pytest.mark.parametrize("auc,validates", [(None, False), (0.44, False), (0.5999, False), (0.6, True), (0.9, True)])
def test_the_model_ranks_only_above_the_stated_threshold(auc, validates):
    assert risk.MIN_VALIDATION_AUC == 0.60
    assert risk.validates({"roc_auc": auc, "scored": 15}) is validates
    assert not risk.validates(None)


def test_report_on_the_example_names_a_short_list_with_evidence_and_its_validation(example_report):
    text = example_report
    assert "Cohorte en cours : Automne 2026 (2026-09-07 → 2026-11-27), jour 38." in text
    assert "Validation sur les cohortes terminées (validation croisée" in text and "printemps-2026" in text
    assert "## Liste courte : 3 apprenant·e(s) sur 15 (capacité : 15 % de 15 apprenant·es, soit 3)" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and " % |" in line]
    assert len(rows) == 3
    for row in rows:  # each with at least one dated fact and an action
        assert re.search(r"défi|aucune activité depuis le \d|sa question du \d|pull request du \d", row)
    assert "rien rendu en avance" not in text


def test_capacity_is_configurable(example):
    found, events = example
    assessed = assess(found, events, as_of=dt.date(2026, 10, 12))
    names = {m.login: m.name for m in found.members}
    assert len(report.shortlist(assessed, report.Capacity(count=1))) == 1
    above = report.shortlist(assessed, report.Capacity(threshold=0.99))
    assert all(r.probability >= 0.99 for r in above)
    text = report.render(assessed, names=names, capacity=report.Capacity(count=2))
    assert "capacité : 2 personne(s) au plus" in text


def test_outside_every_cohort_the_report_says_so_and_which_dates_work(example):
    found, events = example
    text = report.render(assess(found, events, as_of=dt.date(2026, 7, 1)), names={})
    assert "Le 2026-07-01 ne tombe dans aucune cohorte" in text
    assert "du 2026-03-02 au 2026-06-12 (Printemps 2026) ; du 2026-09-07 au 2026-11-27 (Automne 2026)" in text
