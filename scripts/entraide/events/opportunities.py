"""The opportunities board (internships, jobs, events): issues opened with the opportunity form, published
only while a mentor or maintainer's `approved` label is on them.

The label is the moderation: a label added by anyone else (the author included) publishes nothing, and a
moderator removing it, or closing the issue, takes the opportunity down. An opportunity whose deadline has
passed leaves the board.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from entraide.content.i18n import Translator, translator
from entraide.content.i18n.translator import SUPPORTED
from entraide.content.models import Community, Frozen, Role
from entraide.events.model import Event, EventKind

SAFE_URL = re.compile(r"^https://[^\s()<>\"'\[\]\\`]+$")
FORM_FILE = "7-opportunite.yml"  # under .github/ISSUE_TEMPLATE, written by `entraide forms`
KINDS = ("stage", "emploi", "alternance", "evenement", "autre")


def field_labels(tr: Translator) -> dict[str, str]:
    """The opportunity issue form's fields: id -> the label GitHub writes as a `### ` heading in the issue body."""
    return {
        "kind": tr.gettext("Kind of opportunity"),
        "organisation": tr.gettext("Organisation"),
        "link": tr.gettext("Link"),
        "deadline": tr.gettext("Deadline"),
        "description": tr.gettext("Description"),
    }


def kind_label(kind: str, *, tr: Translator) -> str:
    """A kind of opportunity (« Alternance »), as the form offers it and the board shows it; else « Autre »."""
    names = {
        "stage": tr.pgettext("a kind of opportunity", "Internship"),
        "emploi": tr.pgettext("a kind of opportunity", "Job"),
        "alternance": tr.pgettext("a kind of opportunity", "Work-study"),
        "evenement": tr.pgettext("a kind of opportunity", "Event"),
    }
    return names.get(kind) or tr.pgettext("a kind of opportunity", "Other")


def kind_of(answer: str) -> str:
    """The kind's id from the form's answer, in any language (or the id itself, as older forms offered it)."""
    labels = {kind_label(k, tr=translator(language)): k for language in SUPPORTED for k in KINDS}
    return answer if answer in KINDS else labels.get(answer, "autre")


def fields_by_label() -> dict[str, str]:
    """label -> field id, the labels of every language's form: a form written in either is read."""
    return {label: key for language in SUPPORTED for key, label in field_labels(translator(language)).items()}


class Opportunity(Frozen):
    number: int
    title: str
    kind: str
    organisation: str
    link: str | None
    deadline: dt.date | None
    description: str
    approved_on: dt.date


_BOARD_KINDS = frozenset(
    {EventKind.issue_opened, EventKind.issue_closed, EventKind.label_added, EventKind.label_removed}
)


def opportunities(community: Community, history: tuple[Event, ...], *, today: dt.date) -> tuple[Opportunity, ...]:
    """The board on `today`: approved, open, not past their deadline; newest approval first."""
    rules = community.rules.alumni
    moderators = {m.id for m in community.members if m.role in (Role.mentor, Role.maintainer)}
    opened: dict[int, Event] = {}
    approved: dict[int, dt.date | None] = {}
    # Only issues' openings, closings and labels change the board: the others (most of the history) are
    # left out before sorting, which keeps the order of those read; in the store's order, none is sorted.
    read = [e for e in history if e.kind in _BOARD_KINDS and e.subject_type == "issue"]
    if not all(a.at < b.at or (a.at == b.at and a.id <= b.id) for a, b in itertools.pairwise(read)):
        read.sort(key=lambda e: (e.at, e.id))
    for event in read:
        number = event.subject
        if event.kind is EventKind.issue_opened and event.form == rules.opportunity_label:
            opened[number] = event
        elif event.kind is EventKind.issue_closed:
            approved[number] = None
        elif event.label == rules.approved_label and event.actor_id in moderators:
            if event.kind is EventKind.label_added and not event.on_comment:
                approved[number] = event.at.date()
            elif event.kind is EventKind.label_removed and not event.on_comment:
                approved[number] = None
    board = [_read(opened[n], day) for n, day in approved.items() if day is not None and n in opened]
    live = [o for o in board if o is not None and (o.deadline is None or o.deadline >= today)]
    return tuple(sorted(live, key=lambda o: (o.approved_on, o.number), reverse=True))


def _read(event: Event, approved_on: dt.date) -> Opportunity | None:
    fields = event.payload.get("fields") or {}
    if not isinstance(fields, dict):
        return None
    kind = kind_of(str(fields.get("kind") or "autre"))
    link = str(fields.get("link") or "")
    return Opportunity(
        number=event.subject,
        title=event.title or "",
        kind=kind,
        organisation=str(fields.get("organisation") or "")[:120],
        link=link if SAFE_URL.match(link) else None,
        deadline=_date(fields.get("deadline")),
        description=str(fields.get("description") or "")[:600],
        approved_on=approved_on,
    )


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value).strip()) if value else None
    except ValueError:
        return None
