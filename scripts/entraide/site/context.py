"""What every renderer takes (`SiteContext`) and gives back (`Pages`): the seam between the core and the pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from entraide.content.animation_models import Animation
from entraide.content.i18n import Translator
from entraide.content.models import Community
from entraide.content.saidwedid import FeedbackAction
from entraide.events.model import Event
from entraide.events.pulsefile import PulseGroup
from entraide.scoring.model import Ledger

Pages = dict[str, str | bytes]
Source = Callable[["SiteContext"], Mapping[str, str | bytes]]  # a page source: context in, pages out


@dataclass(frozen=True)
class SiteContext:
    community: Community
    events: tuple[Event, ...]
    ledger: Ledger
    as_of: dt.date
    docs: Mapping[str, str]  # the hand-written Markdown pages under docs/, by path: renderers never read files
    tr: Translator  # the pages' language: every text, date and number on them goes through it
    pulse: tuple[PulseGroup, ...] = ()  # the well-being pulse's public aggregates (data/pulse.json)
    actions: tuple[FeedbackAction, ...] = ()  # « Vous avez dit, nous avons fait » (animation/vous-avez-dit.yml)
    animation: Animation = field(default_factory=Animation)  # animation/: calendar, prompts, contests, rewards shop
    signing_key: str | None = None  # Ed25519 seed (hex) for Open Badges 3.0 credentials; a secret, never in the repo
