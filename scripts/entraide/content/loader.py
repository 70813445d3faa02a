"""Loading what people write: entraide.yml, members/<login>.yml, challenges/<slug>.md, and the valid
team files of team submissions, submissions/<challenge>/<folder>/team.yml.

Every file is read strictly (`yamlfile`), validated by the models, then checked against the others
(names that must match, references that must exist). Every problem in every file is collected before
failing once, so a pull request shows all its mistakes in one run. `entraide check` does only this.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pydantic import BaseModel, ValidationError

from entraide.content import crosschecks
from entraide.content.errors import N_, Problem, Text, UserError
from entraide.content.models import Challenge, Community, Member, Rules
from entraide.content.source import Source
from entraide.content.submissions import SUBMISSIONS
from entraide.content.teams import TEAM_FILE, valid_teams
from entraide.content.validation import describe
from entraide.content.yamlfile import Parsed, parse

RULES_FILE = "entraide.yml"
_NOT_UTF8 = N_("cannot read the file as UTF-8 text")
_KIND = {"Member": N_("member"), "Challenge": N_("challenge")}  # what a folder holds, one file each
MEMBERS_DIR = "members"
CHALLENGES_DIR = "challenges"
IGNORED_FILES = {"README.md", "index.md"}
MAX_FILE_BYTES = (
    1024 * 1024
)  # a profile is a few lines, a challenge brief a few pages  # a folder may explain itself without being content


def load_community(root: Path) -> Community:
    """Everything people wrote under `root`, validated; raises UserError listing every problem."""
    problems: list[Problem] = []
    rules = _read_rules(root, problems)
    members = _read_folder(root, MEMBERS_DIR, ".yml", Member, problems, required=True)
    challenges = _read_folder(root, CHALLENGES_DIR, ".md", Challenge, problems, required=False)
    problems += crosschecks.check(rules, members, challenges)
    if problems:
        raise UserError(_in_reading_order(problems))
    people = tuple(source.model for source in members)
    briefs = tuple(source.model for source in challenges)
    logins = frozenset(member.login.casefold() for member in people)
    teams = valid_teams(_team_files(root), briefs, logins)
    return Community(rules=rules.model, members=people, challenges=briefs, teams=teams)


def _team_files(root: Path) -> list[tuple[str, str, str]]:
    """(challenge, folder, text) of each readable submissions/<challenge>/<folder>/team.yml."""
    found = []
    for path in sorted((root / SUBMISSIONS).glob(f"*/*/{TEAM_FILE}")):
        text = None if refusal(path) else _read_text(path, str(path))
        if text is not None:
            found.append((path.parent.parent.name, path.parent.name, text))
    return found


def load_rules(root: Path) -> Rules:
    """Only entraide.yml, validated on its own (no checks against members or challenges)."""
    problems: list[Problem] = []
    rules = _read_rules(root, problems)
    if problems:
        raise UserError(problems)
    assert isinstance(rules.model, Rules)
    return rules.model


def _read_rules(root: Path, problems: list[Problem]) -> Source:
    path = root / RULES_FILE
    if not path.is_file():
        problems.append(
            Problem(
                path=RULES_FILE,
                message=N_(
                    "file not found in {root}: every community needs its rules (name, tracks, points...) in entraide.yml",
                    root=str(root),
                ),
            )
        )
        return Source(RULES_FILE, "entraide", Parsed())
    return _validated(_read_yaml(path, RULES_FILE), Rules, problems)


def _read_folder(
    root: Path, folder: str, suffix: str, model: type[BaseModel], problems: list[Problem], *, required: bool
) -> list[Source]:
    directory = root / folder
    if not directory.is_dir():
        if required:
            problems.append(
                Problem(
                    path=f"{folder}/",
                    message=N_(
                        "folder not found in {root}: create {folder}/ with one file per {kind}",
                        root=str(root),
                        folder=folder,
                        kind=_KIND[model.__name__],
                    ),
                )
            )
        return []
    sources = []
    # scandir knows each entry's type without a stat; in one folder, names sort as their paths do
    # A path stays a string: at 18,000 profiles, making each a Path cost more than reading its YAML.
    for entry in sorted(os.scandir(directory), key=lambda entry: entry.name):
        path, shown = entry.path, f"{folder}/{entry.name}"
        if entry.name in IGNORED_FILES or entry.name.startswith(".") or (entry.is_dir() and not entry.is_symlink()):
            continue
        if os.path.splitext(entry.name)[1] != suffix:
            problems.append(
                Problem(
                    path=shown,
                    message=N_(
                        "unexpected file: {folder}/ holds one <name>{suffix} file per {kind}",
                        folder=folder,
                        suffix=suffix,
                        kind=_KIND[model.__name__],
                    ),
                )
            )
            continue
        read = _read_yaml if suffix == ".yml" else _read_markdown
        sources.append(_validated(read(path, shown), model, problems))
    return sources


def read_member(text: str, shown: str) -> tuple[Member | None, list[Problem]]:
    """One profile's text read exactly as `entraide check` reads it (strict YAML, then the model).

    The PR guard uses this too, so that no profile means one thing to the guard and another to the site.
    """
    problems: list[Problem] = []
    source = _validated(
        Source(shown, Path(shown).stem, parse(text.replace("\r\n", "\n"), path=shown)), Member, problems
    )
    model = source.model if isinstance(source.model, Member) and not problems else None
    return model, problems


def _read_yaml(path: str | Path, shown: str) -> Source:
    refused = refusal(path)
    text = _read_text(path, shown) if refused is None else None
    parsed = parse(text, path=shown) if text is not None else _unreadable(shown, refused or _NOT_UTF8)
    return Source(shown, _stem(path), parsed)


def _stem(path: str | Path) -> str:
    return os.path.splitext(os.path.basename(path))[0]  # Path.stem, for a file name not starting with "."


def _read_markdown(path: str | Path, shown: str) -> Source:
    """A challenge: YAML front matter between '---' lines, then the Markdown brief."""
    refused = refusal(path)
    text = _read_text(path, shown) if refused is None else None
    if text is None:
        return Source(shown, _stem(path), _unreadable(shown, refused or _NOT_UTF8))
    lines = text.splitlines(keepends=True)
    end = next((i for i, line in enumerate(lines) if i and line.rstrip() in ("---", "...")), None)
    if not lines or lines[0].rstrip() != "---" or end is None:
        problem = Problem(
            path=shown,
            line=1,
            message=N_(
                "expected YAML front matter first: a '---' line, "
                "the challenge's fields, another '---' line, then the brief in Markdown"
            ),
        )
        return Source(shown, _stem(path), Parsed(problems=[problem]))
    parsed = parse("".join(lines[1:end]), path=shown, line_offset=1)
    if isinstance(parsed.data, dict):
        if "brief" in parsed.data:
            parsed.problems.append(
                Problem(
                    path=shown,
                    line=parsed.lines[("brief",)],
                    field="brief",
                    message=N_("write the brief as Markdown below the front matter"),
                )
            )
            parsed.flagged.add(("brief",))
        parsed.data["brief"] = "".join(lines[end + 1 :]).strip("\n").rstrip() + "\n"
        parsed.lines.setdefault(("brief",), end + 2)
        if parsed.data["brief"] == "\n" and ("brief",) not in parsed.flagged:
            parsed.problems.append(
                Problem(
                    path=shown,
                    line=end + 1,
                    field="brief",
                    message=N_("the brief is empty: write it in Markdown below the front matter"),
                )
            )
    return Source(shown, _stem(path), parsed)


def _read_text(path: str | Path, shown: str) -> str | None:
    """The file's text, a leading BOM dropped (members, challenges and rules alike), line ends read as
    text mode reads them (\r\n and \r as \n, without its slower reader); None when unreadable."""
    try:
        with open(path, "rb") as file:
            return file.read().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError):
        return None


def refusal(path: str | Path) -> Text | None:
    """Why a file people wrote is not read at all: a link (it could quote any file of the machine, or
    never end), not a regular file, or too large. None when it may be read."""
    try:
        info = os.lstat(path)
    except OSError as error:
        return N_("cannot read the file: {error}", error=str(error.strerror))
    if stat.S_ISLNK(info.st_mode):
        return N_("symbolic links are not accepted: put the file itself here")
    if not stat.S_ISREG(info.st_mode):
        return N_("not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        return N_(
            "the file is {size} bytes; a file here holds at most {limit} bytes",
            size=f"{info.st_size:,}",
            limit=f"{MAX_FILE_BYTES:,}",
        )
    return None


def _unreadable(shown: str, reason: Text) -> Parsed:
    return Parsed(problems=[Problem(path=shown, message=reason)])


def _validated(source: Source, model: type[BaseModel], problems: list[Problem]) -> Source:
    """Validate the file's data with its model; problems from the YAML reader come first."""
    problems += source.parsed.problems
    if source.parsed.problems and source.parsed.data is None:
        return source  # unreadable or not YAML: nothing more to say
    try:
        source.model = model.model_validate(source.parsed.data)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            at = tuple(item["loc"])
            source.invalid.add(at)
            if not any(at[: len(flag)] == flag for flag in source.parsed.flagged):
                problems.append(source.problem(at, describe(item, model=model, data=source.parsed.data)))
    return source


def _in_reading_order(problems: list[Problem]) -> list[Problem]:
    """Rules first, then members, then challenges; within a file, top to bottom."""
    group = {RULES_FILE: 0, MEMBERS_DIR: 1, CHALLENGES_DIR: 2}
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (group.get(p.path.split("/")[0].rstrip("/"), 3), p.path, p.line or 0))


# --------------------------------------------------------------------------- the `check` command
