"""Frozen models of the files people edit: members, challenges and the community's rules.

Everything here is data. Loading lives in `content.loader`; the core (`scoring`, `kpis`, ...) takes these
models and returns models. The base types live in `content.base`, the « Ce qui aide » settings in
`content.effects`; both are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field

from entraide.content.base import Frozen, Login, RepoName, Slug
from entraide.content.care import AlumniRules, DigestRules, WellbeingRules
from entraide.content.checks import Check
from entraide.content.effects import EffectRules, Exposure, Outcome

__all__ = [
    "EffectRules",
    "Exposure",
    "Frozen",
    "Login",
    "Outcome",
    "Slug",
]


class Role(StrEnum):
    learner = "learner"
    mentor = "mentor"
    maintainer = "maintainer"


class Member(Frozen):
    """`members/<login>.yml`: one person of the programme. The file name must equal `login`."""

    login: Login
    id: int = Field(gt=0, description="GitHub numeric user id: survives login renames")
    name: str = Field(min_length=1, max_length=100)
    role: Role = Role.learner
    cohort: Slug | None = None
    track: Slug | None = None
    interests: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("fr",)
    timezone: str = "Europe/Paris"
    joined: dt.date
    public_profile: bool = Field(False, description="consent to appear on public pages; default: not shown")
    pseudonym: str | None = Field(None, max_length=60, description="shown instead of the name when set")
    bio: str | None = Field(None, max_length=500)
    volunteer: tuple[Literal["buddy", "mentor"], ...] = Field((), description="alumni: offers to be a buddy or mentor")

    @property
    def display_name(self) -> str:
        return self.pseudonym or self.name


class Challenge(Frozen):
    """`challenges/<slug>.md` front matter; `brief` is the Markdown body."""

    slug: Slug
    title: str = Field(min_length=1, max_length=120)
    track: Slug
    level: int = Field(ge=1, le=5)
    points: int = Field(ge=0, le=1000)
    badge: str | None = Field(None, max_length=60, description="badge name awarded on acceptance")
    prerequisites: tuple[Slug, ...] = ()
    opens: dt.date | None = None
    closes: dt.date | None = None
    acceptance_criteria: tuple[str, ...] = Field(min_length=1)
    tags: tuple[str, ...] = ()
    team: bool = Field(False, description="a team challenge: the PR's co-authors are accepted with its author")
    team_size: int = Field(3, ge=2, le=10, description="most members in one team submission, author included")
    checks: tuple[Check, ...] = Field((), description="automatic checks run on each submission by the PR check")
    brief: str = ""


class Track(Frozen):
    """A learning path; its mentors review its submissions (CODEOWNERS routes them)."""

    id: Slug
    name: str
    mentors: tuple[Login, ...] = Field((), description="logins of the mentors who review this track")
    any_mentor: bool = Field(
        False, description="any mentor may accept this track's challenges, not only the mentors listed here"
    )


class Cohort(Frozen):
    """A group of learners who start and finish together."""

    id: Slug
    name: str
    start: dt.date
    end: dt.date
    required_challenges: tuple[Slug, ...] = Field((), description="challenges a learner must have accepted to succeed")


class Points(Frozen):
    """Points per kind of action. Challenge points come from each challenge's own front matter."""

    review: int = Field(5, description="a review of someone else's pull request")
    answer: int = Field(2, description="a reply to someone else's question")
    accepted_answer: int = Field(10, description="an answer marked as the accepted one")
    comment: int = Field(1, description="a comment on someone else's issue, pull request or discussion")
    kudos: int = Field(3, description="to the member thanked with `/kudos @login reason`")
    first_contribution: int = Field(5, description="a member's first issue, pull request or comment")
    event_attendance: int = Field(5, description="a comment or reaction on a live event's issue")
    feedback: int = Field(2, description="answering the feedback form")


class Caps(Frozen):
    per_day: int = Field(30, ge=0, description="max points a member earns per day outside challenges")
    per_pair_per_week: int = Field(10, ge=0, description="max points a member earns from another one per week")
    kudos_per_giver_per_week: int = Field(3, ge=0)


class BadgeRule(Frozen):
    """A milestone badge: earned the day `metric` reaches `threshold`."""

    id: Slug
    name: str
    description: str
    metric: Literal[
        "submissions",
        "accepted_challenges",
        "answers",
        "accepted_answers",
        "reviews",
        "streak_weeks",
        "kudos_received",
        "events_attended",
        "points",
    ]
    threshold: int = Field(ge=1)


class Level(Frozen):
    """A level reached from `min_points` on; levels go up from 0."""

    name: str
    min_points: int = Field(ge=0)


class LeaderboardWindow(Frozen):
    """A leaderboard: over all time, the current month, per cohort or per track."""

    id: Slug
    title: str
    window: Literal["all_time", "month", "cohort", "track"]
    limit: int = Field(20, ge=1, le=1000, description="rows shown on the site and by the CLI")
    roles: tuple[Role, ...] = Field((), description="roles ranked on this board (learner, mentor...); empty: all")


class ChallengeRule(Frozen):
    """How an acceptance is judged against a challenge's `closes` date and its prerequisites."""

    late: Literal["refuse", "accept"] = Field(
        "refuse", description="an approval after `closes`: refused, or accepted for `late_share` of the points"
    )
    late_share: float = Field(0.5, ge=0, le=1, description="share of the points a late acceptance earns")
    prerequisites: Literal["hold", "refuse"] = Field(
        "hold", description="prerequisites not accepted yet: hold the acceptance until they are, or refuse it"
    )


class Acceptance(Frozen):
    """`acceptance:` in entraide.yml: deadlines, prerequisites and the review window of earned points."""

    default: ChallengeRule = ChallengeRule()
    challenges: dict[Slug, ChallengeRule] = Field({}, description="per-challenge rules, by slug")
    review_window_days: int = Field(
        3, ge=0, le=60, description="points become final this many days after they are earned"
    )
    boards: Literal["final", "both"] = Field(
        "final", description="leaderboards count final points only, or final and pending points"
    )

    def rule(self, slug: str) -> ChallengeRule:
        return self.challenges.get(slug, self.default)


class Privacy(Frozen):
    """What public pages may show."""

    min_group_size: int = Field(5, ge=1, description="aggregates over fewer people show as '<N'")
    hidden: tuple[Login, ...] = Field((), description="members hidden from every public page by moderators")

    def hides(self, login: str) -> bool:
        """Moderators hid this member (logins compared casefolded, as GitHub compares them)."""
        return login.casefold() in {hidden.casefold() for hidden in self.hidden}


class BuddyRules(Frozen):
    """`buddies:` in entraide.yml. Defaults suit a cohort of ~30 learners and 3 mentors."""

    max_load: int = Field(3, ge=1, description="learners one learner-buddy looks after at most")
    mentor_max_load: int = Field(6, ge=0)
    weeks_ahead: int = Field(3, ge=0, description="a learner-buddy joined at least this many weeks before")
    intake_weeks: int = Field(4, ge=1, description="learners who joined this recently and have no buddy get one")
    shared_track: float = 3.0
    shared_interest: float = 1.0
    max_shared_interests: int = 3
    same_timezone_band: float = 2.0  # weight when UTC offsets are within 2 hours
    near_timezone_band: float = 1.0  # weight when within 5 hours
    load_penalty: float = 0.75  # per learner already looked after: spreads the work
    mentor_penalty: float = 2.0  # a learner-buddy is preferred; a mentor is the fallback


class AgendaItem(Frozen):
    """A live event (webinar, workshop, office hours) declared under `agenda:` in entraide.yml."""

    id: Slug
    title: str = Field(min_length=1, max_length=120)
    kind: Literal["webinar", "workshop", "office_hours"]
    start: dt.datetime = Field(description="local date and time, e.g. 2026-04-02T18:30, in `timezone`")
    duration_minutes: int = Field(60, ge=5, le=600)
    timezone: str = "Europe/Paris"
    host: Login
    link: str | None = Field(None, pattern=r"^https://")
    recording: str | None = Field(None, pattern=r"^https://")
    track: Slug | None = None
    issue: int | None = Field(None, ge=1, description="issue where attendance is recorded")
    description: str = ""


class Surveys(Frozen):
    """Pulse surveys: a short feedback issue opened for each cohort on set weeks."""

    pulse_weeks: tuple[int, ...] = Field((2, 6, 10), description="cohort weeks when a pulse survey opens")


class Rules(Frozen):
    """`entraide.yml`: the community's rules. Only maintainers change it (CODEOWNERS)."""

    name: str = Field(description="the programme's name, shown on the site")
    description: str | None = Field(None, max_length=300, description="one sentence under the name (site, forms)")
    language: str = Field("fr", description="language of the site and of the bot's messages (fr or en)")
    languages: tuple[Literal["fr", "en"], ...] = Field((), description="the site's languages, the first at its root")
    repository: str | None = Field(None, description="OWNER/NAME on GitHub")
    repositories: tuple[RepoName, ...] = Field(
        (),
        description="the programme's other repositories (OWNER/NAME: one per cohort or track), each synced "
        "by its own job of the publish workflow's matrix into a partition, then merged into data/",
    )
    site_url: str | None = Field(None, description="the published site's address, used in the bot's links")
    contact_email: str | None = Field(
        None,
        pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
        description="the issuer's contact address in Open Badges credentials (with site_url, turns them on)",
    )
    tracks: tuple[Track, ...]
    cohorts: tuple[Cohort, ...] = ()
    points: Points = Points()
    caps: Caps = Caps()
    badges: tuple[BadgeRule, ...] = ()
    levels: tuple[Level, ...] = (Level(name="Débutant", min_points=0),)
    leaderboards: tuple[LeaderboardWindow, ...] = (
        LeaderboardWindow(id="all-time", title="All time", window="all_time"),
    )
    privacy: Privacy = Privacy()
    bots: tuple[str, ...] = Field((), description="extra logins treated as bots besides '[bot]' accounts")
    moderation_labels: tuple[str, ...] = Field(
        ("spam", "off-topic", "invalid"),
        description="labels that, applied by a mentor or maintainer, revoke what the content earned",
    )
    buddies: BuddyRules = BuddyRules()
    acceptance: Acceptance = Acceptance()
    agenda: tuple[AgendaItem, ...] = ()
    surveys: Surveys = Surveys()
    effects: EffectRules = EffectRules()
    mentors_repository: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$",
        description="a PRIVATE repository (OWNER/NAME) where `entraide risk report --post` files the mentors' report",
    )
    alumni: AlumniRules = AlumniRules()
    wellbeing: WellbeingRules = WellbeingRules()
    digest: DigestRules = DigestRules()
    mentor_load_threshold: int = Field(
        5, ge=1, description="submissions waiting on one mentor above which the mentors' view flags them"
    )


class Community(Frozen):
    """Everything people wrote, loaded and validated."""

    rules: Rules
    members: tuple[Member, ...]
    challenges: tuple[Challenge, ...]
    teams: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # valid team.yml files: (challenge, folder, members)

    def public_members(self) -> dict[int, Member]:
        """The one answer to "who may a public page name": members who consented to a public profile and
        whom moderators did not hide, by GitHub id."""
        hidden = {login.casefold() for login in self.rules.privacy.hidden}
        return {m.id: m for m in self.members if m.public_profile and m.login.casefold() not in hidden}
