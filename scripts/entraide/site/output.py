"""Generated pages written to a folder, for a generator that reads plain files (Zensical, or any other).

The MkDocs hook hands the pages to MkDocs in memory; this is the same set of pages on disk. A file is
written only when its bytes change, so a rebuild after one new event touches only the pages that moved
(and a generator watching the folder rebuilds only those); files a previous run generated and this one
did not are removed, and nothing else in the folder is touched. The list of what was generated is kept
in `MANIFEST` inside the folder.

`write_generated` renders and writes in one go: each page is written by the process that rendered it, as
soon as it is rendered, and only its path and whether it changed travel back, so that no process holds
every page (at ten million events they weigh gigabytes). Same folder as `write_pages(generate(ctx), ...)`.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from entraide.site import build
from entraide.site.context import SiteContext, Source

MANIFEST = ".entraide-pages.json"


@dataclass(frozen=True)
class Written:
    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]


def write_pages(pages: Mapping[str, str | bytes], out_dir: Path) -> Written:
    """Bring `out_dir` to hold exactly these generated pages (beside whatever else it holds)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return _finish(out_dir, {path: _write_if_changed(out_dir / path, content) for path, content in pages.items()})


def write_generated(ctx: SiteContext, out_dir: Path, *, sources: tuple[Source, ...] | None = None) -> Written:
    """Bring `out_dir` to hold exactly the pages generated from `ctx`, each written as soon as it is rendered.
    When the generation fails, the pages already written join the list of generated ones, so that the next
    run removes those it no longer generates."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    changed: dict[str, bool] = {}
    try:
        build.generate_each(ctx, functools.partial(_write_page, out_dir), sources=sources, into=changed)
    except BaseException:
        _write_manifest(out_dir, set(_previous(out_dir)) | set(changed))
        raise
    return _finish(out_dir, changed)


def _write_page(out_dir: Path, path: str, content: str | bytes) -> bool:
    return _write_if_changed(out_dir / path, content)


def _finish(out_dir: Path, changed: Mapping[str, bool]) -> Written:
    """Given {path: whether its bytes changed} of every page now generated: remove those a previous run
    generated and this one did not, and keep the list."""
    written = sorted(path for path, wrote in changed.items() if wrote)
    removed = [path for path in _previous(out_dir) if path not in changed and _remove(out_dir / path)]
    _write_manifest(out_dir, changed)
    return Written(tuple(written), len(changed) - len(written), tuple(removed))


def _write_manifest(out_dir: Path, paths: Iterable[str]) -> None:
    (out_dir / MANIFEST).write_text(json.dumps(sorted(paths), indent=0) + "\n", encoding="utf-8")


def _write_if_changed(target: Path, content: str | bytes) -> bool:
    data = content.encode("utf-8") if isinstance(content, str) else content
    if target.is_file() and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    partial.write_bytes(data)
    os.replace(partial, target)  # whole or not at all: a generator never reads half a page
    return True


def _previous(out_dir: Path) -> list[str]:
    try:
        listed = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [path for path in listed if isinstance(path, str) and ".." not in Path(path).parts]


def _remove(target: Path) -> bool:
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    return True


def split_verbatim(pages: Mapping[str, str | bytes]) -> tuple[dict[str, str | bytes], dict[str, str | bytes]]:
    """(Markdown pages, every other generated file): a generator only copies the others (JSON, SVG, feeds,
    calendars) into its site, byte for byte."""
    markdown = {path: content for path, content in pages.items() if path.endswith(".md")}
    return markdown, {path: content for path, content in pages.items() if not path.endswith(".md")}


def publish(files: Path, paths: Iterable[str], site_dir: Path) -> int:
    """Put the files written under `files` into a built site at the same paths, as links to them (no bytes
    copied; a copy where the two folders cannot share a file). Zensical empties its site on every build and
    watches every file of its docs, one by one (at 5,000 members, 42,000 badge files took it minutes):
    files it would only copy are better handed over after its build than staged for it."""
    placed = 0
    for path in paths:
        source, target = files / path, site_dir / path
        if target.exists() and os.path.samefile(source, target):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.part")
        partial.unlink(missing_ok=True)
        try:
            os.link(source, partial)
        except OSError:
            shutil.copyfile(source, partial)
        os.replace(partial, target)
        placed += 1
    return placed


def site_files(site: Path) -> list[str]:
    """The path of every file under a built site, relative to it, with /."""
    return [path.relative_to(site).as_posix() for path in Path(site).rglob("*") if path.is_file()]
