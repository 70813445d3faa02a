"""Checks that need more than one file: names matching files, unique ids, references that exist.

They read each file's raw data where its own model failed, so one mistake in a file does not hide the
others: a member whose `id` is wrong still has its unknown cohort reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from entraide.content.crossreads import date, is_timezone, items, language_code, text, unknown, values
from entraide.content.errors import N_, Problem
from entraide.content.models import Cohort, Level, Role, Track
from entraide.content.validation import show

if TYPE_CHECKING:
    from entraide.content.source import Source

_LANGUAGE = re.compile(r"^[a-z]{2}$")
_REPOSITORY = re.compile(r"^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$")


def check(rules: Source, members: list[Source], challenges: list[Source]) -> list[Problem]:
    problems = [*_rules_checks(rules, members=members, challenges=challenges)]
    track_ids = {item.id for _, item in items(rules, "tracks", Track)}
    cohort_ids = {item.id for _, item in items(rules, "cohorts", Cohort)}
    problems += _file_names(members, "login", ".yml") + _file_names(challenges, "slug", ".md")
    problems += _unique(members, "login", fold=str.casefold) + _unique(members, "id")
    problems += _unique(challenges, "slug")
    for member in members:
        problems += _member_checks(
            member, track_ids=track_ids, cohort_ids=cohort_ids, rules_known=rules.parsed.data is not None
        )
    slugs = {source.stem for source in challenges} | {text(source, "slug") or source.stem for source in challenges}
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
    logins = {text(s, "login") or s.stem: s for s in members}
    yield from _mentor_checks(rules, members=logins)
    for index, login in values(rules, ("privacy", "hidden")):
        if isinstance(login, str) and login not in logins:
            # a typo here would leave the person a moderator meant to hide on public pages
            yield rules.problem(("privacy", "hidden", index), unknown("member", login, set(logins), "members/"))
    yield from _rules_fields(rules)


def _rules_fields(rules: Source) -> Iterable[Problem]:
    language = text(rules, "language")
    if language is not None and not _LANGUAGE.match(language):
        yield rules.problem(("language",), language_code(language))
    repository = text(rules, "repository")
    if repository is not None and not _REPOSITORY.match(repository):
        yield rules.problem(("repository",), N_("expected OWNER/NAME as on GitHub, got '{given}'", given=repository))
    for key, message in (("tracks", N_("needs at least one track")), ("levels", N_("needs at least one level"))):
        if rules.value(key) == []:
            yield rules.problem((key,), message)


def _unique_items(rules: Source, key: str) -> Iterable[Problem]:
    """Ids must be unique within each list; read raw so an entry with another mistake still counts."""
    raw = rules.value(key)
    seen: dict[str, int] = {}
    for index in range(len(raw) if isinstance(raw, list) else 0):
        ident = rules.value(key, index, "id")
        if isinstance(ident, str) and ident in seen:
            message = N_("duplicate id '{id}' (also {where})", id=ident, where=f"{key}[{seen[ident]}]")
            yield rules.problem((key, index, "id"), message)
        if isinstance(ident, str):
            seen.setdefault(ident, index)


def _cohort_checks(rules: Source, *, challenges: set[str]) -> Iterable[Problem]:
    for index, cohort in items(rules, "cohorts", Cohort):
        if cohort.end <= cohort.start:
            yield rules.problem(
                ("cohorts", index, "end"),
                N_("must be after the start ({start}), got {given}", start=str(cohort.start), given=str(cohort.end)),
            )
        for position, slug in enumerate(cohort.required_challenges):
            if slug not in challenges:
                yield rules.problem(
                    ("cohorts", index, "required_challenges", position),
                    unknown("challenge", slug, challenges, "challenges/"),
                )


def _acceptance_checks(rules: Source, *, challenges: set[str]) -> Iterable[Problem]:
    per_challenge = rules.value("acceptance", "challenges")
    for slug in per_challenge if isinstance(per_challenge, dict) else ():
        if slug not in challenges:
            yield rules.problem(
                ("acceptance", "challenges", slug), unknown("challenge", slug, challenges, "challenges/")
            )


def _level_checks(rules: Source) -> Iterable[Problem]:
    levels = items(rules, "levels", Level)
    if levels and levels[0][0] == 0 and levels[0][1].min_points != 0:
        yield rules.problem(
            ("levels", 0, "min_points"),
            N_("the first level must start at 0 points, got {given}", given=levels[0][1].min_points),
        )
    for (_, before), (index, level) in zip(levels, levels[1:]):
        if level.min_points <= before.min_points:
            yield rules.problem(
                ("levels", index, "min_points"),
                N_(
                    "levels must go up: expected more than {before} (the level before), got {given}",
                    before=before.min_points,
                    given=level.min_points,
                ),
            )


def _mentor_checks(rules: Source, *, members: dict[str, Source]) -> Iterable[Problem]:
    for index, track in items(rules, "tracks", Track):
        for position, login in enumerate(track.mentors):
            at = ("tracks", index, "mentors", position)
            member = members.get(login)
            if member is None:
                yield rules.problem(at, unknown("member", login, set(members), "members/"))
            elif member.model is not None and member.model.role == Role.learner:
                yield rules.problem(
                    at,
                    N_(
                        "'{login}' mentors this track but has role '{role}' in {path}: expected mentor or maintainer",
                        login=login,
                        role=str(member.model.role),
                        path=member.path,
                    ),
                )


# --------------------------------------------------------------------------- members and challenges


def _file_names(sources: list[Source], key: str, suffix: str) -> list[Problem]:
    return [
        source.problem(
            (key,),
            N_(
                "must match the file name: the file is {file} but {key} is '{given}' (rename the file or fix the {key})",
                file=f"{source.stem}{suffix}",
                key=key,
                given=value,
            ),
        )
        for source in sources
        if (value := text(source, key)) is not None and value != source.stem
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
                    source.problem(
                        (key,),
                        N_(
                            "{given} is already the {key} of {path}",
                            given=show(value),
                            key=key,
                            path=first[fold(value)].path,
                        ),
                    )
                )
            first.setdefault(fold(value), source)
    return problems


def _member_checks(
    member: Source, *, track_ids: set[str], cohort_ids: set[str], rules_known: bool
) -> Iterable[Problem]:
    for key, known in (("track", track_ids), ("cohort", cohort_ids)):
        value = text(member, key)
        if rules_known and value is not None and value not in known:
            yield member.problem((key,), unknown(key, value, known, "entraide.yml"))
    timezone = text(member, "timezone")
    if timezone is not None and not is_timezone(timezone):
        yield member.problem(
            ("timezone",),
            N_(
                "unknown time zone '{given}': expected a name from the "
                "IANA database such as Europe/Paris or America/Montreal",
                given=timezone,
            ),
        )
    for index, language in values(member, "languages"):
        if isinstance(language, str) and not _LANGUAGE.match(language):
            yield member.problem(("languages", index), language_code(language))


def _challenge_checks(
    challenge: Source, *, track_ids: set[str], slugs: set[str], rules_known: bool
) -> Iterable[Problem]:
    track = text(challenge, "track")
    if rules_known and track is not None and track not in track_ids:
        yield challenge.problem(("track",), unknown("track", track, track_ids, "entraide.yml"))
    for index, slug in values(challenge, "prerequisites"):
        if isinstance(slug, str) and slug == challenge.stem:
            yield challenge.problem(("prerequisites", index), N_("a challenge cannot be its own prerequisite"))
        elif isinstance(slug, str) and slug not in slugs:
            yield challenge.problem(
                ("prerequisites", index), unknown("challenge", slug, slugs - {challenge.stem}, "challenges/")
            )
    opens, closes = date(challenge, "opens"), date(challenge, "closes")
    if opens and closes and closes < opens:
        yield challenge.problem(
            ("closes",), N_("must not be before opens ({opens}), got {given}", opens=str(opens), given=str(closes))
        )


def _prerequisite_cycles(challenges: list[Source]) -> list[Problem]:
    """One problem per cycle, on the first challenge of the cycle (in file order)."""
    graph = {
        s.stem: [p for _, p in values(s, "prerequisites") if isinstance(p, str) and p != s.stem] for s in challenges
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
                ("prerequisites",),
                N_("these challenges require each other in a circle: {cycle}", cycle=" -> ".join([*ordered, first])),
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
