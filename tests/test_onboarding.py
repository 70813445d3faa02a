"""From the join form to the profile file: login and id from GitHub, values that cannot surprise YAML."""

import datetime as dt

import yaml

from entraide.bot.onboarding import join_reply, profile_from_form, profile_yaml
from entraide.content.i18n import translator
from entraide.content.models import Cohort, Member, Rules, Track

RULES = Rules(
    name="Entraide Web",
    tracks=(Track(id="front", name="Front-end"), Track(id="back", name="Back-end")),
    cohorts=(Cohort(id="automne-2026", name="Automne 2026", start="2026-09-07", end="2026-12-18"),),
)
BODY = """### Nom affiché

NO

### Parcours

Front-end

### Cohorte

Automne 2026

### Centres d'intérêt

css, accessibilité; ```python```

### Langues

fr, en

### Fuseau horaire

Africa/Dakar

### Profil public

- [X] J'accepte que mon profil soit public
"""


def test_form_answers_become_a_valid_profile():
    profile = profile_from_form(BODY, login="awa-ndiaye", user_id=4242, rules=RULES, today=dt.date(2026, 9, 1))
    member = Member.model_validate(yaml.safe_load(profile_yaml(profile)))
    assert member.login == "awa-ndiaye" and member.id == 4242
    assert member.name == "NO"  # quoted, so YAML does not read it as false
    assert (member.track, member.cohort, member.timezone) == ("front", "automne-2026", "Africa/Dakar")
    assert member.languages == ("fr", "en") and member.public_profile is True


def test_consent_is_off_unless_ticked_and_unknown_track_is_dropped():
    body = "### Parcours\n\nCobol\n\n### Profil public\n\n- [ ] J'accepte"
    profile = profile_from_form(body, login="x", user_id=1, rules=RULES, today=dt.date(2026, 9, 1))
    assert profile["public_profile"] is False and "track" not in profile


def test_reply_fence_is_longer_than_any_backtick_run_in_the_answers():
    profile = profile_from_form(BODY, login="awa-ndiaye", user_id=4242, rules=RULES, today=dt.date(2026, 9, 1))
    reply = join_reply(profile, repository="entraide/web", tr=translator("fr"))
    assert "````yaml" in reply
    assert "members?filename=awa-ndiaye.yml" in reply
