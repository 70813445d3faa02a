"""KPI pages: every indicator has its page, chart and table; numbers agree; nobody private is named."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from entraide.cli import main
from entraide.content.i18n import translator
from entraide.insight.nextsteps import read_pages
from entraide.site.build import SiteContext
from entraide.site.kpi.pages import pages
from kpi_fixtures import community, ev, member
from test_kpis import COHORT_EVENTS, COHORT_LEDGER, CONNECTION_EVENTS, QUESTIONS, SUBMISSIONS

REPO = Path(__file__).resolve().parents[1]
NS = {"svg": "http://www.w3.org/2000/svg"}
PAGES = ("engagement", "participation", "retention", "reussite", "satisfaction", "reactivite", "connexions", "mentors")
EVENTS = tuple(COHORT_EVENTS + QUESTIONS + SUBMISSIONS + CONNECTION_EVENTS) + tuple(
    ev("issue_opened", "2026-01-20", who, form="feedback", rating=r)
    for who, r in (("alice", 5), ("bruno", 4), ("chloe", 2), ("dan", 4), ("mona", 5))
)


def render(min_group=2, as_of=dt.date(2026, 2, 10), people=None):
    ctx = SiteContext(
        community=community(min_group=min_group, members=people),
        events=EVENTS,
        ledger=COHORT_LEDGER,
        as_of=as_of,
        docs=read_pages(REPO),
        tr=translator("fr"),
    )
    return pages(ctx)


def test_every_indicator_has_a_page_with_definition_chart_and_table():
    out = render()
    assert "kpi/index.md" in out and "api/kpis.json" in out
    for name in PAGES:
        page = out[f"kpi/{name}.md"]
        assert '!!! info "Définition"' in page and "| --- |" not in page and "|---" in page
        for svg in re.findall(r"\]\(([\w-]+)\.svg#only-(?:light|dark)\)", page):
            ET.fromstring(out[f"kpi/{svg}.svg"])  # well-formed, the light chart and its dark twin
        assert re.search(rf"\]\({name}\.svg#only-light\)", page), name
        assert re.search(rf"\]\({name}-sombre\.svg#only-dark\)", page), name
        assert f"]({name}.md)" in out["kpi/index.md"]


def test_time_to_first_response_page_cites_chaoss():
    assert "https://chaoss.community/kb/metric-time-to-first-response/" in render()["kpi/reactivite.md"]


def rows(page: str) -> dict[str, list[str]]:
    """Markdown table rows by their first cell."""
    found = {}
    for line in page.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and not cells[0].startswith("---"):
            found[cells[0]] = cells[1:]
    return found


def test_chart_points_are_the_numbers_of_the_table():
    out = render()
    table = rows(out["kpi/engagement.md"])
    root = ET.fromstring(out["kpi/engagement.svg"])
    column = {"Réactions": 1, "Commentaires": 2, "Revues": 3}
    checked = 0
    for circle in root.iterfind(".//svg:circle", NS):
        series = circle.find("svg:title", NS).text.split(",")[0]
        cell = table[circle.get("data-label")][column[series]]
        assert float(cell.replace(",", ".")) == pytest.approx(float(circle.get("data-value")), abs=0.005)
        checked += 1
    assert checked >= 3
    bars = ET.fromstring(out["kpi/satisfaction.svg"]).iterfind(".//svg:rect[@class='bar']", NS)
    satisfaction = rows(out["kpi/satisfaction.md"])
    assert [(b.get("data-label"), round(float(b.get("data-value")) * 100)) for b in bars] == [
        (month, int(cells[2].split("\u00a0")[0]))
        for month, cells in satisfaction.items()
        if month.startswith("20") and cells[2] != "—"
    ]


def test_small_groups_show_as_hidden_and_json_holds_no_names():
    out = render(min_group=5)
    assert "<5" in out["kpi/retention.md"] and "<5" in out["kpi/reussite.md"]
    data = json.loads(out["api/kpis.json"])
    assert data["cohorts"][0]["size"] == "<5" and data["min_group_size"] == 5
    blob = out["api/kpis.json"].lower()
    assert not any(name in blob for name in ("alice", "bruno", "chloe", "mona", 'dan"'))


def test_non_consenting_members_are_never_named():
    out = render()
    text = "\n".join(content for content in out.values())
    for private in ("Bruno", "Chloe", "Mona", "bruno", "chloe", "mona"):
        assert private not in text, private
    assert "Alice" in out["kpi/connexions-reseau.svg"]  # alice consented
    assert "Mentor n°" in out["kpi/mentors.md"] and "membre anonyme" in out["kpi/mentors.md"]


def test_hostile_names_are_escaped():
    hostile = member("alice", public=True).model_copy(update={"name": "<img src=x onerror=alert(1)>"})
    out = render(
        people=(
            hostile,
            member("bruno"),
            member("chloe"),
            member("dan", cohort=None),
            member("mona", role="mentor", cohort=None, public=True),
        )
    )
    assert "<img src=x" not in out["kpi/mentors.md"] and "<img" not in out["kpi/connexions-reseau.svg"]
    ET.fromstring(out["kpi/connexions-reseau.svg"])


def test_pages_are_deterministic():
    assert render() == render()


def test_kpis_command_prints_the_json_at_a_past_date(capsys):
    assert main(["--root", str(REPO), "kpis", "--json", "--as-of", "2026-06-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2026-06-01" and data["participation"]["weeks"][-1]["week"] <= "2026-06-01"
    assert main(["--root", str(REPO), "kpis"]) == 0
    assert "KPIs as of" in capsys.readouterr().out
