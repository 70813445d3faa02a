"""Generated pages written to a folder, for a generator that reads plain files (Zensical, or any other).

The MkDocs hook hands the pages to MkDocs in memory; this is the same set of pages on disk. A file is
written only when its bytes change, so a rebuild after one new event touches only the pages that moved
(and a generator watching the folder rebuilds only those); files a previous run generated and this one
did not are removed, and nothing else in the folder is touched. The list of what was generated is kept
in `MANIFEST` inside the folder.

`write_generated` renders and writes in one go: each page is written by the process that rendered it, as
soon as it is rendered, and only its path and whether it changed travel back, so that no process holds
every page (at ten million events they weigh gigabytes). Pages rendered by this process are written by a
writing process beside it (`site.writer`: on another core, the kernel's part of writing 1.7 million files).
Same folder as `write_pages(generate(ctx), ...)`.
"""

from __future__ import annotations

import contextlib
import filecmp
import functools
import json
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from entraide.site import build
from entraide.site.context import Content, SiteContext, Source, Streamed
from entraide.site.writer import Writer, write_if_changed

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
    changed: dict[str, bool | None] = {}  # None: handed to the writer, which says at the end
    pages = Writer(out_dir)
    try:
        build.generate_each(ctx, functools.partial(_write_page, out_dir, pages), sources=sources, into=changed)
    except BaseException:
        with contextlib.suppress(OSError):  # the writer's own failure, if any, is the one raised already
            _settle(changed, pages)
        _write_manifest(out_dir, set(_previous(out_dir)) | set(changed))
        raise
    return _finish(out_dir, _settle(changed, pages))


def _settle(changed: dict[str, bool | None], pages: Writer) -> dict[str, bool]:
    """{path: whether its bytes changed}, once the writer has written every page handed to it."""
    written = pages.finish()
    return {path: written[path] if wrote is None else wrote for path, wrote in changed.items()}


def _write_page(out_dir: Path, pages: Writer, path: str, content: Content) -> bool | None:
    """Hand the page to the writer process; a forked renderer, or a page too large to hold whole, is written
    here (a streamed page is produced by this process as it is written)."""
    if pages.owner != os.getpid() or isinstance(content, Streamed):
        return _write_if_changed(out_dir / path, content)
    pages.write(path, content.encode("utf-8") if isinstance(content, str) else content)
    return None


def _finish(out_dir: Path, changed: Mapping[str, bool]) -> Written:
    """Given {path: whether its bytes changed} of every page now generated: remove those a previous run
    generated and this one did not, and keep the list."""
    written = sorted(path for path, wrote in changed.items() if wrote)
    removed = [path for path in _previous(out_dir) if path not in changed and _remove(out_dir / path)]
    _write_manifest(out_dir, changed)
    return Written(tuple(written), len(changed) - len(written), tuple(removed))


def _write_manifest(out_dir: Path, paths: Iterable[str]) -> None:
    (out_dir / MANIFEST).write_text(json.dumps(sorted(paths), indent=0) + "\n", encoding="utf-8")


def _write_if_changed(target: Path, content: Content) -> bool:
    if isinstance(content, Streamed):
        return _write_streamed(target, content)
    return write_if_changed(target, content.encode("utf-8") if isinstance(content, str) else content)


def _write_streamed(target: Path, content: Streamed) -> bool:
    """A page written piece by piece as it is produced (never held whole), then compared with the file it
    replaces: the same bytes leave that file untouched."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    with partial.open("w", encoding="utf-8", newline="") as out:
        out.writelines(content.pieces())
    if target.is_file() and filecmp.cmp(partial, target, shallow=False):
        partial.unlink()
        return False
    os.replace(partial, target)
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
