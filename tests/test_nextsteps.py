"""Next steps: candidates, ranking with reasons, resources by tag, and the leave-last-out evaluation."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from entraide.content.i18n import translator
from entraide.content.loader import load_community
from entraide.content.models import Challenge, Cohort, Community, Member, Rules, Track
from entraide.demo import evaluation
from entraide.insight import nextsteps, profilesteps

DAY = dt.date(2026, 4, 1)


def _challenge(slug, track, level, prerequisites=(), tags=(), **dates):
    return Challenge(
        slug=slug,
        title=slug.title(),
        track=track,
        level=level,
        points=10,
        prerequisites=prerequisites,
        acceptance_criteria=("ok",),
        tags=tags,
        **dates,
    )


CHALLENGES = (
    _challenge("html", "front", 1),
    _challenge("css", "front", 2, ("html",), ("css",)),
    _challenge("form", "front", 2, ("html",), ("formulaires",)),
    _challenge("js", "front", 3, ("css", "form")),
    _challenge("py", "back", 1),
    _challenge("api", "back", 2, ("py",)),
    _challenge("late", "front", 2, ("html",), opens=dt.date(2026, 5, 1)),
    _challenge("gone", "front", 2, ("html",), closes=dt.date(2026, 3, 1)),
)
COMMUNITY = Community(
    rules=Rules(
        name="t",
        tracks=(Track(id="front", name="F"), Track(id="back", name="B")),
        cohorts=(
            Cohort(
                id="c", name="C", start=dt.date(2026, 3, 1), end=dt.date(2026, 6, 1), required_challenges=("html", "py")
            ),
        ),
    ),
    members=(),
    challenges=CHALLENGES,
)
ALICE = Member(
    login="alice", id=1, name="Alice", track="front", cohort="c", joined=dt.date(2026, 3, 1), interests=("Formulaires",)
)


def test_candidates_need_prerequisites_and_an_open_window():
    slugs = [c.slug for c in nextsteps.candidates(("html",), CHALLENGES, as_of=DAY)]
    assert slugs == ["css", "form", "py"]  # not js (needs css and form), late (not open), gone (closed)


def test_required_challenges_first_then_track_level_and_interests_and_says_why():
    steps = nextsteps.recommend(ALICE, accepted=("html",), community=COMMUNITY, as_of=DAY)
    assert [s.challenge for s in steps] == ["py", "form", "css"]  # py: required by her cohort, not yet accepted
    assert steps[0].why == ("level", "required")
    assert steps[1].why == ("track", "level", "interests")
    done = nextsteps.recommend(ALICE, accepted=("html", "py"), community=COMMUNITY, as_of=DAY)
    assert [s.challenge for s in done][:2] == ["form", "css"]  # both required done: the score decides


def test_what_similar_learners_did_next_can_change_the_order():
    seen = nextsteps.transitions([("html", "css")] * 5 + [("html", "form")])
    steps = nextsteps.recommend(ALICE, accepted=("html", "py"), community=COMMUNITY, as_of=DAY, seen=seen)
    assert steps[0].challenge == "css" and "similar" in steps[0].why


def test_transitions_count_later_acceptances_only():
    seen = nextsteps.transitions([("a", "b", "c"), ("b", "a")])
    assert seen[("a", "b")] == 1 and seen[("b", "a")] == 1 and seen[("c", "a")] == 0 and seen[("a", None)] == 2


def test_popularity_baseline():
    seen = Counter({("py", None): 9, ("css", None): 5, ("js", None): 7})
    assert nextsteps.popular(("html",), seen, CHALLENGES)[:2] == ["py", "js"]
    assert nextsteps.popular(("html",), seen, CHALLENGES, as_of=DAY)[:2] == ["py", "css"]


def test_resources_by_tag_and_by_name():
    page = (
        "## Front\n\n- [Grid](https://g) pour le défi `css`. Étiquettes : `css` `grid`\n"
        "- [Forms](https://f) — champs. Étiquettes : `formulaires`\n- [Untagged](https://u)\n"
    )
    pool = nextsteps.resources({"ressources/index.md": page})
    assert [r.title for r in pool] == ["Grid", "Forms"]
    assert [r.url for r in nextsteps.resources_for(CHALLENGES[1], pool)] == ["https://g"]
    assert [r.url for r in nextsteps.resources_for(CHALLENGES[2], pool)] == ["https://f"]


def test_after_acceptance_counts_the_challenge_just_accepted():
    picks = nextsteps.after_acceptance(ALICE, CHALLENGES[0], community=COMMUNITY, accepted_by={}, today=DAY)
    assert "html" not in [c.slug for c in picks] and picks[0].slug == "py"  # the other required one first


def test_markdown_links_challenges_and_resources():
    steps = [nextsteps.Step("form", "Form [x]", 1.0, ("track",), ("https://f",))]
    text = nextsteps.markdown(steps, tr=translator("fr"), titles={"https://f": "Forms"})
    assert "[Form \\[x\\]](../defis/form.md) (dans votre parcours)" in text and "[Forms](https://f)" in text


def test_leave_last_out_beats_popularity_on_simulated_histories():
    community = load_community(Path(__file__).resolve().parent.parent)
    scores = evaluation.next_steps_evaluation(community, seeds=range(1, 4))
    assert scores["learners"] >= 30
    assert scores["hit_rate_at_3_model"] > scores["hit_rate_at_3_popularity"]
    assert scores["hit_rate_at_1_model"] > scores["hit_rate_at_1_popularity_unlocked"]


def test_profile_section_for_a_public_profile():
    from types import SimpleNamespace

    from entraide.demo.simulation import simulate
    from entraide.scoring import score

    root = Path(__file__).resolve().parent.parent
    community = load_community(root)
    events = simulate(community, seed=1)
    as_of = dt.date(2026, 10, 20)
    ctx = SimpleNamespace(community=community, ledger=score(community, events, as_of=as_of), as_of=as_of, root=root)
    learner = next(m for m in community.members if m.login == "alice-girard")
    standings = {s.member_id: s for s in ctx.ledger.standings}
    section = profilesteps.profile_section(
        learner,
        accepted=standings[learner.id].accepted,
        community=ctx.community,
        as_of=ctx.as_of,
        pool=nextsteps.resources(nextsteps.read_pages(root)),
        seen_all=nextsteps.transitions(s.accepted for s in ctx.ledger.standings),
        tr=translator(community.rules.language),
    )
    assert section.startswith("## Prochaines étapes")
    assert "](../defis/" in section and "https://" in section  # a challenge and a curated resource
