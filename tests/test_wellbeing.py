"""The anonymous well-being pulse (issue 16 item 7): only groups of 5 answers or more are ever aggregated or
shown, no answer keeps its author, and the mentors' alert follows the stated rule, filed once, privately."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from builders import community, member
from entraide.bot.carepull import read_pulse
from entraide.content.care import WellbeingRules
from entraide.content.models import Cohort, Privacy
from entraide.events.pulsefile import PulseAnswer, PulseGroup
from entraide.kpis.pulse import aggregate, alerts
from entraide.site.pages.care import wellbeing_page
from entraide_cmd import run as run_command

REPO = Path(__file__).resolve().parent.parent
AUTUMN = Cohort(id="automne", name="Automne", start=dt.date(2026, 9, 7), end=dt.date(2026, 11, 27))
RULES = community([member("a", 1)], cohorts=(AUTUMN,)).rules


def answers(week: str, *scores: int, cohort: str = "automne") -> tuple[PulseAnswer, ...]:
    return tuple(PulseAnswer(cohort=cohort, week=week, score=s) for s in scores)


def test_groups_under_five_answers_are_not_aggregated_at_all():
    found = aggregate(answers("2026-W40", 4, 4, 5, 3) + answers("2026-W41", 4, 4, 5, 3, 2), rules=RULES)
    assert [(g.week, g.answers, g.mean, g.counts) for g in found] == [("2026-W41", 5, 3.6, (0, 1, 1, 2, 1))]


def test_the_floor_is_never_below_five_and_follows_a_higher_privacy_floor():
    with pytest.raises(ValidationError):
        WellbeingRules(min_answers=3)
    strict = RULES.model_copy(update={"privacy": Privacy(min_group_size=8)})
    assert aggregate(answers("2026-W41", *[4] * 7), rules=strict) == ()
    assert len(aggregate(answers("2026-W41", *[4] * 8), rules=strict)) == 1


@pytest.mark.parametrize(
    ("means", "alerted"),
    [
        ([(4, 4, 4, 4, 4), (4, 4, 4, 4, 3)], False),  # 4.0 -> 3.8: a small dip
        ([(4, 4, 4, 4, 4), (4, 3, 3, 4, 3)], True),  # 4.0 -> 3.4: fell by 0.6 >= 0.5
        ([(3, 3, 2, 3, 3)], True),  # 2.8 < 3.0 on its first pulse
    ],
)
def test_the_alert_rule_drop_or_below(means, alerted):
    weeks = [answers(f"2026-W{40 + i}", *scores) for i, scores in enumerate(means)]
    found = alerts(aggregate(sum(weeks, ()), rules=RULES), rules=RULES)
    assert bool(found) is alerted


def issue(number: int, login: str, score: str, *, day: str = "2026-10-05", cohort: str = "Automne") -> dict:
    body = f"### Cohorte\n\n{cohort}\n\n### Comment allez-vous ?\n\n{score}\n"
    return {"number": number, "user": {"login": login}, "body": body, "created_at": f"{day}T09:00:00Z"}


def test_reading_forgets_the_author_and_keeps_one_answer_per_person_and_week():
    items = [issue(1, "ana", "2 - Bof"), issue(2, "ana", "4 - Bien", day="2026-10-06"), issue(3, "ben", "5")]
    items.append(issue(4, "ana", "3", day="2026-10-13"))  # the next week counts again
    items.append(issue(5, "eve", "9"))  # not a score
    found = read_pulse(items, rules=RULES)
    assert [(a.week, a.score) for a in found] == [("2026-W41", 4), ("2026-W41", 5), ("2026-W42", 3)]
    assert "ana" not in json.dumps([a.model_dump() for a in found])


def test_the_page_shows_no_group_under_the_floor_even_if_the_file_holds_one():
    from entraide.site.build import context_for

    ctx = context_for(REPO)
    tampered = (
        *ctx.pulse,
        PulseGroup(cohort="automne-2026", week="2026-W47", answers=3, mean=1.0, counts=(3, 0, 0, 0, 0)),
    )
    page = wellbeing_page(ctx.__class__(**{**ctx.__dict__, "pulse": tampered}))
    assert "2026-W46" in page and "2026-W47" not in page
    assert "filsantejeunes" in page  # the resources


def test_the_example_publishes_aggregates_only_and_hides_the_small_cohort():
    published = json.loads((REPO / "data" / "pulse.json").read_text(encoding="utf-8"))
    assert published and all(g["answers"] >= 5 for g in published)
    assert all(set(g) == {"cohort", "week", "answers", "mean", "counts"} for g in published)
    raw = json.loads((REPO / "tests" / "fixtures" / "care" / "pulse-answers.json").read_text(encoding="utf-8"))
    assert any(a["cohort"] == "printemps-2026" for a in raw)
    assert not any(g["cohort"] == "printemps-2026" for g in published)  # 3 answers: hidden


@pytest.fixture
def root(tmp_path) -> Path:
    for name in ("members", "challenges"):
        shutil.copytree(REPO / name, tmp_path / name)
    text = (REPO / "entraide.yml").read_text(encoding="utf-8")
    (tmp_path / "entraide.yml").write_text(text + "\nmentors_repository: octo-org/entraide\n", encoding="utf-8")
    (tmp_path / "private").mkdir()
    shutil.copy(REPO / "tests" / "fixtures" / "care" / "pulse-answers.json", tmp_path / "private" / "pulse.json")
    return tmp_path


def pulse(root: Path, fake) -> int:
    return run_command("entraide.cli.care", ["--root", str(root), "care", "pulse", "--post", "--api-url", fake.url])


def test_a_falling_pulse_files_one_alert_in_the_private_repository(root, github_env, capsys):
    github_env.repo.private = True
    for _ in range(2):
        assert pulse(root, github_env) == 0
    filed = [i for i in github_env.repo.issues.values() if "pulse-alert" in i.labels]
    assert len(filed) == 1 and "Automne 2026" in filed[0].body and "sous le seuil" in filed[0].body
    assert (root / "data" / "pulse.json").read_bytes() == (REPO / "data" / "pulse.json").read_bytes()
    assert "already filed" in capsys.readouterr().out


def test_a_public_repository_gets_no_alert(root, github_env, capsys):
    assert pulse(root, github_env) == 2
    assert not [i for i in github_env.repo.issues.values() if "pulse-alert" in i.labels]
    assert "is not private" in capsys.readouterr().err
