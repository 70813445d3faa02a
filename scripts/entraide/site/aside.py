"""The credential files rendered and written by a fresh interpreter beside this process, when no forked page
worker fits in memory (`site.workers.page_workers`: at ten million events).

At ten million events every page source renders in turn in one process of ~6.5 GB, and the credential files
(`site.achievements`: an Open Badges assertion and a baked image per badge held, 1.6 million of the 1.7
million files) cost that process ~33 processor seconds to render and as many to hand down to the writer.
They read only the community, the standings' badges and the revocations, never an event nor an award: a
few percent of the process's memory (at a million events, 12 MB pickled, 0.3 s to pickle).

Why not a forked child: it would copy only what it reads, but every memory page the parent writes a
reference count on while the child lives is then kept twice (the parent renders the member pages and the
KPIs meanwhile, reading every event and award). Measured at a million events with whole-copy workers
refused: the tree's peak Pss rose from 790 to 1307 MB. A fresh interpreter shares nothing: it is handed
what those sources read, pickled, renders them with the same functions, writes their files itself (the
kernel's part of 1.6 million files goes with it to the other core) and answers, at the end, which files
changed. Same files, same bytes (tests).
Measured at a million events with forked workers refused (as at ten million): pages and all 42.7 s instead
of 59.0, 66.6 processor seconds instead of 61.8, tree peak 953 MB instead of 790. At ten million events:
whole pipeline 534 s of work, 626 processor seconds, tree peak 7,784 MB (this interpreter ~1 GB of it).
"""

from __future__ import annotations

import contextlib
import functools
import pickle
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

from entraide.content.i18n import translator
from entraide.events.collector import collector_paused
from entraide.scoring.model import Ledger
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


def handed(ctx: SiteContext) -> tuple[Any, ...]:
    """What the sources aside read of the context (never the events, the awards or the leaderboards)."""
    ledger = ctx.ledger
    return (ctx.community, ctx.as_of, ledger.as_of, ledger.standings, ledger.revoked, ctx.signing_key)


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
    `finish` waits for it and says which files it wrote and whether each changed."""

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

    def finish(self) -> tuple[dict[str, bool], BaseException | None]:
        """({path: whether its bytes changed} of every file written aside, the error that stopped it if any)."""
        self._sender.join()
        assert self._process.stdout is not None
        answer = self._process.stdout.read()
        self._process.stdout.close()
        code = self._process.wait()
        self._errors.seek(0)
        said = self._errors.read().decode(errors="replace")[-2000:]
        self._errors.close()
        try:
            written, error = pickle.loads(answer)
        except Exception:  # it died before answering: killed (out of memory?) or crashed
            return {}, RuntimeError(f"page sources {', '.join(ASIDE)} stopped (exit code {code}): {said}")
        return written, error


def _send(pipe: IO[bytes] | None, payload: bytes) -> None:
    assert pipe is not None
    with contextlib.suppress(BrokenPipeError):
        pipe.write(payload)
        pipe.close()


def serve(out_dir: Path, source: IO[bytes], answer: IO[bytes]) -> None:
    """The side aside: render the named sources from what was handed, write their files, answer."""
    names, parts = pickle.load(source)
    ctx = context(parts)
    sources = [source for source in build.page_sources() if build.name_of(source) in names]
    written: dict[str, bool] = {}
    error: BaseException | None = None
    write = functools.partial(_write, out_dir, set())
    try:
        for page_source in sources:
            written.update(build.finished(page_source, ctx, write))
    except Exception as failure:  # handed back whole, with the files written before it
        error = failure
    pickle.dump((written, error), answer, pickle.HIGHEST_PROTOCOL)
    answer.flush()


def _write(out_dir: Path, folders: set[Path], path: str, content: Content) -> bool:
    data = content.text() if isinstance(content, Streamed) else content
    return write_if_changed(out_dir / path, data.encode("utf-8") if isinstance(data, str) else data, folders=folders)


if __name__ == "__main__":
    with collector_paused():  # as the process it serves: what it builds lives until it answers
        serve(Path(sys.argv[1]), sys.stdin.buffer, sys.stdout.buffer)
