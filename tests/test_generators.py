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

from entraide.site import build
from sitekit import REPO, build_site


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


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    work = tmp_path_factory.mktemp("generators")
    build_site(REPO, work / "mkdocs")
    zensical = subprocess.run(
        [
            sys.executable,
            "-m",
            "entraide",
            "--root",
            str(REPO),
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
