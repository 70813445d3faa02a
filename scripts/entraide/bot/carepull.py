"""The private job's reading: needs and pulse answers from the PRIVATE mentors' repository's issue forms
(private-forms/besoins.yml, private-forms/meteo.yml), written to private/needs.json and private/pulse.json
(git-ignored; `insight.report.check_private` refuses any other place). Pulse answers lose their author
here: one answer per person and ISO week is kept (the last), then only (cohort, week, score) is written.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from entraide.bot.careforms import (
    NEEDS_LABEL,
    PULSE_LABEL,
    answers_by_field,
    need_fields,
    need_kind_of,
    pulse_fields,
)
from entraide.content import needs as needs_module
from entraide.content.models import Rules
from entraide.events.pulsefile import ANSWERS_FILE, PulseAnswer, dumps
from entraide.events.surveys import parse_issue_form
from entraide.insight.report import check_private


def pull(root: Path, issues, *, rules: Rules) -> tuple[int, int]:
    """Read both forms' issues, write both private files; returns (needs, pulse answers)."""
    found_needs = read_needs(issues.pages("/issues", {"labels": NEEDS_LABEL, "state": "open"}))
    answers = read_pulse(issues.pages("/issues", {"labels": PULSE_LABEL, "state": "all"}), rules=rules)
    _write(root, needs_module.NEEDS_FILE, json.dumps([n.model_dump(mode="json") for n in found_needs], indent=1))
    _write(root, ANSWERS_FILE, dumps(answers))
    return len(found_needs), len(answers)


def read_needs(items: list[dict]) -> tuple[needs_module.Need, ...]:
    found = []
    for issue in sorted(items, key=lambda i: (i.get("created_at") or "", i.get("number") or 0)):
        login = (issue.get("user") or {}).get("login")
        need = needs_module.from_form(login or "", _as_read(parse_issue_form(issue.get("body"))), stated=_day(issue))
        if login and need is not None:
            found.append(need)
    return tuple(found)


def read_pulse(items: list[dict], *, rules: Rules) -> tuple[PulseAnswer, ...]:
    by_name = {c.name: c.id for c in rules.cohorts}
    last: dict[tuple[str, str], PulseAnswer] = {}
    for issue in sorted(items, key=lambda i: (i.get("created_at") or "", i.get("number") or 0)):
        answers = answers_by_field(parse_issue_form(issue.get("body")), pulse_fields)
        login = (issue.get("user") or {}).get("login")
        cohort, score = by_name.get(answers.get("cohort", "")), answers.get("score", "")
        if not login or not cohort or not score[:1].isdigit() or not 1 <= int(score[:1]) <= 5:
            continue
        year, week, _ = dt.date.fromisoformat(_day(issue)).isocalendar()
        iso = f"{year}-W{week:02d}"
        last[(login.casefold(), iso)] = PulseAnswer(cohort=cohort, week=iso, score=int(score[:1]))
    return tuple(sorted(last.values(), key=lambda a: (a.cohort, a.week, a.score)))  # no order betrays a person


def _as_read(answers: dict[str, str]) -> dict[str, str]:
    """The needs form's answers by field id, in whichever language it was written; the kind as its id."""
    by_id = answers_by_field(answers, need_fields)
    return by_id | {"kind": need_kind_of(by_id.get("kind", ""))}


def _day(issue: dict) -> str:
    return str(issue.get("created_at") or "1970-01-01")[:10]


def _write(root: Path, relative: Path, text: str) -> None:
    target = check_private(root, root / relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
