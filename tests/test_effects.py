"""« Ce qui aide »: exposures and outcomes read from events, the adjusted estimate and its interval, the
privacy rules, the settings in entraide.yml, and the estimator checked on simulated communities whose
true effect is known (the full 50-community table is `entraide effects validate`, in docs/maintainers.md)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from entraide.content.models import EffectRules, Exposure, Outcome
from entraide.demo import truth as known
from entraide.demo.history import Truth
from entraide.demo.simulation import simulate
from entraide.demo.validation import OUTCOME, community_for, exposure_of, validate
from entraide.kpis import compute_all
from entraide.kpis.effects import rows
from entraide.kpis.estimate import adjusted, estimate
from entraide.kpis.history import build_history
from entraide.kpis.public import public_report
from entraide_cmd import run as run_command
from kpi_fixtures import COHORT, PEOPLE, at, community, ev, member

REPO = Path(__file__).resolve().parents[1]
RULES = EffectRules(
    exposures=(
        Exposure(id="pair", label="Pair", kind="peer_help", days=7),
        Exposure(id="rapide", label="Rapide", kind="quick_answer", days=7, hours=24),
        Exposure(id="merci", label="Merci", kind="kudos_received", days=7),
    ),
    outcomes=(Outcome(id="actif", label="Actif", kind="active_from_week", week=3),),
    min_learners=2,
)


def tiny():
    base = community()
    return base.model_copy(update={"rules": base.rules.model_copy(update={"effects": RULES})})


def test_exposures_and_outcomes_are_read_from_the_events():
    events = [
        ev("issue_opened", "2026-01-06", "alice", 1, labels=["question"]),  # answered by a peer in 3 h
        ev("issue_comment", at("2026-01-06", "15:00"), "bruno", 1, comment_id=11),
        ev("issue_opened", "2026-01-07", "chloe", 2, labels=["question"]),  # a mentor answers after 30 h
        ev("issue_comment", at("2026-01-08", "18:00"), "mona", 2, comment_id=12),
        ev("issue_comment", "2026-01-08", "chloe", 1, comment_id=13, kudos=[{"login": "Bruno", "reason": "x"}]),
        ev("issue_comment", "2026-01-20", "alice", 2, comment_id=14),  # week 3: alice is still active
        ev("issue_opened", "2026-01-20", "bruno", 3, labels=["question"]),  # after the window: not early
    ]
    history = build_history(tiny(), events, as_of=dt.date(2026, 2, 1))
    table = [(r.early, r.exposed, r.outcomes[("pair", "actif")]) for r in rows(history, ledger=None)]
    assert table == [  # the learners of the cohort, by id: alice, bruno, chloe (dan has no cohort)
        (1, {"pair": True, "rapide": True, "merci": False}, 1.0),
        (0, {"pair": False, "rapide": None, "merci": True}, 1.0),  # thanked; asked only in week 3
        (1, {"pair": False, "rapide": False, "merci": False}, 0.0),  # a mentor answered, after 30 h
    ]


def test_an_outcome_not_observable_yet_and_a_window_not_over_are_left_out():
    history = build_history(tiny(), [ev("issue_opened", "2026-01-06", "alice", 1)], as_of=dt.date(2026, 1, 9))
    assert all(r.exposed["pair"] is None and r.outcomes[("pair", "actif")] is None for r in rows(history, ledger=None))


def test_the_estimate_compares_within_strata_and_its_interval_is_seeded():
    # Stratum 0: exposed 1/2 vs 0/4 -> +0.5; stratum 1: exposed 4/4 vs 1/2 -> +0.5. Keen learners (stratum 1)
    # are exposed more and do better anyway: the raw difference is larger than the adjusted one.
    treated = np.array([1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0], dtype=float)
    values = np.array([1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0], dtype=float)
    strata = np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1])
    rules = EffectRules(min_learners=10, resamples=500, seed=7)
    assert adjusted(treated, values, strata) == pytest.approx(0.5)
    first = estimate(treated, values, strata, rules=rules, names=("x", "y"))
    again = estimate(treated, values, strata, rules=rules, names=("x", "y"))
    assert first == again and first.status == "ok"
    assert first.low < first.difference < first.high
    assert first.naive == pytest.approx(5 / 6 - 1 / 6)
    assert (
        estimate(treated, values, strata, rules=rules.model_copy(update={"min_learners": 13}), names=("x", "y")).status
        == "too_few"
    )


@pytest.mark.parametrize(("learners", "resamples", "strata_count"), [(60, 1000, 4), (237, 450, 7), (25, 200, 2)])
def test_the_bootstrap_draws_are_scipys_bit_for_bit(learners, resamples, strata_count):
    """The interval's draws are computed here a few resamples at a time (a million events' learners would
    take 100s of MB per batch through scipy): the same numbers scipy.stats.bootstrap gives, to the last bit,
    for 0/1 outcomes and for means of ratings, whatever the strata a batch happens to draw."""
    from scipy import stats

    from entraide.kpis.bootstrap import bootstrap_draws, cells_of
    from entraide.kpis.estimate import _by_cells

    rng = np.random.default_rng(learners)
    strata = rng.integers(0, strata_count, size=learners)
    treated = (rng.random(learners) < 0.4).astype(float)
    for values in (
        (rng.random(learners) < 0.5).astype(float),
        rng.integers(1, 6, size=learners) / rng.integers(1, 4, size=learners),
    ):
        cells = cells_of(treated, strata)
        reference = stats.bootstrap(
            (cells, values),
            _by_cells,
            paired=True,
            vectorized=True,
            n_resamples=resamples,
            batch=200,
            method="percentile",
            rng=np.random.default_rng(2026),
        ).bootstrap_distribution
        ours = bootstrap_draws(cells, values, resamples=resamples, seed=2026)
        assert ours.tobytes() == np.asarray(reference, dtype=float).tobytes()


def test_comparisons_resampled_together_get_the_draws_each_would_get_alone_from_scipy():
    """« Ce qui aide » resamples its comparisons together (positions drawn once per size, whole outcomes
    counted through one joint code): each still gets scipy's draws to the last bit."""
    from scipy import stats

    from entraide.kpis.bootstrap import cells_of, draws_of_each
    from entraide.kpis.estimate import _by_cells

    rng = np.random.default_rng(11)
    samples = []
    for learners, strata_count in ((90, 3), (90, 5), (90, 2), (40, 4), (90, 3)):
        strata = rng.integers(0, strata_count, size=learners)
        treated = (rng.random(learners) < 0.5).astype(float)
        values = [
            (rng.random(learners) < 0.4).astype(float),
            rng.integers(1, 6, size=learners).astype(float),
            rng.integers(1, 6, size=learners) / rng.integers(1, 4, size=learners),
        ][len(samples) % 3]
        samples.append((cells_of(treated, strata), values))
    together = draws_of_each(samples, resamples=450, seed=7)
    for (cells, values), ours in zip(samples, together):
        reference = stats.bootstrap(
            (cells, values),
            _by_cells,
            paired=True,
            vectorized=True,
            n_resamples=450,
            batch=200,
            method="percentile",
            rng=np.random.default_rng(7),
        ).bootstrap_distribution
        assert ours.tobytes() == np.asarray(reference, dtype=float).tobytes()


def test_the_adjusted_difference_is_the_exposures_coefficient_in_a_least_squares_fit_with_strata():
    """The weights are those of scikit-learn's regression of the outcome on the exposure and one indicator
    per stratum: a stratum where nearly everyone is exposed weighs little (it says little)."""
    from sklearn.linear_model import LinearRegression

    rng = np.random.default_rng(5)
    strata = rng.integers(0, 3, size=200)
    treated = (rng.random(200) < np.array([0.1, 0.4, 0.9])[strata]).astype(float)
    values = (rng.random(200) < 0.3 + 0.2 * strata + 0.1 * treated).astype(float)
    design = np.column_stack([treated, np.eye(3)[strata]])
    fit = LinearRegression(fit_intercept=False).fit(design, values)
    assert adjusted(treated, values, strata) == pytest.approx(fit.coef_[0])


def test_a_late_joiners_window_running_into_the_weeks_measured_leaves_them_out():
    """Week 3 starts on 19 January: alice's 7-day window from 14 January ends after it, bruno's does not."""
    people = [member("alice", joined=dt.date(2026, 1, 14)), member("bruno")]
    base = community(members=people)
    base = base.model_copy(update={"rules": base.rules.model_copy(update={"effects": RULES})})
    events = [ev("issue_comment", "2026-01-20", login, 1, comment_id=n) for n, login in enumerate(PEOPLE) if n < 2]
    history = build_history(base, events, as_of=dt.date(2026, 2, 1))
    assert [r.outcomes[("pair", "actif")] for r in rows(history, ledger=None)] == [None, 1.0]


def test_small_groups_are_hidden_and_no_one_is_named():
    people = [member(login) for login in ("alice", "bruno", "chloe")]
    events = [ev("issue_opened", "2026-01-06", "alice", 1), ev("issue_comment", "2026-01-06", "bruno", 1, comment_id=1)]
    base = community(min_group=5, members=people)
    base = base.model_copy(update={"rules": base.rules.model_copy(update={"effects": RULES})})
    public = public_report(compute_all(base, events, as_of=COHORT.end + dt.timedelta(days=1)))
    assert public.effects and all(row.difference is None for row in public.effects)
    assert all(row.exposed in (0, "<5") and row.unexposed in (0, "<5") for row in public.effects)
    assert not any(name in public.as_json().lower() for name in PEOPLE)


def test_a_mistake_in_the_effects_settings_names_the_line(tmp_path):
    root = tmp_path / "community"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".venv", ".git", "site", "node_modules", "tests"))
    with (root / "entraide.yml").open("a", encoding="utf-8") as rules:
        rules.write("\neffects:\n  exposures:\n    - id: binome\n      label: Binôme\n      kind: buddy\n")
    result = subprocess.run(
        [sys.executable, "-m", "entraide", "--root", str(root), "check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    line = len((REPO / "entraide.yml").read_text(encoding="utf-8").splitlines()) + 6
    assert f"entraide.yml, ligne {line}, champ « effects.exposures[0].kind » :" in result.stderr  # French example
    assert "peer_help" in result.stderr


@pytest.mark.parametrize("kind", known.KINDS)
def test_the_simulators_truth_is_what_the_event_store_shows(kind):
    """For each exposure's knob, exposure and outcome read back from the simulated events are exactly the
    ones the knob drew (a knob the simulator ignored would leave the store's exposures to chance)."""
    drawn = {}
    draw = known.draw_fate

    def spy(history, learner, opened, *, cohort):
        fate = draw(history, learner, opened, cohort=cohort)
        drawn[learner.member.id] = (min(opened, known.BUCKETS), *fate)
        return fate

    members = community_for(11, members=120)
    exposure = exposure_of(members, kind)
    known.draw_fate = spy
    try:
        truth = Truth(effect=0.2, confounding=1.0, exposure=kind, window=exposure.days)
        events = simulate(members, seed=11, known=truth)
    finally:
        known.draw_fate = draw
    history = build_history(members, events, as_of=members.rules.cohorts[0].end)
    ids = sorted(m.id for m in history.members.values() if m.role.value == "learner")
    seen = {
        i: (r.early, r.exposed[exposure.id], bool(r.outcomes[(exposure.id, OUTCOME)]))
        for i, r in zip(ids, rows(history, ledger=None))
    }
    assert seen == drawn and len(seen) == 110
    assert 0.2 < sum(exposed for _, exposed, _ in drawn.values()) / len(drawn) < 0.6  # both groups are there


def test_under_confounding_the_naive_comparison_is_biased_and_the_adjusted_one_is_not():
    """A few communities only (the report's table runs 50 per setting)."""
    (summary,) = validate(communities=6, members=300, seed=424242, settings=[("confusion", Truth(0.10, 1.0))])
    _, adjusted_bias, adjusted_cover, _ = summary.figures("adjusted")
    _, naive_bias, _, _ = summary.figures("naive")
    assert naive_bias > 0.08  # keen starters get a peer more often and stay more anyway
    assert abs(adjusted_bias) < naive_bias / 2
    assert adjusted_cover >= 4 / 6


def test_the_validate_command_tables_the_exposure_asked_for(capsys):
    """`entraide effects validate --exposure kudos_received`: its rows, named by the exposure's id."""
    assert (
        run_command(
            "entraide.cli.effects",
            ["effects", "validate", "--communities", "1", "--members", "40", "--exposure", "kudos_received"],
        )
        == 0
    )
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| kudos-premier-mois |")]
    assert len(rows) == 3 and "| aucun effet, confusion | +0.0 pts |" in rows[2]
    with pytest.raises(SystemExit) as exit_:
        run_command("entraide.cli.effects", ["effects", "validate", "--exposure", "buddy"])
    assert exit_.value.code == 2


def test_the_default_labels_follow_the_community_s_language_and_a_written_label_wins():
    from entraide.content.effects import DEFAULT_EXPOSURES, DEFAULT_OUTCOMES, label_of
    from entraide.content.i18n import translator

    fr, en = translator("fr"), translator("en")
    assert [label_of(x, fr) for x in DEFAULT_EXPOSURES] == [
        "Pair actif les 2 premières semaines",
        "Question répondue en 24 h",
        "Kudos reçus le 1er mois",
        "Atelier les 6 premières semaines",
    ]
    assert [label_of(o, en) for o in DEFAULT_OUTCOMES] == [
        "Still active in week 8",
        "Required challenges passed",
        "Satisfaction (score out of 5)",
    ]
    assert label_of(Exposure(id="pair-actif", label="Un pair", kind="peer_help"), en) == "Un pair"
    assert label_of(Exposure(id="mon-expo", kind="kudos_received"), fr) == "mon-expo"  # no default: its id
