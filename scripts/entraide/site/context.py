"""What every renderer takes (`SiteContext`) and gives back (`Pages`): the seam between the core and the pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from entraide.content.animation_models import Animation
from entraide.content.i18n import Translator
from entraide.content.models import Community
from entraide.content.saidwedid import FeedbackAction
from entraide.events.model import Event
from entraide.events.pulsefile import PulseGroup
from entraide.scoring.model import Ledger

Pages = dict[str, str | bytes]


@dataclass(frozen=True)
class Streamed:
    """A page too large to hold whole (the open ledger: at ten million events, hundreds of megabytes of JSON),
    given as the texts it is made of, in order, produced as they are read: a writer writes them one by one;
    `text()` joins them where the whole page is asked for (the MkDocs hook, `site.build.generate`)."""

    pieces: Callable[[], Iterator[str]]

    def text(self) -> str:
        return "".join(self.pieces())


Content = str | bytes | Streamed  # what a page source gives for one path


class Rendered(Mapping[str, Content]):
    """A source's pages rendered one at a time as `each()` is read, so that a writer holds one page at a time,
    never the source's whole set (at ten million events, gigabytes). Read as a mapping (a test, a caller that
    wants them all), it renders them all once and keeps them."""

    def __init__(self, render: Callable[[], Iterable[tuple[str, Content]]]) -> None:
        self._render = render
        self._whole: dict[str, Content] | None = None

    def each(self) -> Iterable[tuple[str, Content]]:
        return self._whole.items() if self._whole is not None else self._render()

    def _all(self) -> dict[str, Content]:
        if self._whole is None:
            self._whole = dict(self._render())
        return self._whole

    def __getitem__(self, path: str) -> Content:
        return self._all()[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


Source = Callable[["SiteContext"], Mapping[str, Content]]  # a page source: context in, pages out


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
