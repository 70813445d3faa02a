"""The join issue form follows entraide.yml: tracks and cohorts are its choices, `--check` catches a stale
form, and the answers it produces are read back by the onboarding bot."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import yaml

from entraide.bot.forms import PATH, render
from entraide.bot.onboarding import profile_from_form
from entraide.content.i18n import translator
from entraide.content.loader import load_rules
from sitekit import REPO


def test_committed_form_is_current():
    assert (REPO / PATH).read_text(encoding="utf-8") == render(load_rules(REPO), tr=translator("fr")), (
        "run 'entraide forms' and commit"
    )


def test_a_new_track_reaches_the_form_and_check_says_when_it_is_stale(tmp_path):
    root = tmp_path / "community"
    shutil.copytree(REPO / ".github", root / ".github")
    shutil.copy(REPO / "entraide.yml", root / "entraide.yml")
    rules = (root / "entraide.yml").read_text(encoding="utf-8")
    rules = rules.replace("tracks:\n", 'tracks:\n  - id: data\n    name: "Données et visualisation"\n', 1)
    (root / "entraide.yml").write_text(rules, encoding="utf-8")
    entraide = [sys.executable, "-m", "entraide", "--root", str(root), "forms"]
    stale = subprocess.run([*entraide, "--check"], capture_output=True, text=True)
    assert stale.returncode == 2 and "Traceback" not in stale.stderr  # the example is French
    assert f"erreur : {PATH.as_posix()} : pas à jour avec entraide.yml : lancez « entraide forms »" in stale.stderr
    assert subprocess.run(entraide, capture_output=True, text=True).returncode == 0
    form = yaml.safe_load((root / PATH).read_text(encoding="utf-8"))
    tracks = next(field for field in form["body"] if field.get("id") == "track")["attributes"]["options"]
    assert tracks[0] == "Données et visualisation"
    assert subprocess.run([*entraide, "--check"], capture_output=True, text=True).returncode == 0


def test_the_bot_reads_back_the_choices_the_form_offers():
    rules = load_rules(REPO)
    form = yaml.safe_load(render(rules, tr=translator(rules.language)))
    options = {field["id"]: field["attributes"]["options"] for field in form["body"] if field["type"] == "dropdown"}
    body = (
        f"### Nom affiché\n\nCamille\n\n### Parcours\n\n{options['track'][1]}\n\n"
        f"### Cohorte\n\n{options['cohort'][-1]}\n\n### Profil public\n\n- [x] J'accepte\n"
    )
    profile = profile_from_form(body, login="camille", user_id=7, rules=rules, today=dt.date(2026, 9, 1))
    assert profile["track"] == rules.tracks[1].id and profile["cohort"] == rules.cohorts[-1].id
