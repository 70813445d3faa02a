"""Loading a community: the models it gives, and one precise problem per mistake, all at once."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from entraide.content.errors import UserError
from entraide.content.loader import load_community, load_rules
from entraide.content.models import Role

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"


@pytest.fixture
def community(tmp_path: Path) -> Path:
    root = tmp_path / "community"
    shutil.copytree(MINIMAL, root)
    return root


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(root: Path) -> list[str]:
    with pytest.raises(UserError) as caught:
        load_community(root)
    return [str(problem) for problem in caught.value.problems]


def test_minimal_community_loads_into_models():
    community = load_community(MINIMAL)
    assert [m.login for m in community.members] == ["leo-learner", "mia-mentor", "nina-private"]
    assert [c.slug for c in community.challenges] == ["css-layout", "html-bases", "python-bases"]
    mia = community.members[1]
    assert (mia.role, mia.languages, mia.joined) == (Role.mentor, ("fr", "en"), dt.date(2026, 1, 15))
    nina = community.members[2]
    assert nina.public_profile is False  # consent is never assumed
    assert nina.role == Role.learner
    css = community.challenges[0]
    assert css.prerequisites == ("html-bases",)
    assert css.brief == "Mettez en page votre présentation avec Flexbox ou Grid.\n"
    assert [t.id for t in community.rules.tracks] == ["front", "back"]


def test_load_rules_reads_only_the_rules():
    rules = load_rules(MINIMAL)
    assert [level.min_points for level in rules.levels] == [0, 50, 200]


# One mistake at a time in the minimal community: (file, text replaced, replacement, expected problem).
MISTAKES = [
    (
        "members/leo-learner.yml",
        "role: learner",
        "role: lerner",
        "members/leo-learner.yml:4: role: expected one of learner, mentor, maintainer, got 'lerner'",
    ),
    (
        "members/leo-learner.yml",
        "role: learner",
        "rol: learner",
        "members/leo-learner.yml:4: rol: unknown field 'rol' (did you mean 'role'?)",
    ),
    (
        "members/leo-learner.yml",
        "login: leo-learner",
        "login: leo",
        "members/leo-learner.yml:1: login: must match the file name: the file is leo-learner.yml but login "
        "is 'leo' (rename the file or fix the login)",
    ),
    (
        "members/leo-learner.yml",
        "id: 1002",
        "id: 1001",
        "members/mia-mentor.yml:2: id: 1001 is already the id of members/leo-learner.yml",
    ),
    ("members/leo-learner.yml", "id: 1002", "id: -4", "members/leo-learner.yml:2: id: must be more than 0, got -4"),
    (
        "members/leo-learner.yml",
        "cohort: automne-2026",
        "cohort: automne-2062",
        "members/leo-learner.yml:5: cohort: unknown cohort 'automne-2062' (did you mean 'automne-2026'?)",
    ),
    (
        "members/leo-learner.yml",
        "track: front",
        "track: Front End",
        "members/leo-learner.yml:6: track: expected a slug: lowercase letters a-z, digits and '-', got 'Front End'",
    ),
    (
        "members/leo-learner.yml",
        "interests: [HTML]",
        "interests: HTML",
        "members/leo-learner.yml:7: interests: expected a list, such as [a, b] or one '- item' per line, got 'HTML'",
    ),
    (
        "members/leo-learner.yml",
        "languages: [fr]",
        "languages: [fra]",
        "members/leo-learner.yml:8: languages[0]: expected a two-letter language code such as fr or en, got 'fra'",
    ),
    (
        "members/leo-learner.yml",
        "timezone: Europe/Paris",
        "timezone: Europe/Pariss",
        "members/leo-learner.yml:9: timezone: unknown time zone 'Europe/Pariss': expected a name from the "
        "IANA database such as Europe/Paris or America/Montreal",
    ),
    (
        "members/leo-learner.yml",
        "joined: 2026-09-01",
        "joined: 01/09/2026",
        "members/leo-learner.yml:10: joined: expected a date written YYYY-MM-DD, got '01/09/2026'",
    ),
    (
        "members/leo-learner.yml",
        "public_profile: true",
        "public_profile: Yes",
        "members/leo-learner.yml:11: public_profile: ambiguous value 'Yes' (YAML reads it as a boolean): "
        "write it in quotes",
    ),
    (
        "members/leo-learner.yml",
        "pseudonym: Léo",
        "pseudonym: " + "L" * 61,
        "members/leo-learner.yml:12: pseudonym: must be at most 60 characters long, got 61",
    ),
    (
        "members/leo-learner.yml",
        "name: Léo Learner",
        "name: ''",
        "members/leo-learner.yml:3: name: must not be empty, got ''",
    ),
    (
        "members/nina-private.yml",
        "joined: 2026-09-02\n",
        "",
        "members/nina-private.yml:1: joined: required field is missing",
    ),
    (
        "challenges/css-layout.md",
        "level: 2",
        "level: 0",
        "challenges/css-layout.md:5: level: must be at least 1, got 0",
    ),
    (
        "challenges/css-layout.md",
        "points: 20",
        "points: '20 points'",
        "challenges/css-layout.md:6: points: expected a whole number, got '20 points'",
    ),
    (
        "challenges/css-layout.md",
        "track: front",
        "track: frontend",
        "challenges/css-layout.md:4: track: unknown track 'frontend' (did you mean 'front'?)",
    ),
    (
        "challenges/css-layout.md",
        "prerequisites: [html-bases]",
        "prerequisites: [css-layout]",
        "challenges/css-layout.md:7: prerequisites[0]: a challenge cannot be its own prerequisite",
    ),
    (
        "challenges/css-layout.md",
        "closes: 2026-11-27",
        "closes: 2026-09-01",
        "challenges/css-layout.md:9: closes: must not be before opens (2026-09-14), got 2026-09-01",
    ),
    (
        "challenges/css-layout.md",
        "  - La page s'adapte aux écrans de 320 px à 1440 px.\n",
        "",
        "challenges/css-layout.md:10: acceptance_criteria: expected a list, such as [a, b] or one '- item' "
        "per line, got nothing",
    ),
    (
        "challenges/css-layout.md",
        "acceptance_criteria:\n  - La page s'adapte aux écrans de 320 px à 1440 px.",
        "acceptance_criteria: []",
        "challenges/css-layout.md:10: acceptance_criteria: needs at least 1 item",
    ),
    (
        "challenges/html-bases.md",
        "slug: html-bases",
        "slug: html-base",
        "challenges/html-bases.md:2: slug: must match the file name: the file is html-bases.md but slug "
        "is 'html-base' (rename the file or fix the slug)",
    ),
    (
        "challenges/python-bases.md",
        "---\nslug",
        "slug",
        "challenges/python-bases.md:1: expected YAML front matter first: a '---' line, the challenge's "
        "fields, another '---' line, then the brief in Markdown",
    ),
    (
        "challenges/python-bases.md",
        "points: 10",
        "points: 10\nprerequisites: [css-layout]\nopens: 2026-09-01",
        None,
    ),  # a valid change: checked below not to raise
    (
        "challenges/python-bases.md",
        "Écrivez un petit script Python qui lit un fichier CSV.",
        "",
        "challenges/python-bases.md:9: brief: the brief is empty: write it in Markdown below the front matter",
    ),
    (
        "entraide.yml",
        "repository: entraide-test/communaute",
        "repository: https://github.com/a/b",
        "entraide.yml:4: repository: expected OWNER/NAME as on GitHub, got 'https://github.com/a/b'",
    ),
    (
        "entraide.yml",
        "levels:\n  - name: Débutant\n    min_points: 0\n  - name: Confirmé\n    min_points: 50\n"
        "  - name: Expert\n    min_points: 200",
        "levels: []",
        "entraide.yml:50: levels: needs at least one level",
    ),
    (
        "entraide.yml",
        "min_group_size: 5",
        "min_group_size: 5\n  hidden: [nina-privat]",
        "entraide.yml:69: privacy.hidden[0]: unknown member 'nina-privat' (did you mean 'nina-private'?)",
    ),
    (
        "entraide.yml",
        "start: 2026-09-07",
        "start: 2026-12-01",
        "entraide.yml:18: cohorts[0].end: must be after the start (2026-12-01), got 2026-11-27",
    ),
    (
        "entraide.yml",
        "required_challenges: [html-bases]",
        "required_challenges: [html]",
        "entraide.yml:19: cohorts[0].required_challenges[0]: unknown challenge 'html'; challenges/ defines: "
        "css-layout, html-bases, python-bases",
    ),
    (
        "entraide.yml",
        "    mentors: [mia-mentor]\n  - id: back",
        "    mentors: [leo-learner]\n  - id: back",
        "entraide.yml:9: tracks[0].mentors[0]: 'leo-learner' mentors this track but has role 'learner' in "
        "members/leo-learner.yml: expected mentor or maintainer",
    ),
    (
        "entraide.yml",
        "  - id: month",
        "  - id: all-time",
        "entraide.yml:62: leaderboards[1].id: duplicate id 'all-time' (also leaderboards[0])",
    ),
    (
        "entraide.yml",
        "    min_points: 200",
        "    min_points: 50",
        "entraide.yml:56: levels[2].min_points: levels must go up: expected more than 50 (the level before), got 50",
    ),
    (
        "entraide.yml",
        "    threshold: 5",
        "    threshold: 5\n    treshold: 6",
        "entraide.yml:44: badges[1].treshold: unknown field 'treshold' (did you mean 'threshold'?)",
    ),
    (
        "entraide.yml",
        "window: month",
        "window: weekly",
        "entraide.yml:64: leaderboards[1].window: expected one of all_time, month, cohort, track, got 'weekly'",
    ),
    (
        "entraide.yml",
        "language: fr",
        "language: no",
        "entraide.yml:3: language: ambiguous value 'no' (YAML reads it as a boolean): write it in quotes",
    ),
    (
        "entraide.yml",
        "per_day: 30",
        "per_day: 030",
        "entraide.yml:29: caps.per_day: ambiguous value '030' (YAML reads it as an octal number): write it in quotes",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), MISTAKES, ids=[f"{m[0]}:{m[2][:30]}" for m in MISTAKES])
def test_each_mistake_is_reported_alone_at_its_line(community, name, old, new, expected):
    edit(community, name, old, new)
    if expected is None:
        load_community(community)
        return
    assert problems_of(community) == [expected]


def test_problems_in_several_files_are_all_reported_at_once(community):
    edit(community, "entraide.yml", "threshold: 1", "threshold: 0")
    edit(community, "members/mia-mentor.yml", "role: mentor", "role: mentr")
    edit(community, "members/nina-private.yml", "timezone: America/Montreal", "timezone: Montreal")
    edit(community, "challenges/python-bases.md", "level: 1", "level: six")
    problems = problems_of(community)
    assert [p.split(": ")[0] for p in problems] == [
        "entraide.yml:38",
        "members/mia-mentor.yml:4",
        "members/nina-private.yml:7",
        "challenges/python-bases.md:5",
    ]


def test_one_mistake_does_not_hide_the_others_in_the_same_file(community):
    edit(community, "members/leo-learner.yml", "id: 1002", "id: abc")
    edit(community, "members/leo-learner.yml", "cohort: automne-2026", "cohort: hiver")
    edit(community, "members/leo-learner.yml", "timezone: Europe/Paris", "timezone: CET+1")
    problems = problems_of(community)
    assert [p.split(": ")[1] for p in problems] == ["id", "cohort", "timezone"]


def test_prerequisite_cycle_is_reported_once_with_its_path(community):
    edit(community, "challenges/html-bases.md", "opens:", "prerequisites: [python-bases]\nopens:")
    edit(community, "challenges/python-bases.md", "points: 10", "points: 10\nprerequisites: [css-layout]")
    assert problems_of(community) == [
        "challenges/css-layout.md:7: prerequisites: these challenges require each other in a circle: "
        "css-layout -> html-bases -> python-bases -> css-layout"
    ]


def test_logins_are_unique_whatever_their_case(community):
    shutil.copy(community / "members" / "leo-learner.yml", community / "members" / "Leo-Learner.yml")
    edit(community, "members/Leo-Learner.yml", "login: leo-learner", "login: Leo-Learner")
    edit(community, "members/Leo-Learner.yml", "id: 1002", "id: 1004")
    assert problems_of(community) == [
        "members/leo-learner.yml:1: login: 'leo-learner' is already the login of members/Leo-Learner.yml"
    ]


def test_missing_rules_file_and_members_folder_are_named(tmp_path):
    assert [p.split(":")[0] for p in problems_of(tmp_path)] == ["entraide.yml", "members/"]


def test_without_challenges_folder_the_community_has_no_challenges(community):
    shutil.rmtree(community / "challenges")
    edit(community, "entraide.yml", "required_challenges: [html-bases]", "required_challenges: []")
    assert load_community(community).challenges == ()


def test_empty_member_file_says_so(community):
    (community / "members" / "zoe.yml").write_text("", encoding="utf-8")
    assert problems_of(community) == [
        "members/zoe.yml:1: the file is empty: expected the member's fields, one 'name: value' per line"
    ]


def test_stray_files_are_named_and_folder_readmes_ignored(community):
    (community / "challenges" / "README.md").write_text("# Les défis\n", encoding="utf-8")
    (community / "members" / "ana.yaml").write_text("login: ana\n", encoding="utf-8")
    assert problems_of(community) == [
        "members/ana.yaml: unexpected file: members/ holds one <name>.yml file per member"
    ]


def test_brief_keeps_markdown_and_windows_line_endings_are_accepted(community):
    path = community / "challenges" / "python-bases.md"
    text = path.read_text(encoding="utf-8") + "\n## Pour aller plus loin\n\n- Trier le total.\n"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    python = load_community(community).challenges[2]
    assert python.brief == (
        "Écrivez un petit script Python qui lit un fichier CSV.\n\n## Pour aller plus loin\n\n- Trier le total.\n"
    )
