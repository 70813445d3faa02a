"""The credential files rendered and written by a fresh interpreter beside this process, when no forked page
worker fits in memory (`site.workers.page_workers`: at ten million events).

At ten million events every page source renders in turn in one process of ~6.5 GB, and the credential files
(`site.achievements`: an Open Badges assertion and a baked image per badge held, 1.6 million of the 1.7
million files) cost that process ~33 processor seconds to render and as many to hand down to the writer.
They read only the public members, their standings' badges and the revocations, never an event nor an
award: a few percent of the process's memory (`handed`: at a million events, 4.6 MB pickled).

Why not a forked child: it would copy only what it reads, but every memory page the parent writes a
reference count on while the child lives is then kept twice (the parent renders the member pages and the
KPIs meanwhile, reading every event and award). Measured at a million events with whole-copy workers
refused: the tree's peak Pss rose from 790 to 1307 MB. A fresh interpreter shares nothing: it is handed
what those sources read, pickled, renders them with the same functions, writes their files itself (the
kernel's part of 1.6 million files goes with it to the other core) and says, as it goes, which files
changed (`Answer`). Same files, same bytes (tests).
It lives as long as the parent's page stage, through the KPI pages (the parent's peak): what it holds counts
in full. Measured at ten million events (a loaded machine), it held ~815 MB once its records were built and
1,109 MB at the tree's peak, when it was handed the whole community and standings (57 MB unpickled at a
million events, 17 MB for what is handed now) and answered at the end ({path: changed} of 1.6 million files
held until then). As it is now: ~508 MB throughout, tree peak 7,269 and 7,276 MB in two runs (8,050 before,
same machine and load; the rest is mostly its credential records, 26 MB at a million events, and the
interpreter).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

from entraide.content.i18n import translator
from entraide.content.models import Member
from entraide.events.collector import collector_paused
from entraide.scoring.model import BadgeEarned, Ledger
from entraide.site import build, workers
from entraide.site.context import Content, SiteContext, Source, Streamed
from entraide.site.phrases import remembering
from entraide.site.writer import write_if_changed

# The page sources rendered aside: what they read is `handed` (a test renders each from it alone).
ASIDE = ("entraide.site.achievements.pages",)


def chosen(sources: tuple[Source, ...], *, cores: int) -> tuple[Source, ...]:
    """The sources of `sources` to render aside: those of `ASIDE`, when the others render in turn here
    (no forked worker fits) and a second core can take them; none otherwise."""
    resident, available = build.memory()
    if cores < 2 or workers.page_workers(len(sources), cores=cores, resident=resident, available=available) >= 2:
        return ()
    return tuple(source for source in sources if build.name_of(source) in ASIDE)


class Held(NamedTuple):
    """The part of a public member's standing the credential files read (`credentials.records`)."""

    member_id: int
    badges: tuple[BadgeEarned, ...]


def handed(ctx: SiteContext) -> tuple[Any, ...]:
    """What the sources aside read of the context (never the events, the awards or the leaderboards): of the
    members, only the public ones (login and id: who the credentials name), and of the standings only theirs,
    their badges. At ten million events the whole community and standings took ~570 MB in the process aside."""
    community, ledger = ctx.community, ctx.ledger
    public = community.public_members()
    members = tuple(_named(member) for member in public.values())
    held = tuple(Held(s.member_id, s.badges) for s in ledger.standings if s.member_id in public)
    shown = community.model_copy(update={"members": members})  # the same public members, hidden ones excluded
    return (shown, ctx.as_of, ledger.as_of, held, ledger.revoked, ctx.signing_key)


def _named(member: Member) -> Member:
    """The member as the credentials read it (validated already): the other fields are left out."""
    read: dict[str, Any] = {"login": member.login, "id": member.id, "public_profile": True}
    return Member.model_construct(**read)


def context(parts: tuple[Any, ...]) -> SiteContext:
    """The context the sources aside render from, rebuilt from `handed`'s parts."""
    community, as_of, ledger_as_of, standings, revoked, signing_key = parts
    ledger = Ledger.model_construct(  # validated models already, as handed
        as_of=ledger_as_of, awards=(), revoked=revoked, standings=standings, leaderboards=()
    )
    return SiteContext(
        community=community,
        events=(),
        ledger=ledger,
        as_of=as_of,
        docs={},
        tr=remembering(translator(community.rules.language)),
        signing_key=signing_key,
    )


class Aside:
    """`sources` rendered and written into `out_dir` by `python -m entraide.site.aside`, started now;
    `finish` waits for it and says which files it wrote and whether each changed.

    Its answer comes in parts as its files are written (`Answer`), taken by a thread here into a temporary
    file: the process aside ends with its last file, instead of holding its whole answer (and all it read)
    until this process, which renders the longest sources meanwhile, asks for it."""

    def __init__(self, ctx: SiteContext, sources: tuple[Source, ...], out_dir: Path) -> None:
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed in `finish`)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "entraide.site.aside", str(out_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
        )
        payload = pickle.dumps(([build.name_of(source) for source in sources], handed(ctx)), pickle.HIGHEST_PROTOCOL)
        # handed down by a thread: this process goes on rendering while the other reads
        self._sender = threading.Thread(target=_send, args=(self._process.stdin, payload), daemon=True)
        self._sender.start()
        # its answer kept on disk as it comes (not read before `finish`): this process holds none of it meanwhile
        self._answer = tempfile.TemporaryFile(dir=out_dir)  # noqa: SIM115 (closed in `finish`)
        self._receiver = threading.Thread(target=shutil.copyfileobj, args=(self._process.stdout, self._answer))
        self._receiver.daemon = True
        self._receiver.start()

    def finish(self) -> tuple[dict[str, bool], BaseException | None]:
        """({path: whether its bytes changed} of every file written aside, the error that stopped it if any)."""
        self._sender.join()
        self._receiver.join()
        assert self._process.stdout is not None
        self._process.stdout.close()
        code = self._process.wait()
        self._errors.seek(0)
        said = self._errors.read().decode(errors="replace")[-2000:]
        self._errors.close()
        parts: list[tuple[bytes, bytes]] = []
        done: list[BaseException | None] = []
        with self._answer:
            self._answer.seek(0)
            received(self._answer, parts, done)
        written = dict(unpacked(parts))
        if not done:  # it died before saying it was done: killed (out of memory?) or crashed
            return written, RuntimeError(f"page sources {', '.join(ASIDE)} stopped (exit code {code}): {said}")
        return written, done[0]


def received(out: IO[bytes], parts: list[tuple[bytes, bytes]], said: list[BaseException | None]) -> None:
    """Read `Answer`'s messages from `out`: each part of files into `parts`, then the error that stopped the
    side aside (None: none) into `said`; nothing there when it died before saying it was done (the parts
    before are kept: their files were written)."""
    with contextlib.suppress(EOFError, pickle.UnpicklingError, OSError):  # `finish` says it died
        while (message := pickle.load(out))[0] == "files":
            parts.append(message[1])
        said.append(message[1])


def _send(pipe: IO[bytes] | None, payload: bytes) -> None:
    assert pipe is not None
    with contextlib.suppress(BrokenPipeError):
        pipe.write(payload)
        pipe.close()


class Answer:
    """The side aside's answer, sent as it goes: ("files", (paths, flags)) for every `PART` files written
    (paths joined by NUL in UTF-8, one byte per file: 1 written, 0 unchanged), then ("done", the error or None).
    Packed, 1.6 million files take ~75 MB instead of ~230 MB as a dict of strings (ten million events)."""

    def __init__(self, answer: IO[bytes]) -> None:
        self._answer = answer
        self._paths: list[str] = []
        self._flags = bytearray()

    def add(self, path: str, changed: bool) -> None:
        self._paths.append(path)
        self._flags.append(changed)
        if len(self._paths) >= PART:
            self._send()

    def done(self, error: BaseException | None) -> None:
        self._send()
        pickle.dump(("done", error), self._answer, pickle.HIGHEST_PROTOCOL)
        self._answer.flush()

    def _send(self) -> None:
        if self._paths:
            packed = ("\0".join(self._paths).encode("utf-8"), bytes(self._flags))
            pickle.dump(("files", packed), self._answer, pickle.HIGHEST_PROTOCOL)
            self._answer.flush()
            self._paths, self._flags = [], bytearray()


PART = 10_000  # files a part of the answer tells about


def unpacked(parts: list[tuple[bytes, bytes]]) -> Iterator[tuple[str, bool]]:
    """(path, whether it changed) of every file in `Answer`'s parts."""
    for paths, flags in parts:
        yield from zip(paths.decode("utf-8").split("\0"), map(bool, flags), strict=True)


def serve(out_dir: Path, source: IO[bytes], answer: IO[bytes]) -> None:
    """The side aside: render the named sources from what was handed, write their files, answer as it goes."""
    names, parts = pickle.load(source)
    ctx = context(parts)
    sources = [_source(name) for name in names]  # only their modules imported: this interpreter stays small
    told = Answer(answer)
    error: BaseException | None = None
    write = functools.partial(_write, out_dir, set())
    try:
        for page_source in sources:
            for path, changed in build.finished(page_source, ctx, write):
                told.add(path, changed)
    except Exception as failure:  # handed back whole, after the files written before it
        error = failure
    told.done(error)


def _source(name: str) -> Source:
    """The page source `build.name_of` named (a module's function)."""
    module, _, function = name.rpartition(".")
    source: Source = getattr(importlib.import_module(module), function)
    return source


def _write(out_dir: Path, folders: set[Path], path: str, content: Content) -> bool:
    data = content.text() if isinstance(content, Streamed) else content
    return write_if_changed(out_dir / path, data.encode("utf-8") if isinstance(data, str) else data, folders=folders)


if __name__ == "__main__":
    with collector_paused():  # as the process it serves: what it builds lives until it answers
        serve(Path(sys.argv[1]), sys.stdin.buffer, sys.stdout.buffer)
