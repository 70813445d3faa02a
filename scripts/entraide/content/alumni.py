"""Who is an alumna or alumnus on a given day: a learner whose cohort ended `alumni.after_days` ago or more.

Nothing is taken away when a member becomes alumni: the profile, points and badges stay where they were;
only pages and buddy matching read this status (alumni who volunteer may be buddies or mentors).
"""

from __future__ import annotations

import datetime as dt

from entraide.content.models import Community, Member, Role


def alumni(community: Community, *, today: dt.date) -> frozenset[str]:
    """Logins of the members who are alumni on `today`."""
    ends = {c.id: c.end for c in community.rules.cohorts}
    delay = dt.timedelta(days=community.rules.alumni.after_days)
    return frozenset(
        m.login for m in community.members if _learner_of(m, ends) and ends[m.cohort or ""] + delay < today
    )


def is_alumnus(member: Member, community: Community, *, today: dt.date) -> bool:
    """One member's status, without computing everyone's (a profile page needs only its own)."""
    if member.role is not Role.learner or not member.cohort:
        return False
    end = next((c.end for c in community.rules.cohorts if c.id == member.cohort), None)
    return end is not None and end + dt.timedelta(days=community.rules.alumni.after_days) < today


def volunteers(community: Community, *, today: dt.date, role: str) -> tuple[Member, ...]:
    """Alumni who offered to be a `role` ("buddy" or "mentor"), by login."""
    former = alumni(community, today=today)
    return tuple(m for m in community.members if m.login in former and role in m.volunteer)


def _learner_of(member: Member, ends: dict[str, dt.date]) -> bool:
    return member.role is Role.learner and member.cohort in ends
