"""The « Rendre ce défi » box of a challenge page: where the work goes, what comes first, until when,
and a button opening GitHub's new-file page in that folder with a README template filled in.

One small module on purpose: other rules shown to a learner before submitting (plagiarism, AI use...)
are added to `facts` here. The learner's login is unknown to a static page: the path holds
`LOGIN_PLACEHOLDER`, which docs/assets/entraide-github.js replaces with the login typed in the box (or
remembered from the join page). Without JavaScript the learner renames the folder on GitHub.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from entraide.content.models import Challenge, Rules
from entraide.content.submissions import SUBMISSIONS
from entraide.site.links import long_date, new_file_url
from entraide.site.pages.escape import text

LOGIN_PLACEHOLDER = "votre-login"

STRINGS = {
    "fr": {
        "title": "Rendre ce défi",
        "folder": "Déposez votre travail dans ce dossier, et uniquement là :",
        "prerequisites": "Prérequis",
        "no_prerequisites": "aucun",
        "deadline": "Date limite",
        "no_deadline": "aucune",
        "login": "Votre identifiant GitHub",
        "button": "Créer ma soumission sur GitHub",
        "how": "Le bouton ouvre GitHub avec le chemin et un modèle de README remplis ; enregistrez le fichier "
        "dans une nouvelle branche puis ouvrez la pull request.",
        "no_repo": "Le dépôt du programme n'est pas indiqué dans entraide.yml (<code>repository</code>).",
        "readme_done": "## Ce que j'ai fait",
        "readme_criteria": "## Critères d'acceptation",
        "readme_questions": "## Mes questions pour la relecture",
    },
    "en": {
        "title": "Submit this challenge",
        "folder": "Put your work in this folder, and only there:",
        "prerequisites": "Prerequisites",
        "no_prerequisites": "none",
        "deadline": "Deadline",
        "no_deadline": "none",
        "login": "Your GitHub login",
        "button": "Create my submission on GitHub",
        "how": "The button opens GitHub with the path and a README template filled in; commit the file to a new "
        "branch, then open the pull request.",
        "no_repo": "The programme's repository is not set in entraide.yml (<code>repository</code>).",
        "readme_done": "## What I did",
        "readme_criteria": "## Acceptance criteria",
        "readme_questions": "## My questions for the review",
    },
}


def strings(language: str) -> dict[str, str]:
    return STRINGS.get(language.split("-")[0].lower(), STRINGS["en"])


def folder(challenge: Challenge, login: str = LOGIN_PLACEHOLDER) -> str:
    return f"{SUBMISSIONS}/{challenge.slug}/{login}/"


def readme_template(challenge: Challenge, *, rules: Rules) -> str:
    """The README a submission starts from: the challenge, then its criteria as a checklist."""
    t = strings(rules.language)
    criteria = "\n".join(f"- [ ] {' '.join(c.split())}" for c in challenge.acceptance_criteria)
    return (
        f"# {challenge.title}\n\n{t['readme_done']}\n\n\n{t['readme_criteria']}\n\n{criteria}\n\n"
        f"{t['readme_questions']}\n\n"
    )


def submit_box(
    challenge: Challenge, *, rules: Rules, titles: dict[str, str], shown: Sequence[tuple[str, str]] = ()
) -> str:
    """The box, as one raw HTML block; every text people wrote goes through `text`. `shown`: the acceptance
    rules that hold for this challenge (late submissions, prerequisites, review window), as (label, text)."""
    t = strings(rules.language)
    url = new_file_url(
        rules, folder=folder(challenge), filename="README.md", value=readme_template(challenge, rules=rules)
    )
    facts = [
        (
            t["prerequisites"],
            ", ".join(text(titles.get(s, s)) for s in challenge.prerequisites) or t["no_prerequisites"],
        ),
        (t["deadline"], long_date(challenge.closes, rules.language) if challenge.closes else t["no_deadline"]),
        *((label, html.escape(value)) for label, value in shown),
    ]
    items = "".join(f"<li><strong>{label}</strong> : {value}</li>" for label, value in facts)
    action = (
        (
            f'<p><label>{t["login"]} <input type="text" name="login" autocomplete="username" '
            f'spellcheck="false" data-entraide-login></label></p>\n'
            f'<p><a class="md-button md-button--primary" data-entraide-new-file '
            f'data-placeholder="{LOGIN_PLACEHOLDER}" href="{html.escape(url)}">{t["button"]}</a></p>\n'
            f"<p>{t['how']}</p>"
        )
        if url
        else f"<p>{t['no_repo']}</p>"
    )
    return (
        f'<div class="admonition tip entraide-submit" data-entraide-submit>\n'
        f'<p class="admonition-title">{t["title"]}</p>\n'
        f"<p>{t['folder']} <code data-entraide-folder>{html.escape(folder(challenge))}</code></p>\n"
        f"<ul>{items}</ul>\n{action}\n</div>"
    )
