"""Generated pages, from a small community and a hand-written ledger (no scoring, no MkDocs)."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import markdown
import pytest

from entraide.content.errors import UserError
from entraide.content.i18n import translator
from entraide.events.model import Event
from entraide.insight.nextsteps import read_pages
from entraide.scoring.model import (
    Award,
    BadgeEarned,
    Leaderboard,
    LeaderboardRow,
    Ledger,
    Revocation,
    Standing,
)
from entraide.site import build as site
from entraide.site.pages import escape, sanitize
from sitekit import sample_community

GOLDEN = Path(__file__).parent / "golden" / "pages"
AS_OF = dt.date(2026, 4, 1)


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T12:00").replace(tzinfo=dt.UTC)


def award(member_id: int, login: str, points: int, reason: str, day: str) -> Award:
    return Award(
        member_id=member_id, login=login, points=points, reason=reason, at=at(day), event_ids=(f"e-{login}-{day}",)
    )


def standing(member_id: int, login: str, points: int, level: str, accepted=(), badges=()) -> Standing:
    return Standing(
        member_id=member_id,
        login=login,
        points=points,
        level=level,
        badges=badges,
        accepted=accepted,
        streak_weeks=2,
        best_streak_weeks=3,
        last_active=AS_OF,
    )


def sample_ledger() -> Ledger:
    html_badge = lambda day: BadgeEarned(
        badge="Bâtisseur HTML", name="Bâtisseur HTML", at=dt.date.fromisoformat(day), challenge="html-bases"
    )
    first = lambda day: BadgeEarned(badge="premier-pas", name="Premier pas", at=dt.date.fromisoformat(day))
    revoked = award(102, "leo-learner", 5, "review", "2026-03-20")
    awards = (
        award(102, "leo-learner", 20, "challenge:html-bases", "2026-03-10"),
        award(102, "leo-learner", 20, "review", "2026-03-12"),
        revoked,
        award(103, "zoe-pseudo", 20, "challenge:python-bases", "2026-03-11"),
        award(103, "zoe-pseudo", 20, "kudos", "2026-03-15"),
        award(104, "nina-private", 20, "challenge:html-bases", "2026-03-05"),
        award(104, "nina-private", 40, "review", "2026-03-06"),
        award(105, "hugo-hidden", 20, "challenge:python-bases", "2026-03-04"),
        award(105, "hugo-hidden", 20, "review", "2026-03-07"),
        award(101, "mia-mentor", 10, "review", "2026-03-09"),
    )
    standings = (
        standing(101, "mia-mentor", 10, "Débutant"),
        standing(102, "leo-learner", 40, "Confirmé", ("html-bases",), (first("2026-03-08"), html_badge("2026-03-10"))),
        standing(103, "zoe-pseudo", 40, "Confirmé", ("python-bases",), (first("2026-03-09"),)),
        standing(104, "nina-private", 60, "Confirmé", ("html-bases",), (first("2026-03-04"), html_badge("2026-03-05"))),
        standing(105, "hugo-hidden", 40, "Confirmé", ("python-bases",), (first("2026-03-03"),)),
    )
    general = Leaderboard(
        id="general",
        title="Général",
        window="all_time",
        rows=(
            LeaderboardRow(rank=1, member_id=104, login="nina-private", points=60),
            LeaderboardRow(rank=2, member_id=105, login="hugo-hidden", points=40),
            LeaderboardRow(rank=2, member_id=102, login="leo-learner", points=40),
            LeaderboardRow(rank=2, member_id=103, login="zoe-pseudo", points=40),
            LeaderboardRow(rank=5, member_id=101, login="mia-mentor", points=10),
        ),
    )
    front = Leaderboard(
        id="parcours-front",
        title="Parcours front",
        window="track",
        scope="front",
        rows=(
            LeaderboardRow(rank=1, member_id=104, login="nina-private", points=60),
            LeaderboardRow(rank=2, member_id=102, login="leo-learner", points=40),
        ),
    )
    return Ledger(
        as_of=AS_OF,
        awards=awards,
        revoked=(Revocation(award=revoked, cause="label removed", event_ids=()),),
        standings=standings,
        leaderboards=(general, front),
    )


def sample_context(community=None, ledger=None) -> site.SiteContext:
    return site.SiteContext(
        community=community or sample_community(),
        events=(),
        ledger=ledger or sample_ledger(),
        as_of=AS_OF,
        docs=read_pages(Path(".")),
        tr=translator((community or sample_community()).rules.language),
    )


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return site.generate(sample_context())


def html_of(page: str) -> str:
    return markdown.markdown(page, extensions=["md_in_html", "attr_list", "tables", "meta"])


# --------------------------------------------------------------------------- escaping


@pytest.mark.parametrize(
    "raw, shown",
    [
        ("Léo", "Léo"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("[clic](javascript:alert(1))", "[clic](javascript:alert(1))"),
        ("**gras** _it_ `code`", "**gras** _it_ `code`"),
        ("{{ config }} {% raw %}", "{{ config }} {% raw %}"),
        ("a | b", "a | b"),
        ("ligne 1\n\n# titre", "ligne 1 # titre"),
        ("Zoé\u202e\u200b", "Zoé"),
    ],
)
def test_member_text_shows_verbatim_and_builds_no_markup(raw, shown):
    html = html_of(f"Nom : {escape.text(raw)}")
    decoded = re.sub(r"&#(\d+);", lambda m: chr(int(m[1])), html)
    decoded = decoded.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    assert decoded == f"<p>Nom : {shown}</p>"
    assert re.findall(r"<(\w+)", html) == ["p"], html


@pytest.mark.parametrize(
    "raw, title",
    [
        ("Les bases du HTML", "Les bases du HTML"),
        ("</title><script>alert(1)</script>", "/titlescriptalert(1)/script"),
        ('Défi "{{ x }}" & <b>', "Défi x b"),
        ("<>", "repli"),
    ],
)
def test_titles_keep_only_characters_safe_in_every_theme_slot(raw, title):
    assert escape.title(raw, fallback="repli") == title


# --------------------------------------------------------------------------- briefs


@pytest.mark.parametrize(
    "brief",
    [
        "<script>window.__pwned = 1</script>",
        "<img src=x onerror=alert(1)>",
        "[clic](javascript:alert(1))",
        "[clic]( JaVaScRiPt:alert(1))",
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        "<iframe src=https://example.org></iframe>",
        "<svg onload=alert(1)>",
        '<p style="background:url(javascript:alert(1))" onclick="x()">texte</p>',
        "[x]: data:text/html;base64,PHNjcmlwdD4=\n\n[lien][x]",
    ],
)
def test_briefs_lose_scripts_handlers_and_dangerous_links(brief):
    html = sanitize.markdown_html(brief)
    lowered = html.lower()
    for needle in ("<script", "onerror", "onload", "onclick", "javascript:", "<iframe", "<svg", "style=", "data:"):
        assert needle not in lowered, html


def test_briefs_keep_their_rich_formatting():
    html = sanitize.markdown_html(
        "# Titre\n\nDu **gras**, du `code` et [un lien](https://example.org).\n\n```html\n<main></main>\n```\n"
    )
    assert "<h2>Titre</h2>" in html
    assert "<strong>gras</strong>" in html and "<code>code</code>" in html
    assert 'href="https://example.org"' in html
    assert "&lt;main&gt;&lt;/main&gt;" in html


# --------------------------------------------------------------------------- privacy


@pytest.mark.parametrize(
    "secret", ["nina-private", "Nina Secrète", "104", "hugo-hidden", "Hugo Caché", "105", "Zoé Vraienom"]
)
def test_private_hidden_and_real_names_behind_pseudonyms_appear_on_no_page(pages, secret):
    leaks = [
        path for path, content in pages.items() if secret in (content if isinstance(content, str) else content.decode())
    ]
    assert leaks == []


def test_only_consenting_visible_members_get_a_profile(pages):
    profiles = sorted(p for p in pages if p.startswith("membres/") and p != "membres/index.md")
    assert profiles == ["membres/leo-learner.md", "membres/mia-mentor.md", "membres/zoe-pseudo.md"]


def test_ranks_are_recomputed_among_public_rows_with_ties(pages):
    rows = re.findall(r"^\| (\d+) \| \[([^\]]+)\]\(\.\./membres/([\w-]+)\.md\)", pages["classements/general.md"], re.M)
    assert [(rank, login) for rank, _, login in rows] == [
        ("1", "leo-learner"),
        ("1", "zoe-pseudo"),
        ("3", "mia-mentor"),
    ]


# --------------------------------------------------------------------------- content of the pages


def test_catalogue_lists_every_challenge_grouped_by_track_with_filter_data(pages):
    catalogue = pages["defis/index.md"]
    tracks = re.findall(r'<section class="entraide-track" data-track="(\w+)"', catalogue)
    items = re.findall(r'data-track="(\w+)" data-level="(\d)" markdown>\s+\*\*\[[^\]]+\]\(([\w-]+)\.md\)', catalogue)
    assert tracks == ["front", "back"]
    assert items == [("front", "1", "html-bases"), ("front", "2", "css-grille"), ("back", "1", "python-bases")]


def test_challenge_page_shows_brief_criteria_points_badge_prerequisites_and_public_completions(pages):
    page = pages["defis/html-bases.md"]
    assert "balises sémantiques" in page
    assert "<code>&lt;main&gt;</code>" in page
    assert "- **Points** : 20" in page and "Bâtisseur HTML" in page and "2 mars 2026" in page
    assert re.findall(r"membres/([\w-]+)\.md", page) == ["leo-learner"]
    assert "[Les bases du HTML](html-bases.md)" in pages["defis/css-grille.md"].replace("&#32;", " ")


def test_profile_shows_pseudonym_level_points_badges_challenges_and_activity_without_revoked_awards(pages):
    zoe, leo = pages["membres/zoe-pseudo.md"], pages["membres/leo-learner.md"]
    assert zoe.startswith('---\ntitle: "Zed"\n---\n\n# Zed\n')
    assert "- **Points** : 40" in leo and "- **Niveau** : Confirmé" in leo
    assert "**Bâtisseur HTML**<br>\nobtenu le 10 mars 2026" in leo
    assert "](../badges/img/defi-html-bases.svg)" in leo  # the badge's image, in colour
    assert "[Les bases du HTML](../defis/html-bases.md) · 10 mars 2026" in leo
    assert "12 mars 2026 | Relecture | 20" in leo
    assert "2026-03-20" not in leo  # revoked


def test_badges_page_lists_public_holders_only(pages):
    badges = pages["badges/index.md"]
    assert "[Léo Lefort](../membres/leo-learner.md)" in badges
    assert "Premier pas" in badges and "Pythoniste" in badges


def test_every_page_has_a_safe_front_matter_title(pages):
    for path, content in pages.items():
        if not path.endswith(".md"):
            continue
        title = re.match(r'---\ntitle: "([^"]*)"\n---\n', content)
        assert title, path
        assert re.fullmatch(r"[\w '’,.:;!?()/+-]+", title[1]), (path, title[1])


def test_pages_are_deterministic(pages):
    assert site.generate(sample_context()) == pages


def test_english_community_gets_english_labels():
    community = sample_community()
    english = community.model_copy(update={"rules": community.rules.model_copy(update={"language": "en"})})
    page = site.generate(sample_context(english))["membres/leo-learner.md"]
    assert "## Recent activity" in page and "Activité" not in page


# --------------------------------------------------------------------------- golden pages


@pytest.mark.parametrize("path", ["membres/leo-learner.md", "defis/html-bases.md", "classements/general.md"])
def test_golden_pages(pages, path):
    golden = GOLDEN / path
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(pages[path], encoding="utf-8")
    assert pages[path] == golden.read_text(encoding="utf-8"), "run with UPDATE_GOLDEN=1 and review the diff"


# --------------------------------------------------------------------------- the site module


def test_two_sources_writing_one_path_is_reported(monkeypatch):
    from entraide.site.pages import core

    def fake_source(ctx):
        return {"defis/index.md": "x"}

    with pytest.raises(UserError) as caught:
        site.generate(sample_context(), sources=(core.pages, fake_source))
    assert "docs/defis/index.md" in str(caught.value) and "fake_source" in str(caught.value)


def test_write_pages_writes_the_same_pages_to_a_folder(tmp_path, pages):
    from entraide.site.output import write_pages

    first = write_pages(pages, tmp_path)
    assert (tmp_path / "membres" / "zoe-pseudo.md").read_text(encoding="utf-8") == pages["membres/zoe-pseudo.md"]
    assert len(first.written) == len(pages) and first.unchanged == 0


def test_a_second_write_touches_only_what_changed_and_removes_what_went(tmp_path, pages):
    from entraide.site.output import write_pages

    (tmp_path / "hand-written.md").write_text("mine", encoding="utf-8")
    write_pages(pages, tmp_path)
    stamps = {p: (tmp_path / p).stat().st_mtime_ns for p in pages}
    changed = dict(pages) | {"membres/zoe-pseudo.md": "autre"}
    gone = next(p for p in sorted(pages) if p.startswith("classements/"))
    del changed[gone]
    again = write_pages(changed, tmp_path)
    assert again.written == ("membres/zoe-pseudo.md",) and again.removed == (gone,)
    assert not (tmp_path / gone).exists() and (tmp_path / "hand-written.md").read_text(encoding="utf-8") == "mine"
    untouched = [p for p in changed if p != "membres/zoe-pseudo.md"]
    assert all((tmp_path / p).stat().st_mtime_ns == stamps[p] for p in untouched)


def event_at(moment: str) -> Event:
    return Event(
        id=f"ev-{moment}",
        kind="issue_opened",
        at=dt.datetime.fromisoformat(moment),
        actor_id=102,
        actor_login="leo-learner",
        subject=1,
        subject_type="issue",
    )


@pytest.mark.parametrize(
    "override, history, expected",
    [
        ("2026-05-01", (), dt.date(2026, 5, 1)),
        (None, (event_at("2026-03-05T10:00:00+00:00"), event_at("2026-04-09T23:00:00+00:00")), dt.date(2026, 4, 9)),
        (None, (), dt.date(2026, 3, 2)),
    ],
)
def test_as_of_comes_from_the_environment_then_the_latest_event_then_the_cohort_start(override, history, expected):
    assert site.as_of_date(sample_community(), history, override) == expected


def test_bad_as_of_is_a_user_error():
    with pytest.raises(UserError, match="ENTRAIDE_AS_OF"):
        site.as_of_date(sample_community(), (), "demain")


def test_every_link_between_generated_pages_reaches_a_generated_page(pages):
    broken = []
    for path, content in pages.items():
        if not path.endswith(".md"):
            continue
        for target in re.findall(r"\]\(([^)#]+\.md)\)", content):
            resolved = os.path.normpath(os.path.join(os.path.dirname(path), target))
            handwritten = Path(__file__).parents[1] / "docs" / resolved
            if resolved not in pages and not handwritten.exists():
                broken.append((path, target))
    assert broken == []


def test_generated_json_holds_no_markup_characters_but_the_same_data():
    import json

    data = {"name": "<img src=x onerror=alert(1)> & co"}

    def json_source(ctx):
        return {"api/x.json": json.dumps(data), "api/y.json": json.dumps(data).encode()}

    out = site.generate(sample_context(), sources=(json_source,))
    for content in out.values():
        raw = content.decode() if isinstance(content, bytes) else content
        assert not set("<>&") & set(raw)
        assert json.loads(raw) == data


def test_badges_page_names_the_first_holders_and_counts_the_rest():
    from entraide.content.models import Member
    from entraide.site.pages.badges import HOLDERS_SHOWN

    community = sample_community(
        extra_members=tuple(
            Member(login=f"fan-{i:03d}", id=1000 + i, name=f"Fan {i}", joined=dt.date(2026, 3, 2), public_profile=True)
            for i in range(HOLDERS_SHOWN + 7)
        )
    )
    ledger = sample_ledger()
    first = BadgeEarned(badge="premier-pas", name="Premier pas", at=dt.date(2026, 3, 20))
    fans = tuple(standing(m.id, m.login, 1, "Débutant", badges=(first,)) for m in community.members if m.id >= 1000)
    page = site.generate(sample_context(community, ledger.model_copy(update={"standings": ledger.standings + fans})))
    milestone = page["badges/index.md"].split("Premier pas |", 1)[1].splitlines()[0]
    assert milestone.count("](../membres/") == HOLDERS_SHOWN
    public_holders = 2 + HOLDERS_SHOWN + 7  # Léo and Zed, then the fans
    assert milestone.rstrip(" |").endswith(f"et {public_holders - HOLDERS_SHOWN} autres")


def test_a_large_community_lists_its_members_over_several_index_pages():
    from builders import member
    from entraide.site.pages.members_index import INDEX_PAGE_SIZE, members_index_pages

    many = tuple(member(f"membre-{i:04d}", 10_000 + i, public_profile=True) for i in range(2 * INDEX_PAGE_SIZE + 7))
    ctx = sample_context(community=sample_community(extra_members=many))
    public = ctx.community.public_members()
    index = members_index_pages(ctx, public=public, standings={})
    assert sorted(index) == ["membres/index.md", "membres/page-2.md", "membres/page-3.md"]
    listed = [line for page in index.values() for line in page.splitlines() if "](../membres/" in line]
    assert len(listed) == len(public)  # everyone once, nobody twice
    first, middle, last = (index[path] for path in sorted(index))
    assert (
        '[1](index.md){ aria-current="page" } · [2](page-2.md) · [3](page-3.md) · [Page suivante →](page-2.md)' in first
    )
    assert "Page précédente" not in first and "Page suivante" not in last
    assert '[← Page précédente](page-2.md){ rel="prev" } · [1](index.md) · [2](page-2.md)' in last
    assert '[2](page-2.md){ aria-current="page" } · [3](page-3.md) · [Page suivante →](page-3.md)' in middle
    assert first.count('aria-label="Pages de la liste des membres"') == 2  # above and below the list


def test_a_small_community_keeps_one_index_page(pages):
    assert not [p for p in pages if p.startswith("membres/page-")]
    assert "entraide-pager" not in pages["membres/index.md"]
