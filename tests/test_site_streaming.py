"""Pages rendered and written one at a time: a source that is `Rendered` renders its next page only once the
last one is written, and a `Streamed` page (the open ledger) is written piece by piece; same bytes as whole."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator

import pytest

from entraide.site import build as site
from entraide.site import output
from entraide.site.context import Rendered, Streamed
from entraide.site.pages import core, ledger
from test_site_generate import context, folder


def test_the_streamed_ledger_is_the_text_of_the_whole_structure():
    ctx = context()
    text = site.generate(ctx, sources=(ledger.pages,))["api/ledger.json"]
    data = json.loads(text)
    assert data["members"] and text == json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    assert len(list(ledger.pages(ctx)["api/ledger.json"].pieces())) == len(data["members"]) + 2


def test_the_streamed_ledger_of_a_community_without_public_awards_is_the_whole_text_too():
    ctx = context()
    hidden = dataclasses.replace(ctx, ledger=ctx.ledger.model_copy(update={"awards": ()}))
    text = site.generate(hidden, sources=(ledger.pages,))["api/ledger.json"]
    assert text == json.dumps({"as_of": ctx.as_of.isoformat(), "members": []}, indent=1) + "\n"


def test_a_rendered_source_renders_each_page_only_after_the_last_one_is_written(monkeypatch, tmp_path):
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    log: list[str] = []

    def each(ctx) -> Iterator[tuple[str, str]]:
        for number in range(3):
            log.append(f"rendered {number}")
            yield f"n/{number}.md", str(number)

    def writing(out_dir, pages, path, content):
        log.append(f"written {path}")
        return output._write_if_changed(out_dir / path, content)

    monkeypatch.setattr(output, "_write_page", writing)
    output.write_generated(context(), tmp_path, sources=(lambda ctx: Rendered(lambda: each(ctx)),))
    assert log == [line for n in range(3) for line in (f"rendered {n}", f"written n/{n}.md")]


def test_a_rendered_source_read_as_a_mapping_renders_once():
    calls = []

    def render() -> Iterator[tuple[str, str]]:
        calls.append(1)
        yield "a.md", "A"

    pages = Rendered(render)
    assert pages["a.md"] == "A" and dict(pages) == {"a.md": "A"} and len(pages) == 1 and calls == [1]
    assert list(pages.each()) == [("a.md", "A")] and calls == [1]


@pytest.mark.parametrize("cores", [1, 2])
def test_a_streamed_page_is_written_piece_by_piece_made_inert_and_left_alone_when_unchanged(
    monkeypatch, tmp_path, cores
):
    monkeypatch.setattr("os.cpu_count", lambda: cores)

    def big(ctx) -> dict[str, Streamed]:
        return {"api/big.json": Streamed(lambda: iter(['{"a": "<b>",', ' "c": "&"}\n']))}

    first = output.write_generated(context(), tmp_path, sources=(big, core.pages))
    assert (tmp_path / "api/big.json").read_text() == '{"a": "\\u003cb\\u003e", "c": "\\u0026"}\n'
    assert "api/big.json" in first.written and folder(tmp_path) == {
        **{
            p: c if isinstance(c, bytes) else c.encode()
            for p, c in site.generate(context(), sources=(big, core.pages)).items()
        },
        output.MANIFEST: (tmp_path / output.MANIFEST).read_bytes(),
    }
    again = output.write_generated(context(), tmp_path, sources=(big, core.pages))
    assert again.written == () and not list(tmp_path.rglob("*.part"))
