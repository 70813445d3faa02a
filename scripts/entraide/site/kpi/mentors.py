"""The mentors' view among the KPI pages: each mentor's load of waiting submissions, the median wait before a
review, and the waiting submissions themselves (linked, with their challenge's title)."""

from __future__ import annotations

from entraide.content.i18n import Translator
from entraide.content.models import Community, Member
from entraide.kpis import KpiReport
from entraide.kpis.mentors import MentorsView, WaitingSubmission
from entraide.kpis.public import PublicReport
from entraide.site import charts
from entraide.site.kpi.format import (
    DASH,
    Section,
    chaoss,
    data_table,
    definition,
    figure,
    hours,
    num,
    num_axis,
)
from entraide.site.pages.common import member_link, public_members
from entraide.site.pages.escape import text


def mentors(report: KpiReport, public: PublicReport, community: Community, tr: Translator) -> Section:
    view, m = report.mentors, public.mentors
    shown = {member.login.lower(): member for member in public_members(community).values()}
    names = {load.login: _mentor_name(load.login, k, shown, tr=tr) for k, load in enumerate(view.loads, start=1)}
    track_names = {t.id: t.name for t in community.rules.tracks}
    drawn = sorted(view.loads, key=lambda load: -load.load)[:MENTORS_DRAWN]
    drawn = [load for load in view.loads if load in drawn]  # the table's order
    most = tr.gettext("The {n} most loaded mentors of {total}.").format(n=len(drawn), total=len(view.loads))
    cut = "" if len(drawn) == len(view.loads) else " " + most
    svg = charts.hbar_chart(
        title=tr.gettext("Submissions waiting per mentor"),
        x_label=tr.gettext("Submissions waiting"),
        y_label=tr.gettext("Mentor"),
        labels=[names[load.login] for load in drawn],
        x_format=num_axis(tr),
        threshold=view.threshold,
        desc=tr.gettext(
            "Each mentor's load: submissions waiting in their tracks, shared between the track's mentors; "
            "the dotted line marks the threshold."
        )
        + cut,
        empty=tr.gettext("No mentor declared"),
        values=[load.load for load in drawn],
    )
    body = "\n\n".join(
        [
            definition(
                tr,
                tr.gettext(
                    "A submission waits from its opening, or from the first commit pushed after a mentor's last review, until a mentor's next review; it no longer waits once merged or closed. A mentor's load shares each track's waiting submissions between its mentors. The median wait is the one the bot announces on each submission: the time between the opening and a mentor's first review, for the reviews of the last 90 days."
                ),
                "Voir CHAOSS : "
                + chaoss(
                    "Review Cycle Duration within a Change Request", "review-cycle-duration-within-a-change-request"
                )
                + ".",
            ),
            tr.gettext(
                "**Median wait before a review**: {hours}. Submissions waiting: **{waiting}**. "
                "Load threshold: {threshold} per mentor."
            ).format(hours=hours(tr, m.median_wait_hours), waiting=m.waiting, threshold=view.threshold),
            figure(tr, "mentors", tr.gettext("Mentors' load")) + (f"\n\n*{cut.strip()}*" if cut else ""),
            data_table(
                tr,
                [tr.gettext("Mentor"), tr.gettext("Track"), tr.gettext("Load"), tr.gettext("Above the threshold")],
                [
                    [
                        text(names[load.login]),
                        ", ".join(text(track_names.get(t, t)) for t in load.tracks),
                        num(tr, load.load),
                        "oui" if load.over else "non",
                    ]
                    for load in view.loads
                ],
                align="llrl",
            ),
            tr.gettext("## Submissions waiting for a review"),
            _waiting_table(view, community, tr=tr),
        ]
    )
    over = sum(1 for load in view.loads if load.over)
    mentors_over = tr.ngettext("{n} mentor above the threshold", "{n} mentors above the threshold", over)
    headline = tr.gettext("{waiting} waiting, {over}").format(waiting=m.waiting, over=mentors_over.format(n=over))
    return Section("mentors", tr.gettext("Mentors' view"), body, headline, {"mentors": svg})


MENTORS_DRAWN = 15
WAITING_LISTED = 100  # waiting submissions in the table, oldest first; the newer ones as a number and a link


def _mentor_name(login: str, number: int, shown: dict[str, Member], *, tr: Translator) -> str:
    member = shown.get(login.lower())
    return member.display_name if member else tr.gettext("Mentor #{number}").format(number=number)


def _submission_link(waiting: WaitingSubmission, home: str | None) -> str:
    """#N linked to its pull request, in whichever repository of the programme it was opened."""
    repo = waiting.repo or home
    name = f"#{waiting.number}" if waiting.repo is None else f"{waiting.repo}#{waiting.number}"
    return f"[{name}](https://github.com/{repo}/pull/{waiting.number})" if repo else name


def _waiting_table(view: MentorsView, community: Community, *, tr: Translator) -> str:
    if not view.waiting:
        return tr.gettext("No submission is waiting for a review.")
    shown = public_members(community)
    titles = {c.slug: c.title for c in community.challenges}
    tracks = {t.id: t.name for t in community.rules.tracks}
    home = community.rules.repository
    rows = [
        [
            _submission_link(w, home),
            text(titles.get(w.challenge, w.challenge)),
            text(tracks.get(w.track, w.track) if w.track else DASH),
            member_link(shown[w.author_id], base="../") if w.author_id in shown else tr.gettext("anonymous member"),
            tr.long_date(w.since.date()),
            tr.gettext("{days}\u00a0d").format(days=num(tr, w.age_hours / 24)),
        ]
        for w in view.waiting[:WAITING_LISTED]
    ]
    listed = data_table(
        tr,
        [
            tr.gettext("Pull request"),
            tr.gettext("Challenge"),
            tr.gettext("Track"),
            tr.gettext("Author"),
            tr.gettext("Waiting since"),
            tr.gettext("Age"),
        ],
        rows,
        align="llllrr",
    )
    more = len(view.waiting) - WAITING_LISTED
    return listed if more <= 0 else f"{listed}\n\n{_newer(more, home=home, tr=tr)}"


def _newer(more: int, *, home: str | None, tr: Translator) -> str:
    """The submissions past WAITING_LISTED: how many, and where GitHub lists them. The page stays bounded at
    thousands of members (Zensical refuses a page's search text past 32,768 bytes)."""
    said = tr.ngettext("… and {n} more, waiting for less time.", "… and {n} more, waiting for less time.", more)
    said = said.format(n=tr.number(more))
    if not home:
        return said
    return f"{said} [{tr.gettext('Open pull requests on GitHub')}](https://github.com/{home}/pulls)"
