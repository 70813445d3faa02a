"""One page of each type the example site has (generated and hand-written), for the tests that look at
every page type in a browser (accessibility, small screens)."""

from __future__ import annotations

from pathlib import Path


def page_types(site: Path) -> dict[str, str]:
    """{page type: path under the site}, the first page of each kind found in the built `site`."""

    def first(pattern: str) -> str:
        found = sorted(
            p.parent.relative_to(site).as_posix() + "/"
            for p in site.glob(pattern)
            if p.parent.name not in ("membres", "defis", "classements", "kpi", "premiers-pas")
        )
        assert found, pattern
        return found[0]

    return {
        "home": "",
        "leaderboards": "classements/",
        "leaderboard": first("classements/*/index.html"),
        "catalogue": "defis/",
        "challenge": "defis/html-semantique/",
        "badges": "badges/",
        "members": "membres/",
        "profile": first("membres/*/index.html"),
        "kpi index": "kpi/",
        "kpi chart": "kpi/engagement/",
        "kpi network": "kpi/connexions/",
        "mentors view": "kpi/mentors/",
        "events": "evenements/",
        "questions": "questions/",
        "frequent questions": "questions/frequentes/",
        "first steps": first("premiers-pas/*/index.html"),
        "join": "rejoindre/",
        "guide": "guide/",
        "reference": "reference/entraide-yml/",
        "404": "404.html",
        "editorial calendar": "animation/calendrier/",
        "contests": "concours/",
        "contest": "concours/relecteurs-octobre/",
        "rewards shop": "boutique/",
    }
