"""Reading animation/ (calendar.yml, prompts.yml, contests.yml, rewards.yml) with the strict reader, and
checking it against the community: owners and approvers are members, tracks exist, ids are unique, contest
rules name known actions. Every problem names file:line and field; `entraide check` and the build fail on them."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from entraide.content.animation_models import Animation, Calendar, Contests, Prompts, Shop
from entraide.content.errors import N_, Problem, UserError
from entraide.content.loader import _read_yaml, _validated
from entraide.content.models import Community, Member, Role
from entraide.content.source import Source

FOLDER = "animation"
FILES: dict[str, tuple[str, type[BaseModel]]] = {
    "calendar": ("calendar.yml", Calendar),
    "prompts": ("prompts.yml", Prompts),
    "contests": ("contests.yml", Contests),
    "shop": ("rewards.yml", Shop),
}
# What a contest may count: the ledger's award reasons (see `entraide.scoring`).
REASONS = (
    "challenge",
    "review",
    "comment",
    "answer",
    "accepted_answer",
    "kudos",
    "first_contribution",
    "event_attendance",
    "feedback",
)


def load_animation(root: Path, community: Community) -> Animation:
    """animation/ under `root`, validated and checked against `community`; absent files take defaults."""
    problems: list[Problem] = []
    sources: dict[str, Source] = {}
    for key, (name, model) in FILES.items():
        path = Path(root) / FOLDER / name
        if path.exists() or path.is_symlink():
            sources[key] = _validated(_read_yaml(path, f"{FOLDER}/{name}"), model, problems)
    if not problems:
        problems += crosscheck(sources, community) + _pages(sources.get("calendar"), Path(root))
    if problems:
        raise UserError(problems)
    return Animation(**{key: source.model for key, source in sources.items()})


def crosscheck(sources: dict[str, Source], community: Community) -> list[Problem]:
    logins = {m.login.casefold(): m for m in community.members}
    tracks = {t.id for t in community.rules.tracks}
    problems: list[Problem] = []
    if "calendar" in sources:
        problems += _calendar(sources["calendar"], logins)
    if "prompts" in sources:
        problems += _prompts(sources["prompts"], tracks)
    if "contests" in sources:
        problems += _contests(sources["contests"])
    if "shop" in sources:
        problems += _shop(sources["shop"], logins)
    return problems


def _pages(source: Source | None, root: Path) -> list[Problem]:
    """An entry's `page` is a Markdown file under docs/ (the page it becomes)."""
    if source is None:
        return []
    calendar: Calendar = source.model
    docs = (root / "docs").resolve()
    problems = []
    for index, entry in enumerate(calendar.entries):
        if entry.page is None:
            continue
        target = (docs / entry.page).resolve()
        if docs not in target.parents or target.suffix != ".md" or not target.is_file():
            message = N_("{page} is no Markdown page under docs/", page=repr(entry.page))
            problems.append(source.problem(("entries", index, "page"), message))
    return problems


def _duplicates(source: Source, key: str, ids: list[str]) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for index, value in enumerate(ids):
        if value in seen:
            problems.append(
                source.problem((key, index, "id"), N_("{id} is used twice: ids are unique", id=repr(value)))
            )
        seen.add(value)
    return problems


def _calendar(source: Source, logins: dict[str, Member]) -> list[Problem]:
    calendar: Calendar = source.model
    problems = _duplicates(source, "entries", [e.id for e in calendar.entries])
    for index, entry in enumerate(calendar.entries):
        if entry.owner.casefold() not in logins:
            message = N_("{login} has no file in members/: the owner must be a member", login=repr(entry.owner))
            problems.append(source.problem(("entries", index, "owner"), message))
    return problems


def _prompts(source: Source, tracks: set[str]) -> list[Problem]:
    prompts: Prompts = source.model
    problems = _duplicates(source, "prompts", [p.id for p in prompts.prompts])
    known = ", ".join(sorted(tracks))
    for index, prompt in enumerate(prompts.prompts):
        if prompt.track is not None and prompt.track not in tracks:
            message = N_("unknown track {track}: expected one of {known}", track=repr(prompt.track), known=known)
            problems.append(source.problem(("prompts", index, "track"), message))
    for track in prompts.track_categories:
        if track not in tracks:
            message = N_("unknown track {track}: expected one of {known}", track=repr(track), known=known)
            problems.append(source.problem(("track_categories", track), message))
    return problems


def _contests(source: Source) -> list[Problem]:
    contests: Contests = source.model
    problems = _duplicates(source, "contests", [c.id for c in contests.contests])
    for index, contest in enumerate(contests.contests):
        for position, reason in enumerate(contest.counts):
            if reason not in REASONS:
                message = N_(
                    "unknown action {action}: expected one of {known}", action=repr(reason), known=", ".join(REASONS)
                )
                problems.append(source.problem(("contests", index, "counts", position), message))
    return problems


def _shop(source: Source, logins: dict[str, Member]) -> list[Problem]:
    shop: Shop = source.model
    problems = _duplicates(source, "items", [i.id for i in shop.items])
    places: list[tuple[tuple[str | int, ...], str]] = [
        (("approvers", n), login) for n, login in enumerate(shop.approvers)
    ]
    for index, item in enumerate(shop.items):
        places += [(("items", index, "approvers", n), login) for n, login in enumerate(item.approvers)]
    for at, login in places:
        member = logins.get(login.casefold())
        if member is None or member.role not in (Role.mentor, Role.maintainer):
            problems.append(
                source.problem(at, N_("{login} is not a mentor or maintainer of members/", login=repr(login)))
            )
    return problems
