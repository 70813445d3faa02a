"""One translation mechanism: gettext catalogues complete in French and English, dates and numbers as people read
them, and no learner-facing text written outside a gettext call in any module of the package (but the few
exempt below, each with its reason)."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from entraide.content.i18n import messages, translator

PACKAGE = Path(messages.PACKAGE)
KEYWORDS = set(messages.KEYWORDS)

# Every module of the package is scanned for texts people read written outside a gettext call, so that a new
# module is scanned from its first commit. Exempt, with the reason (a folder ends with "/"):
EXEMPT = {
    "demo/": "the simulated community: what its members write (names, questions, thanks), not Entraide's text",
    "demo/validation.py": "the `effects validate` table, printed by the CLI: converted with the CLI's messages",
    "insight/lexicon.py": "French and English words, to read the questions people write (analysis, not display)",
    "insight/stopwords.py": "French and English stop words, to read the questions people write",
    "insight/textsearch.py": "a glossary of learners' words, to match their questions to pages (analysis, not display)",
}
# Single literals kept in converted modules: identifiers that look like text (labels' names, form headings read).
KEPT = {
    ("bot/community/plan.py", "binômes"): "a GitHub label's name: the issues already labelled carry it",
    ("events/questions.py", "questions & réponses"): "a Discussions category's name, matched to find questions",
    ("content/animation_models.py", "Général"): "the default Discussions category's name, matched on GitHub",
    ("site/languages.py", "Français"): "each language is named in itself in the language switch",
    ("cli/publish.py", "Update activity data"): "the bot's commit message, in the repository's history (English)",
    ("content/models.py", "Débutant"): "the level's name when entraide.yml has no `levels:` (the example names "
    "its own); data, not a text of Entraide: a community in English names its levels",
}


def exempt(module: str) -> bool:
    return any(module == key or (key.endswith("/") and module.startswith(key)) for key in EXEMPT)


SCANNED = sorted(
    str(path.relative_to(PACKAGE))
    for path in PACKAGE.rglob("*.py")
    if not exempt(str(path.relative_to(PACKAGE))) and "locales" not in path.parts
)
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


def test_every_exemption_names_a_module_that_exists():
    """An exemption outliving its module would silently exempt the next one of that name."""
    for key in EXEMPT:
        assert (PACKAGE / key).is_dir() if key.endswith("/") else (PACKAGE / key).is_file(), key
    for module, literal in KEPT:
        assert literal in (PACKAGE / module).read_text(encoding="utf-8"), (module, literal)
    assert len(SCANNED) > 150 and "site/pages/shop.py" in SCANNED  # the whole package, not a hand-kept list


@pytest.mark.parametrize("module", SCANNED)
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
        and (module, node.value) not in KEPT
        and not PATH.match(node.value)
        and not REGEX.search(node.value)
        and (FRENCH.search(node.value) or SENTENCE.match(node.value))
    ]
    assert hard_coded == []


# Problems whose message is still written in English in the code, with the reason (what reads them).
PROBLEMS_IN_ENGLISH = {
    "bot/community/discussions.py": "GitHub's refusal of a token's permission, in the Actions log of the bot's run",
    "bot/datalock.py": "two commands writing data/ at once: the Actions log of the bot's run",
    "bot/privatepost.py": "the private job's configuration (token, private repository), in its Actions log",
    "bot/prreport.py": "an artifact that is not an autograding report: the Actions log of pr-report",
    "bot/publish.py": "git's own failures (push, commit) in the publishing job's log, quoted with git's English",
    "github/issues.py": "GitHub's refusal of a call, quoted with GitHub's own English message",
    "insight/oulad.py": "the OULAD data set's reader: a research tool (evaluation), not a community's",
}


def problem_messages(tree: ast.AST) -> list[ast.expr]:
    """The message of every Problem(...) built in a module: its `message=` or its last positional argument."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and messages._name(node.func) == "Problem":
            message = next((k.value for k in node.keywords if k.arg == "message"), node.args[-1] if node.args else None)
            if message is not None:
                found.append(message)
    return found


def test_every_problem_is_told_in_the_readers_language():
    """A Problem written as an English literal or f-string is shown in English to a French community, inside a
    French frame (« erreur : fichier, ligne 3 : … »): its message goes through N_() (or an already translated text)."""
    written = [
        f"{path.relative_to(PACKAGE)}:{message.lineno}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if str(path.relative_to(PACKAGE)) not in PROBLEMS_IN_ENGLISH
        for message in problem_messages(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(message, ast.JoinedStr | ast.BinOp) or (isinstance(message, ast.Constant) and message.value)
    ]
    assert written == []
    for module in PROBLEMS_IN_ENGLISH:  # an exemption outliving its reason would hide the next one
        assert problem_messages(ast.parse((PACKAGE / module).read_text(encoding="utf-8"))), module
