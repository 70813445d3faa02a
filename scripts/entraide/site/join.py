"""The « Rejoindre » page: a small form that writes the learner's member file in the browser and opens
GitHub's new-file page with it (docs/assets/entraide-github.js does the writing; nothing is sent to us).

The choices (tracks, open cohorts) come from entraide.yml, so a new track reaches this form with the next
build. The GitHub account number is looked up by the page from the login (GitHub's public users API)
when the button is pressed; if that fails the file goes without it and the pull request check names it.
"""

from __future__ import annotations

import datetime as dt
import html

from entraide.content.i18n import Translator
from entraide.content.models import Rules
from entraide.site.context import SiteContext
from entraide.site.links import JOIN_PAGE, join_issue_url, repo_url
from entraide.site.pages.common import front_matter_page
from entraide.site.pages.escape import text


def pages(ctx: SiteContext) -> dict[str, str]:
    rules: Rules = ctx.community.rules
    tr = ctx.tr
    no_repo = tr.gettext("The programme's repository is not set in entraide.yml yet (`repository`).")
    parts = [
        tr.gettext(
            "Fill in this form: it writes your member file, `members/<your-login>.yml`, and opens GitHub with the file filled in. Then propose the change (a pull request): a mentor reviews it and welcomes you."
        ),
        _form(rules, tr=tr, as_of=ctx.as_of) if repo_url(rules) else f"*{no_repo}*",
    ]
    if join_issue_url(rules):
        parts.append(
            tr.gettext(
                "Rather not write a file? Open the [“Join the programme” form]({url}): the bot answers with your file."
            ).format(url=join_issue_url(rules))
        )
    return {
        JOIN_PAGE: front_matter_page(
            tr.gettext("Join the programme"), "\n\n".join(parts), fallback=tr.gettext("Join the programme")
        )
    }


def _form(rules: Rules, *, tr: Translator, as_of: dt.date) -> str:
    tracks = "".join(f'<option value="{track.id}">{text(track.name)}</option>' for track in rules.tracks)
    cohorts = [f'<option value="">{tr.gettext("None for now")}</option>'] + [
        f'<option value="{c.id}">{text(c.name)} ({tr.gettext("until")} {tr.long_date(c.end)})</option>'
        for c in rules.cohorts
        if c.end >= as_of
    ]
    fields = [
        _input(
            "login",
            tr.gettext("GitHub login"),
            'required pattern="[A-Za-z0-9][A-Za-z0-9\\-]{0,38}" autocomplete="username" spellcheck="false"',
        ),
        _input("name", tr.gettext("Display name"), 'required maxlength="100" autocomplete="name"'),
        f'<p><label>{tr.gettext("Track")}<br><select name="track" required>{tracks}</select></label></p>',
        f'<p><label>{tr.gettext("Cohort")}<br><select name="cohort">{"".join(cohorts)}</select></label></p>',
        _input(
            "languages", tr.gettext("Languages you speak (comma separated)"), f'value="{html.escape(rules.language)}"'
        ),
        _input("timezone", tr.gettext("Time zone"), 'value="Europe/Paris" data-entraide-timezone'),
        f'<p><label><input type="checkbox" name="public_profile"> {tr.gettext("I agree that my profile (name, points, badges) appears on the public site.")}</label><br>'
        f"<small>{tr.gettext('Without this box you appear on no public page; you can change your mind at any time.')}</small></p>",
        f'<p><button type="submit" class="md-button md-button--primary">{tr.gettext("Prepare my file on GitHub")}</button></p>',
    ]
    return (
        f'<form class="entraide-join" data-entraide-join data-repository="{html.escape(rules.repository or "")}">'
        + "\n".join(fields)
        + f"\n<p><strong>{tr.gettext('Your file')}</strong></p>\n"
        "<pre><code data-entraide-preview></code></pre>\n</form>"
    )


def _input(name: str, label: str, attributes: str) -> str:
    return f'<p><label>{label}<br><input type="text" name="{name}" {attributes}></label></p>'
