"""A strict YAML reader for files people write: no surprises, every mistake located by line.

PyYAML follows YAML 1.1, where `NO` is a boolean, `0123` is octal and `12:30` is 750. We keep PyYAML's
parser and composer (every node carries its line) but turn nodes into data ourselves: plain scalars
resolve like the YAML 1.2 core schema, and the values that YAML 1.1 readers take for something else are
refused with a hint to quote them. Duplicate keys, anchors and aliases, explicit tags and several
documents in one file are refused too: each makes a file mean something other than what it shows.

A text with none of these is read by `yamlfast` first (libyaml composes it in C: about 3x faster),
which answers only for a text this path would read without a problem, with the same data; its lines
are recorded here when first asked for (`Parsed.lines`), so every message still names the line.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, StreamEndEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from entraide.content import yamlfast
from entraide.content.errors import N_, Problem, Text, UserError
from entraide.content.yamlscalars import AMBIGUOUS, HIDDEN, resolve_plain
from entraide.content.yamlwords import error_line, error_text

KeyPath = tuple[str | int, ...]


@dataclass
class Parsed:
    """What a YAML text holds: its data, the line of every key path, and the problems found."""

    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    flagged: set[KeyPath] = field(default_factory=set)  # key paths whose value was refused
    _lines: dict[KeyPath, int] | None = None
    _unlined: tuple[str, str, int] | None = field(default=None, repr=False)  # text, path, offset: read fast

    @property
    def lines(self) -> dict[KeyPath, int]:
        """The line of every key path; for a text read by the fast path, read strictly when first asked."""
        if self._lines is None:
            self._lines = _strict(*self._unlined).lines if self._unlined else {}
        return self._lines

    def line_of(self, path: KeyPath) -> int | None:
        """The line of `path`, or of its nearest ancestor present in the file (e.g. for a missing key)."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None


def load(path: Path, *, name: str | None = None) -> tuple[Any, dict[KeyPath, int]]:
    """Read one YAML file strictly; `name` is how problems cite the file (default: the path)."""
    shown = name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(Problem(path=shown, message=N_("cannot read the file: {error}", error=str(error)))) from None
    return loads(text, path=shown)


def loads(text: str, *, path: str, line_offset: int = 0) -> tuple[Any, dict[KeyPath, int]]:
    """Parse YAML text strictly; `line_offset` shifts lines, e.g. for front matter after a `---` line."""
    parsed = parse(text, path=path, line_offset=line_offset)
    if parsed.problems:
        raise UserError(parsed.problems)
    return parsed.data, parsed.lines


def parse(text: str, *, path: str, line_offset: int = 0) -> Parsed:
    """Like `loads` but returns the problems with the data, so callers can go on and report more."""
    data = yamlfast.clean_data(text)
    if data is yamlfast.NOT_CLEAN:
        return _strict(text, path, line_offset)
    return Parsed(data=data, _unlined=(text, path, line_offset))


def _strict(text: str, path: str, line_offset: int) -> Parsed:
    """The strict path: every node with its line, every problem found and placed."""
    parsed = Parsed(_lines={})
    try:
        composer = COMPOSER(text)
        root = composer.compose_only_document()
    except yaml.YAMLError as error:
        line = error_line(error, text)
        line = line and line + line_offset
        problem = Problem(path=path, line=line, message=N_("not valid YAML: {reason}", reason=error_text(error)))
        return Parsed(problems=[problem])
    builder = _Builder(parsed, path=path, offset=line_offset, refused=composer.refused)
    if root is not None:
        parsed.data = builder.build(root, ())
    else:
        parsed.lines[()] = 1 + line_offset
    builder.report_unplaced()
    parsed.problems.sort(key=lambda problem: problem.line or 0)
    return parsed


def _strict_composer(base: type) -> type:
    """PyYAML's composer on `base`'s parser, refusing anchors, aliases, tags and extra documents."""

    class StrictComposer(base):  # type: ignore[misc]
        def __init__(self, text: str):
            base.__init__(self, text)  # type: ignore[misc]
            self.refused: dict[tuple[int, int], list[Text]] = {}

        def compose_only_document(self) -> Node | None:
            self.get_event()  # StreamStart
            node = self.compose_document() if not self.check_event(StreamEndEvent) else None
            if not self.check_event(StreamEndEvent):
                self._refuse(
                    self.peek_event(), N_("only one YAML document is allowed in a file (remove the extra '---')")
                )
            return node

        def compose_node(self, parent: Node | None, index: Any) -> Node:
            event = self.peek_event()
            if isinstance(event, AliasEvent):
                self.get_event()
                self._refuse(
                    event, N_("aliases (*{name}) are not allowed: write the value out in full", name=str(event.anchor))
                )
                return ScalarNode("tag:yaml.org,2002:str", "", event.start_mark, event.end_mark, style="'")  # type: ignore[arg-type]
            if event.anchor is not None:
                message = N_("anchors (&{name}) are not allowed: write every value out in full", name=event.anchor)
                self._refuse(event, message)
                event.anchor = None
            if event.tag is not None:
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                self._refuse(event, N_("tags ({tag}) are not allowed: write plain values, quote text", tag=tag))
            node: Node = super().compose_node(parent, index)
            return node

        def _refuse(self, event: Any, message: Text) -> None:
            self.refused.setdefault(_where(event.start_mark), []).append(message)

    return StrictComposer


def _where(mark: Any) -> tuple[int, int]:
    return mark.line, mark.column


def _fastest_base() -> type:
    """libyaml's parser when PyYAML was built with it (about 5x faster), else PyYAML's own."""
    try:
        from yaml._yaml import CParser
    except ImportError:
        return yaml.SafeLoader

    class LibYAMLBase(CParser, Composer, Resolver):
        def __init__(self, text: str):
            CParser.__init__(self, text)
            Composer.__init__(self)
            Resolver.__init__(self)

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return ""  # the builder resolves plain scalars itself and never reads a node's tag

    return LibYAMLBase


COMPOSER = _strict_composer(_fastest_base())


class _Builder:
    """Turns composed nodes into Python data, recording the line of every key path."""

    def __init__(self, parsed: Parsed, *, path: str, offset: int, refused: dict[tuple[int, int], list[Text]]):
        self._parsed, self._path, self._offset, self._refused = parsed, path, offset, refused

    def build(self, node: Node, at: KeyPath) -> Any:
        self._parsed.lines.setdefault(at, self._line(node))
        for message in self._refused.pop(_where(node.start_mark), []):
            self._parsed.flagged.add(at)
            self._problem(node, at, message)
        if isinstance(node, MappingNode):
            return self._mapping(node, at)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*at, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._scalar(node, at)

    def _mapping(self, node: MappingNode, at: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, at, N_("keys must be plain names, not lists or mappings"))
                continue
            key = key_node.value
            if key in result:
                first = self._parsed.lines.get((*at, key))
                message = N_("duplicate key '{key}' (first given on line {line})", key=key, line=str(first))
                self._problem(key_node, (*at, key), message)
                continue
            self._parsed.lines[(*at, key)] = self._line(key_node)
            result[key] = self.build(value_node, (*at, key))
        return result

    def _scalar(self, node: ScalarNode, at: KeyPath) -> Any:
        value = node.value
        hidden = HIDDEN.search(value)
        if hidden:  # text that could show something else than it says (bidi overrides) or break a page
            self._parsed.flagged.add(at)
            self._problem(
                node,
                at,
                N_(
                    "character U+{code} ({name}) is not allowed: remove it",
                    code=f"{ord(hidden.group()):04X}",
                    name=unicodedata.name(hidden.group(), "control"),
                ),
            )
            return value
        if node.style:  # quoted or block scalar: always text (plain is None, or '' from libyaml)
            return value
        for pattern, reading in AMBIGUOUS:
            if pattern.match(value):
                self._parsed.flagged.add(at)
                message = N_(
                    "ambiguous value '{value}' (YAML reads it as {reading}): write it in quotes",
                    value=value,
                    reading=reading,
                )
                self._problem(node, at, message)
                return value
        return resolve_plain(value)

    def report_unplaced(self) -> None:
        """Refusals not on a value (on a key, or an extra document): reported at their line only."""
        for (line, _), messages in sorted(self._refused.items()):
            for message in messages:
                self._parsed.problems.append(Problem(path=self._path, line=line + 1 + self._offset, message=message))

    def _problem(self, node: Node, at: KeyPath, message: Text) -> None:
        self._parsed.problems.append(
            Problem(path=self._path, line=self._line(node), field=field_name(at) or None, message=message)
        )

    def _line(self, node: Node) -> int:
        return node.start_mark.line + 1 + self._offset


def field_name(path: KeyPath) -> str:
    """How a key path reads in messages: ('badges', 2, 'threshold') -> 'badges[2].threshold'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
