"""KPI pages about support: satisfaction, responsiveness, connections between learners, mentors' view."""

from __future__ import annotations

from entraide.content.i18n import Translator
from entraide.content.models import Community, Role
from entraide.kpis import KpiReport
from entraide.kpis.public import PublicReport, ResponseMonth
from entraide.site import charts
from entraide.site.charts import Series
from entraide.site.charts.network import Node
from entraide.site.kpi.format import (
    NETWORK_LIMIT,
    Section,
    chaoss,
    data_table,
    definition,
    figure,
    hidden_notes,
    hours,
    num,
    num_axis,
    pct,
    pct_axis,
    plotted,
    see_chaoss,
)
from entraide.site.pages.common import public_members


def satisfaction(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> Section:
    months = public.satisfaction.months
    svg = charts.bar_chart(
        title=tr.gettext("Satisfaction (CSAT) per month"),
        x_label=tr.gettext("Month"),
        y_label=tr.gettext("Answers 4 or 5 out of 5"),
        labels=[m.month for m in months],
        y_format=pct_axis(tr),
        y_max=1.0,
        empty=tr.gettext("No feedback yet"),
        desc=tr.gettext("Share of the feedback form's answers rated 4 or 5 out of 5, each month."),
        series=[Series(tr.gettext("CSAT"), [plotted(m.csat) for m in months])],
        notes=hidden_notes(m.csat for m in months),
    )
    total = public.satisfaction.total
    body = "\n\n".join(
        [
            definition(
                tr,
                tr.gettext(
                    "Each answer to the feedback form gives a rating from 1 to 5. CSAT is the share of ratings 4 and 5; the mean rating is given beside it. A month where fewer people answered than the privacy threshold is hidden."
                ),
                tr.gettext("No equivalent CHAOSS metric: this is the CSAT indicator (Customer Satisfaction Score)."),
            ),
            tr.gettext("**Since the start**: CSAT {csat}, mean rating {mean} out of 5 ({people} people).").format(
                csat=pct(tr, total.csat), mean=num(tr, total.mean, 2), people=num(tr, total.respondents)
            ),
            figure(tr, "satisfaction", tr.gettext("CSAT per month")),
            data_table(
                tr,
                [
                    tr.gettext("Month"),
                    tr.gettext("Answers"),
                    tr.gettext("People"),
                    tr.gettext("CSAT"),
                    tr.gettext("Mean rating"),
                ],
                [[m.month, m.responses, m.respondents, pct(tr, m.csat), num(tr, m.mean, 2)] for m in months],
                align="lrrrr",
            ),
        ]
    )
    return Section(
        "satisfaction", tr.gettext("Satisfaction"), body, f"CSAT {pct(tr, total.csat)}", {"satisfaction": svg}
    )


def _response_chart(rows: list[ResponseMonth], *, title: str, what: str, tr: Translator) -> str:
    return charts.line_chart(
        title=title,
        x_label=tr.gettext("Month opened"),
        y_label=tr.gettext("Hours before the first answer"),
        labels=[m.month for m in rows],
        y_format=num_axis(tr),
        empty=tr.gettext("No data yet"),
        desc=tr.gettext("Median and 90th percentile of the time before the first answer to {what}, per month.").format(
            what=what
        ),
        series=[
            Series(tr.gettext("Median"), [plotted(m.median_hours) for m in rows]),
            Series(tr.gettext("90th percentile"), [plotted(m.p90_hours) for m in rows]),
        ],
    )


def _response_table(rows: list[ResponseMonth], total: ResponseMonth, *, tr: Translator) -> str:
    return data_table(
        tr,
        [
            tr.gettext("Month"),
            tr.gettext("Opened"),
            tr.gettext("Answered"),
            tr.gettext("Median"),
            tr.gettext("90th percentile"),
            tr.gettext("Answered within 24 h"),
        ],
        [
            [
                m.month,
                m.opened,
                m.answered,
                hours(tr, m.median_hours),
                hours(tr, m.p90_hours),
                pct(tr, m.within_24h_share),
            ]
            for m in [*rows, total.model_copy(update={"month": "**Total**"})]
        ],
        align="lrrrrr",
    )


def responsiveness(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> Section:
    r = public.responsiveness
    body = "\n\n".join(
        [
            definition(
                tr,
                tr.gettext(
                    "The time between the opening of a question or request for help (an issue labelled `question` or `help`, the question or help form, a Q&A discussion) and the first answer from someone other than its author, bots excluded; for a challenge submission, the time before the first review. Median and 90th percentile (nearest rank) over the items that were answered; share answered within 24 h among those opened more than 24 h ago."
                ),
                see_chaoss(tr, chaoss("Time to First Response", "time-to-first-response")),
            ),
            tr.gettext("## Questions and requests for help"),
            figure(tr, "reactivite", tr.gettext("Time to first answer to questions")),
            _response_table(r.questions, r.questions_total, tr=tr),
            tr.gettext("## Challenge submissions"),
            figure(tr, "reactivite-soumissions", tr.gettext("Time to first review of submissions")),
            _response_table(r.submissions, r.submissions_total, tr=tr),
        ]
    )
    svgs = {
        "reactivite": _response_chart(
            r.questions,
            title=tr.gettext("First answer to questions"),
            what=tr.gettext("questions and requests for help"),
            tr=tr,
        ),
        "reactivite-soumissions": _response_chart(
            r.submissions,
            title=tr.gettext("First review of submissions"),
            what=tr.gettext("challenge submissions"),
            tr=tr,
        ),
    }
    headline = tr.gettext("median {hours}, {share} within 24 h").format(
        hours=hours(tr, r.questions_total.median_hours), share=pct(tr, r.questions_total.within_24h_share)
    )
    return Section("reactivite", tr.gettext("Responsiveness"), body, headline, svgs)


def connections(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> Section:
    c = public.connections
    months = c.months
    line = charts.line_chart(
        title=tr.gettext("Pairs of learners interacting per month"),
        x_label=tr.gettext("Month"),
        y_label=tr.gettext("Distinct pairs"),
        labels=[m.month for m in months],
        series=[Series(tr.gettext("Pairs"), [plotted(m.pairs) for m in months])],
        desc=tr.gettext("Number of distinct pairs of learners who interacted (comment, review, answer, thanks)."),
        empty=tr.gettext("No connection yet"),
    )
    body = "\n\n".join(
        [
            definition(
                tr,
                tr.gettext(
                    "Two learners are connected when one has commented on, reviewed, answered or thanked (kudos) the other. A pair counts once a month, whatever the number of exchanges. An isolated learner has no connection with a peer yet."
                ),
                tr.gettext("No equivalent CHAOSS metric; see the social network analysis of communities."),
            ),
            tr.gettext(
                "**{share}** of learners have at least one connection with a peer ({connected} of {learners}); "
                "isolated learners: **{isolated}**."
            ).format(share=pct(tr, c.connected_share), connected=c.connected, learners=c.learners, isolated=c.isolated),
            figure(tr, "connexions", tr.gettext("Pairs of learners per month")),
            data_table(
                tr,
                [tr.gettext("Month"), tr.gettext("Distinct pairs"), tr.gettext("Connected learners")],
                [[m.month, m.pairs, m.learners] for m in months],
                align="lrr",
            ),
            tr.gettext("## The network"),
            figure(tr, "connexions-reseau", tr.gettext("Learners' network")),
            tr.gettext("Each dot is a learner (colour: cohort); only members who agreed are named."),
        ]
    )
    return Section(
        "connexions",
        tr.gettext("Connections"),
        body,
        tr.gettext("{share} connected").format(share=pct(tr, c.connected_share)),
        {"connexions": line, "connexions-reseau": _network(report, public, community, tr)},
    )


def _network(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> str:
    title = tr.gettext("Learners' network")
    minimum = public.min_group_size
    if report.connections.learners < minimum:
        return charts.network(
            title=title,
            desc=tr.gettext("Too few learners to show the network."),
            nodes=[],
            edges=[],
            empty=tr.gettext("Fewer than {n} learners: network not shown").format(n=minimum),
        )
    shown = public_members(community)
    cohorts = {cohort.id: cohort.name for cohort in community.rules.cohorts}
    degree = report.connections.degrees()
    learners = sorted(
        (m for m in community.members if m.role == Role.learner and m.joined <= report.as_of),
        key=lambda m: (-degree.get(m.id, 0), m.id),
    )[:NETWORK_LIMIT]
    nodes = [
        Node(m.id, shown[m.id].display_name if m.id in shown else None, cohorts.get(m.cohort or "", m.cohort))
        for m in sorted(learners, key=lambda m: m.id)
    ]
    edges = [(e.a, e.b, e.weight) for e in report.connections.edges]
    kept = (
        ""
        if len(learners) == report.connections.learners
        else " " + tr.gettext("Only the {n} most connected learners are drawn.").format(n=len(learners))
    )
    return charts.network(
        empty=tr.gettext("No connection yet"),
        title=title,
        nodes=nodes,
        edges=edges,
        desc=_network_desc(len(nodes), len(edges), tr=tr) + kept,
    )


def _network_desc(nodes: int, edges: int, *, tr: Translator) -> str:
    learners = tr.ngettext("{n} learner", "{n} learners", nodes).format(n=nodes)
    links = tr.ngettext("{n} link between peers.", "{n} links between peers.", edges).format(n=edges)
    return f"{learners}, {links}"
