"""What the community bot writes on GitHub, in the reader's language (the catalogues of entraide.content.i18n): short,
warm, and free of anything a member wrote.

Only logins (as @mentions) and names from entraide.yml (cohorts, tracks) go into these texts; a member's
own words (names, interests, report bodies) never do, so nothing here can be quoted, broken or abused.
"""

from __future__ import annotations

from entraide.content.i18n import Translator
from entraide.content.models import Cohort, Member, Role

MAX_MENTIONS = 50  # GitHub notifies at most 50 people mentioned in one comment or issue


def join_member_already(member: Member, *, tr: Translator) -> str:
    return tr.gettext(
        "Hello @{login}! You are already in the programme: your file is `members/{login}.yml`. "
        "To change it, open a pull request on that file."
    ).format(login=member.login)


def conduct_ack(*, repository: str | None, tr: Translator) -> str:
    code = tr.gettext("the code of conduct")
    where = (
        f"[{code}](https://github.com/{repository}/blob/main/CODE_OF_CONDUCT.md)"
        if repository
        else f"{code} (CODE_OF_CONDUCT.md)"
    )
    return tr.gettext(
        "Thank you for writing. The moderation team has been told and will contact you within 48 hours, "
        "in the way you chose.\n\n"
        "This issue is public: if you put names, quotes or details in it, edit it to remove them. For a "
        "sensitive report, write privately to the team ({where} gives the address): your message stays "
        "confidential. The site's pages never mention reports nor the people who make them."
    ).format(where=where)


def buddies_title(cohort: Cohort | None, *, tr: Translator) -> str:
    buddies = tr.gettext("Buddies")
    return f"{buddies} · {cohort.name}" if cohort else buddies


def buddies_intro(cohort: Cohort | None, *, tr: Translator) -> str:
    intro = (
        tr.gettext(
            "Each new member of the cohort {cohort} gets a buddy: someone a few weeks ahead (or a mentor) to "
            "answer small questions, review a first pull request and encourage. Buddies are announced below, "
            "as people arrive."
        )
        if cohort
        else tr.gettext(
            "Each new member of the programme gets a buddy: someone a few weeks ahead (or a mentor) to answer "
            "small questions, review a first pull request and encourage. Buddies are announced below, as people "
            "arrive."
        )
    )
    return intro.format(cohort=cohort.name if cohort else "")


def buddy_comment(learner: Member, buddy: Member, *, shared_track: str | None, tr: Translator) -> str:
    welcome = (
        tr.gettext("Welcome @{learner}! Your buddy is @{buddy} (mentor).")
        if buddy.role is not Role.learner
        else tr.gettext("Welcome @{learner}! Your buddy is @{buddy}.")
    )
    common = tr.gettext("You both follow the {track} track.").format(track=shared_track) if shared_track else ""
    start = tr.gettext(
        "@{buddy}, a short message to introduce yourself and agree on a time to talk is enough to start. "
        "A good start to you both!"
    )
    first = welcome.format(learner=learner.login, buddy=buddy.login) + (f" {common}" if common else "")
    return f"{first}\n\n" + start.format(buddy=buddy.login)


def pulse_title(cohort: Cohort, week: int, *, tr: Translator) -> str:
    return tr.gettext("Week {week} survey · {cohort}").format(week=week, cohort=cohort.name)


def pulse_body(cohort: Cohort, week: int, *, learners: tuple[str, ...], repository: str | None, tr: Translator) -> str:
    form = (
        f"https://github.com/{repository}/issues/new?template=5-avis.yml"
        if repository
        else "../../issues/new?template=5-avis.yml"
    )
    mentions = " ".join(f"@{login}" for login in learners[:MAX_MENTIONS])
    body = tr.gettext(
        "Hello to the whole {cohort} cohort! Here we are in week {week}. How is it going?\n\n"
        "Take two minutes to [give your feedback]({form}): a rating from 1 to 5 and, if you like, a word on "
        "what helps you or holds you back. Every answer is read by the mentors."
    ).format(cohort=cohort.name, week=week, form=form)
    return body + (f"\n\n{mentions}" if mentions else "")
