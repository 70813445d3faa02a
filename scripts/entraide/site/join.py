"""The « Rejoindre » page: a small form that writes the learner's member file in the browser and opens
GitHub's new-file page with it (docs/assets/entraide-github.js does the writing; nothing is sent to us).

The choices (tracks, open cohorts) come from entraide.yml, so a new track reaches this form with the next
build. The GitHub account number is looked up by the page from the login (GitHub's public users API)
when the button is pressed; if that fails the file goes without it and the pull request check names it.
"""

from __future__ import annotations

import datetime as dt
import html

from entraide.content.models import Rules
from entraide.site.context import SiteContext
from entraide.site.links import JOIN_PAGE, join_issue_url, long_date, repo_url
from entraide.site.pages.common import front_matter_page
from entraide.site.pages.escape import text

STRINGS = {
    "fr": {
        "title": "Rejoindre le programme",
        "intro": "Remplissez ce formulaire : il prépare votre fiche de membre, `members/<votre-login>.yml`, et "
        "ouvre GitHub avec le fichier déjà rempli. Il ne vous reste qu'à proposer la modification (une pull "
        "request) : une ou un mentor la relit et vous souhaite la bienvenue.",
        "login": "Identifiant GitHub",
        "name": "Nom affiché",
        "track": "Parcours",
        "cohort": "Cohorte",
        "no_cohort": "Aucune pour l'instant",
        "languages": "Langues d'échange (séparées par des virgules)",
        "timezone": "Fuseau horaire",
        "consent": "J'accepte que mon profil (nom, points, badges) apparaisse sur le site public.",
        "consent_note": "Sans cette case, vous n'apparaissez sur aucune page publique ; vous pourrez changer "
        "d'avis à tout moment.",
        "button": "Préparer ma fiche sur GitHub",
        "preview": "Votre fiche",
        "other_way": "Vous préférez ne pas écrire de fichier ? Ouvrez le [formulaire « Rejoindre le programme »]"
        "({url}) : le bot vous répondra avec votre fiche.",
        "no_repo": "Le dépôt du programme n'est pas encore indiqué dans entraide.yml (`repository`).",
        "until": "jusqu'au",
    },
    "en": {
        "title": "Join the programme",
        "intro": "Fill in this form: it writes your member file, `members/<your-login>.yml`, and opens GitHub "
        "with the file filled in. Then propose the change (a pull request): a mentor reviews it and welcomes you.",
        "login": "GitHub login",
        "name": "Display name",
        "track": "Track",
        "cohort": "Cohort",
        "no_cohort": "None for now",
        "languages": "Languages you speak (comma separated)",
        "timezone": "Time zone",
        "consent": "I agree that my profile (name, points, badges) appears on the public site.",
        "consent_note": "Without this box you appear on no public page; you can change your mind at any time.",
        "button": "Prepare my file on GitHub",
        "preview": "Your file",
        "other_way": "Rather not write a file? Open the [“Join the programme” form]({url}): the bot answers "
        "with your file.",
        "no_repo": "The programme's repository is not set in entraide.yml yet (`repository`).",
        "until": "until",
    },
}


def pages(ctx: SiteContext) -> dict[str, str]:
    rules: Rules = ctx.community.rules
    t = STRINGS.get(rules.language.split("-")[0].lower(), STRINGS["en"])
    parts = [t["intro"], _form(rules, t=t, as_of=ctx.as_of) if repo_url(rules) else f"*{t['no_repo']}*"]
    if join_issue_url(rules):
        parts.append(t["other_way"].format(url=join_issue_url(rules)))
    return {JOIN_PAGE: front_matter_page(t["title"], "\n\n".join(parts), fallback=t["title"])}


def _form(rules: Rules, *, t: dict[str, str], as_of: dt.date) -> str:
    tracks = "".join(f'<option value="{track.id}">{text(track.name)}</option>' for track in rules.tracks)
    cohorts = [f'<option value="">{t["no_cohort"]}</option>'] + [
        f'<option value="{c.id}">{text(c.name)} ({t["until"]} {long_date(c.end, rules.language)})</option>'
        for c in rules.cohorts
        if c.end >= as_of
    ]
    fields = [
        _input(
            "login",
            t["login"],
            'required pattern="[A-Za-z0-9][A-Za-z0-9\\-]{0,38}" autocomplete="username" spellcheck="false"',
        ),
        _input("name", t["name"], 'required maxlength="100" autocomplete="name"'),
        f'<p><label>{t["track"]}<br><select name="track" required>{tracks}</select></label></p>',
        f'<p><label>{t["cohort"]}<br><select name="cohort">{"".join(cohorts)}</select></label></p>',
        _input("languages", t["languages"], f'value="{html.escape(rules.language)}"'),
        _input("timezone", t["timezone"], 'value="Europe/Paris" data-entraide-timezone'),
        f'<p><label><input type="checkbox" name="public_profile"> {t["consent"]}</label><br>'
        f"<small>{t['consent_note']}</small></p>",
        f'<p><button type="submit" class="md-button md-button--primary">{t["button"]}</button></p>',
    ]
    return (
        f'<form class="entraide-join" data-entraide-join data-repository="{html.escape(rules.repository or "")}">'
        + "\n".join(fields)
        + f"\n<p><strong>{t['preview']}</strong></p>\n"
        "<pre><code data-entraide-preview></code></pre>\n</form>"
    )


def _input(name: str, label: str, attributes: str) -> str:
    return f'<p><label>{label}<br><input type="text" name="{name}" {attributes}></label></p>'
