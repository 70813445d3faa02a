"""The order forked page workers take the page sources in: the longest first, every source once."""

from __future__ import annotations

from entraide.site import build as site


def test_longest_sources_are_page_sources() -> None:
    names = [site.name_of(source) for source in site.page_sources()]
    assert set(site.LONGEST) <= set(names)  # a source renamed would quietly lose its place


def test_dispatch_order_takes_the_longest_first_then_the_others_as_listed() -> None:
    sources = site.page_sources()
    order = site.dispatch_order(sources)
    assert sorted(order) == list(range(len(sources)))
    taken = [site.name_of(sources[index]) for index in order]
    assert taken[: len(site.LONGEST)] == list(site.LONGEST)
    rest = [name for name in map(site.name_of, sources) if name not in site.LONGEST]
    assert taken[len(site.LONGEST) :] == rest


def test_dispatch_order_of_sources_not_listed_keeps_their_order() -> None:
    sources = site.page_sources()[-3:]
    assert site.dispatch_order(sources) == [0, 1, 2]
