"""The score diff of a rule change, on the example community: answers 2 → 4 points."""

from __future__ import annotations

import shutil

from entraide.cli import main
from test_example_community import REPO


def two_roots(tmp_path):
    base, head = tmp_path / "base", tmp_path / "head"
    for root in (base, head):
        root.mkdir()
        for name in ("entraide.yml", "challenges", "members", "data"):
            source = REPO / name
            shutil.copytree(source, root / name) if source.is_dir() else shutil.copy(source, root / name)
    rules = head / "entraide.yml"
    text = rules.read_text(encoding="utf-8")
    assert "  answer: 2\n" in text
    rules.write_text(text.replace("  answer: 2\n", "  answer: 4\n"), encoding="utf-8")
    return base, head


def test_answers_worth_more_show_who_gains_and_hide_private_members(tmp_path, capsys, monkeypatch):
    base, head = two_roots(tmp_path)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["--root", str(head), "score-diff", "--base-root", str(base)]) == 0
    text = capsys.readouterr().out
    assert summary.read_text(encoding="utf-8") == text
    assert "| `nathalie-roux` | 459 → 481 (+22) |" in text  # a public member, by name
    assert "Pousse → Arbuste" in text  # a level moves
    assert "membres sans profil public, non nommés" in text
    private = [p.stem for p in (REPO / "members").glob("*.yml") if "public_profile: true" not in p.read_text()]
    assert private and not any(f"`{login}`" in text for login in private)


def test_no_rule_change_moves_nobody(tmp_path, capsys):
    base, _ = two_roots(tmp_path)
    assert main(["--root", str(base), "score-diff", "--base-root", str(base)]) == 0
    assert "Aucun membre ne change" in capsys.readouterr().out


def test_the_diff_is_posted_once_when_a_maintainer_opened_the_pull_request(tmp_path, github_env, capsys):
    base, head = two_roots(tmp_path)
    pr = github_env.repo.add_pr("nathalie-roux", "Réponses à 4 points")
    maintainer = "mael-mainteneur"  # the example has no maintainer: the base branch lists one
    for root in (base, head):
        (root / "members" / f"{maintainer}.yml").write_text(
            f"login: {maintainer}\nid: 990001\nname: Maël\nrole: maintainer\njoined: 2026-01-05\n", encoding="utf-8"
        )
    args = ["--root", str(head), "score-diff", "--base-root", str(base), "--post", str(pr.number)]
    args += ["--api-url", github_env.url]
    assert main([*args, "--author", "lina-fournier"]) == 0  # a learner: job summary only
    assert not [c for c in github_env.repo.comments.values() if c.issue == pr.number]
    assert main([*args, "--author", maintainer]) == 0
    assert main([*args, "--author", maintainer]) == 0  # again: the same comment, edited, not a second one
    posted = [c for c in github_env.repo.comments.values() if c.issue == pr.number]
    assert len(posted) == 1 and "Conséquences de ce changement de règles" in posted[0].body
