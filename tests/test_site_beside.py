"""The page sources that read no event render in one forked process beside the parent when no whole copy of
the parent fits (ten million events): the same pages, the same folder, the same errors."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from entraide.content.errors import UserError
from entraide.site import beside, output
from entraide.site import build as site
from test_site_generate import context, failing_source

TOO_LARGE_FOR_WORKERS = (6 * 10**9, 14 * 10**9)  # ten million events: no whole copy fits, a quarter does


def only_beside(monkeypatch, forks: list[str]) -> None:
    """Two cores, too little memory for whole copies; each process forked beside is counted in `forks`."""
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr("entraide.site.build.memory", lambda: TOO_LARGE_FOR_WORKERS)
    start = beside.Beside.__init__

    def counted(self, renderers, *, names):
        forks.append(",".join(names))
        start(self, renderers, names=names)

    monkeypatch.setattr(beside.Beside, "__init__", counted)


def example() -> site.SiteContext:
    """The example community (this repository) with an address, a contact and a signing key: its Open Badges
    2.0 and 3.0 files too."""
    ctx = site.context_for(Path("."))
    rules = ctx.community.rules.model_copy(
        update={"site_url": "https://example.org/c/", "contact_email": "c@example.org"}
    )
    community = ctx.community.model_copy(update={"rules": rules})
    return dataclasses.replace(ctx, community=community, signing_key="5a" * 32)


def test_every_event_free_source_is_a_page_source_and_renders_the_same_without_the_events():
    """What makes the process beside small: these sources never read an event (one that did would copy the
    history into it). Their pages with the events removed are the pages with them."""
    ctx = example()
    sources = {site.name_of(source): source for source in site.page_sources()}
    assert set(beside.EVENT_FREE) <= set(sources)
    assert ctx.ledger.awards  # the credential files have awards to render
    for name in beside.EVENT_FREE:
        rendered = site.generate(ctx, sources=(sources[name],))
        assert site.generate(dataclasses.replace(ctx, events=()), sources=(sources[name],)) == rendered, name
    assert any(path.endswith(".json") for path in site.generate(ctx, sources=(sources[beside.EVENT_FREE[0]],)))


def test_sources_beside_give_the_same_pages_as_in_turn(monkeypatch):
    ctx = context()
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    in_turn = site.generate(ctx)
    forks: list[str] = []
    only_beside(monkeypatch, forks)
    assert site.generate(ctx) == in_turn
    assert forks == [",".join(name for name in map(site.name_of, site.page_sources()) if name in beside.EVENT_FREE)]


def test_sources_beside_write_the_same_folder(monkeypatch, tmp_path):
    ctx = example()
    whole = output.write_pages(site.generate(ctx), tmp_path / "whole")
    forks: list[str] = []
    only_beside(monkeypatch, forks)
    written = output.write_generated(ctx, tmp_path / "beside")
    assert forks and written == whole
    assert folder(tmp_path / "beside") == folder(tmp_path / "whole")


def test_a_failure_here_stops_the_process_beside_and_lists_what_it_wrote(monkeypatch, tmp_path):
    forks: list[str] = []
    only_beside(monkeypatch, forks)
    sources = tuple(s for s in site.page_sources() if site.name_of(s) in beside.EVENT_FREE) + (failing_source,)
    with pytest.raises(UserError):
        output.write_generated(context(), tmp_path / "pages", sources=sources)
    assert forks
    listed = (tmp_path / "pages" / output.MANIFEST).read_text(encoding="utf-8")
    assert all(path in listed for path in folder(tmp_path / "pages") if path != output.MANIFEST)


def test_a_failure_beside_arrives_with_every_problem(monkeypatch):
    forks: list[str] = []
    only_beside(monkeypatch, forks)
    monkeypatch.setattr(beside, "EVENT_FREE", (*beside.EVENT_FREE, site.name_of(failing_source)))
    monkeypatch.setattr("entraide.site.build.EVENT_FREE", beside.EVENT_FREE)
    with pytest.raises(UserError) as caught:
        site.generate(context(), sources=(*site.page_sources(), failing_source))
    assert forks and [p.message for p in caught.value.problems] == ["first", "second"]


@pytest.mark.parametrize(
    ("cores", "resident", "available", "fits"),
    [
        (2, 6_000, 14_000, True),  # ten million events on this machine: a quarter of the parent fits in half
        (2, 6_000, 2_000, False),
        (1, 6_000, 14_000, False),  # one core: nothing to render beside
        (2, None, None, True),  # the system does not say
    ],
)
def test_the_process_beside_is_forked_only_where_its_copy_fits(cores, resident, available, fits):
    assert beside.fits_beside(cores=cores, resident=resident, available=available) == fits


def folder(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
