"""Challenge pages: a catalogue grouped by track (filterable in the browser) and one page per challenge."""

from __future__ import annotations

import datetime as dt

from entraide.content.i18n import Translator
from entraide.content.models import Acceptance, Challenge, Member
from entraide.site.context import SiteContext
from entraide.site.credentials.catalogue import challenge_badge
from entraide.site.pages.common import ChallengeSlugs, front_matter_page, live_awards, member_link
from entraide.site.pages.escape import text
from entraide.site.pages.sanitize import markdown_html
from entraide.site.pages.showcase import image
from entraide.site.pages.submitbox import submit_box

COMPLETED_SHOWN = 30  # names under « Réussi par »; the others as a number (every profile lists its challenges)


def challenge_pages(ctx: SiteContext, *, public: dict[int, Member]) -> dict[str, str]:
    completions = _completions(ctx, public=public)
    pages = {
        f"defis/{c.slug}.md": render_challenge(c, ctx=ctx, completed=completions.get(c.slug, []))
        for c in ctx.community.challenges
    }
    pages["defis/index.md"] = render_catalogue(ctx)
    return pages


def _completions(ctx: SiteContext, *, public: dict[int, Member]) -> dict[str, list[tuple[dt.date, Member]]]:
    """Public members who completed each challenge, with the day it was accepted, in that order."""
    done: dict[str, list[tuple[dt.date, Member]]] = {}
    slugs = ChallengeSlugs()
    for award in live_awards(ctx.ledger):
        slug = slugs[award.reason]
        if slug and award.member_id in public:
            done.setdefault(slug, []).append((award.at.date(), public[award.member_id]))
    return {slug: sorted(rows, key=lambda row: (row[0], row[1].login.lower())) for slug, rows in done.items()}


def _track_names(ctx: SiteContext) -> dict[str, str]:
    return {track.id: track.name for track in ctx.community.rules.tracks}


def _ordered(ctx: SiteContext) -> list[Challenge]:
    track_order = {track.id: i for i, track in enumerate(ctx.community.rules.tracks)}
    return sorted(
        ctx.community.challenges, key=lambda c: (track_order.get(c.track, len(track_order)), c.track, c.level, c.slug)
    )


def render_catalogue(ctx: SiteContext) -> str:
    """Every challenge, grouped by track, each item carrying data-track/data-level for the JS filter."""
    tr = ctx.tr
    names = _track_names(ctx)
    parts = [
        f"*{tr.gettext('Filter by track and level (every challenge is listed without JavaScript).')}*",
        '<div class="entraide-catalogue" data-entraide-filter markdown>',
    ]
    current = None
    for challenge in _ordered(ctx):
        if challenge.track != current:
            if current is not None:
                parts.append("</section>")
            current = challenge.track
            parts.append(f'<section class="entraide-track" data-track="{current}" markdown>')
            parts.append(f"## {text(names.get(current, current))}")
        parts.append(_catalogue_item(challenge, tr=tr))
    if current is not None:
        parts.append("</section>")
    parts.append("</div>")
    return front_matter_page(tr.gettext("Challenges"), "\n\n".join(parts), fallback=tr.gettext("Challenges"))


def _catalogue_item(challenge: Challenge, *, tr: Translator) -> str:
    facts = [
        tr.gettext("Level {n}").format(n=challenge.level),
        tr.ngettext("{n} point", "{n} points", challenge.points).format(n=tr.number(challenge.points)),
    ]
    if challenge.badge:
        facts.append(tr.gettext("{label}: {value}").format(label=tr.gettext("Badge"), value=text(challenge.badge)))
    return (
        f'<div class="entraide-challenge" data-slug="{challenge.slug}" data-track="{challenge.track}" data-level="{challenge.level}" markdown>\n\n'
        f"**[{text(challenge.title)}]({challenge.slug}.md)** · {' · '.join(facts)}\n\n</div>"
    )


def render_challenge(challenge: Challenge, *, ctx: SiteContext, completed: list[tuple[dt.date, Member]]) -> str:
    tr = ctx.tr
    titles = {c.slug: c.title for c in ctx.community.challenges}
    sections = [
        *([image(challenge_badge(challenge), up="../")] if challenge.badge else []),
        _facts(challenge, ctx=ctx, tr=tr),
        submit_box(
            challenge, rules=ctx.community.rules, titles=titles, tr=tr, shown=_box_rules(challenge, ctx=ctx, tr=tr)
        ),
        f"## {tr.gettext('Brief')}",
        _html_block("entraide-brief", markdown_html(challenge.brief)),
        f"## {tr.gettext('Acceptance criteria')}",
        _html_block("entraide-criteria", _criteria_html(challenge)),
        f"## {tr.gettext('Prerequisites')}",
        _prerequisites(challenge, ctx=ctx, tr=tr),
        f"## {tr.gettext('Completed by')}",
        _completed(completed, tr=tr),
    ]
    return front_matter_page(challenge.title, "\n\n".join(sections), fallback=challenge.slug)


def _facts(challenge: Challenge, *, ctx: SiteContext, tr: Translator) -> str:
    facts = [
        (tr.gettext("Track"), text(_track_names(ctx).get(challenge.track, challenge.track))),
        (tr.gettext("Level"), str(challenge.level)),
        (tr.gettext("Points"), str(challenge.points)),
    ]
    if challenge.badge:
        facts.append((tr.gettext("Badge"), text(challenge.badge)))
    if challenge.opens:
        facts.append((tr.gettext("Opens"), ctx.tr.long_date(challenge.opens)))
    if challenge.closes:
        facts.append((tr.gettext("Closes"), ctx.tr.long_date(challenge.closes)))
    facts += rule_facts(challenge, rules=ctx.community.rules.acceptance, tr=tr)
    return "\n".join(
        "- " + tr.gettext("{label}: {value}").format(label=f"**{label}**", value=value) for label, value in facts
    )


def rule_facts(challenge: Challenge, *, rules: Acceptance, tr: Translator) -> list[tuple[str, str]]:
    """The acceptance rules that hold for this challenge (`scoring.acceptance`), as (label, value)."""
    rule, facts = rules.rule(challenge.slug), []
    if challenge.closes:
        late = (
            tr.gettext("a late acceptance does not count")
            if rule.late == "refuse"
            else tr.gettext("a late acceptance earns {share}% of the points").format(share=round(rule.late_share * 100))
        )
        facts.append((tr.gettext("After closing"), late))
    if rules.review_window_days:
        facts.append(
            (
                tr.gettext("Points final"),
                tr.ngettext(
                    "{days} day after acceptance (awaiting validation until then)",
                    "{days} days after acceptance (awaiting validation until then)",
                    rules.review_window_days,
                ).format(days=rules.review_window_days),
            )
        )
    return facts


def _box_rules(challenge: Challenge, *, ctx: SiteContext, tr: Translator) -> list[tuple[str, str]]:
    """The acceptance rules, as the « Rendre ce défi » box repeats them before the learner submits."""
    rules = ctx.community.rules.acceptance
    held = (
        [(tr.gettext("Prerequisites"), prerequisite_rule(challenge, rules=rules, tr=tr))]
        if challenge.prerequisites
        else []
    )
    return rule_facts(challenge, rules=rules, tr=tr) + held


def prerequisite_rule(challenge: Challenge, *, rules: Acceptance, tr: Translator) -> str:
    return (
        tr.gettext("If a prerequisite is not accepted yet, this challenge's acceptance waits until it is, then counts.")
        if rules.rule(challenge.slug).prerequisites == "hold"
        else tr.gettext(
            "Prerequisites must be accepted before this challenge: otherwise its acceptance does not count."
        )
    )


def _criteria_html(challenge: Challenge) -> str:
    # Criteria are one line each; rendered like the brief so inline code and links work, then cleaned.
    items = "\n".join("- " + " ".join(criterion.split()) for criterion in challenge.acceptance_criteria)
    return markdown_html(items)


def _html_block(css_class: str, html: str) -> str:
    # One raw HTML block: Markdown leaves its inside alone (blank lines included, Python-Markdown
    # finds the block's end with an HTML parser), so the cleaned HTML is published as is.
    return f'<div class="{css_class}">\n{html.strip()}\n</div>'


def _prerequisites(challenge: Challenge, *, ctx: SiteContext, tr: Translator) -> str:
    known = {c.slug: c for c in ctx.community.challenges}
    if not challenge.prerequisites:
        return f"*{tr.gettext('None: this challenge can be taken first.')}*"
    listed = "\n".join(
        f"- [{text(known[slug].title)}]({slug}.md)" if slug in known else f"- {text(slug)}"
        for slug in challenge.prerequisites
    )
    return f"{listed}\n\n{prerequisite_rule(challenge, rules=ctx.community.rules.acceptance, tr=tr)}"


def _completed(completed: list[tuple[dt.date, Member]], *, tr: Translator) -> str:
    """The first COMPLETED_SHOWN by date, then how many more: the page stays readable (and searchable: Zensical
    refuses a page's text past 32,768 bytes) at thousands of members, as the badges page does."""
    if not completed:
        return f"*{tr.gettext('Nobody yet.')}*"
    listed = "\n".join(
        f"- {member_link(member, base='../')} · {tr.long_date(day)}" for day, member in completed[:COMPLETED_SHOWN]
    )
    more = len(completed) - COMPLETED_SHOWN
    if more <= 0:
        return listed
    others = tr.ngettext(
        "… and {n} more: each one's profile lists this challenge (see the [members]({members})).",
        "… and {n} more: each one's profile lists this challenge (see the [members]({members})).",
        more,
    ).format(n=tr.number(more), members="../membres/index.md")
    return f"{listed}\n\n{others}"
