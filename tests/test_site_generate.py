"""Page sources render side by side in forked workers on a multi-core machine: same pages, same errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from entraide import scoring
from entraide.content.errors import Problem, UserError
from entraide.content.i18n import translator
from entraide.insight.nextsteps import read_pages
from entraide.site import build as site
from entraide.site import output
from entraide.site.pages import core
from entraide.site.workers import page_workers
from sitekit import challenge_history, sample_community

AS_OF = dt.date(2026, 3, 31)


def context() -> site.SiteContext:
    community = sample_community()
    mentor = next(m for m in community.members if m.role.value == "mentor")
    learner = next(m for m in community.members if m.role.value == "learner")
    events = tuple(challenge_history([(learner, community.challenges[0].slug)], mentor=mentor))
    return site.SiteContext(
        community=community,
        events=events,
        docs=read_pages(Path(".")),
        tr=translator(community.rules.language),
        as_of=AS_OF,
        ledger=scoring.score(community, events, as_of=AS_OF),
    )


def failing_source(ctx) -> dict[str, str]:
    raise UserError(
        [
            Problem(path="entraide.yml", line=3, field="tracks", message="first"),
            Problem(path="members/ana.yml", message="second"),
        ]
    )


def test_forked_workers_and_one_core_give_the_same_pages(monkeypatch):
    ctx = context()
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    forked = site.generate(ctx)
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert site.generate(ctx) == forked
    assert any(path.startswith("membres/") for path in forked) and "kpi/index.md" in forked


@pytest.mark.parametrize("cores", [1, 2])
def test_a_mistake_found_by_a_source_arrives_with_every_problem(monkeypatch, cores):
    monkeypatch.setattr("os.cpu_count", lambda: cores)
    with pytest.raises(UserError) as caught:
        site.generate(context(), sources=(core.pages, failing_source))
    assert [str(p) for p in caught.value.problems] == ["entraide.yml:3: tracks: first", "members/ana.yml: second"]


def folder(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("cores", [1, 2])
def test_pages_written_as_they_are_rendered_make_the_folder_the_whole_set_makes(monkeypatch, tmp_path, cores):
    """`write_generated` writes each page in the worker that renders it (no process holds them all): the same
    folder, byte for byte, as writing what `generate` returns; again, it rewrites nothing."""
    ctx = context()
    monkeypatch.setattr("os.cpu_count", lambda: cores)
    whole = output.write_pages(site.generate(ctx), tmp_path / "whole")
    streamed = output.write_generated(ctx, tmp_path / "streamed")
    assert folder(tmp_path / "streamed") == folder(tmp_path / "whole") and streamed == whole
    assert any(path.endswith(".json") for path in streamed.written)  # made inert in the worker too
    again = output.write_generated(ctx, tmp_path / "streamed")
    assert again.written == () and again.unchanged == len(whole.written)


@pytest.mark.parametrize("cores", [1, 2])
def test_pages_written_before_a_failure_are_listed_for_the_next_run_to_remove(monkeypatch, tmp_path, cores):
    def extra(ctx) -> dict[str, str]:
        return {"extra/page.md": "gone next run"}

    monkeypatch.setattr("os.cpu_count", lambda: cores)
    out = tmp_path / "pages"
    with pytest.raises(UserError):
        output.write_generated(context(), out, sources=(extra, failing_source))
    assert (out / "extra" / "page.md").is_file()
    report = output.write_generated(context(), out, sources=(core.pages,))
    assert report.removed == ("extra/page.md",) and not (out / "extra" / "page.md").exists()


@pytest.mark.parametrize("cores", [1, 2])
def test_a_failing_source_s_pages_written_before_it_failed_are_listed_too(monkeypatch, tmp_path, cores):
    def half(ctx) -> Iterator[tuple[str, str]]:
        yield "half/one.md", "written"
        raise UserError([Problem(path="entraide.yml", message="stopped")])

    class Lazy(dict):  # a source whose pages are rendered while they are read
        def __init__(self, ctx) -> None:
            self.ctx = ctx

        def items(self):
            return half(self.ctx)

    monkeypatch.setattr("os.cpu_count", lambda: cores)
    out = tmp_path / "pages"
    with pytest.raises(UserError):
        output.write_generated(context(), out, sources=(Lazy, core.pages))
    assert "half/one.md" in (out / output.MANIFEST).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("sources", "cores", "resident", "available", "workers"),
    [
        (14, 2, 1_000, 20_000, 2),  # a million events on this machine: both cores
        (14, 4, 1_000, 20_000, 4),
        (1, 4, 1_000, 20_000, 1),  # one source: no worker to fork
        (14, 2, 6_000, 16_000, 1),  # ten million: two copies of the parent would not fit in half: in turn
        (14, 4, 3_000, 13_000, 2),  # as many as fit
        (14, 2, None, None, 2),  # the system does not say: one per core
    ],
)
def test_workers_are_forked_only_while_their_copies_of_the_parent_fit(sources, cores, resident, available, workers):
    assert page_workers(sources, cores=cores, resident=resident, available=available) == workers


def test_this_process_s_memory_and_the_machine_s_are_read_where_the_system_says():
    resident, available = site.memory()
    if Path("/proc/meminfo").exists():
        assert resident is not None and available is not None and 0 < resident < available * 100


def test_too_little_memory_renders_the_pages_in_turn_the_same(monkeypatch):
    ctx = context()
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    forked = site.generate(ctx)
    monkeypatch.setattr("entraide.site.build.memory", lambda: (10**9, 10**9))
    monkeypatch.setattr("multiprocessing.context.ForkProcess.start", None)  # any fork would fail
    assert site.generate(ctx) == forked
