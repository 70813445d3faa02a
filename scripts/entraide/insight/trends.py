"""Topics of the questions rising or falling month over month, for the mentors' private report.

A topic is a label put on a question (at opening or later; moderation and the generic question labels left
out) or a word of its title (analysed as `textsearch.analyse` does: stop words out, stemmed, accents folded,
and shown in the form most often written). Each topic counts the questions asked in a calendar month that
carry it; the last complete month before `as_of` is compared with the month before. Pure: events in, rows out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

from entraide.content.i18n import Translator
from entraide.content.models import Frozen
from entraide.events.model import Event, EventKind
from entraide.events.questions import QUESTION_LABELS, Question
from entraide.insight.textsearch import analyse, words

MIN_COUNT = 2  # a topic seen fewer times in both months is noise


class Trend(Frozen):
    kind: str  # "label" or "word"
    topic: str
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


class Trends(Frozen):
    before: str  # "2026-09"
    after: str  # "2026-10"
    rising: tuple[Trend, ...]
    falling: tuple[Trend, ...]


def months(as_of: dt.date) -> tuple[str, str]:
    """The two last complete calendar months before `as_of`, as "YYYY-MM"."""
    last = as_of.replace(day=1) - dt.timedelta(days=1)
    before = last.replace(day=1) - dt.timedelta(days=1)
    return before.strftime("%Y-%m"), last.strftime("%Y-%m")


def trends(
    asked: Iterable[Question],
    events: Iterable[Event],
    *,
    as_of: dt.date,
    ignored_labels: Iterable[str] = (),
    language: str = "fr",
    limit: int = 8,
) -> Trends:
    before, after = months(as_of)
    labels = _labels(events, ignored={x.casefold() for x in ignored_labels} | QUESTION_LABELS)
    counts: dict[str, Counter[tuple[str, str]]] = {before: Counter(), after: Counter()}
    written: dict[str, Counter[str]] = defaultdict(Counter)
    for question in asked:
        month = question.asked_at.strftime("%Y-%m")
        if month not in counts or question.moderated:
            continue
        topics = {("label", label) for label in labels.get(question.thread, ())}
        for word in words(question.title or ""):
            stems = analyse(word, language=language)
            if stems:  # one topic per word: its shortest stem (the French and English stems may differ)
                topics.add(("word", min(stems)))
                written[min(stems)][word] += 1
        counts[month].update(topics)
    rows = [
        Trend(kind=kind, topic=_shown(kind, topic, written), before=counts[before][key], after=counts[after][key])
        for key in set(counts[before]) | set(counts[after])
        for kind, topic in [key]
        if max(counts[before][key], counts[after][key]) >= MIN_COUNT
    ]
    order = sorted(rows, key=lambda t: (-abs(t.change), t.kind, t.topic))
    return Trends(
        before=before,
        after=after,
        rising=tuple(t for t in order if t.change > 0)[:limit],
        falling=tuple(t for t in order if t.change < 0)[:limit],
    )


def _labels(events: Iterable[Event], *, ignored: set[str]) -> dict[tuple[str, int], set[str]]:
    found: dict[tuple[str, int], set[str]] = defaultdict(set)
    for event in events:
        key = event.thread
        if event.kind is EventKind.issue_opened:
            found[key] |= {x for x in event.labels if x.casefold() not in ignored}
        elif event.kind is EventKind.label_added and not event.target_id and event.label.casefold() not in ignored:
            found[key].add(event.label)
    return found


def _shown(kind: str, topic: str, written: dict[str, Counter[str]]) -> str:
    if kind == "label":
        return topic
    return min(written[topic].items(), key=lambda item: (-item[1], item[0]))[0]


def render(found: Trends, *, tr: Translator) -> list[str]:
    """Markdown lines for the private report, in the mentors' language."""
    lines = [
        "## "
        + tr.gettext("Questions' topics: {after} compared with {before}").format(
            after=found.after, before=found.before
        ),
        "",
        tr.gettext(
            "Number of questions asked each month that carry the label or the word "
            "(topics seen at least {n} times in one of the two months)."
        ).format(n=MIN_COUNT),
        "",
    ]
    for title, rows in ((tr.gettext("Rising"), found.rising), (tr.gettext("Falling"), found.falling)):
        lines += [f"### {title}", ""]
        if not rows:
            lines += [tr.gettext("No topic."), ""]
            continue
        topic, kind, change = tr.gettext("topic"), tr.gettext("kind"), tr.gettext("change")
        lines += [f"| {topic} | {kind} | {found.before} | {found.after} | {change} |", "|---|---|---:|---:|---:|"]
        label, word = tr.pgettext("a topic of questions", "label"), tr.pgettext("a topic of questions", "word")
        lines += [
            f"| {t.topic.replace('|', ' ')} | {label if t.kind == 'label' else word} | {t.before} | "
            f"{t.after} | {t.change:+d} |"
            for t in rows
        ]
        lines.append("")
    return lines
