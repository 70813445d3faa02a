"""Challenge pages: a catalogue grouped by track (filterable in the browser) and one page per challenge."""

from __future__ import annotations

import datetime as dt

from entraide.content.models import Acceptance, Challenge, Member
from entraide.site.context import SiteContext
from entraide.site.credentials.catalogue import challenge_badge
from entraide.site.links import long_date
from entraide.site.pages.common import front_matter_page, live_awards, member_link
from entraide.site.pages.escape import text
from entraide.site.pages.i18n import strings
from entraide.site.pages.sanitize import markdown_html
from entraide.site.pages.showcase import image
from entraide.site.pages.submitbox import submit_box


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
    for award in live_awards(ctx.ledger):
        slug = award.challenge
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
    t = strings(ctx.community.rules.language)
    names = _track_names(ctx)
    parts = [f"*{t['filter_hint']}*", '<div class="entraide-catalogue" data-entraide-filter markdown>']
    current = None
    for challenge in _ordered(ctx):
        if challenge.track != current:
            if current is not None:
                parts.append("</section>")
            current = challenge.track
            parts.append(f'<section class="entraide-track" data-track="{current}" markdown>')
            parts.append(f"## {text(names.get(current, current))}")
        parts.append(_catalogue_item(challenge, t=t))
    if current is not None:
        parts.append("</section>")
    parts.append("</div>")
    return front_matter_page(t["challenges"], "\n\n".join(parts), fallback=t["challenges"])


def _catalogue_item(challenge: Challenge, *, t: dict[str, str]) -> str:
    facts = [t["level_n"].format(n=challenge.level), t["points_n"].format(n=challenge.points)]
    if challenge.badge:
        facts.append(f"{t['badge']} : {text(challenge.badge)}")
    return (
        f'<div class="entraide-challenge" data-slug="{challenge.slug}" data-track="{challenge.track}" data-level="{challenge.level}" markdown>\n\n'
        f"**[{text(challenge.title)}]({challenge.slug}.md)** · {' · '.join(facts)}\n\n</div>"
    )


def render_challenge(challenge: Challenge, *, ctx: SiteContext, completed: list[tuple[dt.date, Member]]) -> str:
    t = strings(ctx.community.rules.language)
    titles = {c.slug: c.title for c in ctx.community.challenges}
    sections = [
        *([image(challenge_badge(challenge), up="../")] if challenge.badge else []),
        _facts(challenge, ctx=ctx, t=t),
        submit_box(challenge, rules=ctx.community.rules, titles=titles, shown=_box_rules(challenge, ctx=ctx, t=t)),
        f"## {t['brief']}",
        _html_block("entraide-brief", markdown_html(challenge.brief)),
        f"## {t['criteria']}",
        _html_block("entraide-criteria", _criteria_html(challenge)),
        f"## {t['prerequisites']}",
        _prerequisites(challenge, ctx=ctx, t=t),
        f"## {t['completed_by']}",
        _completed(completed, t=t),
    ]
    return front_matter_page(challenge.title, "\n\n".join(sections), fallback=challenge.slug)


def _facts(challenge: Challenge, *, ctx: SiteContext, t: dict[str, str]) -> str:
    facts = [
        (t["track"], text(_track_names(ctx).get(challenge.track, challenge.track))),
        (t["level"], str(challenge.level)),
        (t["points"], str(challenge.points)),
    ]
    if challenge.badge:
        facts.append((t["badge"], text(challenge.badge)))
    if challenge.opens:
        facts.append((t["opens"], long_date(challenge.opens, ctx.community.rules.language)))
    if challenge.closes:
        facts.append((t["closes"], long_date(challenge.closes, ctx.community.rules.language)))
    facts += rule_facts(challenge, rules=ctx.community.rules.acceptance, t=t)
    return "\n".join(f"- **{label}** : {value}" for label, value in facts)


def rule_facts(challenge: Challenge, *, rules: Acceptance, t: dict[str, str]) -> list[tuple[str, str]]:
    """The acceptance rules that hold for this challenge (`scoring.acceptance`), as (label, value)."""
    rule, facts = rules.rule(challenge.slug), []
    if challenge.closes:
        late = (
            t["late_refused"] if rule.late == "refuse" else t["late_share"].format(share=round(rule.late_share * 100))
        )
        facts.append((t["after_closing"], late))
    if rules.review_window_days:
        facts.append((t["final_after"], t["final_days"].format(days=rules.review_window_days)))
    return facts


def _box_rules(challenge: Challenge, *, ctx: SiteContext, t: dict[str, str]) -> list[tuple[str, str]]:
    """The acceptance rules, as the « Rendre ce défi » box repeats them before the learner submits."""
    rules = ctx.community.rules.acceptance
    held = [(t["prerequisites"], prerequisite_rule(challenge, rules=rules, t=t))] if challenge.prerequisites else []
    return rule_facts(challenge, rules=rules, t=t) + held


def prerequisite_rule(challenge: Challenge, *, rules: Acceptance, t: dict[str, str]) -> str:
    return t["prerequisites_hold"] if rules.rule(challenge.slug).prerequisites == "hold" else t["prerequisites_refuse"]


def _criteria_html(challenge: Challenge) -> str:
    # Criteria are one line each; rendered like the brief so inline code and links work, then cleaned.
    items = "\n".join("- " + " ".join(criterion.split()) for criterion in challenge.acceptance_criteria)
    return markdown_html(items)


def _html_block(css_class: str, html: str) -> str:
    # One raw HTML block: Markdown leaves its inside alone (blank lines included, Python-Markdown
    # finds the block's end with an HTML parser), so the cleaned HTML is published as is.
    return f'<div class="{css_class}">\n{html.strip()}\n</div>'


def _prerequisites(challenge: Challenge, *, ctx: SiteContext, t: dict[str, str]) -> str:
    known = {c.slug: c for c in ctx.community.challenges}
    if not challenge.prerequisites:
        return f"*{t['no_prerequisites']}*"
    listed = "\n".join(
        f"- [{text(known[slug].title)}]({slug}.md)" if slug in known else f"- {text(slug)}"
        for slug in challenge.prerequisites
    )
    return f"{listed}\n\n{prerequisite_rule(challenge, rules=ctx.community.rules.acceptance, t=t)}"


def _completed(completed: list[tuple[dt.date, Member]], *, t: dict[str, str]) -> str:
    if not completed:
        return f"*{t['nobody']}*"
    return "\n".join(f"- {member_link(member, base='../')} · {long_date(day, t['_lang'])}" for day, member in completed)
