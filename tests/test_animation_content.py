"""animation/ is read like every file people edit: strict YAML, every problem named with file:line and
field, exit status 2 from `entraide check`, no traceback. And the example community exercises every part:
calendar entries, prompts with participation, a closed contest with winners, a reward request approved
and one refused, all on the pages the site generates."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from entraide.content.animation import load_animation
from entraide.content.errors import UserError
from entraide.content.loader import load_community
from entraide.kpis.prompts import participation
from entraide.site import build as site
from sitekit import REPO

CASES = [
    (
        "calendar.yml",
        "entries:\n  - id: a\n    date: 2026-12-01\n    kind: blog\n    title: T\n    owner: sophie-lefevre\n",
        "animation/calendar.yml:4: entries[0].kind:",
    ),
    (
        "calendar.yml",
        "entries:\n  - id: a\n    date: 2026-12-01\n    kind: video\n    title: T\n    owner: personne\n",
        "animation/calendar.yml:6: entries[0].owner: 'personne' has no file in members/",
    ),
    (
        "prompts.yml",
        "prompts:\n  - id: a\n    title: T\n    body: B\n    track: design\n",
        "animation/prompts.yml:5: prompts[0].track: unknown track 'design'",
    ),
    (
        "contests.yml",
        "contests:\n  - id: c\n    title: T\n    start: 2026-12-01\n    end: 2026-12-31\n    counts: [review, likes]\n",
        "animation/contests.yml:6: contests[0].counts[1]: unknown action 'likes'",
    ),
    (
        "rewards.yml",
        "approvers: [lea-petit]\nitems:\n  - id: a\n    name: A\n    cost: -5\n    stock: 1\n",
        "animation/rewards.yml:5: items[0].cost:",
    ),
    (
        "rewards.yml",
        "approvers: [lea-petit]\nitems: []\n",
        "animation/rewards.yml:1: approvers[0]: 'lea-petit' is not a mentor",
    ),
    (
        "contests.yml",
        "contests:\n  - id: c\n    title: T\n    start: 2026-12-01\n    start: 2026-12-02\n",
        "animation/contests.yml:5: contests[0].start: duplicate key 'start'",
    ),
    (
        "calendar.yml",
        "entries:\n  - id: a\n    date: 2026-12-01\n    kind: story\n    title: T\n    owner: sophie-lefevre\n"
        "    page: ../../etc/passwd\n",
        "animation/calendar.yml:7: entries[0].page: '../../etc/passwd' is no Markdown page under docs/",
    ),
]


@pytest.fixture(scope="module")
def community():
    return load_community(REPO)


@pytest.mark.parametrize(("name", "text", "expected"), CASES)
def test_a_mistake_is_named_with_file_line_and_field(tmp_path, community, name, text, expected):
    (tmp_path / "animation").mkdir()
    (tmp_path / "animation" / name).write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as raised:
        load_animation(tmp_path, community)
    assert expected in str(raised.value.problems[0])


def test_check_exits_2_without_a_traceback(tmp_path):
    root = tmp_path / "community"
    root.mkdir()
    for part in ("entraide.yml", "members", "challenges"):
        source = REPO / part
        shutil.copytree(source, root / part) if source.is_dir() else shutil.copy(source, root / part)
    (root / "animation").mkdir()
    (root / "animation" / "calendar.yml").write_text(CASES[0][1], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "entraide", "--root", str(root), "check"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(  # the example community is French
        "erreur : animation/calendar.yml, ligne 4, champ « entries[0].kind » : doit être l'un de : article"
    )


@pytest.fixture(scope="module")
def example():
    ctx = site.context_for(REPO)
    return ctx, site.generate(ctx)


def test_the_example_calendar_lists_every_kind_by_week(example):
    ctx, pages = example
    calendar = pages["animation/calendrier.md"]
    assert {e.kind.value for e in ctx.animation.calendar.entries} >= {
        "article",
        "video",
        "podcast",
        "qa",
        "challenge",
        "story",
    }
    assert "## Semaine du 7 décembre 2026" in calendar and "Témoignage" in calendar
    assert "Questions de la semaine" in calendar


def test_the_example_prompts_have_answers_counted_as_a_kpi(example):
    ctx, _ = example
    kpi = participation(ctx.animation.prompts, ctx.events, ctx.community.members)
    assert len(kpi.prompts) == 3 and all(p.answers == 3 for p in kpi.prompts)
    assert 0 < kpi.learners_answering < kpi.learners


def test_the_example_has_a_closed_contest_with_winners_and_prizes(example):
    _, pages = example
    contest = pages["concours/relecteurs-octobre.md"]
    assert "## Gagnant·es" in contest and "terminé" in contest and "Une certification" in contest
    assert "profil privé" in contest  # a private winner is counted, not named


def test_the_example_shop_has_a_request_approved_and_one_refused(example):
    _, pages = example
    shop = pages["boutique/index.md"]
    assert "approuvée (−80 points)" in shop and "refusée : solde insuffisant" in shop
    assert "refusée : demande en double de #276" in shop
    assert '"points": -80' in pages["api/ledger.json"] and "Récompenses échangées" in pages["membres/lucas-bernard.md"]


def test_the_example_animation_files_load(community):
    animation = load_animation(REPO, community)
    assert animation.shop is not None and len(animation.contests.contests) == 2
    assert Path(REPO / ".github" / "ISSUE_TEMPLATE" / "8-recompense.yml").exists()
