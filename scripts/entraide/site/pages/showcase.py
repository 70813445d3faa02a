"""What a member can show on their profile: badge images (earned in colour with « Télécharger » and
« Ajouter à LinkedIn »; the next ones greyed with what is missing), progress bars (next level, the cohort's
required challenges, the streak against the longest) and a link to the catalogue marked with their state.

Every piece of text goes through `escape.text`; images are Markdown images, so MkDocs checks and rewrites
their paths like any other link. `badgecards` lays the cards out on each profile.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from urllib.parse import quote_plus, urlencode

from entraide.content.i18n import Translator
from entraide.content.models import Challenge, Community, Member
from entraide.events.model import Event
from entraide.events.submissions import open_submissions
from entraide.scoring.model import Standing
from entraide.site.credentials import ob2, ob3
from entraide.site.credentials.catalogue import Badge
from entraide.site.credentials.records import Record
from entraide.site.pages.escape import text

NEXT_CHALLENGE_BADGES = 2


def image(badge: Badge, *, up: str, locked: bool = False) -> str:
    """The badge's image as Markdown (alt text: its name); `up` leads from the page's folder to docs/."""
    css = ".entraide-badge-img .is-locked" if locked else ".entraide-badge-img"
    return f'![{text(badge.name)}]({up}{badge.image}){{ {css} width="88" height="88" }}'


def card(content: str, *, locked: bool = False) -> str:
    css = "entraide-badge is-locked" if locked else "entraide-badge"
    return f'<div class="{css}" markdown>\n\n{content}\n\n</div>'


def gallery(cards: list[str]) -> str:
    return '<div class="entraide-badges" markdown>\n\n' + "\n\n".join(cards) + "\n\n</div>"


class ShareLinks:
    """The links under each earned badge of a profile: download its image, add it to LinkedIn, verify it,
    and the signed credential when credentials are signed. Their texts are translated once per build, and
    each badge's LinkedIn link start and each assertions' folder address encoded once (tens of thousands
    of earned badges at a million events)."""

    def __init__(self, *, community: Community, tr: Translator, base: str, signed: bool) -> None:
        self._organization, self._base, self._signed = community.rules.name, base, signed
        self._download, self._add, self._verify = (
            tr.gettext("Download"),
            tr.gettext("Add to LinkedIn"),
            tr.gettext("Verify"),
        )
        self._sign = tr.gettext("Signed credential") if signed else ""
        self._starts: dict[str, str] = {}
        self._folders: dict[str, str] = {}

    def __call__(self, record: Record) -> str:
        assertion = ob2.assertion_path(record)
        folder, _, name = assertion.rpartition("/")
        start = self._starts.get(record.badge.name)
        if start is None:
            start = self._starts[record.badge.name] = _linkedin_start(record.badge.name, self._organization)
        where = self._folders.get(folder)
        if where is None:
            where = self._folders[folder] = quote_plus(self._base + folder + "/")
        issued = record.issued  # LinkedIn's add-to-profile link: the certification's date, URL and id
        linkedin = (
            f"{start}&issueYear={issued.year}&issueMonth={issued.month}"
            f"&certUrl={where}{_quoted(name)}&certId={_quoted(record.uid)}"
        )
        said = (
            f"[{self._download}](../{ob2.baked_path(record)}) · [{self._add}]({linkedin})"
            f" · [{self._verify}](../{assertion})"
        )
        return f"{said} · [{self._sign}](../{ob3.credential_path(record)})" if self._signed else said


def _quoted(value: str) -> str:
    """`quote_plus(value)` as `urlencode` writes each value (per character, so parts join), with no work
    for a value of only never-quoted characters (a record's id)."""
    return value if _NEVER_QUOTED.fullmatch(value) else quote_plus(value)


_NEVER_QUOTED = re.compile(r"[A-Za-z0-9_.~-]*")


@lru_cache(maxsize=256)
def _linkedin_start(name: str, organization: str) -> str:
    """The link's address and its fields shared by every holder of a badge, encoded once."""
    query = {"startTask": "CERTIFICATION_NAME", "name": name, "organizationName": organization}
    return "https://www.linkedin.com/profile/add?" + urlencode(query)


def bar(label: str, value: int, maximum: int) -> str:
    """A labelled <progress> bar (the label is already escaped text)."""
    maximum = max(maximum, 1)
    value = min(max(value, 0), maximum)
    return (
        f'<div class="entraide-progress"><span>{label}</span>'
        f'<progress value="{value}" max="{maximum}">{round(100 * value / maximum)} %</progress></div>'
    )


def progress_section(
    member: Member, standing: Standing, *, community: Community, tr: Translator, states: dict[str, str]
) -> str:
    """Bars: points to the next level, the cohort's required challenges, the streak against the longest."""
    levels = sorted(community.rules.levels, key=lambda level: level.min_points)
    ahead = [level for level in levels if level.min_points > standing.points]
    below = [level.min_points for level in levels if level.min_points <= standing.points] or [0]
    bars = []
    if ahead:
        label = tr.gettext("{n} points to level “{level}”").format(
            n=ahead[0].min_points - standing.points, level=text(ahead[0].name)
        )
        bars.append(bar(label, standing.points - below[-1], ahead[0].min_points - below[-1]))
    else:
        bars.append(bar(tr.gettext("Highest level reached"), 1, 1))
    cohort = next((c for c in community.rules.cohorts if c.id == member.cohort), None)
    if cohort and cohort.required_challenges:
        done = len(set(cohort.required_challenges) & set(standing.accepted))
        total = len(cohort.required_challenges)
        bars.append(
            bar(
                tr.gettext("Cohort's required challenges: {done} of {total}").format(done=done, total=total),
                done,
                total,
            )
        )
    best = max(standing.best_streak_weeks, standing.streak_weeks)
    bars.append(
        bar(
            tr.gettext("Current streak: {now} week(s) · longest: {best}").format(now=standing.streak_weeks, best=best),
            standing.streak_weeks,
            best,
        )
    )
    query = _encoded(tuple(catalogue_query(states).items()))
    link = f"[{tr.gettext('See my challenges in the catalogue')}](../defis/index.md?{query})"
    return f"## {tr.gettext('Progress')}\n\n" + "\n".join(bars) + f"\n\n{link}"


@lru_cache(maxsize=4096)
def _encoded(query: tuple[tuple[str, str], ...]) -> str:
    """`urlencode` of the catalogue's query: learners share a few hundred combinations of states, each quoted
    once per build rather than once per profile."""
    return urlencode(query)


def catalogue_query(states: dict[str, str]) -> dict[str, str]:
    """Challenge states for the catalogue's link: done, pending and locked slugs (the rest are open)."""
    grouped: dict[str, list[str]] = {}
    for slug, state in sorted(states.items()):
        if state != "open":
            grouped.setdefault(state, []).append(slug)
    return {state: ",".join(slugs) for state, slugs in sorted(grouped.items())}


def challenge_states(
    standing: Standing | None, *, challenges: tuple[Challenge, ...], pending: set[str], as_of: dt.date
) -> dict[str, str]:
    """Each challenge's state for one learner: done, pending (a submission waits), open or locked."""
    done = set(standing.accepted) if standing else set()
    states = {}
    for c in challenges:
        opened = (c.opens is None or c.opens <= as_of) and (c.closes is None or as_of <= c.closes)
        if c.slug in done:
            states[c.slug] = "done"
        elif c.slug in pending:
            states[c.slug] = "pending"
        else:
            states[c.slug] = "open" if opened and set(c.prerequisites) <= done else "locked"
    return states


def pending_by_member(events: tuple[Event, ...]) -> dict[int, set[str]]:
    """Challenges each member has an open pull request for (read once per build)."""
    return open_submissions(events)
