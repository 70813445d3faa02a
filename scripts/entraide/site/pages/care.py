"""« Bien-être » (resources and the anonymous pulse, aggregated only) and « Vous avez dit, nous avons fait »
(the actions maintainers linked to the feedback that prompted them, from animation/vous-avez-dit.yml)."""

from __future__ import annotations

from entraide.content.i18n import Translator
from entraide.site.context import SiteContext
from entraide.site.pages.common import front_matter_page, table
from entraide.site.pages.escape import text


def pages(ctx: SiteContext) -> dict[str, str]:
    return {"bien-etre/index.md": wellbeing_page(ctx), "vous-avez-dit/index.md": said_we_did_page(ctx)}


def wellbeing_page(ctx: SiteContext) -> str:
    rules, tr = ctx.community.rules, ctx.tr
    floor = max(5, rules.wellbeing.min_answers, rules.privacy.min_group_size)
    resources = [
        "- " + _resource(f"[{text(r.title)}]({r.url})", text(r.description) if r.description else "", tr=tr)
        for r in rules.wellbeing.resources
    ]
    names = {c.id: c.name for c in rules.cohorts}
    shown = [g for g in ctx.pulse if g.answers >= floor]  # data/pulse.json holds no smaller group; checked again
    rows = [
        (text(names.get(g.cohort, g.cohort)), g.week, g.answers, tr.decimal(g.mean, digits=2), _spread(g.counts))
        for g in shown
    ]
    headers = [tr.gettext("Cohort"), tr.gettext("Week"), tr.gettext("Answers"), tr.gettext("Mean")]
    pulse = (
        table([*headers, tr.gettext("Ratings 1 · 2 · 3 · 4 · 5")], rows, align="llrrl")
        if rows
        else tr.gettext("Not enough answers yet to publish a result.")
    )
    body = [
        tr.gettext(
            "Learning online takes energy: take care of yourself. If something weighs on you, write to your mentor; "
            "you can also state a particular need in the mentors' private form."
        ),
        "## " + tr.gettext("Resources"),
        "\n".join(resources) or tr.gettext("No resource listed yet."),
        "## " + tr.gettext("Cohorts' weather"),
        tr.ngettext(
            "Every week, an optional and anonymous question: “{question}”, from 1 to 5. Only the rating is kept, "
            "without a name; a result is published only for a group of at least {n} answer.",
            "Every week, an optional and anonymous question: “{question}”, from 1 to 5. Only the rating is kept, "
            "without a name; a result is published only for a group of at least {n} answers.",
            floor,
        ).format(question=tr.gettext("How are you doing?"), n=tr.number(floor)),
        pulse,
    ]
    title = tr.gettext("Well-being")
    return front_matter_page(title, "\n\n".join(body), fallback=title)


def _resource(link: str, description: str, *, tr: Translator) -> str:
    """« [Titre](url) : description »."""
    return tr.gettext("{label}: {value}").format(label=link, value=description) if description else link


def _spread(counts: tuple[int, ...]) -> str:
    return " · ".join(str(n) for n in counts)


def said_we_did_page(ctx: SiteContext) -> str:
    repository, tr = ctx.community.rules.repository, ctx.tr
    blocks = []
    for action in ctx.actions:
        sources = ", ".join(
            f"[#{n}](https://github.com/{repository}/issues/{n})" if repository else f"#{n}" for n in action.feedback
        )
        see = " [" + tr.gettext("See") + f"]({action.link})" if action.link else ""
        said = tr.gettext("**You said:** {said} ({sources})").format(said=text(action.said), sources=sources)
        did = tr.gettext("**We did:** {did}.").format(did=text(action.did))
        blocks.append(f"### {tr.long_date(action.date)}\n\n{said}\n\n{did}{see}")
    intro = tr.gettext("Your feedback counts: here is what mentors and maintainers changed after reading it.")
    body = "\n\n".join([intro, *blocks]) if blocks else intro + "\n\n" + tr.gettext("Nothing yet.")
    return front_matter_page(tr.gettext("You said, we did"), body, fallback=tr.gettext("You said"))
