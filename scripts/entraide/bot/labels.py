"""`entraide labels sync`: create or update the labels the community and the bot use.

The set comes from the rules and the challenges: the submission states the bot manages, one
`challenge:<slug>` per challenge, the labels the issue forms apply, the `event` label, the community
bot's buddies and survey labels, and the moderation labels of entraide.yml. Labels already right are left alone, others on the repository are never
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


def wanted(community: Community, *, tr: Translator) -> tuple[LabelSpec, ...]:
    """Every label the community uses, sorted by name."""
    specs = {name: LabelSpec(name=name, color=color, description=text) for name, color, text in fixed(tr)}
    for challenge in community.challenges:
        name = f"{CHALLENGE_PREFIX}{challenge.slug}"
        specs[name] = LabelSpec(name=name, color=CHALLENGE_COLOUR, description=challenge.title[:100])
    for name in community.rules.moderation_labels:
        specs.setdefault(name, LabelSpec(name=name, color=MODERATION_COLOUR, description=tr.gettext("Moderation")))
    return tuple(sorted(specs.values(), key=lambda s: s.name))


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
