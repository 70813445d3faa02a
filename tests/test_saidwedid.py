"""« Vous avez dit, nous avons fait » (issue 16 item 5): vous-avez-dit.yml read by the strict loader
(file:line, field, exit 2), rendered as inert text with links to the feedback that prompted each action."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from entraide.content import saidwedid
from entraide.content.errors import UserError
from entraide_cmd import run as run_command

REPO = Path(__file__).resolve().parent.parent
BAD = """actions:
  - date: 2026-13-02
    said: "Trop d'attente"
    did: "Deux relecteurs"
    feedback: [27]
  - date: 2026-04-02
    said: "x"
    feedback: []
    link: javascript:alert(1)
  - date: 2026-04-03
    said: "y"
    did: "z"
    feedback: [3]
    colour: red
"""


@pytest.fixture
def root(tmp_path) -> Path:
    for name in ("members", "challenges", "entraide.yml"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, tmp_path / name)
    (tmp_path / "animation").mkdir()
    return tmp_path


def test_every_mistake_is_named_with_its_line_and_check_exits_2(root, capsys):
    (root / "animation" / "vous-avez-dit.yml").write_text(BAD, encoding="utf-8")
    assert run_command("entraide.cli.check", ["--root", str(root), "check"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()  # the community is French: « ligne 2, champ « … » : reason »
    for line, field, reason in (
        (2, "actions[0].date", "attendu une date écrite AAAA-MM-JJ, reçu « 2026-13-02 »"),
        (6, "actions[1].did", "champ obligatoire manquant"),
        (8, "actions[1].feedback", "demande au moins 1 élément"),
        (9, "actions[1].link", "reçu « javascript:alert(1) »"),
        (14, "actions[2].colour", "champ inconnu « colour »"),
    ):
        where = f"erreur : animation/vous-avez-dit.yml, ligne {line}, champ « {field} » : "
        assert any(text.startswith(where) and reason in text for text in lines), (where, reason, err)


def test_yaml_that_is_not_what_it_shows_is_refused(root):
    (root / "animation" / "vous-avez-dit.yml").write_text(
        "actions:\n  - date: 2026-04-02\n    date: 2026-04-03\n", encoding="utf-8"
    )
    with pytest.raises(UserError) as error:
        saidwedid.load(root)
    assert any(p.line == 3 for p in error.value.problems)


def test_the_page_links_each_action_to_its_feedback_and_escapes_the_text(root):
    from entraide.site.build import context_for
    from entraide.site.pages.care import said_we_did_page

    (root / "animation" / "vous-avez-dit.yml").write_text(
        'actions:\n  - date: 2026-04-02\n    said: "<script>alert(1)</script>"\n    did: "Un atelier"\n'
        "    feedback: [27, 30]\n",
        encoding="utf-8",
    )
    page = said_we_did_page(context_for(root))
    assert "<script>" not in page and "&#60;script&#62;alert&#40;1&#41;" in page
    assert "(https://github.com/entraide-web/communaute/issues/27)" in page and "/issues/30)" in page


def test_the_example_has_actions_newest_first():
    actions = saidwedid.load(REPO)
    assert len(actions) >= 3 and list(actions) == sorted(actions, key=lambda a: a.date, reverse=True)
    assert all(a.feedback for a in actions)
