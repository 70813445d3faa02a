"""The example community published in English only (`languages: [en]`) and in both languages (`languages: [fr, en]`).

A copy of the repository with `languages` set in entraide.yml is built with MkDocs, as `make build` does. The scan
reads every page's visible text: on an English page no French sentence or French interface label, on a French page
no English one, except what members wrote (names, challenge titles, questions: the community's own files).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from sitekit import REPO, build_site, only_local, served_site

CATALOGUES = REPO / "scripts" / "entraide" / "content" / "i18n" / "locales"
CONTENT = ("entraide.yml", "members", "challenges", "animation", "data", "submissions")
FRENCH = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "une",
        "est",
        "et",
        "pour",
        "dans",
        "avec",
        "sur",
        "pas",
        "vous",
        "nous",
        "aux",
        "au",
        "qui",
        "que",
        "cette",
        "ses",
        "sont",
        "par",
        "ou",
    ]
)
ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "with",
        "for",
        "to",
        "is",
        "are",
        "your",
        "you",
        "this",
        "that",
        "from",
        "by",
        "not",
        "has",
        "have",
        "will",
        "its",
        "their",
    ]
)
# Entraide's own documentation, in English only, naming the example's French pages and buttons: the maintainers'
# guide and the entraide.yml reference (generated from the models' descriptions). Both sites show it as is.
DOCUMENTATION = ("maintainers/", "reference/")


def community_copy(target: Path, languages: str) -> Path:
    """The repository's community (files git knows, and new ones) with `languages:` set in entraide.yml."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in listed:
        source = REPO / name
        if name.startswith("tests/") or not source.is_file():
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name)
    rules = target / "entraide.yml"
    text = re.sub(r"(?m)^language: .*$", lambda m: f"{m.group(0)}\nlanguages: {languages}", rules.read_text("utf-8"))
    rules.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def english(tmp_path_factory) -> Path:
    root = community_copy(tmp_path_factory.mktemp("english"), "[en]")
    build_site(root, root / "site")
    return root / "site"


@pytest.fixture(scope="module")
def bilingual_root(tmp_path_factory) -> Path:
    return community_copy(tmp_path_factory.mktemp("bilingual"), "[fr, en]")


@pytest.fixture(scope="module")
def bilingual(bilingual_root) -> Path:
    build_site(bilingual_root, bilingual_root / "site")
    return bilingual_root / "site"


class VisibleText(HTMLParser):
    """The text nodes a reader sees in <body>, without scripts, styles, code and hidden elements."""

    SKIPPED = ("script", "style", "code", "pre", "template", "noscript")

    def __init__(self) -> None:
        super().__init__()
        self.body = False
        self.skipping: list[str] = []
        self.nodes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.body |= tag == "body"
        if tag in self.SKIPPED or "hidden" in dict(attrs):
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if self.body and not self.skipping and text:
            self.nodes.append(text)


def visible_nodes(html: str) -> list[str]:
    reader = VisibleText()
    reader.feed(html)
    return reader.nodes


def folded(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def members_wrote() -> str:
    """Everything the community's own files say (member and mentor text is shown as written, in its language)."""
    parts = []
    for name in CONTENT:
        path = REPO / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            written = file.read_text(encoding="utf-8", errors="replace")
            parts += (
                [written] if file.suffix != ".jsonl" else [s for line in written.splitlines() for s in strings(line)]
            )
    return folded("\n".join(parts))


def strings(line: str) -> list[str]:
    """The texts of one stored event (kudos messages, titles), as members wrote them."""
    found: list[str] = []
    stack = [json.loads(line)]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict | list):
            stack += list(value.values()) if isinstance(value, dict) else value
    return found


def spoken(part: str) -> str:
    """A piece of text as the community's files may hold it: the page may end a member's sentence with its own
    full stop (« We did: <what the maintainers wrote>. »)."""
    return folded(part).rstrip(".!? ")


def interface_texts() -> tuple[set[str], set[str]]:
    """(French texts, English texts) of the interface: the catalogues' translations that differ, and the
    navigation's labels (mkdocs.yml)."""
    with (CATALOGUES / "fr" / "LC_MESSAGES" / "entraide.po").open("rb") as handle:
        catalogue = read_po(handle)
    french, english = set(), set()
    for message in catalogue:
        if not message.id or isinstance(message.id, tuple) or "{" in message.id or message.string == message.id:
            continue
        french.add(folded(str(message.string)))
        english.add(folded(message.id))
    import yaml

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    for label, translated in config["extra"]["nav_translations"]["en"].items():
        if label != translated:
            french.add(folded(label))
            english.add(folded(translated))
    return french - english, english - french


def written_in(node: str, language: str, labels: set[str]) -> bool:
    """Whether a text node reads as `language`: two of its function words, more than the other language's, or
    one of its interface labels word for word."""
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœæ]+", node.casefold())
    ours, theirs = (FRENCH, ENGLISH) if language == "fr" else (ENGLISH, FRENCH)
    mine, other = sum(w in ours for w in words), sum(w in theirs for w in words)
    return (mine >= 2 and mine > other) or folded(node) in labels


def foreign_text(site: Path, *, language: str, under: str = "", skip: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """{page: text nodes written in `language`} for the pages of `site/under`, less member-written text."""
    corpus = members_wrote()
    labels = interface_texts()[0 if language == "fr" else 1]
    found = {}
    for page in sorted((site / under).rglob("*.html")):
        rel = page.relative_to(site / under).as_posix()
        if rel.startswith(("en/", "fr/")) or rel.startswith(skip):
            continue
        nodes = [
            node
            for node in visible_nodes(page.read_text(encoding="utf-8"))
            for part in re.split(r"\s*[·:,;—–()“”«»]\s*", node)
            if part and spoken(part) not in corpus and written_in(part, language, labels)
        ]
        if nodes:
            found[rel] = nodes[:3]
    return found


def test_the_english_example_has_no_french_left(english):
    home = (english / "index.html").read_text(encoding="utf-8")
    assert home.count('<html lang="en"') == 1 and 'aria-label="Switch to dark mode"' in home
    assert len(list(english.rglob("*.html"))) > 50
    assert foreign_text(english, language="fr", skip=DOCUMENTATION) == {}


def test_the_bilingual_english_pages_have_no_french(bilingual):
    assert foreign_text(bilingual, language="fr", under="en", skip=DOCUMENTATION) == {}


def test_the_bilingual_french_pages_have_no_english(bilingual):
    assert foreign_text(bilingual, language="en", skip=DOCUMENTATION) == {}


def test_the_scan_sees_french_and_english():
    french, english = interface_texts()
    assert written_in("Les défis de la semaine", "fr", french)
    assert written_in("Classements", "fr", french) and not written_in("Leaderboards", "fr", french)
    assert written_in("The challenges of the week", "en", english)
    assert not written_in("Léo Lefort", "fr", french)


def test_each_language_has_every_generated_page_at_the_same_address(bilingual):
    french = {p.relative_to(bilingual).as_posix() for p in bilingual.rglob("*.html")}
    english = {p.relative_to(bilingual / "en").as_posix() for p in (bilingual / "en").rglob("*.html")}
    french = {page for page in french if not page.startswith("en/")}
    for page in ("membres/index.html", "defis/index.html", "kpi/engagement/index.html", "guide/index.html"):
        assert page in french and page in english
    assert len(english) > 50 and english - french <= {p for p in english if p.startswith("temoignages/category/")}


def test_the_sitemap_lists_both_languages(bilingual):
    sitemap = (bilingual / "sitemap.xml").read_text(encoding="utf-8")
    assert "/communaute/membres/</loc>" in sitemap and "/communaute/en/membres/</loc>" in sitemap


def test_zensical_builds_the_same_pages_in_both_languages(bilingual, bilingual_root):
    staged = subprocess.run(
        [sys.executable, "-m", "entraide", "--root", str(bilingual_root), "pages", "--zensical"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert staged.returncode == 0, staged.stdout + staged.stderr
    zensical = bilingual_root / "build" / "zensical" / "site"
    built = {p.relative_to(zensical).as_posix() for p in zensical.rglob("*.html")}
    assert built == {p.relative_to(bilingual).as_posix() for p in bilingual.rglob("*.html")}
    assert "Community guide" in (zensical / "en" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "/communaute/en/membres/</loc>" in (zensical / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.browser
def test_the_switch_hreflang_and_search_follow_the_language(bilingual, browser):
    with served_site(bilingual) as url:  # the session's browser: a second Playwright in one worker is refused
        page = browser.new_page()
        only_local(page, url)
        page.goto(url + "guide/")
        links = page.locator('link[rel="alternate"][hreflang]')
        assert {links.nth(i).get_attribute("hreflang") for i in range(links.count())} == {"fr", "en"}
        assert page.locator('link[hreflang="en"]').get_attribute("href").endswith("/en/guide/")
        page.locator(".md-select").hover()
        page.locator('.md-select a[hreflang="en"]').click()
        page.wait_for_url(url + "en/guide/")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("h1").first.inner_text().startswith("Community guide")
        page.locator(".md-select").hover()
        page.locator('.md-select a[hreflang="fr"]').click()
        page.wait_for_url(url + "guide/")
        assert page.locator("h1").first.inner_text().startswith("Guide de la communauté")

        page.goto(url + "en/")
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator(".md-search__input").fill("reviews")
        page.locator(".md-search__input").press("End")  # the theme also searches on key presses: a query typed
        # while its index still loads (a busy machine) is searched again on the next key
        results = page.locator(".md-search-result__item a")
        results.first.wait_for(timeout=20_000)
        hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
        assert hrefs and all(href.startswith(url + "en/") for href in hrefs), hrefs


def test_a_page_without_translation_shows_as_written_and_a_translation_is_no_page_of_its_own():
    from entraide.site.languages import page_sources

    written = ["guide/index.md", "guide/index.en.md", "notes.md", "temoignages/.authors.en.yml", "a.b.md"]
    assert page_sources(written, "en") == {
        "guide/index.md": "guide/index.en.md",
        "notes.md": "notes.md",
        "temoignages/.authors.yml": "temoignages/.authors.en.yml",
        "a.b.md": "a.b.md",
    }
    assert page_sources(written, "fr") == {
        "guide/index.md": "guide/index.md",
        "notes.md": "notes.md",
        "a.b.md": "a.b.md",
    }
