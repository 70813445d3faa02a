"""Synthetic communities of any size, and the simulated history of an existing one. Same arguments, same bytes."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
import unicodedata
from pathlib import Path

import yaml

from entraide.content.animation_models import Animation
from entraide.content.errors import UserError
from entraide.content.loader import load_community
from entraide.content.models import Community, Member, Role, Rules
from entraide.demo.animation import play_animation
from entraide.demo.history import stored_lines
from entraide.demo.simulation import play
from entraide.demo.spill import HELD
from entraide.demo.text import BIOS, FIRST_NAMES, LAST_NAMES
from entraide.events import store

EXAMPLE = Path(__file__).resolve().parents[3]  # the repository root holds the example community
INTERESTS = {
    "front": ("HTML", "CSS", "accessibilité", "JavaScript", "design"),
    "back": ("Python", "SQL", "API", "tests", "données"),
}
TIMEZONES = ("Europe/Paris",) * 8 + ("Europe/Brussels", "America/Montreal", "Africa/Dakar", "Europe/Zurich")


def write_history(
    root: Path,
    community: Community,
    *,
    seed: int,
    until: dt.date | None = None,
    animation: Animation | None = None,
    held: int = HELD,
) -> int:
    """Replace data/events/ by the simulated history; other machine state in data/ is left alone.
    With `animation` (animation/), its prompts and reward requests are played on the last evening.
    `held`: drafts in memory at most (`demo.spill`); the same bytes whatever it is."""
    data = Path(root) / "data"
    data.mkdir(parents=True, exist_ok=True)
    # The new history is written beside the stored one, which it replaces only once whole: the simulation,
    # the merge of its runs and the writing of its months can each fail (a full disk), and lose nothing.
    staging = Path(tempfile.mkdtemp(prefix=".demo-history-", dir=data))
    try:
        with play(community, seed=seed, until=until, held=held) as history:
            if animation is not None:
                play_animation(history, animation, community)
            written = store.write_stream(staging, stored_lines(history))
        _swap(staging / store.EVENTS_DIR, data / store.EVENTS_DIR, old=staging / "replaced")
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(new: Path, folder: Path, *, old: Path) -> None:
    """`new` put in the place of `folder`, whose content goes to `old` (removed by the caller)."""
    new.mkdir(exist_ok=True)  # a history without events is an empty folder
    if folder.exists():
        folder.rename(old)
    try:
        new.rename(folder)
    except OSError:
        if old.exists():
            old.rename(folder)
        raise


def write_community(
    out: Path,
    *,
    members: int,
    seed: int,
    catalogue: Path = EXAMPLE,
    until: dt.date | None = None,
    held: int = HELD,
) -> int:
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise UserError(f"demo: {out} is not empty; give a new or empty folder")
    source = load_community(catalogue)
    people = synthetic_members(members, seed=seed, rules=source.rules)
    rules = rules_for(source.rules, people)
    (out / "members").mkdir(parents=True)
    (out / "challenges").mkdir()
    (out / "entraide.yml").write_text(dump_yaml(rules.model_dump(mode="json", exclude_defaults=True)))
    for path in sorted((Path(catalogue) / "challenges").glob("*.md")):
        shutil.copyfile(path, out / "challenges" / path.name)
    for member in people:
        data = member.model_dump(mode="json", exclude_defaults=True)
        (out / "members" / f"{member.login}.yml").write_text(dump_yaml(data))
    community = Community(rules=rules, members=tuple(people), challenges=source.challenges)
    with play(community, seed=seed, until=until, held=held) as history:
        return store.write_stream(out / "data", stored_lines(history))


def dump_yaml(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)


def rules_for(rules: Rules, people: list[Member]) -> Rules:
    """The catalogue's rules with this community's mentors on the tracks and as agenda hosts."""
    mentors = [m for m in people if m.role is Role.mentor]
    tracks = tuple(
        t.model_copy(update={"mentors": tuple(m.login for m in mentors if m.track == t.id)}) for t in rules.tracks
    )
    hosts = {t.id: t.mentors[0] for t in tracks if t.mentors}
    agenda = tuple(
        item.model_copy(update={"host": hosts.get(item.track or "", mentors[0].login)}) for item in rules.agenda
    )
    privacy = rules.privacy.model_copy(update={"hidden": ()})
    return rules.model_copy(update={"tracks": tracks, "agenda": agenda, "privacy": privacy})


def synthetic_members(count: int, *, seed: int, rules: Rules) -> list[Member]:
    """About one mentor for eleven learners, spread over the tracks; learners over the cohorts."""
    rng = random.Random(f"members:{seed}")
    mentors = max(3, count // 12)
    taken: set[str] = set()
    return [synthetic_member(i, rng, taken, rules, mentor=i < mentors) for i in range(count)]


def synthetic_member(i: int, rng: random.Random, taken: set[str], rules: Rules, *, mentor: bool) -> Member:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    track = rules.tracks[i % len(rules.tracks)].id
    cohort = None if mentor or not rules.cohorts else rules.cohorts[(i // 2) % len(rules.cohorts)]
    joined = cohort.start - dt.timedelta(days=rng.randint(1, 12)) if cohort else dt.date(2025, 11, 3)
    public = rng.random() < 0.65 or mentor
    return Member(
        login=unique_login(first, last, rng, taken),
        id=10_000_000 + 16 * i + rng.randrange(16),
        name=f"{first} {last}",
        role=Role.mentor if mentor else Role.learner,
        cohort=cohort.id if cohort else None,
        track=track,
        interests=tuple(rng.sample(INTERESTS.get(track, INTERESTS["front"]), 2)),
        languages=("fr", "en") if rng.random() < 0.4 else ("fr",),
        timezone=rng.choice(TIMEZONES),
        joined=joined,
        public_profile=public,
        pseudonym=f"{first} {last[0]}." if public and rng.random() < 0.04 else None,
        bio=rng.choice(BIOS) if rng.random() < 0.3 else None,
    )


def unique_login(first: str, last: str, rng: random.Random, taken: set[str]) -> str:
    """Logins as people pick them: first-last, initial and name, or name and a number."""
    first, last = ascii_slug(first), ascii_slug(last)
    styles = (f"{first}-{last}", f"{first[0]}{last}", f"{first}{last[0]}", f"{first}-{last[:3]}")
    login = styles[rng.randrange(len(styles))]
    while login in taken:
        login = f"{first}-{last}{rng.randrange(10, 10_000)}"
    taken.add(login)
    return login


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(ch if ch.isalnum() else "-" for ch in plain).strip("-")
