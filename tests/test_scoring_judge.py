"""The acceptance judge, reading each challenge's deadline, prerequisites and rule once (`acceptance.plans_of`,
shared by every member's judge), decides exactly what the judge as first written decides (below: the models
read for every acceptance), on random acceptances: late ones refused or paid a share, prerequisites held or
refused, cycles, a prerequisite that is itself late or held."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import msgspec
import pytest

from entraide.content.models import Acceptance, Challenge, ChallengeRule
from entraide.scoring import acceptance
from entraide.scoring.fact import ORDER, Fact
from test_scoring_integrity import START, _challenge, random_facts


class PlainJudge:
    """`acceptance._Judge` as first written: the challenge and its rule read from the models each time."""

    def __init__(self, facts: dict[str, Fact], challenges: dict[str, Challenge], rules: Acceptance) -> None:
        self.facts, self.challenges, self.rules = facts, challenges, rules
        self.done: dict[str, Fact | None] = {}
        self.refused: list[tuple[Fact, str, tuple[str, ...]]] = []
        self.held = False

    def settle(self, slug: str, path: tuple[str, ...]) -> Fact | None:
        if slug not in self.done:
            fact = self.facts.get(slug)
            self.done[slug] = None if fact is None or slug in path else self._judge(fact, path + (slug,))
        return self.done[slug]

    def _judge(self, fact: Fact, path: tuple[str, ...]) -> Fact | None:
        challenge = self.challenges[str(fact.challenge)]
        if challenge.closes is None and not challenge.prerequisites:
            return fact
        rule = self.rules.rule(str(fact.challenge))
        if challenge.closes is not None and fact.at.date() > challenge.closes:
            if rule.late == "refuse":
                return self._refuse(fact, f"deadline:{challenge.closes.isoformat()}")
            fact = msgspec.structs.replace(fact, points=round(fact.points * rule.late_share))
        met = {slug: self.settle(slug, path) for slug in challenge.prerequisites}
        if rule.prerequisites == "refuse":
            missing = sorted(slug for slug, got in met.items() if got is None)
            missing += sorted(slug for slug, got in met.items() if got is not None and got.at > fact.at)
            return self._refuse(fact, "prerequisites_refused:" + ",".join(missing)) if missing else fact
        pending = sorted(slug for slug, got in met.items() if got is None)
        if pending:
            return self._refuse(fact, "prerequisites_pending:" + ",".join(pending))
        held = max([fact.at, *(got.at for got in met.values() if got is not None)])
        if held == fact.at:
            return fact
        self.held = True
        return msgspec.structs.replace(fact, at=held)

    def _refuse(self, fact: Fact, cause: str) -> None:
        self.refused.append((fact, cause, fact.event_ids))
        return None


@pytest.mark.parametrize("seed", range(40))
def test_the_judge_decides_as_first_written(seed: int) -> None:
    rng = random.Random(seed)
    closes = [(START + dt.timedelta(days=rng.randint(0, 200))).date() for _ in range(2)]
    challenges = {
        "html": _challenge("html", closes=rng.choice((None, closes[0]))),
        "css": _challenge("css", prerequisites=rng.choice((("html",), ("html", "js"), ()))),  # a cycle with js
        "js": _challenge("js", prerequisites=("css", "html")),
        "late": _challenge("late", closes=closes[1], prerequisites=rng.choice(((), ("html",)))),
        "team": _challenge("team", team=True),
    }
    rules = Acceptance(
        challenges={
            slug: ChallengeRule(late=rng.choice(("refuse", "accept")), prerequisites=rng.choice(("hold", "refuse")))
            for slug in rng.sample(sorted(challenges), rng.randint(0, 4))
        }
    )
    by_member: dict[int, dict[str, Fact]] = defaultdict(dict)
    for fact in sorted(random_facts(rng, rng.choice((40, 300))), key=ORDER):
        if fact.challenge is not None:
            by_member[fact.member_id].setdefault(fact.challenge, fact)
    plans = acceptance.plans_of(challenges, rules)
    for facts in by_member.values():
        judge = acceptance._Judge(facts, challenges=challenges, rules=rules, plans=plans)
        plain = PlainJudge(facts, challenges, rules)
        for slug in facts:
            assert judge.settle(slug, ()) == plain.settle(slug, ())
        assert (judge.refused, judge.held) == (plain.refused, plain.held)
