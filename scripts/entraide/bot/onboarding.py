"""Joining the programme: from the join issue form to the exact profile file to add.

Joining is a pull request that adds one's own `members/<login>.yml`. A person who used the join form
instead gets a reply holding that file, filled from their answers, and a link that opens GitHub's editor
with it. Login and numeric id come from GitHub (the issue's author), never from the form.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import quote

from entraide.content.i18n import Translator, translator
from entraide.content.i18n.translator import SUPPORTED
from entraide.content.models import Rules
from entraide.events.surveys import parse_issue_form


def _labels(tr: Translator) -> dict[str, str]:
    """The join form's headings in `tr`'s language (lower case, accents kept) -> profile field (`bot.forms`)."""
    return {
        tr.gettext("Display name").lower(): "name",
        tr.gettext("Track").lower(): "track",
        tr.gettext("Cohort").lower(): "cohort",
        tr.gettext("Interests").lower(): "interests",
        tr.gettext("Languages").lower(): "languages",
        tr.gettext("Time zone").lower(): "timezone",
    }


# The headings of the form in every language, and the plain field names older forms used.
FIELDS = {
    "nom": "name",
    "name": "name",
    "timezone": "timezone",
    **{label: field for language in SUPPORTED for label, field in _labels(translator(language)).items()},
}
CONSENT_LABELS = tuple(sorted({translator(language).gettext("Public profile").lower() for language in SUPPORTED}))


def profile_from_form(body: str | None, *, login: str, user_id: int, rules: Rules, today: dt.date) -> dict:
    answers = {label.lower(): value for label, value in parse_issue_form(body).items()}
    profile: dict = {"login": login, "id": user_id, "name": login, "role": "learner", "joined": today.isoformat()}
    for label, value in answers.items():
        field = FIELDS.get(label)
        if field in ("interests", "languages"):
            profile[field] = [x.strip() for x in re.split(r"[,;\n]", value) if x.strip()][:10]
        elif field and value:
            profile[field] = _known(field, value.strip(), rules=rules)
    consent = next((v for k, v in answers.items() if any(c in k for c in CONSENT_LABELS)), "")
    profile["public_profile"] = "[x]" in consent.lower()  # a ticked checkbox; anything else: not shown
    return {k: v for k, v in profile.items() if v not in (None, [], "")}


def _known(field: str, value: str, *, rules: Rules) -> str | None:
    """Track and cohort are matched to the ids in entraide.yml, by id or by name."""
    if field == "track":
        return next((t.id for t in rules.tracks if value.lower() in (t.id, t.name.lower())), None)
    if field == "cohort":
        return next((c.id for c in rules.cohorts if value.lower() in (c.id, c.name.lower())), None)
    return value[:100]


def profile_yaml(profile: dict) -> str:
    """Every string in double quotes (JSON is YAML): no value can turn into a boolean, a number or a tag."""
    order = (
        "login",
        "id",
        "name",
        "role",
        "cohort",
        "track",
        "interests",
        "languages",
        "timezone",
        "joined",
        "public_profile",
    )
    lines = [f"{key}: {json.dumps(profile[key], ensure_ascii=False)}" for key in order if key in profile]
    return "\n".join(lines) + "\n"


def join_reply(profile: dict, *, repository: str, tr: Translator, branch: str = "main") -> str:
    text = profile_yaml(profile)
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    link = (
        f"https://github.com/{repository}/new/{branch}/members?filename={quote(profile['login'])}.yml"
        f"&value={quote(text)}"
    )
    intro = tr.gettext("Welcome! To join the programme, add this file `members/{login}.yml` through a pull request:")
    outro = tr.gettext(
        "[Open GitHub's editor with this file]({link}). Your profile stays private while `public_profile` is `false`."
    )
    block = f"{fence}yaml\n{text}{fence}"
    return f"{intro.format(login=profile['login'])}\n\n{block}\n\n{outro.format(link=link)}"
