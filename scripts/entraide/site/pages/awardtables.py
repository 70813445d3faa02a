"""A profile's award tables: « Historique des points », « Activité récente » and « Défis réussis ».

Every profile reads the same few dozen reasons, challenge titles, days and column headers; `AwardTables`
works each out once per build (one object for every profile) instead of once per row: at a million events
the profiles' rows number in the hundreds of thousands, and their labels, escaped titles and headers were
most of their cost. `AwardLinks` gives the links and the review states, as in the open ledger.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Mapping

from entraide.events.model import Event
from entraide.scoring.model import Award, Reason
from entraide.site.context import SiteContext
from entraide.site.pages.awardlinks import AwardLinks
from entraide.site.pages.common import ChallengeSlugs, table
from entraide.site.pages.escape import text
from entraide.site.pages.labels import reason_label

RECENT_ACTIVITY = 10
_AT_AND_REASON = operator.attrgetter("at", "reason")  # (a.at, a.reason), read in C


class AwardTables:
    """The award tables of every profile of one build (`ctx`), with the events behind the awards."""

    def __init__(self, ctx: SiteContext, *, events_by_id: Mapping[str, Event]) -> None:
        tr = self._tr = ctx.tr
        self._titles = {c.slug: c.title for c in ctx.community.challenges}
        self._links = AwardLinks(ctx, events=events_by_id)
        self._awaiting = tr.gettext("awaiting validation")
        self.none_yet = f"*{tr.gettext('None yet.')}*"
        self._head = table([tr.gettext("Date"), tr.gettext("Reason"), tr.gettext("Points")], [], align="llr")
        self._reasons: dict[str, str] = {}
        self._challenge_links: dict[str, str] = {}
        self._days: dict[dt.date, str] = {}
        self._row_days: dict[dt.date, tuple[str, str]] = {}
        self._slugs = ChallengeSlugs()

    @staticmethod
    def newest_first(awards: list[Award]) -> list[Award]:
        """The order both the history and the recent activity show (the history's sort, done once)."""
        return sorted(awards, key=_AT_AND_REASON, reverse=True)

    def history(self, newest: list[Award]) -> str:
        """Every award standing, newest first, with the GitHub item behind it: the open ledger's rows."""
        if not newest:
            return self.none_yet
        lines, link, reasons, days = [self._head], self._links.link, self._reasons, self._row_days
        for award in newest:
            day = award.at.date()
            said = days.get(day)
            if said is None:
                said = self._row_day(day)
            iso, awaiting = said
            where = link(award)
            reason = reasons.get(award.reason)
            if reason is None:
                reason = self.reason(award.reason)
            shown = f"[{iso}]({where})" if where else iso
            lines.append(f"| {shown} | {reason} | {award.points}{awaiting} |")
        return "\n".join(lines)

    def _row_day(self, day: dt.date) -> tuple[str, str]:
        """A history row's day and what follows its points: « (en attente de validation) » while pending."""
        pending = f" ({self._awaiting})" if day > self._links.last_final else ""
        said = self._row_days[day] = (day.isoformat(), pending)
        return said

    def activity(self, newest: list[Award]) -> str:
        """The last RECENT_ACTIVITY awards."""
        if not newest:
            return self.none_yet
        rows = (
            f"| {self.long_date(a.at.date())} | {self.reason(a.reason)} | {a.points} |"
            for a in newest[:RECENT_ACTIVITY]
        )
        return "\n".join((self._head, *rows))

    def completed(self, awards: list[Award]) -> str:
        """The challenges accepted, by day."""
        slugs = self._slugs
        done = [(a.at.date(), slug) for a in awards if (slug := slugs[a.reason])]
        if not done:
            return self.none_yet
        return "\n".join(f"- {self.challenge_link(slug)} · {self.long_date(day)}" for day, slug in sorted(done))

    def reason(self, reason: str) -> str:
        """Why the points were given, in words (a challenge's title linked to its page)."""
        said = self._reasons.get(reason)
        if said is None:
            kind, detail = Reason.of(reason)
            label = reason_label(kind, tr=self._tr) or text(kind)
            if kind == "challenge" and detail:
                label = self._tr.gettext("{label}: {value}").format(label=label, value=self.challenge_link(detail))
            said = self._reasons[reason] = label
        return said

    def challenge_link(self, slug: str) -> str:
        said = self._challenge_links.get(slug)
        if said is None:
            title = self._titles.get(slug)
            said = self._challenge_links[slug] = (
                f"[{text(title)}](../defis/{slug}.md)" if title is not None else text(slug)
            )
        return said

    def long_date(self, day: dt.date) -> str:
        said = self._days.get(day)
        if said is None:
            said = self._days[day] = self._tr.long_date(day)
        return said
