"""Autograding on the example community: two submissions per track (one passing, one failing) through
`entraide autograde` as the PR check runs it (annotations, job summary, report), then the comment the PR
report workflow posts through the fake GitHub; a submission that looks for secrets or the network finds
none; a challenge's file setting cannot leave the submission folder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pydantic import ValidationError

from entraide.bot.autograde.sandbox import namespaces_work
from entraide.content.checks import Check
from entraide_cmd import run as entraide

REPO = Path(__file__).resolve().parents[1]
NODE_MODULES = REPO / "node_modules"
EXAMPLES = {  # (challenge, login): passes
    ("html-semantique", "alice-girard"): True,
    ("html-semantique", "anna-dupont"): False,
    ("python-bases", "adam-vincent"): True,
    ("python-bases", "amir-haddad"): False,
}


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def community(tmp_path: Path) -> Path:
    """A git repository holding the example community, without its submissions, on branch `main`."""
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("entraide.yml", "challenges", "members"):
        source = REPO / name
        shutil.copytree(source, root / name) if source.is_dir() else shutil.copy(source, root / name)
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    return root


def submit(root: Path, slug: str, login: str, files: dict[str, str] | None = None) -> None:
    """A pull request's branch: the submission folder added on top of main."""
    git(root, "checkout", "-q", "-B", f"{login}-{slug}", "main")
    folder = root / "submissions" / slug / login
    if files is None:
        shutil.copytree(REPO / "submissions" / slug / login, folder)
    else:
        folder.mkdir(parents=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
    git(root, "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "submission")


def autograde(root: Path, out: Path, capsys, monkeypatch, summary: Path) -> tuple[int, list[str]]:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    argv = ["--root", str(root), "autograde", "--base", "main", "--node-modules", str(NODE_MODULES)]
    status = entraide("entraide.cli.autograde", [*argv, "--out", str(out), "--require-namespace"])
    captured = capsys.readouterr()
    return status, (captured.out + captured.err).splitlines()


# The sandbox needs user and network namespaces (GitHub's Ubuntu runners have them once the PR check's
# sysctl step allows them); where the kernel refuses them the PR check runs no check at all (the last test),
# so these tests cannot run there and say why instead of failing on the machine.
NEEDS_NAMESPACES = pytest.mark.skipif(
    not namespaces_work(), reason="user and network namespaces are refused on this machine: the sandbox cannot run"
)


@NEEDS_NAMESPACES
@pytest.mark.parametrize(("slug", "login"), list(EXAMPLES), ids=lambda v: v)
def test_each_example_submission_is_graded_with_annotations_and_posted(
    community, slug, login, tmp_path, capsys, monkeypatch, github_env
):
    submit(community, slug, login)
    out, summary = tmp_path / "report" / "autograde.json", tmp_path / "summary.md"
    status, lines = autograde(community, out, capsys, monkeypatch, summary)
    assert status == 0  # failed checks inform; the mentor decides
    report = json.loads(out.read_text(encoding="utf-8"))
    passes = EXAMPLES[(slug, login)]
    assert report["network"] == "namespace"
    assert all(r["status"] == ("passed" if passes else "failed") for r in report["results"]), report
    assert {r["tool"] for r in report["results"]} == (
        {"html-validate", "axe"} if slug == "html-semantique" else {"pytest"}
    )
    annotations = [line for line in lines if line.startswith("::error ")]
    folder = f"submissions/{slug}/{login}/"
    assert bool(annotations) is not passes
    assert all(line.startswith(f"::error file={folder}") for line in annotations)
    text = summary.read_text(encoding="utf-8")
    mentors = "`karim-benali`, `nathalie-roux`" if slug == "python-bases" else "`nathalie-roux`, `sophie-lefevre`"
    assert f"Peuvent accepter ce défi : {mentors}." in text  # who can review, in the job summary
    if not passes and slug == "html-semantique":
        assert any(",line=13::axe: Images must have alternative text (image-alt" in a for a in annotations)
        assert any(",line=2::html-validate: <html> is missing required" in a for a in annotations)
    if not passes and slug == "python-bases":
        assert any("test_resume_ventes.py,line=7::pytest: AssertionError: assert 4.0 == 9.5" in a for a in annotations)

    # The PR report workflow: the default branch's code posts what the check found, once, edited after.
    files = [f"{folder}{p.name}" for p in (community / folder).iterdir()]
    pr = github_env.repo.add_pr(login, f"Défi {slug}", files=files)
    argv = ["--root", str(community), "pr-report", "--repo", "o/r", "--api-url", github_env.url]
    argv += ["--pr", str(pr.number), "--head-sha", pr.head_sha, "--artifacts", str(out.parent)]
    argv[4] = f"{github_env.repo.owner}/{github_env.repo.name}"
    assert entraide("entraide.cli.prreport", argv) == 0
    assert entraide("entraide.cli.prreport", argv) == 0
    posted = [c for c in github_env.repo.comments.values() if c.issue == pr.number]
    assert len(posted) == 1
    body = posted[0].body
    assert f"Peuvent accepter ce défi : {mentors}." in body
    assert f"Vérifications automatiques de `{folder}`" in body
    assert ("échec" in body) is not passes and ("réussi" in body) is passes
    if not passes and slug == "python-bases":
        assert "assert 4.0 == 9.5" in body


SNOOP = """import os, pathlib, socket

SECRET = "{secret}"


def test_no_token_in_the_environment():
    assert not [k for k, v in os.environ.items() if "TOKEN" in k or SECRET in v]


def test_no_token_file():
    for path in {files}:
        p = pathlib.Path(path)
        assert not (p.exists() and SECRET in p.read_text(errors="replace")), path


def test_no_other_process_environment():
    for environ in pathlib.Path("/proc").glob("[0-9]*/environ"):
        try:
            assert SECRET not in environ.read_bytes().decode(errors="replace"), environ
        except OSError:  # a process gone, or not ours to read
            pass


def test_no_network():
    try:
        socket.create_connection(("{host}", {port}), timeout=3).close()
    except OSError:
        return
    raise AssertionError("reached {host}:{port}")
"""


@NEEDS_NAMESPACES
def test_a_submission_looking_for_secrets_or_the_network_finds_none(
    community, tmp_path, capsys, monkeypatch, github_env
):
    secret = "ghs_" + "s3cr3t" * 6
    home = tmp_path / "home"
    home.mkdir()
    (home / ".git-credentials").write_text(f"https://x-access-token:{secret}@github.com\n", encoding="utf-8")
    git(community, "config", "http.extraheader", f"AUTHORIZATION: basic {secret}")  # as a checkout keeping it
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GITHUB_TOKEN", secret)
    monkeypatch.setenv("ACTIONS_RUNTIME_TOKEN", secret)
    files = [str(home / ".git-credentials"), str(community / ".git" / "config")]
    address = urlsplit(github_env.url)
    probe = SNOOP.format(secret=secret, files=files, host=address.hostname, port=address.port)
    submit(community, "python-bases", "adam-vincent", {"test_snoop.py": probe})

    # Without the sandbox, every probe finds what it looks for (the test is not vacuous).
    bare = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "."],
        cwd=community / "submissions" / "python-bases" / "adam-vincent",
        capture_output=True,
        text=True,
    )
    assert "4 failed" in bare.stdout, bare.stdout

    out = tmp_path / "report" / "autograde.json"
    status, _ = autograde(community, out, capsys, monkeypatch, tmp_path / "summary.md")
    (result,) = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert status == 0 and result["status"] == "passed", result
    assert result["summary"] == "4 passed"


def test_a_checks_file_stays_inside_the_submission_folder():
    for bad in ("../../members/lea.yml", "/etc/passwd", ".git/config", "a/../../b"):
        with pytest.raises(ValidationError):
            Check(tool="html-validate", file=bad)
    with pytest.raises(ValidationError):
        Check(tool="bash", file="index.html")  # a challenge names a tool, never a command


@NEEDS_NAMESPACES
def test_time_and_memory_are_limited(community, tmp_path, capsys, monkeypatch):
    from entraide.bot.autograde import tools
    from entraide.bot.autograde.sandbox import Limits, MiB

    monkeypatch.setitem(tools.LIMITS, "pytest", Limits(seconds=4, memory=512 * MiB))
    greedy = "def test_memory():\n    blob = bytearray(1024 * 1024 * 1024)\n    assert blob\n"
    submit(community, "python-bases", "adam-vincent", {"test_greedy.py": greedy})
    out = tmp_path / "greedy" / "autograde.json"
    autograde(community, out, capsys, monkeypatch, tmp_path / "summary.md")
    (result,) = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert result["status"] == "failed" and "MemoryError" in result["findings"][0]["message"], result

    submit(
        community,
        "python-bases",
        "amir-haddad",
        {"test_forever.py": "def test_forever():\n    while True:\n        pass\n"},
    )
    out = tmp_path / "forever" / "autograde.json"
    autograde(community, out, capsys, monkeypatch, tmp_path / "summary.md")
    (result,) = json.loads(out.read_text(encoding="utf-8"))["results"]
    said = {"code": "timeout", "n": 0, "file": "", "detail": ""}
    assert result == {"tool": "pytest", "status": "error", "summary": "time limit reached", "said": said} | {
        "findings": [],
        "total": 0,
    }


def test_without_namespaces_the_pr_check_runs_no_check(community, tmp_path, capsys, monkeypatch):
    import entraide.cli.autograde as command

    monkeypatch.setattr(command, "namespaces_work", lambda: False)
    submit(community, "python-bases", "adam-vincent")
    status, lines = autograde(community, tmp_path / "out.json", capsys, monkeypatch, tmp_path / "summary.md")
    assert status == 2 and not (tmp_path / "out.json").exists()
    # the example community is French
    assert any("autograde : les espaces de noms utilisateur et réseau sont refusés ici" in line for line in lines)


def test_the_comment_words_entraide_s_own_summaries_in_the_community_s_language_and_quotes_the_tools():
    from entraide.bot.autograde.report import CheckResult, Report, Said, markdown

    folder = "submissions/html-semantique/lea/"
    html = CheckResult(tool="html-validate", status="failed", summary="2 error(s) in index.html",
                       said=Said(code="html_errors", n=2, file="index.html"))  # fmt: skip
    axe = CheckResult(
        tool="axe", status="passed", summary="no WCAG 2 A/AA violation found", said=Said(code="axe_clean")
    )
    tests = CheckResult(tool="pytest", status="failed", summary="1 failed, 3 passed")  # pytest's own words
    report = Report(challenge="html-semantique", folder=folder, network="namespace", results=(html, axe, tests))
    french, english = markdown(report, language="fr"), markdown(report, language="en")
    assert "**html-validate** (échec) : 2 erreurs dans index.html" in french
    assert "aucune violation WCAG 2 A/AA trouvée" in french and "1 failed, 3 passed" in french
    assert "2 errors in index.html" in english and "no WCAG 2 A/AA violation found" in english
    back = Report.model_validate_json(report.model_dump_json())  # the artifact the comment poster reads
    assert markdown(back, language="fr") == french
