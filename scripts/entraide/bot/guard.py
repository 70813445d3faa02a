"""`entraide guard`: which files a pull request may change, given who opened it.

A learner's pull request (a challenge submission or their profile) may change only:
  - their own submission folder, `submissions/<challenge-slug>/<login>/...`, or for a team challenge the
    folder of a teammate whose `team.yml` (read at the head, judged by the base's challenges and profiles)
    lists them
  - their own profile, `members/<login>.yml`, without changing its `role` or `id`
Mentors may also change `challenges/` and `docs/`. Maintainers may change anything but `data/`.
Nobody changes `data/` by pull request: only the publish workflow writes it. The author's role is read
from the base of the pull request, never from the files the pull request brings.

The rules are pure (`check_paths`); the command gathers the changed files from git and prints every
breach as a Problem, which GitHub Actions shows as an annotation on the file.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

from entraide.content.errors import Problem, UserError
from entraide.content.i18n import Translator, translator
from entraide.content.loader import RULES_FILE, load_rules, read_member
from entraide.content.models import Challenge, Member, Role, Rules
from entraide.content.submissions import SUBMISSIONS, submission_folder
from entraide.content.teams import TEAM_FILE, read_team, team_problems

__all__ = ["SUBMISSIONS", "challenge_of_files", "check_paths", "check_profile", "submission_folder"]
MACHINE_ONLY = ("data",)
CODE_AND_RULES = (
    "scripts",
    "hooks",
    ".github",
    "entraide.yml",
    "mkdocs.yml",
    "pyproject.toml",
    "Makefile",
    ".ci",
    "tests",
)
MENTOR_AREAS = ("challenges", "docs")
PROFILE_LIMIT = 64 * 1024  # bytes; a profile is a few lines


def challenge_of_files(paths: list[str], *, author: str) -> str | None:
    """The challenge a pull request submits, from its files: all in one `submissions/<slug>/<author>/`
    (the author's profile may come along). None when the files say nothing or disagree."""
    slugs = set()
    for path in paths:
        parts = PurePosixPath(path).parts
        if len(parts) >= 4 and parts[0] == SUBMISSIONS and _same(parts[2], author):
            slugs.add(parts[1])
        elif not _same(path, f"members/{author}.yml"):
            return None
    return slugs.pop() if len(slugs) == 1 else None


Teams = dict[tuple[str, str], tuple[str, ...]]  # (challenge, folder owner casefolded) -> the team's logins


def check_paths(
    changed: list[str],
    *,
    author: str,
    role: Role | None,
    challenges: frozenset[str] | None = None,
    teams: Teams | None = None,
    tr: Translator,
) -> list[Problem]:
    """One Problem per changed file the author may not change. `role` None: not a member yet. `teams`: the
    valid team files of the pull request; any member of a team may change its folder."""
    problems = []
    for path in sorted(set(changed)):
        message = _refusal(path, author=author, role=role, challenges=challenges, teams=teams or {}, tr=tr)
        if message:
            problems.append(Problem(path=path, field="path", message=message))
    return problems


def _refusal(
    path: str, *, author: str, role: Role | None, challenges: frozenset[str] | None, teams: Teams, tr: Translator
) -> str | None:
    parts = PurePosixPath(path).parts
    top = parts[0] if parts else ""
    if top in MACHINE_ONLY:
        return tr.gettext("data/ is written only by the publish workflow; a pull request never changes it")
    if role is Role.maintainer:
        return None
    if top in CODE_AND_RULES:
        return tr.gettext("{top} is changed only by maintainers; open an issue to propose the change").format(top=top)
    if top == "members":
        return (
            None
            if _same(path, f"members/{author}.yml")
            else tr.gettext("you may change only your own profile, members/{author}.yml").format(author=author)
        )
    if top == SUBMISSIONS:
        return _submission_refusal(parts, author=author, challenges=challenges, teams=teams, tr=tr)
    if role is Role.mentor and top in MENTOR_AREAS:
        return None
    return tr.gettext(
        "a submission or profile pull request changes only {submissions}/<challenge>/{author}/ and members/{author}.yml"
    ).format(submissions=SUBMISSIONS, author=author)


def _submission_refusal(
    parts: tuple[str, ...], *, author: str, challenges: frozenset[str] | None, teams: Teams, tr: Translator
) -> str | None:
    in_team = len(parts) >= 4 and author.casefold() in teams.get((parts[1], parts[2].casefold()), ())
    if len(parts) < 4 or not (_same(parts[2], author) or in_team):
        return tr.gettext("put your work in your own folder, {submissions}/<challenge>/{author}/").format(
            submissions=SUBMISSIONS, author=author
        )
    if challenges is not None and parts[1] not in challenges:
        return tr.gettext("there is no challenge '{slug}': use the slug of a file in challenges/").format(slug=parts[1])
    return None


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()  # GitHub logins ignore case


def own_profiles(paths: list[str], author: str) -> list[str]:
    """The profile files among `paths` that belong to `author`: logins ignore case on GitHub, so
    `members/Lea.yml` is lea's profile as much as `members/lea.yml` is."""
    return [path for path in paths if _same(path, f"members/{author}.yml")]


def check_profile(
    before: Member | None,
    after: Member | None,
    *,
    author: str,
    author_id: int | None,
    role: Role | None,
    tr: Translator,
) -> list[Problem]:
    """A member may edit their profile but not give themselves a role, another login or another account's
    id; a new profile enters as a learner whose login and id are the pull request author's."""
    if after is None or role is Role.maintainer:
        return []
    path = f"members/{after.login}.yml"
    problems = []
    old_role = before.role if before else Role.learner
    if after.role is not old_role:
        problems.append(
            Problem(
                path=path,
                field="role",
                message=tr.gettext("only maintainers change a role; keep role: {role}").format(role=old_role),
            )
        )
    if not _same(after.login, author):
        message = tr.gettext("login is your GitHub login: {author}").format(author=author)
        problems.append(Problem(path=path, field="login", message=message))
    if author_id is not None and after.id != author_id:
        message = tr.gettext("id is your GitHub account number: {id}").format(id=author_id)
        problems.append(Problem(path=path, field="id", message=message))
    elif before is not None and after.id != before.id:
        message = tr.gettext("only maintainers change an id; keep id: {id}").format(id=before.id)
        problems.append(Problem(path=path, field="id", message=message))
    return problems


# --------------------------------------------------------------------------- shell


def _changed_files(root: Path, base: str, *, tr: Translator) -> tuple[list[str], list[str]]:
    """(every changed path, the paths that now hold a symbolic link or a submodule)."""
    result = subprocess.run(
        ["git", "-C", str(root), "diff", "--raw", "--no-renames", "-z", f"{base}...HEAD"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise UserError(
            Problem(
                path="git",
                field="--base",
                message=tr.gettext("cannot compare with '{base}' ({error}); check out with fetch-depth: 0").format(
                    base=base, error=result.stderr.strip()
                ),
            )
        )
    fields = result.stdout.split("\0")
    changed, special = [], []
    for status, path in zip(fields[0::2], fields[1::2]):
        changed.append(path)
        if status.split(" ")[1:2] in (["120000"], ["160000"]):
            special.append(path)
    return changed, special


def member_files(root: Path, ref: str | None) -> list[str]:
    """Every path under members/ at `ref` (or in the work tree when `ref` is None)."""
    if ref:
        listed = subprocess.run(
            ["git", "-C", str(root), "ls-tree", "--name-only", "-z", ref, "members/"], capture_output=True, text=True
        )
        return sorted(name for name in listed.stdout.split("\0") if name) if listed.returncode == 0 else []
    folder = root / "members"
    return sorted(f"members/{path.name}" for path in folder.iterdir()) if folder.is_dir() else []


def read_profile(root: Path, path: str, *, ref: str | None, tr: Translator) -> tuple[Member | None, list[Problem]]:
    """The profile at `path` read by the same strict reader as `entraide check`: (the member, problems).
    What cannot be read grants nothing and is refused; a link is never followed."""
    if ref:
        shown = subprocess.run(["git", "-C", str(root), "show", f"{ref}:{path}"], capture_output=True)
        raw = shown.stdout if shown.returncode == 0 else None
    else:
        file = root / path
        raw = file.read_bytes()[: PROFILE_LIMIT + 1] if file.is_file() and not file.is_symlink() else None
    if raw is None or len(raw) > PROFILE_LIMIT:
        return None, [
            Problem(
                path=path,
                message=tr.gettext("the guard cannot read this profile (a file of at most {limit} bytes)").format(
                    limit=tr.number(PROFILE_LIMIT)
                ),
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(path=path, message=tr.gettext("the guard cannot read this profile as UTF-8 text"))]
    return read_member(text, path)


def author_profiles(
    root: Path, author: str, *, base: str | None, head: str | None, changed: list[str], tr: Translator
) -> tuple[Member | None, Member | None, list[Problem]]:
    """(the author's profile at the base, after the pull request, problems): one profile per login."""
    before_paths = own_profiles(member_files(root, base), author)
    before = read_profile(root, before_paths[0], ref=base, tr=tr)[0] if len(before_paths) == 1 else None
    if not own_profiles(changed, author):
        return before, None, []
    after_paths = own_profiles(member_files(root, head), author)
    if len(after_paths) > 1:
        message = tr.gettext("one profile per login (logins ignore case): keep one of {paths}").format(
            paths=", ".join(after_paths)
        )
        return before, None, [Problem(path=after_paths[-1], field="login", message=message)]
    if not after_paths:
        return before, None, []
    after, problems = read_profile(root, after_paths[0], ref=head, tr=tr)
    return before, after, problems


def team_files(
    root: Path, changed: list[str], *, head: str | None, challenges: dict[str, Challenge], logins: frozenset[str]
) -> tuple[Teams, list[Problem]]:
    """The pull request's team files read at `head` (strict reader), judged against the base's challenges
    and profiles: (the valid teams, the problems of the others)."""
    teams: Teams = {}
    problems: list[Problem] = []
    for path in sorted(set(changed)):
        parts = PurePosixPath(path).parts
        if len(parts) != 4 or parts[0] != SUBMISSIONS or parts[3] != TEAM_FILE:
            continue
        raw = _show(root, head, path)
        if raw is None:
            continue  # deleted: the folder's owner alone, as without a team file
        members, found = read_team(raw.decode("utf-8", errors="replace"), path)
        found += (
            team_problems(members or (), shown=path, owner=parts[2], challenge=challenges.get(parts[1]), logins=logins)
            if members
            else []
        )
        if members and not found:
            teams[(parts[1], parts[2].casefold())] = members
        problems += found
    return teams, problems


def community_translator(rules_root: Path) -> Translator:
    """The community's language (entraide.yml at the rules root: the base, in CI); its default without one."""
    if not (rules_root / RULES_FILE).is_file():
        return translator(Rules.model_fields["language"].default)
    return translator(load_rules(rules_root).language)


def _show(root: Path, ref: str | None, path: str) -> bytes | None:
    if ref is None:
        file = root / path
        return file.read_bytes()[: PROFILE_LIMIT + 1] if file.is_file() and not file.is_symlink() else None
    shown = subprocess.run(["git", "-C", str(root), "show", f"{ref}:{path}"], capture_output=True)
    return shown.stdout[: PROFILE_LIMIT + 1] if shown.returncode == 0 else None


def _challenges(root: Path) -> frozenset[str] | None:
    folder = root / "challenges"
    if not folder.is_dir():
        return None
    return frozenset(p.stem for p in folder.glob("*.md")) | frozenset(p.name for p in folder.iterdir() if p.is_dir())
