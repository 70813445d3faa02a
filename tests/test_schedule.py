"""Scheduled publication: a page or story with a future `publish:` date is absent from the site (page,
feeds, search, sitemap) until that day, then present, with no manual step: the example community is
built at two dates with the real `mkdocs build --strict` (ENTRAIDE_BUILD_DATE stands for the scheduled
build's day); the publish workflow runs on a schedule, so the first build of the day publishes it."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from entraide.content.errors import UserError
from entraide.site.schedule import BUILD_DAY_VARIABLE, build_day, held_back
from sitekit import REPO, build_site

STORY = "temoignages/2026/12/07/chloe-de-la-comptabilite-au-front-end/index.html"


@pytest.mark.parametrize(
    ("today", "held"),
    [
        (dt.date(2026, 12, 6), {"a.md": dt.date(2026, 12, 7)}),
        (dt.date(2026, 12, 7), {}),
        (dt.date(2026, 12, 8), {}),
    ],
)
def test_a_page_waits_for_its_day(today, held):
    docs = {
        "a.md": "---\npublish: 2026-12-07\n---\n# A\n",
        "b.md": "# B, no front matter\n",
        "c.md": "---\ntitle: C\n---\n",
    }
    assert held_back(docs, today=today) == held


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("---\ntitle: x\npublish: demain\n---\n", 3, "publish: expected a date YYYY-MM-DD, got 'demain'"),
        ("---\npublish: 2026-13-45\n---\n", 2, "publish: expected a date YYYY-MM-DD, got '2026-13-45'"),
    ],
)
def test_a_bad_date_names_the_file_and_line(text, line, expected):
    with pytest.raises(UserError) as raised:
        held_back({"guide/x.md": text}, today=dt.date(2026, 12, 1))
    (problem,) = raised.value.problems
    assert str(problem) == f"docs/guide/x.md:{line}: {expected}"


def test_the_build_day_is_the_clock_s_utc_day_unless_set():
    late = dt.datetime(2026, 12, 6, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert build_day(None, clock=late) == dt.date(2026, 12, 7)
    assert build_day("2026-12-01", clock=late) == dt.date(2026, 12, 1)
    with pytest.raises(UserError):
        build_day("lundi", clock=late)


def test_the_publish_workflow_builds_on_a_schedule_every_few_hours():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    (schedule,) = workflow[True]["schedule"]  # YAML reads `on:` as True
    hours = schedule["cron"].split()[1]
    assert hours.startswith("*/") and int(hours[2:]) <= 6


@pytest.fixture(scope="module")
def two_days(tmp_path_factory):
    built = {}
    for day in ("2026-12-06", "2026-12-07"):
        out = tmp_path_factory.mktemp(f"site-{day}") / "site"
        build_site(REPO, out, env={BUILD_DAY_VARIABLE: day})
        built[day] = out
    return built


def test_the_story_appears_on_its_day_and_not_before(two_days):
    before, on = two_days["2026-12-06"], two_days["2026-12-07"]
    assert not (before / STORY).exists() and (on / STORY).exists()
    for name in ("flux-temoignages.xml", "sitemap.xml", "search/search_index.json"):
        assert "chloe-de-la-comptabilite" not in (before / name).read_text(encoding="utf-8"), name
        assert "chloe-de-la-comptabilite" in (on / name).read_text(encoding="utf-8"), name
    assert "Chloé : de la comptabilité" in (on / STORY).read_text(encoding="utf-8")


@pytest.mark.parametrize(("day", "present"), [("2026-12-06", False), ("2026-12-07", True)])
def test_the_docs_staged_for_another_generator_hold_back_scheduled_pages(tmp_path, monkeypatch, day, present):
    from entraide_cmd import run as run_command

    monkeypatch.setenv(BUILD_DAY_VARIABLE, day)
    out = tmp_path / "stage"
    assert run_command("entraide.cli.pages", ["--root", str(REPO), "pages", "--out", str(out), "--with-docs"]) == 0
    assert (out / "temoignages" / "posts" / "chloe.md").exists() is present
    assert (out / "temoignages" / "posts" / "lucas.md").exists()
