"""Strict MkDocs builds: the repository's example community, and small communities made in code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from entraide.content import loader as content
from sitekit import REPO, build_site, challenge_history, prepare_root, sample_community, site_files, write_community


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    if not (REPO / "entraide.yml").exists():
        pytest.skip("the example community (entraide.yml at the repository root) is not there yet")
    out = tmp_path_factory.mktemp("example") / "site"
    build_site(REPO, out)
    return out


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    community = sample_community()
    members = {m.login: m for m in community.members}
    history = challenge_history(
        [
            (members["leo-learner"], "html-bases"),
            (members["nina-private"], "html-bases"),
            (members["zoe-pseudo"], "python-bases"),
            (members["hugo-hidden"], "python-bases"),
        ],
        mentor=members["mia-mentor"],
    )
    root = write_community(tmp_path_factory.mktemp("small"), community, history)
    out = root / "site"
    build_site(root, out)
    return out


def test_example_community_builds_every_page_it_promises(example_site):
    community = content.load_community(REPO)
    hidden = set(community.rules.privacy.hidden)
    public = {m.login for m in community.members if m.public_profile and m.login not in hidden}
    private = {m.login for m in community.members} - public
    for path in ("index.html", "classements/index.html", "defis/index.html", "badges/index.html", "membres/index.html"):
        assert (example_site / path).is_file(), path
    for challenge in community.challenges:
        assert (example_site / "defis" / challenge.slug / "index.html").is_file()
    profiles = {p.name for p in (example_site / "membres").iterdir() if p.is_dir()}
    assert profiles == public and not profiles & private


def test_home_page_shows_the_current_leaderboard(example_site):
    home = (example_site / "index.html").read_text(encoding="utf-8")
    ranks = re.findall(r'<td style="text-align: right;">(\d+)</td>\s*<td><a href="membres/[\w-]+/">', home)
    assert ranks and ranks[0] == "1" and len(ranks) <= 10


def test_profiles_stay_out_of_the_navigation(example_site):
    home = (example_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("md-sidebar--secondary")]
    assert "membres/" in nav and not re.search(r'href="membres/[\w-]+/"', nav)


def test_search_index_holds_challenge_briefs(example_site):
    index = json.loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {f"defis/{c.slug}/" for c in content.load_community(REPO).challenges} <= locations


def test_small_community_profiles_are_public_members_only(small_site):
    profiles = sorted(p.name for p in (small_site / "membres").iterdir() if p.is_dir())
    assert profiles == ["leo-learner", "mia-mentor", "zoe-pseudo"]


@pytest.mark.parametrize("secret", ["nina-private", "Nina Secrète", "hugo-hidden", "Hugo Caché", "Zoé Vraienom"])
def test_small_community_private_members_appear_in_no_file(small_site, secret):
    assert [path for path, text in site_files(small_site).items() if secret in text] == []


def test_challenge_page_lists_public_completions(small_site):
    page = (small_site / "defis" / "python-bases" / "index.html").read_text(encoding="utf-8")
    completed = page[page.index('id="reussi-par"') :]
    assert re.findall(r'href="\.\./\.\./membres/([\w-]+)/"', completed) == ["zoe-pseudo"]


def test_content_mistakes_stop_the_build_with_every_problem_and_no_traceback(tmp_path):
    root = write_community(tmp_path / "broken", sample_community())
    prepare_root(root)
    (root / "members" / "leo-learner.yml").write_text("login: leo-learner\nid: -3\nname: Léo\njoined: demain\n")
    (root / "challenges" / "css-grille.md").write_text("---\nslug: css-grille\ntitle: Grille\n---\nSans champs.\n")
    result = build_site(root, tmp_path / "out", check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "members/leo-learner.yml" in output and "challenges/css-grille.md" in output
    # the sample community is French: « fichier, ligne N, champ « x » : raison »
    assert "members/leo-learner.yml, ligne 2, champ « id » : doit valoir plus de 0, reçu -3" in output
    assert re.search(r"members/leo-learner\.yml, ligne \d+, champ « joined » : attendu une date", output)


@pytest.fixture()
def small_root(tmp_path) -> Path:
    community = sample_community()
    members = {m.login: m for m in community.members}
    history = challenge_history(
        [(members["leo-learner"], "html-bases"), (members["zoe-pseudo"], "python-bases")], mentor=members["mia-mentor"]
    )
    root = write_community(tmp_path / "small", community, history)
    prepare_root(root)
    return root


def test_hand_written_pages_get_the_data_through_macros_when_they_opt_in(small_root, tmp_path):
    (small_root / "docs" / "index.md").write_text(
        "---\nrender_macros: true\n---\n\n# Accueil\n\n{{ leaderboard(limit=2) }}\n\n{{ member_count() }} profils publics\n",
        encoding="utf-8",
    )
    # a month after the history: the review window is over, the leaderboard counts the points as final
    build_site(small_root, tmp_path / "out", env={"ENTRAIDE_AS_OF": "2026-06-30"})
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "3 profils publics" in home
    assert len(re.findall(r'<td><a href="membres/[\w-]+/">', home)) == 2


def test_pages_without_render_macros_keep_jinja_as_text(small_root, tmp_path):
    (small_root / "docs" / "index.md").write_text("# Accueil\n\n`{{ member_count() }}`\n", encoding="utf-8")
    build_site(small_root, tmp_path / "out")
    assert "{{ member_count() }}" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_an_unknown_macro_fails_the_build(small_root, tmp_path):
    (small_root / "docs" / "index.md").write_text(
        "---\nrender_macros: true\n---\n\n# Accueil\n\n{{ classement() }}\n", encoding="utf-8"
    )
    assert build_site(small_root, tmp_path / "out", check=False).returncode != 0


@pytest.mark.parametrize(
    "attack",
    [
        "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
        "{{ leaderboard.__globals__['os'].popen('touch MARKER').read() }}",
        "{{ config.plugins['macros'].env.globals }}{{ lipsum.__globals__['os'].popen('touch MARKER') }}",
    ],
)
def test_a_docs_page_cannot_run_a_command_at_build_time(small_root, tmp_path, attack):
    """Mentors may change docs/ (the PR guard lets them): their macros run in a sandbox that sees only
    Entraide's macros, so the strict build fails on the page and the command never runs."""
    marker = tmp_path / "pwned"
    page = "---\nrender_macros: true\n---\n\n# Accueil\n\n" + attack.replace("MARKER", str(marker)) + "\n"
    (small_root / "docs" / "index.md").write_text(page, encoding="utf-8")
    result = build_site(small_root, tmp_path / "out", check=False)
    assert not marker.exists(), "a docs/ page ran a command during the build"
    assert result.returncode != 0
    assert "docs/index.md: macros:" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_hand_written_page_where_a_generated_one_goes_is_reported(small_root, tmp_path):
    (small_root / "docs" / "badges").mkdir()
    (small_root / "docs" / "badges" / "index.md").write_text("# Mes badges\n", encoding="utf-8")
    result = build_site(small_root, tmp_path / "out", check=False)
    assert result.returncode != 0 and "docs/badges/index.md" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_example_private_and_hidden_members_appear_in_no_file(example_site):
    community = content.load_community(REPO)
    hidden = {login.lower() for login in community.rules.privacy.hidden}
    private = [m for m in community.members if not m.public_profile or m.login.lower() in hidden]
    assert private, "the example community should show that private members stay private"
    files = site_files(example_site, (".html", ".json", ".xml", ".svg", ".ics", ".txt"))
    leaks = [
        (m.login, secret, path)
        for m in private
        for secret in (m.login, m.name, m.pseudonym)
        if secret
        for path, text in files.items()
        if secret in text
    ]
    assert leaks == []
