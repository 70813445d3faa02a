"""Checks that need more than one file: names matching files, unique ids, references that exist.

They read each file's raw data where its own model failed, so one mistake in a file does not hide the
others: a member whose `id` is wrong still has its unknown cohort reported.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import zoneinfo
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from entraide.content.errors import Problem
from entraide.content.models import Cohort, Level, Role, Track
from entraide.content.validation import show

if TYPE_CHECKING:
    from entraide.content.source import Source

_LANGUAGE = re.compile(r"^[a-z]{2}$")
_REPOSITORY = re.compile(r"^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$")


def check(rules: Source, members: list[Source], challenges: list[Source]) -> list[Problem]:
    problems = [*_rules_checks(rules, members=members, challenges=challenges)]
    track_ids = {item.id for _, item in _items(rules, "tracks", Track)}
    cohort_ids = {item.id for _, item in _items(rules, "cohorts", Cohort)}
    problems += _file_names(members, "login", ".yml") + _file_names(challenges, "slug", ".md")
    problems += _unique(members, "login", fold=str.casefold) + _unique(members, "id")
    problems += _unique(challenges, "slug")
    for member in members:
        problems += _member_checks(
            member, track_ids=track_ids, cohort_ids=cohort_ids, rules_known=rules.parsed.data is not None
        )
    slugs = {source.stem for source in challenges} | {_text(source, "slug") or source.stem for source in challenges}
    for challenge in challenges:
        problems += _challenge_checks(
            challenge, track_ids=track_ids, slugs=slugs, rules_known=rules.parsed.data is not None
        )
    return problems + _prerequisite_cycles(challenges)


# --------------------------------------------------------------------------- entraide.yml


def _rules_checks(rules: Source, *, members: list[Source], challenges: list[Source]) -> Iterable[Problem]:
    for key in ("tracks", "cohorts", "badges", "leaderboards"):
        yield from _unique_items(rules, key)
    yield from _cohort_checks(rules, challenges={s.stem for s in challenges})
    yield from _level_checks(rules)
    yield from _acceptance_checks(rules, challenges={s.stem for s in challenges})
    logins = {_text(s, "login") or s.stem: s for s in members}
    yield from _mentor_checks(rules, members=logins)
    for index, login in _list(rules, ("privacy", "hidden")):
        if isinstance(login, str) and login not in logins:
            # a typo here would leave the person a moderator meant to hide on public pages
            yield rules.problem(("privacy", "hidden", index), _unknown("member", login, set(logins), "members/"))
    yield from _rules_fields(rules)


def _rules_fields(rules: Source) -> Iterable[Problem]:
    language = _text(rules, "language")
    if language is not None and not _LANGUAGE.match(language):
        yield rules.problem(("language",), f"expected a two-letter language code such as fr or en, got '{language}'")
    repository = _text(rules, "repository")
    if repository is not None and not _REPOSITORY.match(repository):
        yield rules.problem(("repository",), f"expected OWNER/NAME as on GitHub, got '{repository}'")
    for key, what in (("tracks", "track"), ("levels", "level")):
        if rules.value(key) == []:
            yield rules.problem((key,), f"needs at least one {what}")


def _unique_items(rules: Source, key: str) -> Iterable[Problem]:
    """Ids must be unique within each list; read raw so an entry with another mistake still counts."""
    raw = rules.value(key)
    seen: dict[str, int] = {}
    for index in range(len(raw) if isinstance(raw, list) else 0):
        ident = rules.value(key, index, "id")
        if isinstance(ident, str) and ident in seen:
            yield rules.problem((key, index, "id"), f"duplicate id '{ident}' (also {key}[{seen[ident]}])")
        if isinstance(ident, str):
            seen.setdefault(ident, index)


def _cohort_checks(rules: Source, *, challenges: set[str]) -> Iterable[Problem]:
    for index, cohort in _items(rules, "cohorts", Cohort):
        if cohort.end <= cohort.start:
            yield rules.problem(
                ("cohorts", index, "end"), f"must be after the start ({cohort.start}), got {cohort.end}"
            )
        for position, slug in enumerate(cohort.required_challenges):
            if slug not in challenges:
                yield rules.problem(
                    ("cohorts", index, "required_challenges", position),
                    _unknown("challenge", slug, challenges, "challenges/"),
                )


def _acceptance_checks(rules: Source, *, challenges: set[str]) -> Iterable[Problem]:
    per_challenge = rules.value("acceptance", "challenges")
    for slug in per_challenge if isinstance(per_challenge, dict) else ():
        if slug not in challenges:
            yield rules.problem(
                ("acceptance", "challenges", slug), _unknown("challenge", slug, challenges, "challenges/")
            )


def _level_checks(rules: Source) -> Iterable[Problem]:
    levels = _items(rules, "levels", Level)
    if levels and levels[0][0] == 0 and levels[0][1].min_points != 0:
        yield rules.problem(
            ("levels", 0, "min_points"), f"the first level must start at 0 points, got {levels[0][1].min_points}"
        )
    for (_, before), (index, level) in zip(levels, levels[1:]):
        if level.min_points <= before.min_points:
            yield rules.problem(
                ("levels", index, "min_points"),
                f"levels must go up: expected more than {before.min_points} (the level before), got {level.min_points}",
            )


def _mentor_checks(rules: Source, *, members: dict[str, Source]) -> Iterable[Problem]:
    for index, track in _items(rules, "tracks", Track):
        for position, login in enumerate(track.mentors):
            at = ("tracks", index, "mentors", position)
            member = members.get(login)
            if member is None:
                yield rules.problem(at, _unknown("member", login, set(members), "members/"))
            elif member.model is not None and member.model.role == Role.learner:
                yield rules.problem(
                    at,
                    f"'{login}' mentors this track but has role "
                    f"'{member.model.role}' in {member.path}: expected mentor or maintainer",
                )


# --------------------------------------------------------------------------- members and challenges


def _file_names(sources: list[Source], key: str, suffix: str) -> list[Problem]:
    return [
        source.problem(
            (key,),
            f"must match the file name: the file is {source.stem}{suffix} but "
            f"{key} is '{value}' (rename the file or fix the {key})",
        )
        for source in sources
        if (value := _text(source, key)) is not None and value != source.stem
    ]


def _unique(sources: list[Source], key: str, *, fold: Any = lambda value: value) -> list[Problem]:
    """The second and later files reusing a value of `key` (GitHub logins ignore case)."""
    first: dict[Any, Source] = {}
    problems = []
    for source in sources:
        value = source.value(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            if fold(value) in first:
                problems.append(
                    source.problem((key,), f"{show(value)} is already the {key} of {first[fold(value)].path}")
                )
            first.setdefault(fold(value), source)
    return problems


def _member_checks(
    member: Source, *, track_ids: set[str], cohort_ids: set[str], rules_known: bool
) -> Iterable[Problem]:
    for key, known in (("track", track_ids), ("cohort", cohort_ids)):
        value = _text(member, key)
        if rules_known and value is not None and value not in known:
            yield member.problem((key,), _unknown(key, value, known, "entraide.yml"))
    timezone = _text(member, "timezone")
    if timezone is not None and not _is_timezone(timezone):
        yield member.problem(
            ("timezone",),
            f"unknown time zone '{timezone}': expected a name from the "
            "IANA database such as Europe/Paris or America/Montreal",
        )
    for index, language in _list(member, "languages"):
        if isinstance(language, str) and not _LANGUAGE.match(language):
            yield member.problem(
                ("languages", index), f"expected a two-letter language code such as fr or en, got '{language}'"
            )


def _challenge_checks(
    challenge: Source, *, track_ids: set[str], slugs: set[str], rules_known: bool
) -> Iterable[Problem]:
    track = _text(challenge, "track")
    if rules_known and track is not None and track not in track_ids:
        yield challenge.problem(("track",), _unknown("track", track, track_ids, "entraide.yml"))
    for index, slug in _list(challenge, "prerequisites"):
        if isinstance(slug, str) and slug == challenge.stem:
            yield challenge.problem(("prerequisites", index), "a challenge cannot be its own prerequisite")
        elif isinstance(slug, str) and slug not in slugs:
            yield challenge.problem(
                ("prerequisites", index), _unknown("challenge", slug, slugs - {challenge.stem}, "challenges/")
            )
    opens, closes = _date(challenge, "opens"), _date(challenge, "closes")
    if opens and closes and closes < opens:
        yield challenge.problem(("closes",), f"must not be before opens ({opens}), got {closes}")


def _prerequisite_cycles(challenges: list[Source]) -> list[Problem]:
    """One problem per cycle, on the first challenge of the cycle (in file order)."""
    graph = {
        s.stem: [p for _, p in _list(s, "prerequisites") if isinstance(p, str) and p != s.stem] for s in challenges
    }
    by_slug = {s.stem: s for s in challenges}
    cycles: dict[frozenset[str], list[str]] = {}
    for start in sorted(graph):
        path = _cycle_from(start, graph)
        if path:
            cycles.setdefault(frozenset(path), path)
    problems = []
    for path in cycles.values():
        first = min(path)
        turn = path.index(first)
        ordered = path[turn:] + path[:turn]
        problems.append(
            by_slug[first].problem(
                ("prerequisites",), "these challenges require each other in a circle: " + " -> ".join([*ordered, first])
            )
        )
    return problems


def _cycle_from(start: str, graph: dict[str, list[str]]) -> list[str] | None:
    """A cycle through `start` if one exists, as the list of slugs along it."""
    stack, seen = [(start, [start])], {start}
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, []):
            if nxt == start:
                return path
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


# --------------------------------------------------------------------------- helpers


def _items(rules: Source, key: str, model: type[BaseModel]) -> list[tuple[int, Any]]:
    """The entries of a list in entraide.yml that are valid on their own, with their index."""
    raw = rules.data.get(key)
    valid = []
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        try:
            valid.append((index, model.model_validate(item)))
        except ValidationError:
            continue  # already reported when validating the whole file
    return valid


def _text(source: Source, key: str) -> str | None:
    value = source.value(key)
    return value if isinstance(value, str) else None


def _list(source: Source, key: str | tuple[str, ...]) -> list[tuple[int, Any]]:
    """The items of a list field with their index, leaving out those already found wrong."""
    at = key if isinstance(key, tuple) else (key,)
    raw = source.value(*at)
    items = [(index, source.value(*at, index)) for index in range(len(raw) if isinstance(raw, list) else 0)]
    return [(index, item) for index, item in items if item is not None]


def _date(source: Source, key: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(_text(source, key) or "")
    except ValueError:
        return None  # missing or reported by the model


def _unknown(kind: str, value: str, known: set[str], where: str) -> str:
    guess = difflib.get_close_matches(value, sorted(known), n=1)
    hint = f" (did you mean '{guess[0]}'?)" if guess else ""
    listed = ", ".join(sorted(known)) if 0 < len(known) <= 8 else ""
    defined = f"; {where} defines: {listed}" if listed and not guess else ""
    return f"unknown {kind} '{value}'{hint}{defined}"


@functools.cache
def _is_timezone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
