"""The example community's generated pages in English and in French: no text of the other language's catalogue
left on them (the pages whose sources go through the catalogues; see tests/test_i18n.py's CONVERTED)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from entraide.content.i18n import messages, translator
from entraide.site import build as site

# Page sources whose every text goes through the catalogues (the others are listed in CONTRIBUTING.md).
CONVERTED = ("defis/", "classements/", "badges/index.md", "membres/", "evenements/", "questions/", "premiers-pas/")
CONVERTED += ("rejoindre/", "kpi/index.md", "kpi/engagement.md", "kpi/participation.md", "kpi/retention.md")
CONVERTED += ("kpi/reussite.md", "kpi/satisfaction.md", "kpi/reactivite.md", "kpi/connexions.md", "kpi/mentors.md")
CONVERTED += ("kpi/ce-qui-aide.md",)


@pytest.fixture(scope="module")
def example() -> site.SiteContext:
    return site.context_for(Path("."))


def pages_in(ctx: site.SiteContext, language: str) -> dict[str, str]:
    built = site.generate(dataclasses.replace(ctx, tr=translator(language)))
    return {path: content for path, content in built.items() if path.endswith(".md") and path.startswith(CONVERTED)}


def telltales(language: str) -> set[str]:
    """Pieces of this language's catalogue that the other language never writes: each message's longest run
    of words between placeholders, when it differs from the other language's and is long enough to be telling."""
    other = "en" if language == "fr" else "fr"
    theirs = {_text(m.string) for m in messages.read(other) if m.id}
    found = set()
    for message in messages.read(language):
        if not message.id:
            continue
        runs = re.split(r"\{\w*\}|[*`\[\]()#]", _text(message.string))
        longest = max((run.strip(" :.,;") for run in runs), key=len)
        if len(longest) >= 12 and " " in longest and not any(longest in text for text in theirs):
            found.add(longest)
    return found


def _text(string: str | tuple[str, ...]) -> str:
    return string if isinstance(string, str) else " ".join(string)


@pytest.mark.parametrize(("language", "other"), [("en", "fr"), ("fr", "en")])
def test_no_text_of_the_other_language_on_the_example_pages(example, language, other):
    pages = pages_in(example, language)
    assert len(pages) > 30 and any(p.startswith("kpi/") for p in pages) and "evenements/index.md" in pages
    written = "\n".join(
        p.read_text(encoding="utf-8") for p in [Path("entraide.yml"), *Path("challenges").rglob("*.md")]
    )
    foreign = {piece for piece in telltales(other) if piece not in written}  # names the community wrote stay
    assert len(foreign) > 100
    leaks = sorted({(path, piece) for path, content in pages.items() for piece in foreign if piece in content})
    assert leaks == []


def test_the_english_example_reads_as_english(example):
    pages = pages_in(example, "en")
    assert "Only people who agreed to appear publicly are listed." in pages["membres/index.md"]
    assert "## Upcoming" in pages["evenements/index.md"] and "Webinars" not in pages["evenements/index.md"]
    assert "Reactions, comments and reviews published during the week" in pages["kpi/engagement.md"]
    assert re.search(
        r"\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d",
        pages["kpi/index.md"],
    )
    french = pages_in(example, "fr")
    assert "Seules les personnes qui ont accepté d'apparaître publiquement sont listées." in french["membres/index.md"]
