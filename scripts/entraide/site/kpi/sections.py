"""One function per KPI page: its definition in French, its charts and the tables of the same numbers.

Each takes the raw report (for what is not a number about people: the graph's shape, mentors' names who
consented), the privacy-safe `public` dict (for every number shown) and the community.
"""

from __future__ import annotations

from entraide.content.i18n import Translator
from entraide.content.models import Community
from entraide.kpis import KpiReport
from entraide.kpis.public import PublicCohort, PublicReport, Value
from entraide.site import charts
from entraide.site.charts import Series
from entraide.site.kpi.format import (
    DASH,
    Section,
    chaoss,
    data_table,
    day,
    definition,
    figure,
    hidden_notes,
    num,
    num_axis,
    pct,
    pct_axis,
    plotted,
    see_chaoss,
)
from entraide.site.pages.escape import text

# --------------------------------------------------------------------------- sections


def engagement(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> Section:
    weeks = public.engagement.weeks
    labels = [day(w.week) for w in weeks]
    kinds = (
        (tr.gettext("Reactions"), "reactions_per_active"),
        (tr.gettext("Comments"), "comments_per_active"),
        (tr.gettext("Reviews"), "reviews_per_active"),
    )
    svg = charts.line_chart(
        empty=tr.gettext("No data yet"),
        title=tr.gettext("Engagement per active member and per week"),
        x_label=tr.gettext("Week (Monday)"),
        y_label=tr.gettext("Actions per active member"),
        labels=labels,
        y_format=num_axis(tr),
        desc=tr.gettext("Reactions, comments and reviews per active member, each week."),
        series=[Series(name, [plotted(getattr(w, key)) for w in weeks]) for name, key in kinds],
    )
    trend = public.engagement.trend
    headline = tr.gettext("4-week trend: {trend}").format(trend=_signed(trend, tr=tr))
    body = "\n\n".join(
        [
            definition(
                tr,
                tr.gettext(
                    "Reactions, comments and reviews published during the week, divided by the number of members active that week (at least one action). The trend compares the mean of the last 4 complete weeks with that of the 4 before."
                ),
                see_chaoss(
                    tr,
                    chaoss("Types of Contributions", "types-of-contributions"),
                    chaoss("Activity Dates and Times", "activity-dates-and-times"),
                ),
            ),
            tr.gettext("**Trend**: {trend}.").format(trend=_signed(trend, tr=tr)),
            figure(tr, "engagement", tr.gettext("Engagement curves per week")),
            data_table(
                tr,
                [
                    tr.gettext("Week"),
                    tr.gettext("Active members"),
                    tr.gettext("Reactions"),
                    tr.gettext("Comments"),
                    tr.gettext("Reviews"),
                ],
                [
                    [
                        label,
                        w.active_members,
                        num(tr, w.reactions_per_active, 2),
                        num(tr, w.comments_per_active, 2),
                        num(tr, w.reviews_per_active, 2),
                    ]
                    for label, w in zip(labels, weeks)
                ],
                align="lrrrr",
            ),
        ]
    )
    return Section("engagement", tr.gettext("Engagement"), body, headline, {"engagement": svg})


def _signed(value: Value, *, tr: Translator) -> str:
    if value is None or isinstance(value, str):
        return DASH if value is None else value
    return ("+" if value > 0 else "") + tr.percent(value)


def participation(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> Section:
    p = public.participation
    labels = [day(w.week) for w in p.weeks]
    share = charts.line_chart(
        empty=tr.gettext("No data yet"),
        title=tr.gettext("Share of members active each week"),
        x_label=tr.gettext("Week (Monday)"),
        y_label=tr.gettext("Active / registered members"),
        labels=labels,
        y_format=pct_axis(tr),
        y_max=1.0,
        desc=tr.gettext("Members with at least one action in the week, over the registered members."),
        series=[Series(tr.gettext("Active share"), [plotted(w.share) for w in p.weeks])],
    )
    bins = p.contributions
    histogram = charts.histogram(
        empty=tr.gettext("No data yet"),
        title=tr.gettext("Contributions per member"),
        x_label=tr.gettext("Number of contributions"),
        y_label=tr.gettext("Members"),
        bins=[b.bin for b in bins],
        counts=[plotted(b.members) for b in bins],
        notes=hidden_notes(b.members for b in bins),
        desc=tr.gettext("How many members made 0, 1, 2 to 4... contributions since the start."),
    )
    last = p.weeks[-1] if p.weeks else None
    body = "\n\n".join(
        [
            definition(
                tr,
                tr.gettext(
                    "A member is active in a week with at least one action (issue, PR, comment, review, reaction...). The active share divides the active members by the members registered at the end of the week. A contribution is a member's action; bots never count."
                ),
                see_chaoss(
                    tr,
                    chaoss("Contributors", "contributors"),
                    chaoss("Inactive Contributors", "inactive-contributors"),
                ),
            ),
            figure(tr, "participation", tr.gettext("Share of active members per week")),
            data_table(
                tr,
                [tr.gettext("Week"), tr.gettext("Active"), tr.gettext("Registered"), tr.gettext("Active share")],
                [[label, w.active, w.registered, pct(tr, w.share)] for label, w in zip(labels, p.weeks)],
                align="lrrr",
            ),
            tr.ngettext(
                "Contributions per member: median **{median}**, 90th percentile **{p90}** ({n} member).",
                "Contributions per member: median **{median}**, 90th percentile **{p90}** ({n} members).",
                p.members if isinstance(p.members, int) else 2,  # a hidden count ("<5") reads as a plural
            ).format(median=num(tr, p.median), p90=num(tr, p.p90), n=num(tr, p.members)),
            figure(tr, "participation-contributions", tr.gettext("Histogram of contributions per member")),
            data_table(
                tr, [tr.gettext("Contributions"), tr.gettext("Members")], [[b.bin, b.members] for b in bins], align="lr"
            ),
        ]
    )
    headline = tr.gettext("{share} of members active last week").format(share=pct(tr, last.share)) if last else DASH
    return Section(
        "participation",
        tr.gettext("Participation"),
        body,
        headline,
        {"participation": share, "participation-contributions": histogram},
    )


def retention(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> Section:
    cohorts = public.cohorts
    length = max((len(c.weekly_share) for c in cohorts), default=0)
    labels = [tr.gettext("W{n}").format(n=k + 1) for k in range(length)]
    curves = [
        Series(c.name, [plotted(c.weekly_share[k]) if k < len(c.weekly_share) else None for k in range(length)])
        for c in cohorts
    ]
    svg = charts.line_chart(
        title=tr.gettext("Share of each cohort still active, week by week"),
        x_label=tr.gettext("Week of the cohort"),
        y_label=tr.gettext("Active learners"),
        labels=labels,
        series=curves,
        y_format=pct_axis(tr),
        y_max=1.0,
        desc=tr.gettext("Cohort curves: share of each cohort's learners active during its k-th week."),
        empty=tr.gettext("No cohort started"),
    )
    body = "\n\n".join(
        [
            definition(
                tr,
                tr.gettext(
                    "For each cohort, the share of its learners active (at least one action) during each of its weeks; completion to date, the share who had all its required challenges accepted, even after the cohort's end (not to be confused with the success rate, which counts only challenges accepted before the end); dropout, measured as in Moodle: no activity during the last quarter of the cohort (computed once the cohort is finished)."
                ),
                see_chaoss(tr, chaoss("Inactive Contributors", "inactive-contributors")),
            ),
            figure(tr, "retention", tr.gettext("Cohort retention curves")),
            data_table(
                tr,
                [tr.gettext("Week")] + [text(c.name) for c in cohorts],
                [
                    [label] + [pct(tr, c.weekly_share[k]) if k < len(c.weekly_share) else DASH for c in cohorts]
                    for k, label in enumerate(labels)
                ],
                align="l" + "r" * len(cohorts),
            ),
            data_table(
                tr,
                [
                    tr.gettext("Cohort"),
                    tr.gettext("Learners"),
                    tr.gettext("Completion to date"),
                    tr.gettext("Dropout"),
                    tr.gettext("Status"),
                ],
                [
                    [text(c.name), c.size, pct(tr, c.completion_share), pct(tr, c.dropout_share), _status(c, tr=tr)]
                    for c in cohorts
                ],
                align="lrrrl",
            ),
        ]
    )
    done = [c for c in cohorts if c.finished]
    headline = (
        tr.gettext("dropout {share} ({cohort})").format(
            share=pct(tr, done[-1].dropout_share), cohort=text(done[-1].name)
        )
        if done
        else tr.gettext("no cohort finished")
    )
    return Section("retention", tr.gettext("Retention"), body, headline, {"retention": svg})


def _status(cohort: PublicCohort, *, tr: Translator) -> str:
    return tr.gettext("finished") if cohort.finished else tr.gettext("under way")


def success(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> Section:
    cohorts = [c for c in public.cohorts if c.required]
    svg = charts.bar_chart(
        title=tr.gettext("Success rate per cohort"),
        x_label=tr.gettext("Cohort"),
        y_label=tr.gettext("Learners who succeeded"),
        labels=[c.name for c in cohorts],
        y_format=pct_axis(tr),
        y_max=1.0,
        empty=tr.gettext("No cohort with required challenges"),
        desc=tr.gettext("Share of each cohort's learners who had all its required challenges accepted before the end."),
        series=[Series(tr.gettext("Success rate"), [plotted(c.success_rate) for c in cohorts])],
        notes=hidden_notes(c.success_rate for c in cohorts),
    )
    body = "\n\n".join(
        [
            definition(
                tr,
                tr.gettext(
                    "Success on time: the share of a cohort's learners whose required challenges were all accepted by the cohort's last day at the latest (completion to date, on the Retention page, also counts those accepted later). A challenge is accepted by a mentor's approving review of the pull request's last commit. For a cohort under way, the rate is provisional."
                ),
                tr.gettext("No equivalent CHAOSS metric; close to {metric}.").format(
                    metric=chaoss("Change Requests Accepted", "change-requests-accepted")
                ),
            ),
            figure(tr, "reussite", tr.gettext("Success rate per cohort")),
            data_table(
                tr,
                [
                    tr.gettext("Cohort"),
                    tr.gettext("Learners"),
                    tr.gettext("Required challenges"),
                    tr.gettext("Success on time"),
                    tr.gettext("Status"),
                ],
                [
                    [
                        text(c.name),
                        c.size,
                        ", ".join(text(s) for s in c.required),
                        pct(tr, c.success_rate),
                        _status(c, tr=tr),
                    ]
                    for c in cohorts
                ],
                align="lrlrl",
            ),
        ]
    )
    headline = f"{pct(tr, cohorts[-1].success_rate)} ({text(cohorts[-1].name)})" if cohorts else DASH
    return Section("reussite", tr.gettext("Success rate"), body, headline, {"reussite": svg})
