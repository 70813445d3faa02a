"""Next steps for a learner: the challenges to take on next and the resources that prepare for them.

A candidate is a challenge not accepted yet whose prerequisites all are, open on the day. Candidates are
ranked with the cohort's required challenges first, then by a small transparent score: the learner's track, the next level up, required by their cohort,
tags shared with their interests, and what learners who accepted the same challenges went on to accept
(co-occurrence of "accepted A, then B" across other learners). Each step says why it is proposed.
Resources: the hand-written pages that best match the challenge's title and tags (BM25).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from entraide.content.i18n import Translator, split_language
from entraide.content.models import Challenge, Community, Member
from entraide.events.model import Event
from entraide.insight.textsearch import fold

WEIGHTS = {"track": 2.0, "level": 1.5, "required": 1.0, "interest": 0.5, "similar": 3.0}

Seen = Counter[tuple[str, str | None]]  # (a, b): learners who accepted a, then b; (a, None): who accepted a


class Counts(Protocol):
    """What ranking reads of a `Seen`: the count of one pair (0 when absent)."""

    def __getitem__(self, pair: tuple[str, str | None], /) -> int: ...


@dataclass(frozen=True)
class Step:
    challenge: str
    title: str
    score: float
    why: tuple[str, ...]
    resources: tuple[str, ...] = ()  # doc ids


def transitions(sequences: Iterable[tuple[str, ...]]) -> Seen:
    """Counter of (a, b): learners who accepted `a` and later `b`; plus (a, None): learners who accepted a."""
    counts: Seen = Counter()
    for accepted in sequences:
        for i, a in enumerate(accepted):
            counts[(a, None)] += 1
            for b in accepted[i + 1 :]:
                counts[(a, b)] += 1
    return counts


def candidates(accepted: tuple[str, ...], challenges: tuple[Challenge, ...], *, as_of: dt.date) -> list[Challenge]:
    done = set(accepted)
    return [
        c
        for c in sorted(challenges, key=lambda c: c.slug)
        if c.slug not in done
        and set(c.prerequisites) <= done
        and (c.opens is None or c.opens <= as_of)
        and (c.closes is None or c.closes >= as_of)
    ]


def recommend(
    member: Member,
    *,
    accepted: tuple[str, ...],
    community: Community,
    as_of: dt.date,
    seen: Counts | None = None,
    limit: int = 3,
) -> list[Step]:
    """The `limit` best next challenges for `member`, best first, each with its reasons."""
    level = max((c.level for c in community.challenges if c.slug in accepted), default=0)
    required = next((set(c.required_challenges) for c in community.rules.cohorts if c.id == member.cohort), set())
    interests = _folded(member.interests)
    counts: Counts = Counter() if seen is None else seen
    firsts = {a: counts[(a, None)] for a in accepted}  # learners who accepted each: the same for every candidate
    steps = [
        _step(
            c,
            member=member,
            interests=interests,
            accepted=accepted,
            level=level,
            required=required,
            seen=counts,
            firsts=firsts,
        )
        for c in candidates(accepted, community.challenges, as_of=as_of)
    ]
    return sorted(steps, key=lambda s: ("required" not in s.why, -s.score, s.challenge))[:limit]


def _step(
    c: Challenge,
    *,
    member: Member,
    interests: frozenset[str],
    accepted: tuple[str, ...],
    level: int,
    required: set[str],
    seen: Counts,
    firsts: dict[str, int],
) -> Step:
    why: list[str] = []
    score = 0.0
    if c.track == member.track:
        score, why = score + WEIGHTS["track"], why + ["track"]
    if c.level in (level, level + 1):
        score, why = score + WEIGHTS["level"], why + ["level"]
    if c.slug in required:
        score, why = score + WEIGHTS["required"], why + ["required"]
    shared = _folded(c.tags) & interests
    if shared:
        score, why = score + WEIGHTS["interest"] * len(shared), why + ["interests"]
    similar = sum(seen[(a, c.slug)] / firsts[a] for a in accepted if firsts[a])
    if similar:
        score, why = score + WEIGHTS["similar"] * similar / max(len(accepted), 1), why + ["similar"]
    return Step(c.slug, c.title, round(score, 4), tuple(why))


@lru_cache(maxsize=1024)
def _folded(words: tuple[str, ...]) -> frozenset[str]:
    """Tags or interests as compared, folded (a challenge's tags are asked for by every profile it is a
    candidate of)."""
    return frozenset(fold(word.lower()) for word in words)


def popular(
    accepted: tuple[str, ...],
    seen: Seen,
    challenges: tuple[Challenge, ...],
    *,
    limit: int = 3,
    as_of: dt.date | None = None,
) -> list[str]:
    """The yardstick: the most accepted challenges not done yet (with `as_of`: prerequisites met too)."""
    pool = candidates(accepted, challenges, as_of=as_of) if as_of else [c for c in challenges if c.slug not in accepted]
    return [c.slug for c in sorted(pool, key=lambda c: (-seen[(c.slug, None)], c.slug))][:limit]


@dataclass(frozen=True)
class Resource:
    title: str
    url: str
    tags: frozenset[str]
    text: str


RESOURCE_ITEM = re.compile(r"^- \[(?P<title>[^\]]+)\]\((?P<url>[^)]+)\)(?P<rest>.*?)(?=^- |^#|\Z)", re.M | re.S)
TAGS = re.compile(r"(?:Étiquettes|Etiquettes|Tags)\s*:\s*((?:`[^`]+`\s*)+)", re.I)


def resources(pages: Mapping[str, str]) -> list[Resource]:
    """Curated links of the hand-written pages: list items ending with `Étiquettes : `a` `b`` (or Tags:)."""
    out = []
    for _, text in sorted(pages.items()):
        for item in RESOURCE_ITEM.finditer(text):
            tags = TAGS.search(item.group("rest"))
            if tags:
                names = frozenset(fold(t.lower()) for t in re.findall(r"`([^`]+)`", tags.group(1)))
                out.append(Resource(item.group("title"), item.group("url"), names, item.group("rest")))
    return out


def resources_for(challenge: Challenge, pool: list[Resource], *, limit: int = 2) -> list[Resource]:
    """The resources sharing most tags with the challenge; one that names the challenge comes first."""
    wanted = {fold(t.lower()) for t in challenge.tags}

    def weight(r: Resource) -> float:
        return len(r.tags & wanted) + (2 if f"`{challenge.slug}`" in r.text else 0)

    ranked_pool = sorted((r for r in pool if weight(r) > 0), key=lambda r: (-weight(r), r.title))
    return ranked_pool[:limit]


def with_resources(steps: list[Step], challenges: tuple[Challenge, ...], pool: list[Resource]) -> list[Step]:
    by_slug = {c.slug: c for c in challenges}
    return [
        Step(s.challenge, s.title, s.score, s.why, tuple(r.url for r in resources_for(by_slug[s.challenge], pool)))
        for s in steps
    ]


def why_text(reason: str, *, tr: Translator) -> str:
    """Why a step is proposed, in the reader's language (« dans votre parcours »)."""
    reasons = {
        "track": tr.gettext("in your track"),
        "level": tr.gettext("the next level"),
        "required": tr.gettext("required by your cohort"),
        "interests": tr.gettext("close to your interests"),
        "similar": tr.gettext("what learners with similar paths did next"),
    }
    return reasons.get(reason, reason)


def markdown(
    steps: list[Step],
    *,
    tr: Translator,
    titles: dict[str, str] | None = None,
    challenge_url: Callable[[str], str] = lambda slug: f"../defis/{slug}.md",
) -> str:
    """A short list for a profile page or the bot's acceptance comment. Challenge titles and resources
    come from maintainers' files, not from members; they are still kept out of link syntax."""
    lines = []
    for s in steps:
        reasons = ", ".join(why_text(w, tr=tr) for w in s.why)
        link = f"[{_plain(s.title)}]({challenge_url(s.challenge)})"
        lines.append(f"- {link} ({reasons})" if reasons else f"- {link}")
        lines += [f"    - [{_plain((titles or {}).get(url, url))}]({url})" for url in s.resources]
    return "\n".join(lines)


def _plain(title: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", title)


# --------------------------------------------------------------------------- histories


def acceptances(
    community: Community, events: Iterable[Event], *, as_of: dt.date
) -> dict[str, list[tuple[dt.datetime, str]]]:
    """login -> [(when, challenge)] in order of acceptance, as `entraide.scoring` accepts challenges."""
    from entraide.scoring import score

    out: dict[str, list[tuple[dt.datetime, str]]] = {}
    for award in score(community, events, as_of=as_of).awards:
        if award.challenge:
            out.setdefault(award.login, []).append((award.at, award.challenge))
    return {login: sorted(items) for login, items in out.items()}


# --------------------------------------------------------------------------- the shell


def read_pages(root: Path, *, translations: bool = False) -> dict[str, str]:
    """docs/*.md by path; `page.en.md` translations only when asked (the site picks its language's)."""
    docs = Path(root) / "docs"
    paths = (p.relative_to(docs).as_posix() for p in sorted(docs.rglob("*.md")))
    return {p: (docs / p).read_text(encoding="utf-8") for p in paths if translations or not split_language(p)[1]}


def after_acceptance(
    member: Member,
    done: Challenge,
    *,
    community: Community,
    accepted_by: dict[str, tuple[str, ...]],
    today: dt.date,
    limit: int = 3,
) -> tuple[Challenge, ...]:
    """Drop-in for the bot's acceptance comment: the ranked next challenges once `done` is accepted.
    `accepted_by`: login -> challenges accepted, in order (the ledger's standings)."""
    mine = tuple(dict.fromkeys((*accepted_by.get(member.login, ()), done.slug)))
    seen = transitions(seq for login, seq in accepted_by.items() if login != member.login)
    by_slug = {c.slug: c for c in community.challenges}
    steps = recommend(member, accepted=mine, community=community, as_of=today, seen=seen, limit=limit)
    return tuple(by_slug[s.challenge] for s in steps)
