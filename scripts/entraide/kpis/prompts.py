"""Weekly discussion prompts: which prompt each week brings (per lane: the general category, or a
track's), the discussion title the bot gives it, and participation in prompts as a KPI. Pure.

A lane is a Discussions category with its own queue: prompts without a track go to the general category,
a track's prompts to its category (`track_categories`, else the general one). Week n after `start` posts
the n-th prompt of each lane; a lane whose queue is used up posts nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from entraide.content.animation_models import Prompt, Prompts
from entraide.content.base import Frozen
from entraide.content.i18n import Translator, translator
from entraide.content.i18n.translator import SUPPORTED
from entraide.content.models import Member, Role
from entraide.events.model import Event, EventKind


class Scheduled(Frozen):
    prompt: Prompt
    category: str
    week: dt.date  # the Monday of its week


class PromptParticipation(Frozen):
    prompt_id: str
    number: int  # the discussion
    week: dt.date
    answers: int
    participants: int


class Participation(Frozen):
    prompts: tuple[PromptParticipation, ...]
    learners: int  # learners in the community
    learners_answering: int  # learners who answered at least one prompt


def title_of(prompt: Prompt, *, tr: Translator) -> str:
    """The discussion's title the bot gives a prompt (« Question de la semaine : … »)."""
    return tr.gettext("Question of the week: {title}").format(title=prompt.title)


def titles_of(prompt: Prompt) -> set[str]:
    """Its title in every language the bot may have written it in: a community that switched language
    still counts the prompts it opened before."""
    return {title_of(prompt, tr=translator(language)) for language in SUPPORTED}


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def category_of(prompt: Prompt, prompts: Prompts) -> str:
    return prompts.track_categories.get(prompt.track, prompts.category) if prompt.track else prompts.category


def schedule(prompts: Prompts) -> tuple[Scheduled, ...]:
    """Every prompt with its week and category, in week then category order."""
    if prompts.start is None:
        return ()
    lanes: dict[str, list[Prompt]] = {}
    for prompt in prompts.prompts:
        lanes.setdefault(category_of(prompt, prompts), []).append(prompt)
    first = monday(prompts.start)
    rows = [
        Scheduled(prompt=prompt, category=category, week=first + dt.timedelta(weeks=n))
        for category, queue in lanes.items()
        for n, prompt in enumerate(queue)
    ]
    return tuple(sorted(rows, key=lambda row: (row.week, row.category)))


def due(prompts: Prompts, *, today: dt.date) -> tuple[Scheduled, ...]:
    """The prompts of `today`'s week (one per lane at most)."""
    return tuple(row for row in schedule(prompts) if row.week == monday(today))


def participation(prompts: Prompts, events: Iterable[Event], members: Iterable[Member]) -> Participation:
    """Answers and distinct participants under each prompt the bot opened; learners who took part."""
    by_title = {title: row for row in schedule(prompts) for title in sorted(titles_of(row.prompt))}
    learners = {m.id for m in members if m.role is Role.learner}
    opened: dict[int, Scheduled] = {}
    answers: dict[int, list[int]] = {}
    for event in events:
        if not event.at_home:  # the bot opens its prompts in the community's own repository
            continue
        if event.kind is EventKind.discussion_created and event.is_bot and event.title in by_title:
            opened[event.subject] = by_title[event.title or ""]
        elif event.kind is EventKind.discussion_comment and not (event.is_bot or event.deleted) and event.actor_id:
            answers.setdefault(event.subject, []).append(event.actor_id)
    rows = tuple(
        PromptParticipation(
            prompt_id=row.prompt.id,
            number=number,
            week=row.week,
            answers=len(answers.get(number, [])),
            participants=len(set(answers.get(number, []))),
        )
        for number, row in sorted(opened.items(), key=lambda item: (item[1].week, item[0]))
    )
    answering = {actor for number in opened for actor in answers.get(number, []) if actor in learners}
    return Participation(prompts=rows, learners=len(learners), learners_answering=len(answering))
