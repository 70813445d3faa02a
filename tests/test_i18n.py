"""One translation mechanism: gettext catalogues complete in French and English, dates and numbers as people read
them, and no learner-facing text written outside a gettext call in the converted modules."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from entraide.content.i18n import messages, translator

PACKAGE = Path(messages.PACKAGE)
KEYWORDS = set(messages.KEYWORDS)

# Modules whose every learner-facing text goes through the catalogues; the scan below keeps them so.
# Modules not listed here still hold texts written in the code (see CONTRIBUTING.md, "Texts people read").
CONVERTED = [
    "site/pages/badges.py",
    "site/pages/challenges.py",
    "site/pages/leaderboards.py",
    "site/pages/members.py",
    "site/pages/members_index.py",
    "site/pages/labels.py",
    "site/macros.py",
    "site/join.py",
    "site/pages/submitbox.py",
    "site/pages/showcase.py",
    "site/questions.py",
    "bot/feedback/text.py",
    "bot/feedback/rules.py",
    "site/community.py",
    "site/agenda.py",
    "site/kpi/pages.py",
    "site/kpi/sections.py",
    "site/kpi/format.py",
    "site/kpi/support.py",
    "site/kpi/mentors.py",
    "site/kpi/effects.py",
    "kpis/effects.py",
    "bot/labels.py",
    "bot/community/text.py",
    "bot/language.py",
    "bot/forms.py",
    "site/feeds.py",
    "site/charts/intervals.py",
    "site/charts/__init__.py",
    "site/charts/hbar.py",
    "site/charts/network.py",
    "insight/suggest.py",
    "insight/nextsteps.py",
    "scoring/diff.py",
    "site/links.py",
    "bot/guard.py",
    "cli/guard.py",
    "content/errors.py",
    "content/yamlfile.py",
    "content/yamlwords.py",
    "content/validation.py",
    "content/loader.py",
    "content/crosschecks.py",
    "content/crossreads.py",
    "content/source.py",
    "content/submissions.py",
    "content/teams.py",
    "content/animation.py",
    "content/saidwedid.py",
    "cli/__init__.py",
    "cli/check.py",
    "cli/flags.py",
    "cli/language.py",
    "cli/generated.py",
    "cli/forms.py",
    "cli/demo.py",
    "cli/score.py",
    "cli/insight.py",
    "cli/merge.py",
    "cli/pages.py",
    "cli/sync.py",
    "cli/autograde.py",
    "cli/community.py",
]
# French letters and words, or an English sentence: text people read.
FRENCH = re.compile(r"[éèàùçêâîôûœ«»’]|\b(le|la|les|des|du|une|pour|est|vous|aux|sur|dans|avec|pas)\b", re.I)
PATH = re.compile(r"^[\w./{}-]+/[\w./{}-]*$")  # an address on the site (« premiers-pas/index.md »), not a text
REGEX = re.compile(r"\\[sdw]|\(\?[:=!]")  # a pattern that reads files people write, not a text they read
SENTENCE = re.compile(r"^[A-Z][a-z]+( [a-z']+){2,}[.:]?$")


def test_every_message_is_translated_and_used_in_both_catalogues():
    assert messages.problems(messages.extracted()) == []
    counts = messages.counts()
    assert set(counts) == {"fr", "en"}
    assert all(untranslated == 0 for _, untranslated in counts.values())
    assert counts["fr"][0] == counts["en"][0] > 50


def test_an_untranslated_or_unused_message_is_reported(tmp_path, monkeypatch):
    template = messages.extracted()
    template.add("A text nobody translated yet", None)
    found = messages.problems(template)
    assert "entraide/content/i18n/locales/fr/LC_MESSAGES/entraide.po: missing 'A text nobody translated yet'" in found
    template.delete("Wall of thanks")
    assert any(line.endswith("unused 'Wall of thanks'") for line in messages.problems(template))


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("fr", dt.date(2026, 11, 27), "27 novembre 2026"),
        ("fr", dt.date(2026, 3, 1), "1er mars 2026"),
        ("fr-CA", dt.date(2026, 8, 3), "3 août 2026"),
        ("en", dt.date(2026, 11, 27), "27 November 2026"),
        ("en", dt.date(2026, 3, 1), "1 March 2026"),
    ],
)
def test_dates_are_written_as_people_read_them(language, day, expected):
    assert translator(language).long_date(day) == expected


def test_numbers_and_plurals_follow_the_language():
    fr, en = translator("fr"), translator("en")
    points = [
        (tr, n, tr.ngettext("{n} point", "{n} points", n).format(n=tr.number(n)))
        for tr in (fr, en)
        for n in (0, 1, 1234)
    ]
    assert [text for _, _, text in points] == [
        "0 point",
        "1 point",
        "1\u202f234 points",  # CLDR's French group separator: a narrow no-break space
        "0 points",
        "1 point",
        "1,234 points",
    ]
    assert fr.percent(0.4) == "40\xa0%" and en.percent(0.4) == "40%"
    assert fr.gettext("Wall of thanks") == "Mur des remerciements" and en.gettext("Wall of thanks") == "Wall of thanks"


def gettext_calls(tree: ast.AST) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute | ast.Name)
        and messages._name(node.func) in KEYWORDS
    ]


def test_every_gettext_call_names_its_message_literally():
    """A message built at run time (`tr.gettext(name)`) is never extracted, so never translated."""
    dynamic = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name == "i18n" or path == PACKAGE / "content" / "errors.py":
            continue  # the translator, and Text.say, pass on messages extracted where they are written (N_)
        for call in gettext_calls(ast.parse(path.read_text(encoding="utf-8"))):
            count = 2 if messages._name(call.func) != "gettext" else 1
            if not all(isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in call.args[:count]):
                dynamic.append(f"{path.relative_to(PACKAGE)}:{call.lineno}")
    assert dynamic == []


@pytest.mark.parametrize("module", CONVERTED)
def test_no_text_people_read_is_written_outside_the_catalogues(module):
    tree = ast.parse((PACKAGE / module).read_text(encoding="utf-8"))
    inside = {id(node) for call in gettext_calls(tree) for node in ast.walk(call)}
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    hard_coded = [
        f"{module}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in inside | docstrings
        and not PATH.match(node.value)
        and not REGEX.search(node.value)
        and (FRENCH.search(node.value) or SENTENCE.match(node.value))
    ]
    assert hard_coded == []
