"""The writing process: pages handed down a pipe are written by a process of its own, which says page by page
whether their bytes changed; its failure reaches the renderer as an error naming the cause."""

from __future__ import annotations

import io

import pytest

from entraide.site import output
from entraide.site.writer import HEADER, Writer, serve
from test_site_generate import context, folder


def framed(pages: dict[str, bytes]) -> io.BytesIO:
    stream = io.BytesIO()
    for path, data in pages.items():
        stream.write(HEADER.pack(len(path.encode()), len(data)) + path.encode() + data)
    return io.BytesIO(stream.getvalue())


def test_serve_writes_each_page_and_answers_one_byte_per_page(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "same.md").write_bytes(b"same")
    answer = io.BytesIO()
    serve(tmp_path, framed({"a/same.md": b"same", "a/b/new.md": "é".encode(), "c.svg": b""}), answer)
    assert answer.getvalue() == bytes([0, 1, 1])
    assert folder(tmp_path) == {"a/b/new.md": "é".encode(), "a/same.md": b"same", "c.svg": b""}


def test_the_writer_process_writes_what_it_is_handed_and_says_what_changed(tmp_path):
    writer = Writer(tmp_path)
    writer.write("x/one.md", b"1")
    writer.write("two.json", b"{}")
    assert writer.finish() == {"x/one.md": True, "two.json": True} == writer.finish()
    again = Writer(tmp_path)
    again.write("x/one.md", b"1")
    again.write("two.json", b"[]")
    assert again.finish() == {"x/one.md": False, "two.json": True}
    assert folder(tmp_path) == {"two.json": b"[]", "x/one.md": b"1"}


def test_a_writer_that_cannot_write_says_why(tmp_path):
    (tmp_path / "taken").write_text("a file where a folder should be")
    writer = Writer(tmp_path)
    writer.write("taken/page.md", b"x")
    with pytest.raises(OSError, match="writing the generated pages failed"):
        writer.finish()


def test_pages_rendered_in_one_process_go_through_the_writer_with_the_same_folder(monkeypatch, tmp_path):
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    handed: list[str] = []
    write = Writer.write
    monkeypatch.setattr(Writer, "write", lambda self, path, data: (handed.append(path), write(self, path, data)))
    whole = output.write_pages(output.build.generate(context()), tmp_path / "whole")
    written = output.write_generated(context(), tmp_path / "handed")
    assert written == whole and folder(tmp_path / "handed") == folder(tmp_path / "whole")
    assert len(handed) > 10 and "api/ledger.json" not in handed  # a streamed page is written where it is produced


def test_no_writing_process_starts_until_a_page_comes(tmp_path, monkeypatch):
    """Forked renderers write their own pages: a writer that is handed none starts no interpreter."""

    def refused(*args, **kwargs):
        raise AssertionError("a writing process was started with no page to write")

    monkeypatch.setattr("entraide.site.writer.subprocess.Popen", refused)
    assert Writer(tmp_path).finish() == {}
    assert list(tmp_path.iterdir()) == []
