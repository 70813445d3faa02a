"""Member-written text never becomes markup, links or code in the built site; private people never appear.

A community whose every free-text field carries an attack is built with the real `mkdocs build --strict`;
then every file of site/ is searched for the markup the attacks would produce, and Chromium opens the
pages (and the search results) to check that no injected script runs.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest
import yaml

from entraide.content.models import BadgeRule, Challenge, Cohort, LeaderboardWindow, Level, Member, Track
from entraide.events.model import Event
from entraide.site.build import SIGNING_KEY_VARIABLE
from sitekit import (
    build_site,
    challenge_history,
    only_local,
    sample_community,
    served_site,
    site_files,
    write_community,
)

SCRIPT = "<script>window.__pwned='script';document.title='pwned'</script>"
IMG = "<img src=x onerror=\"window.__pwned='img'\">"
JS_LINK = "[clic](javascript:window.__pwned='link')"
MD_LINK = "[gagnez](https://evil.example/)"
JINJA = "{{ 7*191 }}{% for x in range(2) %}boucle{% endfor %}"
ATTACKS = f"{SCRIPT} {IMG} {JS_LINK} {MD_LINK} {JINJA}"
# Briefs and criteria are Markdown written by maintainers: an https link there is a real link.
BRIEF_ATTACKS = f"{SCRIPT} {IMG} {JS_LINK} {JINJA}"
SECRET_ID = 987654321

# What the attacks would leave in the HTML or JSON if they got through.
INJECTED = [
    re.compile(r"<script>window\.__pwned", re.I),
    re.compile(r"<img[^>]*\sonerror\s*=", re.I),  # an attribute; escaped text in alt="…" holds "&#61;", not "="
    re.compile(r"<svg[^>]*onload", re.I),
    re.compile(r"<b[^>]*onmouseover", re.I),
    re.compile(r"href=[\"']?\s*javascript:", re.I),
    re.compile(r"href=[\"']?https://evil\.example", re.I),
    re.compile(r"1337"),  # 7*191: a template engine evaluated member text
    re.compile(r"boucleboucle"),
]


def attacked_community():
    base = sample_community()
    joined = dt.date(2026, 3, 2)
    rules = base.rules.model_copy(
        update={
            "tracks": (
                Track(
                    id="front",
                    name=f"<b onmouseover=\"window.__pwned='track'\">Front</b> {JINJA}",
                    mentors=("mia-mentor",),
                ),
                Track(id="back", name="Back-end", mentors=("mia-mentor",)),
            ),
            "cohorts": (Cohort(id="printemps", name=f"Printemps {IMG}", start=joined, end=dt.date(2026, 6, 12)),),
            "levels": (Level(name="<svg onload=\"window.__pwned='level'\">", min_points=0),),
            "badges": (
                BadgeRule(
                    id="premier-pas", name=f"Premier {SCRIPT}", description=ATTACKS, metric="submissions", threshold=1
                ),
            ),
            "leaderboards": (LeaderboardWindow(id="general", title=f"</title>{SCRIPT}", window="all_time"),),
            "site_url": "https://example.org/communaute/",
            "contact_email": "contact@example.org",
        }
    )
    members = (
        Member(
            login="mia-mentor",
            id=101,
            name="Mia Mentor",
            role="mentor",
            track="front",
            joined=joined,
            public_profile=True,
        ),
        Member(
            login="eve-script",
            id=201,
            name=SCRIPT[:100],
            track="front",
            cohort="printemps",
            joined=joined,
            public_profile=True,
            bio=ATTACKS,
        ),
        Member(
            login="eve-pseudo",
            id=202,
            name="Ève Réelle",
            pseudonym=IMG,
            track="front",
            joined=joined,
            public_profile=True,
        ),
        Member(
            login="eve-links",
            id=203,
            name=f"{MD_LINK} {JS_LINK}"[:100],
            track="back",
            joined=joined,
            public_profile=True,
            bio=JINJA,
        ),
        Member(
            login="secret-person",
            id=SECRET_ID,
            name="Personne Secrète",
            track="front",
            joined=joined,
            public_profile=False,
            pseudonym="Masque Discret",
        ),
        Member(
            login="hidden-person",
            id=SECRET_ID + 1,
            name="Personne Masquée",
            track="back",
            joined=joined,
            public_profile=True,
        ),
    )
    rules = rules.model_copy(update={"privacy": rules.privacy.model_copy(update={"hidden": ("hidden-person",)})})
    challenge = Challenge(
        slug="piege",
        title=f"{SCRIPT} Piège"[:120],
        track="front",
        level=1,
        points=20,
        badge=IMG[:60],
        acceptance_criteria=(BRIEF_ATTACKS, '<a href="javascript:x()">critère</a>'),
        brief=f"# Énoncé piégé\n\nUn mot rare : zythophile.\n\n{BRIEF_ATTACKS}\n\n"
        '<iframe src="https://evil.example/"></iframe>\n',
    )
    return base.model_copy(
        update={"rules": rules, "members": members, "challenges": (challenge,) + base.challenges[2:]}
    )


def write_animation(root: Path) -> None:
    """animation/ with attacks in every text, a closed contest the secret and hidden members take part in, a
    calendar entry they own and a reward they bought (issue 16: contest boards, shop and calendar included)."""
    folder = root / "animation"
    folder.mkdir()
    files = {
        "calendar.yml": {
            "entries": [
                {
                    "id": "secret",
                    "date": "2026-03-25",
                    "kind": "story",
                    "title": ATTACKS[:200],
                    "owner": "secret-person",
                },
                {"id": "hidden", "date": "2026-03-26", "kind": "video", "title": "Vidéo", "owner": "hidden-person"},
            ]
        },
        "prompts.yml": {"start": "2026-03-16", "prompts": [{"id": "p", "title": ATTACKS[:200], "body": ATTACKS}]},
        "contests.yml": {
            "contests": [
                {
                    "id": "mars",
                    "title": ATTACKS[:200],
                    "start": "2026-03-01",
                    "end": "2026-03-10",
                    "counts": ["challenge"],
                    "winners": 5,
                    "prizes": [ATTACKS[:200]],
                    "description": ATTACKS,
                }
            ]
        },
        "rewards.yml": {
            "approvers": ["mia-mentor"],
            "items": [{"id": "cv", "name": ATTACKS[:200], "cost": 5, "stock": 5, "description": ATTACKS}],
        },
    }
    for name, data in files.items():
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def reward_requests(members: dict[str, Member]) -> list[Event]:
    """The secret and the hidden member each ask for a reward, approved by the mentor."""
    events = []
    for number, login in ((900, "secret-person"), (901, "hidden-person")):
        who, at = members[login], dt.datetime(2026, 3, 20, 10, tzinfo=dt.UTC)
        payload = {"labels": ["recompense"], "form": "recompense", "reward": "x (cv)", "title": "Demande"}
        events.append(
            Event(
                id=f"req-{number}",
                kind="issue_opened",
                at=at,
                actor_id=who.id,
                actor_login=login,
                subject=number,
                subject_type="issue",
                payload=payload,
            )
        )
        mentor = members["mia-mentor"]
        events.append(
            Event(
                id=f"ok-{number}",
                kind="label_added",
                at=at + dt.timedelta(hours=1),
                actor_id=mentor.id,
                actor_login=mentor.login,
                subject=number,
                subject_type="issue",
                payload={"label": "recompense-approuvee"},
            )
        )
    return events


@pytest.fixture(scope="module")
def attacked_site(tmp_path_factory) -> Path:
    community = attacked_community()
    members = {m.login: m for m in community.members}
    history = challenge_history(
        [
            (members[login], "piege")
            for login in ("eve-script", "eve-pseudo", "eve-links", "secret-person", "hidden-person")
        ],
        mentor=members["mia-mentor"],
    )
    history += reward_requests(members)
    root = write_community(tmp_path_factory.mktemp("attacked"), community, history)
    write_animation(root)
    out = root / "site"
    build_site(root, out, env={SIGNING_KEY_VARIABLE: "42" * 32})  # credentials on: OB 2.0 and 3.0
    return out


def test_no_member_text_becomes_markup_links_or_template_code(attacked_site):
    files = site_files(attacked_site, (".html", ".json", ".xml", ".svg"))
    found = [(path, pattern.pattern) for path, text in files.items() for pattern in INJECTED if pattern.search(text)]
    assert found == []


@pytest.mark.parametrize(
    "login, shown", [("eve-script", SCRIPT), ("eve-pseudo", IMG), ("eve-links", f"{MD_LINK} {JS_LINK}")]
)
def test_the_attacks_are_shown_as_plain_text(attacked_site, login, shown):
    page = (attacked_site / "membres" / login / "index.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)[1]
    heading = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", heading)
    assert "<" not in heading
    assert html.unescape(heading).strip() == shown


def test_page_titles_hold_no_markup(attacked_site):
    for path, text in site_files(attacked_site, (".html",)).items():
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        assert title and "<" not in title[1] and "&" not in title[1], (path, title and title[1])


def test_search_index_titles_and_text_hold_no_live_markup(attacked_site):
    index = json.loads((attacked_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            assert not re.search(r"<(script|img|svg|iframe|a |b )", doc[field], re.I), (doc["location"], doc[field])


@pytest.mark.parametrize(
    "secret",
    [
        "secret-person",
        "Personne Secrète",
        "Masque Discret",
        str(SECRET_ID),
        "hidden-person",
        "Personne Masquée",
        str(SECRET_ID + 1),
        "Ève Réelle",
    ],
)
def test_non_consenting_and_hidden_members_appear_in_no_file(attacked_site, secret):
    files = site_files(attacked_site, (".html", ".json", ".xml", ".rss", ".txt", ".md", ".js", ".css", ".svg", ".ics"))
    assert [path for path, text in files.items() if secret in text] == []
    assert not any(secret in p.name for p in attacked_site.rglob("*"))


def test_the_animation_pages_exist_and_show_the_private_winner_without_a_name(attacked_site):
    contest = (attacked_site / "concours" / "mars" / "index.html").read_text(encoding="utf-8")
    assert ("profil privé" in contest and "Eve" not in contest) or "profil privé" in contest
    shop = (attacked_site / "boutique" / "index.html").read_text(encoding="utf-8")
    assert shop.count("profil privé") >= 2  # both private requests, no name
    assert (attacked_site / "animation" / "calendrier" / "index.html").exists()


def test_credentials_exist_for_public_holders_only(attacked_site):
    """Assertions and signed credentials: one per badge of each public holder, none whose hashed recipient
    is the GitHub profile of the non-consenting or the hidden member."""
    import hashlib

    assertions = [json.loads(p.read_text()) for p in (attacked_site / "badges/ob/assertions").glob("*.json")]
    signed = [
        json.loads(p.read_text()) for p in (attacked_site / "badges/ob3").glob("*.json") if p.name != "status.json"
    ]
    assert len(assertions) == len(signed) == 6  # three public learners, each: the challenge badge and "premier-pas"
    recipients = [(a["recipient"]["identity"], a["recipient"]["salt"]) for a in assertions]
    recipients += [(i["identityHash"], i["salt"]) for c in signed for i in c["credentialSubject"]["identifier"]]

    def holder(login: str, salt: str) -> str:
        return "sha256$" + hashlib.sha256(f"https://github.com/{login}{salt}".encode()).hexdigest()

    for login in ("secret-person", "hidden-person"):
        assert not [identity for identity, salt in recipients if identity == holder(login, salt)]
    assert all(
        any(identity == holder(f"eve-{who}", salt) for who in ("script", "pseudo", "links"))
        for identity, salt in recipients
    )


def test_badge_images_show_the_attacks_as_text(attacked_site):
    """Badge names reach the SVG through the escaping path: a name holding markup is text in <title>."""
    from xml.etree import ElementTree

    for image in (attacked_site / "badges/img").glob("*.svg"):
        tree = ElementTree.parse(image)
        tags = {element.tag.rsplit("}", 1)[-1] for element in tree.iter()}
        assert tags <= {"svg", "title", "desc", "polygon", "circle", "path", "text"}, image.name
    title = ElementTree.parse(attacked_site / "badges/img/premier-pas.svg").find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == f"Premier {SCRIPT}"


PAGES = [
    "",
    "membres/",
    "membres/eve-script/",
    "membres/eve-pseudo/",
    "membres/eve-links/",
    "defis/",
    "defis/piege/",
    "badges/",
    "classements/",
    "classements/general/",
]


@pytest.mark.browser
def test_no_injected_script_runs_in_the_browser(attacked_site, browser):
    with served_site(attacked_site) as url:
        page = browser.new_page()
        only_local(page, url)
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in PAGES:
            page.goto(url + path, wait_until="load")
            page.wait_for_timeout(100)
            assert page.evaluate("window.__pwned") is None, path
            assert page.title() != "pwned", path
        page.goto(url)
        page.fill("input.md-search__input", "zythophile")
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__pwned") is None
        assert page.title() != "pwned" and dialogs == []
