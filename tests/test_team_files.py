"""A team file counts at acceptance: the content loader keeps each valid
`submissions/<challenge>/<folder>/team.yml`, and accepting a team challenge's PR awards every member of the
team file of its folder (with the PR's co-authors), each once, at most `team_size`, only members with a
profile. The team file read now is the one that counts, for past acceptances too (a reviewed, merged
change of the file re-scores history, as a change of a challenge's points does)."""

from __future__ import annotations

import datetime as dt
import shutil

from builders import challenge, community, ev, member
from entraide.content.loader import load_community
from entraide.content.models import Caps, Track
from entraide.scoring import score
from test_example_community import REPO

ANA = member("ana", 1, track="front")
BEN = member("ben", 2, track="front")
ZOE = member("zoe", 6, track="front")
CLEO = member("cleo", 3, role="mentor")
HTML = challenge("html", points=40)
DUO = challenge("duo", points=50, team=True, team_size=2)
TRIO = challenge("trio", points=70, team=True, team_size=3)
TRACKS = (Track(id="front", name="Front", mentors=("cleo",)),)
NO_CAPS = Caps(per_day=1000, per_pair_per_week=1000, kudos_per_giver_per_week=1000)


def accepted(events, teams):
    world = community([ANA, BEN, ZOE, CLEO], [HTML, DUO, TRIO], tracks=TRACKS, caps=NO_CAPS)
    ledger = score(world.model_copy(update={"teams": teams}), events, as_of=dt.date(2026, 6, 30))
    return sorted((a.login, a.reason, a.points) for a in ledger.awards if a.challenge)


def pr(number, slug, author=ANA, team=()):
    return [
        ev("pr_opened", "2026-03-02", author, number, challenge=slug, sha=f"f{number}", team=list(team)),
        ev("review_submitted", "2026-03-03", CLEO, number, state="approved", commit_id=f"f{number}"),
    ]


def test_a_team_file_awards_each_member_of_the_team_once():
    teams = (("duo", "ana", ("ana", "ben")),)
    assert accepted(pr(40, "duo"), teams) == [("ana", "challenge:duo", 50), ("ben", "challenge:duo", 50)]
    # the PR opened by another member of the folder's team, plus a trailer naming the same member: once each
    twice = pr(40, "duo") + pr(41, "duo", author=BEN, team=["ana"])
    assert accepted(twice, teams) == [("ana", "challenge:duo", 50), ("ben", "challenge:duo", 50)]
    assert accepted(pr(40, "duo"), ()) == [("ana", "challenge:duo", 50)]  # without it, only the author


def test_trailers_and_the_team_file_together_hold_to_the_team_size_and_profiles():
    teams = (("trio", "ana", ("ana", "ben", "ghost")),)  # ghost: no profile, earns nothing
    both = accepted(pr(42, "trio", team=["zoe"]), teams)
    assert both == [("ana", "challenge:trio", 70), ("ben", "challenge:trio", 70), ("zoe", "challenge:trio", 70)]
    duo = accepted(pr(43, "duo", team=["zoe"]), (("duo", "ana", ("ana", "ben")),))
    assert duo == [("ana", "challenge:duo", 50), ("ben", "challenge:duo", 50)]  # size 2: author + first by login


def test_a_team_file_for_a_solo_challenge_or_another_folder_awards_only_the_author():
    assert accepted(pr(44, "html"), (("html", "ana", ("ana", "ben")),)) == [("ana", "challenge:html", 40)]
    other = (("duo", "zoe", ("zoe", "ben")),)  # a team ana is not in
    assert accepted(pr(45, "duo"), other) == [("ana", "challenge:duo", 50)]


def test_a_name_added_to_the_team_file_later_counts_for_the_past_acceptance():
    before = accepted(pr(46, "trio"), (("trio", "ana", ("ana", "ben")),))
    after = accepted(pr(46, "trio"), (("trio", "ana", ("ana", "ben", "zoe")),))
    assert [login for login, *_ in before] == ["ana", "ben"]
    assert [login for login, *_ in after] == ["ana", "ben", "zoe"]  # chosen: the file is reviewed content


def test_the_loader_keeps_the_valid_team_files_of_the_example(tmp_path):
    root = tmp_path / "example"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "data"))
    brief = root / "challenges" / "api-rest.md"
    brief.write_text(brief.read_text(encoding="utf-8").replace("\ntags:", "\nteam: true\nteam_size: 2\ntags:", 1))
    logins = sorted(p.stem for p in (root / "members").glob("*.yml"))
    mate = next(login for login in logins if login != "adam-vincent")
    files = {
        "api-rest/adam-vincent": f"members: [adam-vincent, {mate}]\n",  # kept
        f"api-rest/{mate}": "members: [adam-vincent, nobody-here]\n",  # no profile, owner missing: left out
        "html-semantique/adam-vincent": f"members: [adam-vincent, {mate}]\n",  # not a team challenge: left out
    }
    for folder, text in files.items():
        (root / "submissions" / folder).mkdir(parents=True, exist_ok=True)
        (root / "submissions" / folder / "team.yml").write_text(text, encoding="utf-8")
    assert load_community(root).teams == (("api-rest", "adam-vincent", ("adam-vincent", mate)),)
    assert load_community(REPO).teams == ()  # the example has no team file: its site is unchanged
