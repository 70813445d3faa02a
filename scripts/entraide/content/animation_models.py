"""Models of the animation files people edit under animation/: the editorial calendar, the discussion
prompts, the contests and the rewards catalogue. Data only; `content.animation` reads and checks them."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from entraide.content.base import Frozen, Login, Slug
from entraide.content.models import Role


class ContentKind(StrEnum):
    article = "article"
    video = "video"
    podcast = "podcast"
    qa = "qa"  # a live Q&A session
    challenge = "challenge"
    story = "story"


class Status(StrEnum):
    idea = "idea"
    planned = "planned"
    drafting = "drafting"
    ready = "ready"
    published = "published"


class CalendarEntry(Frozen):
    """One planned piece of content: what, when, who owns it, how far along it is."""

    id: Slug
    date: dt.date
    kind: ContentKind
    title: str = Field(min_length=1, max_length=200)
    owner: Login
    status: Status = Status.planned
    page: str | None = Field(None, description="the docs/ page it becomes, e.g. temoignages/posts/lea.md")


class Calendar(Frozen):
    """animation/calendar.yml."""

    reminder_days: int = Field(7, ge=0, le=60, description="days before the date the owner gets a reminder issue")
    label: str = Field("calendrier", min_length=1, max_length=50)
    entries: tuple[CalendarEntry, ...] = ()


class Prompt(Frozen):
    id: Slug
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(min_length=1, max_length=5000)
    track: Slug | None = Field(None, description="only for this track's category; none: the general category")


class Prompts(Frozen):
    """animation/prompts.yml: the queue, posted in order, one per week (per track when configured)."""

    start: dt.date | None = Field(None, description="the first week's day: week n posts each lane's n-th prompt")
    category: str = Field("Général", min_length=1, max_length=100)
    track_categories: dict[Slug, str] = Field({}, description="track id -> its Discussions category")
    thank_first: int = Field(3, ge=0, le=20, description="how many first answerers the bot thanks")
    prompts: tuple[Prompt, ...] = ()


class Contest(Frozen):
    """A time-boxed contest: which actions count, how many winners, what they win."""

    id: Slug
    title: str = Field(min_length=1, max_length=200)
    start: dt.date
    end: dt.date
    counts: tuple[str, ...] = Field(min_length=1, description="award reasons that count: review, answer, challenge...")
    winners: int = Field(3, ge=1, le=50)
    roles: tuple[Role, ...] = Field((Role.learner,), min_length=1, description="who competes (default: learners)")
    prizes: tuple[str, ...] = ()
    description: str = Field("", max_length=2000)

    @model_validator(mode="after")
    def _dates(self) -> Contest:
        if self.end < self.start:
            raise PydanticCustomError("end_before_start", "end is before start")  # validation.describe says it
        return self


class Contests(Frozen):
    """animation/contests.yml."""

    label: str = Field("concours", min_length=1, max_length=50)
    contests: tuple[Contest, ...] = ()


class Reward(Frozen):
    id: Slug
    name: str = Field(min_length=1, max_length=200)
    cost: int = Field(gt=0, description="points debited from the spendable balance")
    stock: int = Field(ge=0)
    approvers: tuple[Login, ...] = Field((), description="who may approve; none: the catalogue's approvers")
    description: str = Field("", max_length=1000)


class Shop(Frozen):
    """animation/rewards.yml: the catalogue, who approves and the approval label (the request form's label is
    always `recompense`, see `entraide.bot.rewardform`)."""

    approve_label: str = Field("recompense-approuvee", min_length=1, max_length=50)
    approvers: tuple[Login, ...] = Field(min_length=1)
    items: tuple[Reward, ...] = ()

    def approvers_of(self, item: Reward) -> tuple[str, ...]:
        return item.approvers or self.approvers


class Animation(Frozen):
    """Everything under animation/ (each file optional)."""

    calendar: Calendar = Calendar()
    prompts: Prompts = Prompts()
    contests: Contests = Contests()
    shop: Shop | None = None
