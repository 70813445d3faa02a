"""Next steps on a public profile (`site.pages.members`): `nextsteps` ranks the challenges, here once per
profile for thousands of profiles, so what every profile shares is worked out once per build (the resources
of each challenge) and the community's counts are read minus the member's own path, never copied.
"""

from __future__ import annotations

import datetime as dt

from entraide.content.i18n import Translator
from entraide.content.models import Challenge, Community, Member
from entraide.insight.nextsteps import Resource, Seen, Step, markdown, recommend, resources_for, transitions


class SeenWithout:
    """`seen - own` as ranking reads it, without the copy: a profile takes its member's own path out of the
    whole community's counts, and copying those counts for each of thousands of profiles cost more than
    ranking itself. A `Counter` difference keeps positive counts only: so does this."""

    __slots__ = ("_own", "_seen")

    def __init__(self, seen: Seen, own: Seen) -> None:
        self._seen, self._own = seen, own

    def __getitem__(self, pair: tuple[str, str | None]) -> int:
        count = self._seen.get(pair, 0) - self._own.get(pair, 0)
        return count if count > 0 else 0


def profile_section(
    member: Member,
    *,
    accepted: tuple[str, ...],
    community: Community,
    as_of: dt.date,
    pool: list[Resource],
    seen_all: Seen,
    tr: Translator,
) -> str:
    """'Next steps' for a public profile page (`ctx` is the site's SiteContext); '' when none.

    `seen_all` is `transitions` over every member's path, computed once per build; the member's own path
    is taken out here, so a profile costs the same whatever the size of the community.
    Called only for members whose profile is public: the site shows no profile for the others.

    What ranking reads of the member is their track, cohort, interests and path: thousands of learners share
    these (three in four at a million events), so each section is worked out once per build and per
    combination of them, and read back for the others."""
    build = (community, pool, seen_all, tr)
    if not (_SECTIONS and _SECTIONS[0][1] == as_of and all(a is b for a, b in zip(_SECTIONS[0][0], build))):
        _SECTIONS[:] = [(build, as_of, {})]
    known = _SECTIONS[0][2]
    key = (member.track, member.cohort, member.interests, accepted)
    said = known.get(key)
    if said is None:
        said = known[key] = _section(
            member, accepted=accepted, community=community, as_of=as_of, pool=pool, seen_all=seen_all, tr=tr
        )
    return said


# The last build's sections, by what ranking reads of a member (`profile_section`).
_SECTIONS: list[tuple[tuple[object, ...], dt.date, dict[tuple[object, ...], str]]] = []


def _section(
    member: Member,
    *,
    accepted: tuple[str, ...],
    community: Community,
    as_of: dt.date,
    pool: list[Resource],
    seen_all: Seen,
    tr: Translator,
) -> str:
    """`profile_section` worked out (see there)."""
    seen = SeenWithout(seen_all, transitions([accepted]))
    steps = recommend(member, accepted=accepted, community=community, as_of=as_of, seen=seen)
    urls, titles = _pool_links(community.challenges, pool)
    steps = [Step(s.challenge, s.title, s.score, s.why, urls[s.challenge]) for s in steps]  # `with_resources`
    if not steps:
        return ""
    heading = tr.gettext("Next steps")
    return f"## {heading}\n\n" + markdown(steps, tr=tr, titles=titles)


# The last pool's links: every profile of a build asks with the same challenges and pool.
_POOL: list[tuple[tuple[Challenge, ...], list[Resource], dict[str, tuple[str, ...]], dict[str, str]]] = []


def _pool_links(
    challenges: tuple[Challenge, ...], pool: list[Resource]
) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """({challenge: the urls `with_resources` gives it}, {url: title}) of a pool, worked out once per pool."""
    if _POOL and _POOL[0][0] is challenges and _POOL[0][1] is pool:
        return _POOL[0][2], _POOL[0][3]
    urls = {c.slug: tuple(r.url for r in resources_for(c, pool)) for c in challenges}
    titles = {r.url: r.title for r in pool}
    _POOL[:] = [(challenges, pool, urls, titles)]
    return urls, titles
