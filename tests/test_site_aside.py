"""The credential files rendered and written by a fresh interpreter beside the process that renders the other
page sources in turn (ten million events: no forked worker fits): the same files, listed the same way."""

from __future__ import annotations

import dataclasses
import fcntl
import io
import pickle
import subprocess
from pathlib import Path

import pytest

from entraide.content.errors import UserError
from entraide.site import aside, output
from entraide.site import build as site
from test_site_generate import failing_source

TOO_LARGE_FOR_WORKERS = (6 * 10**9, 10 * 10**9)  # ten million events: no whole copy of the parent fits


def example() -> site.SiteContext:
    """The example community (this repository) with an address, a contact and a signing key: its Open Badges
    2.0 and 3.0 files too."""
    ctx = site.context_for(Path("."))
    rules = ctx.community.rules.model_copy(
        update={"site_url": "https://example.org/c/", "contact_email": "c@example.org"}
    )
    community = ctx.community.model_copy(update={"rules": rules})
    return dataclasses.replace(ctx, community=community, signing_key="5a" * 32)


def aside_only(monkeypatch) -> list[tuple[str, ...]]:
    """Two cores, too little memory for forked workers; the sources of each process started aside, listed."""
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr("entraide.site.build.memory", lambda: TOO_LARGE_FOR_WORKERS)
    started: list[tuple[str, ...]] = []
    start = aside.Aside.__init__

    def counted(self, ctx, sources, out_dir):
        started.append(tuple(map(site.name_of, sources)))
        start(self, ctx, sources, out_dir)

    monkeypatch.setattr(aside.Aside, "__init__", counted)
    return started


def test_the_sources_aside_render_the_same_from_what_is_handed_to_them():
    """What makes the process aside small: these sources read only `handed` (never an event, an award, a
    leaderboard, a hand-written page). Their files from it alone are the files from the whole context."""
    ctx = example()
    sources = {site.name_of(source): source for source in site.page_sources()}
    assert set(aside.ASIDE) <= set(sources)
    rebuilt = aside.context(aside.handed(ctx))
    for name in aside.ASIDE:
        whole = site.generate(ctx, sources=(sources[name],))
        assert site.generate(rebuilt, sources=(sources[name],)) == whole, name
        assert any(path.startswith("badges/ob3/") for path in whole) and len(whole) > 20


def test_only_the_public_members_and_their_badges_are_handed_aside():
    """The process aside is handed the public members (login and id) and their standings' badges: the
    credential files name no one else, and the rest would take hundreds of MB there at ten million events."""
    ctx = example()
    community, _, _, held, _, _ = aside.handed(ctx)
    public = ctx.community.public_members()
    assert 0 < len(public) < len(ctx.community.members)
    assert [(m.id, m.login) for m in community.members] == [(m.id, m.login) for m in public.values()]
    assert community.public_members().keys() == public.keys()
    assert all("name" not in vars(member) and not member.bio for member in community.members)
    assert [(h.member_id, h.badges) for h in held] == [
        (s.member_id, s.badges) for s in ctx.ledger.standings if s.member_id in public
    ]
    assert any(h.badges for h in held)


def test_the_process_aside_finds_each_source_by_its_name():
    assert all(aside._source(site.name_of(source)) is source for source in site.page_sources())


def test_files_written_aside_make_the_same_folder(monkeypatch, tmp_path):
    ctx = example()
    whole = output.write_pages(site.generate(ctx), tmp_path / "whole")
    started = aside_only(monkeypatch)
    written = output.write_generated(ctx, tmp_path / "aside")
    assert started == [aside.ASIDE] and written == whole
    assert folder(tmp_path / "aside") == folder(tmp_path / "whole")
    again = output.write_generated(ctx, tmp_path / "aside")  # nothing changed: nothing written, aside either
    assert again.written == () and again.unchanged == len(whole.written)


def test_a_failure_here_still_lists_the_files_written_aside(monkeypatch, tmp_path):
    started = aside_only(monkeypatch)
    sources = (*site.page_sources(), failing_source)
    with pytest.raises(UserError):
        output.write_generated(example(), tmp_path / "pages", sources=sources)
    assert started
    listed = (tmp_path / "pages" / output.MANIFEST).read_text(encoding="utf-8")
    assert '"badges/ob3/status.json"' in listed
    assert all(f'"{path}"' in listed for path in folder(tmp_path / "pages") if path != output.MANIFEST)


def test_a_failure_aside_is_raised_here(monkeypatch, tmp_path):
    aside_only(monkeypatch)
    out = tmp_path / "pages"
    out.mkdir()
    (out / "badges").write_text("a file where the credential files' folder goes", encoding="utf-8")
    with pytest.raises(OSError):
        output.write_generated(example(), out)


@pytest.mark.parametrize(
    ("cores", "memory", "taken"),
    [
        (2, TOO_LARGE_FOR_WORKERS, aside.ASIDE),  # ten million events on this machine
        (2, (10**9, 20 * 10**9), ()),  # a million: forked workers render every source
        (1, TOO_LARGE_FOR_WORKERS, ()),  # one core: nothing to render beside
    ],
)
def test_sources_go_aside_only_when_no_forked_worker_fits_and_a_second_core_is_there(monkeypatch, cores, memory, taken):
    monkeypatch.setattr("entraide.site.build.memory", lambda: memory)
    assert tuple(map(site.name_of, aside.chosen(site.page_sources(), cores=cores))) == taken


class Flushes(io.BytesIO):
    """An answer stream that counts, at each flush, the files already in a folder."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root, self.seen = root, []

    def flush(self) -> None:
        self.seen.append(sum(1 for path in self.root.rglob("*") if path.is_file()))


def test_the_answer_comes_in_parts_as_the_files_are_written(monkeypatch, tmp_path):
    """The side aside says which files it wrote every `PART` files, not all at the end: it ends with its last
    file instead of holding every path until the renderer here asks."""
    monkeypatch.setattr(aside, "PART", 50)
    handed = io.BytesIO(pickle.dumps((list(aside.ASIDE), aside.handed(example()))))
    answer = Flushes(tmp_path)
    aside.serve(tmp_path, handed, answer)
    on_disk = folder(tmp_path)
    assert len(on_disk) > 200 and answer.seen[0] < len(on_disk) // 2 and answer.seen == sorted(answer.seen)
    parts: list[tuple[bytes, bytes]] = []
    said: list[BaseException | None] = []
    aside.received(io.BytesIO(answer.getvalue()), parts, said)
    assert said == [None] and len(parts) == -(-len(on_disk) // 50)
    assert dict(aside.unpacked(parts)) == dict.fromkeys(on_disk, True)
    again = Flushes(tmp_path)
    aside.serve(tmp_path, io.BytesIO(handed.getvalue()), again)  # the same files: none written
    parts.clear()
    aside.received(io.BytesIO(again.getvalue()), parts, said)
    assert dict(aside.unpacked(parts)) == dict.fromkeys(on_disk, False)


def test_what_was_told_before_the_side_aside_died_is_kept(monkeypatch):
    """Parts received before the side aside died are kept (their files are listed); no `done`: no answer."""
    monkeypatch.setattr(aside, "PART", 2)
    told = io.BytesIO()
    answer = aside.Answer(told)
    ends = []
    for index in range(5):
        answer.add(f"badges/é{index}.json", index % 2 == 0)
        ends.append(told.tell())
    answer.done(None)
    whole = told.getvalue()
    for cut, kept in ((len(whole) - 1, 5), (ends[-1] + 3, 4), (ends[1] - 1, 0), (ends[1], 2)):
        parts: list[tuple[bytes, bytes]] = []
        said: list[BaseException | None] = []
        aside.received(io.BytesIO(whole[:cut]), parts, said)
        files = list(aside.unpacked(parts))
        assert said == [] and files == [(f"badges/é{index}.json", index % 2 == 0) for index in range(kept)]


def test_the_process_aside_ends_with_its_last_file_without_waiting_to_be_asked(monkeypatch, tmp_path):
    """Its answer is read as it comes: with a pipe smaller than the answer, the process aside still ends
    before `finish` is called (its memory given back while this process renders the longest sources)."""
    popen = subprocess.Popen

    def small_pipe(*args, **kwargs):
        process = popen(*args, **kwargs)
        fcntl.fcntl(process.stdout.fileno(), fcntl.F_SETPIPE_SZ, 4096)
        return process

    monkeypatch.setattr(aside.subprocess, "Popen", small_pipe)
    ctx = example()
    sources = tuple(source for source in site.page_sources() if site.name_of(source) in aside.ASIDE)
    beside = aside.Aside(ctx, sources, tmp_path)
    beside._process.wait(timeout=120)
    written, error = beside.finish()
    assert error is None and written == dict.fromkeys(folder(tmp_path), True) and len(written) > 200


def folder(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
