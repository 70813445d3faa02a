"""Build the example site at two commits and compare them byte for byte.

    .venv/bin/python scripts/compare_site_builds.py REV_A [REV_B]     (REV_B defaults to the work tree)

Each commit is exported with `git archive` and built by `mkdocs build --strict` with its own package first
on the module path, so a refactoring can show that it changed no output byte. Exit status 0 when the two
sites are identical, 1 when they differ (the differing files are listed), 2 on bad input.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
AS_OF = {"ENTRAIDE_AS_OF": "", "NO_MKDOCS_2_WARNING": "1"}


def export(rev: str, into: Path) -> Path:
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], capture_output=True, check=False)
    if archive.returncode != 0:
        sys.exit(f"error: {rev!r} is not a commit of this repository: {archive.stderr.decode().strip()}")
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def build(tree: Path, out: Path) -> None:
    env = os.environ | AS_OF | {"PYTHONPATH": str(tree / "scripts")}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run(
        [str(mkdocs), "build", "--strict", "-q", "-f", str(tree / "mkdocs.yml"), "-d", str(out)], env=env, check=True
    )


def differences(a: Path, b: Path) -> list[str]:
    found: list[str] = []
    comparison = filecmp.dircmp(a, b)
    stack = [(comparison, Path())]
    while stack:
        here, where = stack.pop()
        found += [str(where / n) + " (only in A)" for n in here.left_only]
        found += [str(where / n) + " (only in B)" for n in here.right_only]
        _, mismatch, errors = filecmp.cmpfiles(here.left, here.right, here.common_files, shallow=False)
        found += [str(where / n) for n in mismatch + errors]
        stack += [(sub, where / name) for name, sub in here.subdirs.items()]
    return sorted(found)


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="entraide-compare-") as temp:
        work = Path(temp)
        trees = [export(argv[0], work / "a"), export(argv[1], work / "b") if len(argv) == 2 else REPO]
        for tree, name in zip(trees, ("site-a", "site-b")):
            build(tree, work / name)
        found = differences(work / "site-a", work / "site-b")
        files = sum(1 for p in (work / "site-a").rglob("*") if p.is_file())
    if found:
        print(f"{len(found)} of {files} files differ:", *found, sep="\n  ")
        return 1
    print(f"identical: {files} files, byte for byte")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
