"""A rebuild after one new event: `entraide pages` rewrites exactly the files whose bytes changed, and says how many."""

from __future__ import annotations

import os
import re
from pathlib import Path

from entraide.cli import main
from entraide.demo import bench, generators
from entraide.events import store
from entraide.site.output import MANIFEST

OLD = 1_000_000_000  # an mtime no rewrite can leave behind


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_one_approval_rewrites_only_the_pages_it_changes(tmp_path, capsys):
    root = tmp_path / "community"
    bench.generate(str(root), "60", "3")  # smaller ones have no challenge PR left open
    bench.prepare_site(root)
    out = root / "build" / "out"
    assert main(["--root", str(root), "pages", "--out", str(out), "--with-docs"]) == 0
    before = files(out)
    for path in out.rglob("*"):
        os.utime(path, (OLD, OLD))
    capsys.readouterr()

    event = generators.one_new_event(root)
    assert event.kind == "review_submitted" and event.state == "approved"
    assert event in store.load(root / "data")  # stored as a sync stores it
    assert main(["--root", str(root), "pages", "--out", str(out), "--with-docs"]) == 0

    after = files(out)
    changed = {path for path in after if before.get(path) != after[path]} - {MANIFEST}
    touched = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.stat().st_mtime != OLD}
    assert touched - {MANIFEST} == changed  # written exactly where the bytes differ
    said = re.search(r"(\d+) page\(s\) written, (\d+) unchanged", capsys.readouterr().out)
    assert said is not None and int(said[1]) == len(changed)
    assert int(said[1]) + int(said[2]) == len(after) - 1  # every file counted once, the manifest aside
    assert 0 < len(changed) < len(after) / 10  # an accepted submission moves a few pages, not the site
    assert any(path.startswith("membres/") for path in changed)  # the accepting mentor's profile at least


def test_files_zensical_would_only_copy_reach_its_site_after_the_build_as_the_same_bytes(tmp_path):
    from entraide.site.output import publish, split_verbatim, write_pages

    pages = {"membres/a.md": "# A\n", "badges/ob/baked/x.svg": b"<svg/>", "api/ledger.json": "{}"}
    markdown, files = split_verbatim(pages)
    assert set(markdown) == {"membres/a.md"} and set(files) == {"badges/ob/baked/x.svg", "api/ledger.json"}
    write_pages(files, tmp_path / "docs-files")
    site = tmp_path / "site"
    assert publish(tmp_path / "docs-files", files, site) == 2
    assert {path: (site / path).read_bytes() for path in files} == {
        "badges/ob/baked/x.svg": b"<svg/>",
        "api/ledger.json": b"{}",
    }
    assert publish(tmp_path / "docs-files", files, site) == 0  # already there: nothing placed again
    write_pages(files | {"api/ledger.json": '{"a": 1}'}, tmp_path / "docs-files")
    assert publish(tmp_path / "docs-files", files, site) == 1 and (site / "api/ledger.json").read_text() == '{"a": 1}'
    assert not list(site.rglob("*.part"))
