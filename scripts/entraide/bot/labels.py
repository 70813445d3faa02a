"""`entraide labels sync`: create or update the labels the community and the bot use.

The set comes from the rules and the challenges: the submission states the bot manages, one
`challenge:<slug>` per challenge, the labels the issue forms apply, the `event` label, the community
bot's buddies and survey labels, the moderation labels of entraide.yml, and animation/'s labels
(calendar reminders, contest results, reward requests and their approval). Labels already right are left alone, others on the repository are never
deleted, so a second run makes no write.
"""

from __future__ import annotations

from entraide.bot.community.plan import BUDDIES_LABEL, PULSE_LABEL
from entraide.bot.feedback.plan import (
    ACCEPTED,
    CHALLENGE_PREFIX,
    NEEDS_CHANGES,
    SUBMISSION,
)
from entraide.bot.rewardform import LABEL as REWARD_LABEL
from entraide.content.animation_models import Animation
from entraide.content.i18n import Translator
from entraide.content.models import Community, Frozen


def fixed(tr: Translator) -> tuple[tuple[str, str, str], ...]:
    """name, colour, description (shown on GitHub, in the community's language)."""
    return (
        (SUBMISSION, "0e8a16", tr.gettext("A challenge submission")),
        (ACCEPTED, "2ea44f", tr.gettext("Challenge accepted by a mentor")),
        (NEEDS_CHANGES, "d93f0b", tr.gettext("The mentor asks for changes")),
        ("join", "5319e7", tr.gettext("A request to join the programme")),
        ("question", "1d76db", tr.gettext("A question to the community")),
        ("help", "fbca04", tr.gettext("A request for help")),
        ("conduct", "b60205", tr.gettext("A moderation request (code of conduct)")),
        ("feedback", "c5def5", tr.gettext("Feedback on the programme")),
        ("resource", "bfdadc", tr.gettext("A resource proposed")),
        ("event", "f9d0c4", tr.gettext("A workshop or community event")),
        (BUDDIES_LABEL, "d4c5f9", tr.gettext("A cohort's buddies announced")),
        (PULSE_LABEL, "c2e0c6", tr.gettext("The cohort's survey")),
    )


CHALLENGE_COLOUR = "bfd4f2"
MODERATION_COLOUR = "000000"


class LabelSpec(Frozen):
    name: str
    color: str
    description: str


def wanted(community: Community, animation: Animation | None = None, *, tr: Translator) -> tuple[LabelSpec, ...]:
    """Every label the community uses, sorted by name (with `animation`: its reminder, contest and shop labels)."""
    specs = {name: LabelSpec(name=name, color=color, description=text) for name, color, text in fixed(tr)}
    for name, color, text in animation_labels(animation, tr=tr):
        specs.setdefault(name, LabelSpec(name=name, color=color, description=text))
    for challenge in community.challenges:
        name = f"{CHALLENGE_PREFIX}{challenge.slug}"
        specs[name] = LabelSpec(name=name, color=CHALLENGE_COLOUR, description=challenge.title[:100])
    alumni = community.rules.alumni  # the opportunities board: the form's label, and the one that publishes
    specs.setdefault(
        alumni.opportunity_label,
        LabelSpec(
            name=alumni.opportunity_label,
            color="bfe5bf",
            description=tr.gettext("An opportunity proposed (internship, job, event)"),
        ),
    )
    specs.setdefault(
        alumni.approved_label,
        LabelSpec(
            name=alumni.approved_label,
            color="0e8a16",
            description=tr.gettext("Opportunity checked: published on the site"),
        ),
    )
    for name in community.rules.moderation_labels:
        specs.setdefault(name, LabelSpec(name=name, color=MODERATION_COLOUR, description=tr.gettext("Moderation")))
    return tuple(sorted(specs.values(), key=lambda s: s.name))


def animation_labels(animation: Animation | None, *, tr: Translator) -> list[tuple[str, str, str]]:
    if animation is None:
        return []
    found = [
        (animation.calendar.label, "fef2c0", tr.gettext("A reminder from the editorial calendar")),
        (animation.contests.label, "fbca04", tr.gettext("A contest's results")),
    ]
    if animation.shop is not None:
        found += [
            (REWARD_LABEL, "c5def5", tr.gettext("A reward request (shop)")),
            (animation.shop.approve_label, "0e8a16", tr.gettext("Reward approved: the points are debited")),
        ]
    return found


def changes(existing: dict[str, LabelSpec], specs: tuple[LabelSpec, ...]) -> tuple[list[LabelSpec], list[LabelSpec]]:
    """(to create, to update): names compare without case, as GitHub does."""
    by_name = {name.casefold(): label for name, label in existing.items()}
    create, update = [], []
    for spec in specs:
        current = by_name.get(spec.name.casefold())
        if current is None:
            create.append(spec)
        elif (current.color.lower(), current.description) != (spec.color, spec.description):
            update.append(spec.model_copy(update={"name": current.name}))
    return create, update
