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

from entraide.content.i18n import Translator
from entraide.content.models import Challenge, Rules
from entraide.content.submissions import SUBMISSIONS
from entraide.site.links import new_file_url
from entraide.site.pages.escape import text

LOGIN_PLACEHOLDER = "votre-login"


def folder(challenge: Challenge, login: str = LOGIN_PLACEHOLDER) -> str:
    return f"{SUBMISSIONS}/{challenge.slug}/{login}/"


def readme_template(challenge: Challenge, *, tr: Translator) -> str:
    """The README a submission starts from: the challenge, then its criteria as a checklist."""
    criteria = "\n".join(f"- [ ] {' '.join(c.split())}" for c in challenge.acceptance_criteria)
    return (
        f"# {challenge.title}\n\n{tr.gettext('## What I did')}\n\n\n{tr.gettext('## Acceptance criteria')}\n\n{criteria}\n\n"
        f"{tr.gettext('## My questions for the review')}\n\n"
    )


def submit_box(
    challenge: Challenge,
    *,
    rules: Rules,
    titles: dict[str, str],
    tr: Translator,
    shown: Sequence[tuple[str, str]] = (),
) -> str:
    """The box, as one raw HTML block; every text people wrote goes through `text`. `shown`: the acceptance
    rules that hold for this challenge (late submissions, prerequisites, review window), as (label, text)."""
    url = new_file_url(rules, folder=folder(challenge), filename="README.md", value=readme_template(challenge, tr=tr))
    no_repo = tr.gettext("The programme's repository is not set in entraide.yml (<code>repository</code>).")
    facts = [
        (
            tr.gettext("Prerequisites"),
            ", ".join(text(titles.get(s, s)) for s in challenge.prerequisites)
            or tr.pgettext("no prerequisite", "none"),
        ),
        (
            tr.gettext("Deadline"),
            tr.long_date(challenge.closes) if challenge.closes else tr.pgettext("no deadline", "none"),
        ),
        *((label, html.escape(value)) for label, value in shown),
    ]
    items = "".join(
        "<li>" + tr.gettext("{label}: {value}").format(label=f"<strong>{label}</strong>", value=value) + "</li>"
        for label, value in facts
    )
    action = (
        (
            f'<p><label>{tr.gettext("Your GitHub login")} <input type="text" name="login" autocomplete="username" '
            f'spellcheck="false" data-entraide-login></label></p>\n'
            f'<p><a class="md-button md-button--primary" data-entraide-new-file '
            f'data-placeholder="{LOGIN_PLACEHOLDER}" href="{html.escape(url)}">{tr.gettext("Create my submission on GitHub")}</a></p>\n'
            f"<p>{tr.gettext('The button opens GitHub with the path and a README template filled in; commit the file to a new branch, then open the pull request.')}</p>"
        )
        if url
        else f"<p>{no_repo}</p>"
    )
    return (
        f'<div class="admonition tip entraide-submit" data-entraide-submit>\n'
        f'<p class="admonition-title">{tr.gettext("Submit this challenge")}</p>\n'
        f"<p>{tr.gettext('Put your work in this folder, and only there:')} <code data-entraide-folder>{html.escape(folder(challenge))}</code></p>\n"
        f"<ul>{items}</ul>\n{action}\n</div>"
    )
