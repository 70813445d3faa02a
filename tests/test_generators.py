"""The site does not depend on MkDocs: the same pages, with the same visible text, from Zensical.

Material for MkDocs is in maintenance mode; its authors' successor, Zensical, reads mkdocs.yml but not MkDocs
hooks. `entraide pages --zensical` stages the generated pages beside docs/ and builds them with Zensical;
MkDocs builds through the hook. Both builds of the example community must show the same pages and, on
every page, the same text in the article (theme chrome aside).
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builders import challenge, community, ev, member
from entraide.site import build
from entraide.site.pages.challenges import COMPLETED_SHOWN
from entraide.site.pages.members_index import INDEX_PAGE_SIZE
from entraide.site.questions import WAITING_SHOWN
from sitekit import REPO, build_site, challenge_history, prepare_root, write_community


class ArticleText(HTMLParser):
    """The text a reader sees in the page's <article>, without scripts, styles or heading anchors."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skipping: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.depth += tag == "article"
        if self.depth and (tag in ("script", "style") or "headerlink" in (dict(attrs).get("class") or "")):
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
        self.depth -= tag == "article"

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skipping:
            self.parts.append(data)


def article_text(html: str) -> str:
    reader = ArticleText()
    reader.feed(html)
    return re.sub(r"\s+", " ", " ".join(reader.parts)).strip()


def pages(site: Path) -> dict[str, Path]:
    return {str(p.relative_to(site)): p for p in site.rglob("*.html")}


def build_both(root: Path, work: Path) -> tuple[Path, Path]:
    """The site of the community at `root` from MkDocs (through the hook) and from Zensical (staged)."""
    build_site(root, work / "mkdocs")
    zensical = subprocess.run(
        [
            sys.executable,
            "-m",
            "entraide",
            "--root",
            str(root),
            "pages",
            "--zensical",
            "--out",
            str(work / "z" / "docs"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    return work / "mkdocs", work / "z" / "site"


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    return build_both(REPO, tmp_path_factory.mktemp("generators"))


def test_both_generators_build_the_same_pages(both):
    mkdocs, zensical = both
    assert sorted(pages(mkdocs)) == sorted(pages(zensical))
    assert len(pages(mkdocs)) > 50


def test_every_generated_page_shows_the_same_text(both):
    mkdocs, zensical = both
    generated = {path.removesuffix("index.md").removesuffix(".md") for path in build.generate(build.context_for(REPO))}
    compared = 0
    for rel, page in sorted(pages(mkdocs).items()):
        url = rel.removesuffix("index.html")
        if url.rstrip("/") not in {g.rstrip("/") for g in generated}:
            continue
        shown = article_text(page.read_text(encoding="utf-8"))
        assert shown, rel
        assert article_text((zensical / rel).read_text(encoding="utf-8")) == shown, rel
        compared += 1
    assert compared > 40


def test_hand_written_pages_with_macros_show_the_same_data_on_both_generators(both):
    """docs/index.md and docs/guide/index.md use Entraide's macros: staged for Zensical, they are rendered in
    Entraide's sandbox beforehand, and show what MkDocs shows (the leaderboard's links lead to its pages)."""
    mkdocs, zensical = both
    for rel in ("index.html", "guide/index.html"):
        shown = article_text((mkdocs / rel).read_text(encoding="utf-8"))
        assert "Entraide Web" in shown and "{{" not in shown, rel
        assert article_text((zensical / rel).read_text(encoding="utf-8")) == shown, rel
    home = (zensical / "index.html").read_text(encoding="utf-8")
    members = re.findall(r'href="(membres/[^"/]+/)"', home)
    assert members and all((zensical / href / "index.html").is_file() for href in members)


@pytest.mark.parametrize(
    "attack",
    [
        "{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}",
        "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
        "{{ config }}",
    ],
)
def test_a_docs_page_cannot_run_a_command_when_staged_for_zensical(tmp_path, attack):
    """Zensical's own macros run plain Jinja with the config in sight: a mentor's page never reaches them."""
    root = write_community(tmp_path / "c", community([member("ana-lima", 1, public_profile=True)]))
    prepare_root(root)
    marker = tmp_path / "pwned"
    page = "---\nrender_macros: true\n---\n\n# Accueil\n\n" + attack.replace("MARKER", str(marker)) + "\n"
    (root / "docs" / "index.md").write_text(page, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "entraide", "--root", str(root), "pages", "--zensical"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert not marker.exists(), "a docs/ page ran a command during the staged build"
    assert result.returncode == 2, result.stdout + result.stderr
    assert "docs/index.md" in result.stderr and "macros" in result.stderr and "Traceback" not in result.stderr
    assert not (root / "build" / "zensical" / "site").exists()


def test_the_comparison_sees_a_difference():
    assert article_text("<article><p>Défis : 10</p></article>") != article_text("<article><p>Défis : 11</p></article>")
    assert article_text("<nav>menu</nav><article><h1>T<a class='headerlink'>¶</a></h1></article>") == "T"


def test_a_staged_folder_is_refused_inside_the_sources(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "entraide", "--root", str(REPO), "pages", "--out", "docs/generated"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr  # the example is French
    assert (
        f"erreur : entraide pages, champ « --out » : {REPO / 'docs' / 'generated'} est dans docs/ : " in result.stderr
    )


INDEX_PAGES = ("membres/index.html", "membres/page-2/index.html")


class PagerLinks(HTMLParser):
    """The links of the members index's pager: (text, href, rel, aria-current), and the landmark's name."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = self.in_link = False
        self.label: str | None = None
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "nav" and "entraide-pager" in (found.get("class") or "") and self.label is None:
            self.inside, self.label = True, found.get("aria-label")
        elif tag == "a" and self.inside:
            self.in_link = True
            self.links.append(found | {"text": ""})

    def handle_endtag(self, tag: str) -> None:
        self.inside = self.inside and tag != "nav"
        self.in_link = self.in_link and tag != "a"

    def handle_data(self, data: str) -> None:
        if self.in_link:
            self.links[-1]["text"] = (self.links[-1]["text"] or "") + data.strip()


def pager(page: Path) -> PagerLinks:
    reader = PagerLinks()
    reader.feed(page.read_text(encoding="utf-8"))
    return reader


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    """Three more public members than one index page lists: two index pages, from each generator. Three more
    of them completed a challenge than its page names, and two more questions wait than the page lists."""
    work = tmp_path_factory.mktemp("paged")
    people = [member(f"membre-{i:04d}", 10_000 + i, public_profile=True) for i in range(INDEX_PAGE_SIZE + 3)]
    mentor = member("mentore", 9_999, role="mentor")
    done = challenge_history([(person, "api-rest") for person in people[: COMPLETED_SHOWN + 3]], mentor=mentor)
    asked = [
        ev("issue_opened", f"2026-03-{1 + i // 10:02d}T{i % 10:02d}:00", people[i], 1_000 + i, labels=["question"])
        for i in range(WAITING_SHOWN + 2)
    ]
    site = community(
        [*people, mentor],
        [challenge("api-rest", track="back", brief="Une API REST.\n")],
        language="fr",
        repository="entraide/web",
    )
    write_community(work / "community", site, [*done, *asked])
    return build_both(work / "community", work)


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_a_long_members_list_pages_with_links_that_resolve_on_both_generators(paged, generator):
    site = dict(zip(["mkdocs", "zensical"], paged, strict=True))[generator]
    first, second = (pager(site / rel) for rel in INDEX_PAGES)
    assert first.label == second.label == "Pages de la liste des membres"
    assert [(a["text"], a.get("rel"), a.get("aria-current")) for a in first.links] == [
        ("1", None, "page"),
        ("2", None, None),
        ("Page suivante →", "next", None),
    ]
    assert [(a["text"], a.get("rel"), a.get("aria-current")) for a in second.links] == [
        ("← Page précédente", "prev", None),
        ("1", None, None),
        ("2", None, "page"),
    ]
    for rel, links in zip(INDEX_PAGES, (first, second), strict=True):
        for link in links.links:
            target = (site / rel).parent.joinpath(str(link["href"])).resolve()
            assert (target / "index.html" if target.is_dir() else target).is_file(), (rel, link)


def test_the_paged_members_list_is_the_same_on_both_generators(paged):
    mkdocs, zensical = paged
    assert sorted(pages(mkdocs)) == sorted(pages(zensical))
    first, second = (article_text((mkdocs / rel).read_text(encoding="utf-8")) for rel in INDEX_PAGES)
    last = INDEX_PAGE_SIZE - 1
    assert "Membre-0000" in first and f"Membre-{last:04d}" in first and f"Membre-{last + 1:04d}" not in first
    assert [f"Membre-{i:04d}" in second for i in range(last, last + 4)] == [False, True, True, True]
    for rel in (*INDEX_PAGES, "defis/api-rest/index.html", "questions/index.html"):
        assert article_text((zensical / rel).read_text(encoding="utf-8")) == article_text(
            (mkdocs / rel).read_text(encoding="utf-8")
        ), rel


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_a_long_completion_list_names_the_first_and_counts_the_others_on_both_generators(paged, generator):
    """« Réussi par » names COMPLETED_SHOWN members, first by date, then « et N autres » and where to look:
    the page stays bounded at thousands of members (Zensical refused a challenge page at 5,000)."""
    site = dict(zip(["mkdocs", "zensical"], paged, strict=True))[generator]
    page = site / "defis" / "api-rest" / "index.html"
    shown = article_text(page.read_text(encoding="utf-8"))
    completed = shown.partition("Réussi par")[2]
    names = re.findall(r"Membre-\d{4}", completed)
    assert names == [f"Membre-{i:04d}" for i in range(COMPLETED_SHOWN)]
    assert "… et 3 autres : le profil de chacun liste ce défi (voir les membres )." in completed
    members = re.search(r'href="([^"]*membres/)"[^>]*>membres<', page.read_text(encoding="utf-8"))
    assert members and (page.parent / members.group(1) / "index.html").resolve().is_file()


@pytest.mark.parametrize("generator", ["mkdocs", "zensical"])
def test_a_long_list_of_open_questions_shows_the_oldest_and_counts_the_newer_on_both_generators(paged, generator):
    site = dict(zip(["mkdocs", "zensical"], paged, strict=True))[generator]
    page = (site / "questions" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"issues/(\d+)\b", page)
    assert sorted(set(map(int, rows))) == list(range(1_000, 1_000 + WAITING_SHOWN))
    shown = article_text(page)
    assert "… et 2 autres, posées plus récemment. Questions ouvertes sur GitHub" in shown
    assert 'href="https://github.com/entraide/web/issues?q=is%3Aopen+label%3Aquestion%2Chelp"' in page
