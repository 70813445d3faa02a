"""Helpers to build a community's site into a temporary folder, serve it and drive Chromium over it.

    write_community(root, community, events)   # a community made in code, written as people would
    build_site(root, out)                      # `mkdocs build --strict` of root/mkdocs.yml into out
    with served_site(out) as url: ...          # http://127.0.0.1:<port>/ serving out
    with chromium() as browser: ...            # Debian's chromium through Playwright

A root without mkdocs.yml gets the repository's configuration, with the hand-written docs it needs
(home page, assets) and a navigation reduced to the pages that exist there.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from entraide.content.models import Community
from entraide.events.model import Event

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOME_FILES = ("index.md", "assets")


# --------------------------------------------------------------------------- communities in code


def write_community(root: Path, community: Community, events: Iterable[Event] = ()) -> Path:
    """Write `community` as entraide.yml, members/*.yml, challenges/*.md and its events under data/."""
    from entraide.events import store

    root.mkdir(parents=True, exist_ok=True)
    _dump(root / "entraide.yml", community.rules.model_dump(mode="json", exclude_defaults=True))
    (root / "members").mkdir(exist_ok=True)
    for member in community.members:
        _dump(root / "members" / f"{member.login}.yml", member.model_dump(mode="json", exclude_defaults=True))
    (root / "challenges").mkdir(exist_ok=True)
    for challenge in community.challenges:
        front = challenge.model_dump(mode="json", exclude_defaults=True, exclude={"brief"})
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + challenge.brief
        (root / "challenges" / f"{challenge.slug}.md").write_text(text, encoding="utf-8")
    (root / "data").mkdir(exist_ok=True)
    store.append(root / "data", list(events))
    return root


def _dump(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --------------------------------------------------------------------------- building


def build_site(
    root: Path, out: Path, *, env: dict[str, str] | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the community at `root` into `out`, in a fresh process like CI's."""
    root = Path(root)
    if not (root / "mkdocs.yml").exists():
        prepare_root(root)
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--quiet",
        "-f",
        str(root / "mkdocs.yml"),
        "-d",
        str(out),
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=root, env={**os.environ, **(env or {})}, timeout=600
    )
    if check and result.returncode != 0:
        raise AssertionError(f"mkdocs build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def prepare_root(root: Path) -> None:
    """Give a community folder the repository's site configuration and home page."""
    from entraide.site import build as site

    docs = root / "docs"
    docs.mkdir(exist_ok=True)
    for name in HOME_FILES:
        source, target = REPO / "docs" / name, docs / name
        if not target.exists():
            shutil.copytree(source, target) if source.is_dir() else shutil.copy(source, target)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    generated = set(site.generate(site.context_for(root)))
    config["nav"] = _existing_nav(config.get("nav", []), docs=docs, generated=generated)
    config["hooks"] = [str(REPO / hook) for hook in config.get("hooks", [])]
    config["theme"]["custom_dir"] = str(REPO / config["theme"]["custom_dir"])
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _existing_nav(nav: list, *, docs: Path, generated: set[str]) -> list:
    kept = []
    for entry in nav:
        ((label, target),) = entry.items() if isinstance(entry, dict) else ((None, entry),)
        if isinstance(target, list):
            children = _existing_nav(target, docs=docs, generated=generated)
            if children:
                kept.append({label: children})
        elif target in generated or (docs / target).exists():
            kept.append(entry)
    return kept


def site_files(
    out: Path, suffixes: tuple[str, ...] = (".html", ".json", ".xml", ".js", ".md", ".txt")
) -> dict[str, str]:
    """Every text file of a built site, by path relative to it."""
    return {
        str(path.relative_to(out)): path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(Path(out).rglob("*"))
        if path.is_file() and path.suffix in suffixes
    }


# --------------------------------------------------------------------------- serving and browsing


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _ProjectPathHandler(_QuietHandler):
    """GitHub Pages for a project site: the site under /<prefix>/, its 404.html for any missing path."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def served_site(directory: Path, *, prefix: str = "/") -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 at a free port under `prefix` (GitHub Pages' project path, with its
    404 page for missing paths, when not '/'); yields the site's URL, ending with '/'."""
    if prefix == "/":
        handler = functools.partial(_QuietHandler, directory=str(directory))
    else:
        pages = type("Handler", (_ProjectPathHandler,), {"prefix": "/" + prefix.strip("/") + "/"})
        handler = functools.partial(pages, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/" + prefix.strip("/") + ("/" if prefix.strip("/") else "")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium browser (Playwright sync API); fails, never skips, when chromium is missing."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        raise AssertionError(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' or set CHROMIUM")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def only_local(page: object, base_url: str) -> None:
    """Refuse every request that leaves the local server, so a test never reaches the internet."""
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url) else route.abort())


# --------------------------------------------------------------------------- a small community in code


def sample_community(*, extra_members: tuple = (), challenge_overrides: dict | None = None) -> Community:
    """Two tracks, three challenges, a mentor, public and private learners, one hidden by moderators."""
    import datetime as dt

    from entraide.content.models import (
        BadgeRule,
        Challenge,
        Cohort,
        LeaderboardWindow,
        Level,
        Member,
        Privacy,
        Rules,
        Track,
    )

    rules = Rules(
        name="Communauté test",
        language="fr",
        tracks=(
            Track(id="front", name="Front-end", mentors=("mia-mentor",)),
            Track(id="back", name="Back-end", mentors=("mia-mentor",)),
        ),
        cohorts=(Cohort(id="printemps", name="Printemps", start=dt.date(2026, 3, 2), end=dt.date(2026, 6, 12)),),
        badges=(
            BadgeRule(
                id="premier-pas",
                name="Premier pas",
                description="Une première soumission",
                metric="submissions",
                threshold=1,
            ),
        ),
        levels=(Level(name="Débutant", min_points=0), Level(name="Confirmé", min_points=40)),
        leaderboards=(
            LeaderboardWindow(id="general", title="Général", window="all_time"),
            LeaderboardWindow(id="parcours", title="Par parcours", window="track"),
        ),
        privacy=Privacy(hidden=("hugo-hidden",)),
    )
    joined = dt.date(2026, 3, 2)
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
            login="leo-learner",
            id=102,
            name="Léo Lefort",
            role="learner",
            track="front",
            cohort="printemps",
            joined=joined,
            public_profile=True,
            bio="J'apprends le HTML.",
        ),
        Member(
            login="zoe-pseudo",
            id=103,
            name="Zoé Vraienom",
            pseudonym="Zed",
            track="back",
            cohort="printemps",
            joined=joined,
            public_profile=True,
        ),
        Member(login="nina-private", id=104, name="Nina Secrète", track="front", cohort="printemps", joined=joined),
        Member(
            login="hugo-hidden",
            id=105,
            name="Hugo Caché",
            track="back",
            cohort="printemps",
            joined=joined,
            public_profile=True,
        ),
    ) + tuple(extra_members)
    overrides = challenge_overrides or {}
    challenges = (
        Challenge(
            slug="html-bases",
            title="Les bases du HTML",
            track="front",
            level=1,
            points=20,
            badge="Bâtisseur HTML",
            acceptance_criteria=("La page utilise `<main>`.",),
            brief="Construisez une page de présentation avec des balises sémantiques.\n",
            opens=dt.date(2026, 3, 2),
            **overrides.get("html-bases", {}),
        ),
        Challenge(
            slug="css-grille",
            title="Mise en page en grille",
            track="front",
            level=2,
            points=30,
            prerequisites=("html-bases",),
            acceptance_criteria=("La grille tient sur mobile.",),
            brief="Disposez une galerie avec CSS Grid, sans framework.\n",
            **overrides.get("css-grille", {}),
        ),
        Challenge(
            slug="python-bases",
            title="Premiers pas en Python",
            track="back",
            level=1,
            points=20,
            badge="Pythoniste",
            acceptance_criteria=("Les tests passent.",),
            brief="Écrivez un convertisseur de températures avec ses tests.\n",
            **overrides.get("python-bases", {}),
        ),
    )
    return Community(rules=rules, members=members, challenges=challenges)


def challenge_history(accepted, *, mentor, day: str = "2026-03-05") -> list[Event]:
    """Events in which each (member, challenge slug) pull request is opened, then approved by `mentor`
    (a Member) on its head commit: what scoring needs to accept a challenge."""
    import datetime as dt

    moment = dt.datetime.fromisoformat(f"{day}T10:00").replace(tzinfo=dt.UTC)
    history = []
    for number, (member, slug) in enumerate(accepted, start=1):
        history.append(
            Event(
                id=f"pr-{number}",
                kind="pr_opened",
                at=moment,
                actor_id=member.id,
                actor_login=member.login,
                subject=number,
                subject_type="pull",
                payload={"challenge": slug, "sha": f"s{number}"},
            )
        )
        history.append(
            Event(
                id=f"review-{number}",
                kind="review_submitted",
                at=moment + dt.timedelta(hours=2),
                actor_id=mentor.id,
                actor_login=mentor.login,
                subject=number,
                subject_type="pull",
                payload={"state": "approved", "commit_id": f"s{number}"},
            )
        )
    return history
