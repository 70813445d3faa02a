"""The strict YAML reader's fast path: libyaml composes in C, and only texts that are plainly clean pass.

`yamlfile.parse` tries this first. It answers only for a text the strict path would read without one
problem, and then with the same data: it uses the same libyaml parser, the same scalar patterns
(`yamlscalars`) and the same rules, and gives up (returns NOT_CLEAN) on anything the strict path refuses
or reports, which then reads the text itself and says where and why. What the C composer cannot refuse
is kept out before it runs: a text with no '&', '*' or '!' cannot hold an anchor, an alias or a tag, and
a second document makes libyaml raise. Line numbers are not kept here; the strict path records them when
a problem needs one (`Parsed.lines`). tests/test_yamlfast.py holds both paths to the same answers.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from entraide.content.yamlscalars import AMBIGUOUS_ANY, HIDDEN, HIDDEN_CHARS, SPECIAL, resolve_plain

NOT_CLEAN: Any = object()
# Every anchor, alias and tag starts with '&', '*' or '!'; a hidden character is refused wherever it is.
_NOT_PLAIN = re.compile(f"[&*!{HIDDEN_CHARS}]")


class _Unclean(Exception):
    """Something the strict path reports: the fast path stops and leaves the text to it."""


def _c_composer() -> type | None:
    """libyaml's own composer, or None for PyYAML without libyaml (every text then takes the strict path)."""
    try:
        from yaml._yaml import CParser
    except ImportError:
        return None

    class CComposer(CParser):
        """The builder below never reads a node's tag, so none is resolved."""

        def descend_resolver(self, parent: Any, index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return ""

    return CComposer


_COMPOSER = _c_composer()


def clean_data(text: str) -> Any:
    """The data of `text` when the strict reader finds no problem in it, else NOT_CLEAN."""
    if _COMPOSER is None or _NOT_PLAIN.search(text):
        return NOT_CLEAN
    simple = None if _NOT_SIMPLE.search(text) else _simple_mapping(text)
    if simple is not None:
        return simple
    try:
        root = _COMPOSER(text).get_single_node()
        return None if root is None else _data(root)
    except (yaml.YAMLError, _Unclean):
        return NOT_CLEAN


# Most files people write here (every generated profile, most real ones) are `key: value` lines at the
# margin and `- item` lines under a key that has none, each value a plain scalar or a single-quoted one
# on its line. Such a text is read line by line, in a tenth of the time libyaml's composer takes to build
# its nodes; anything else (a comment, a tab, a nested mapping, a value YAML could read another way)
# goes to the composer. Characters YAML may take for a line break or refuse are left to it too.
_NOT_SIMPLE = re.compile("[\t\r\u2028\u2029\ufeff\ufffe\uffff]")
# One match per line, all lines at once: a key and its value (none: ""), or an item's indent and value,
# or nothing (an empty line). A line of any other shape has no match, so the count tells.
_LINES = re.compile(r"^(?:([A-Za-z_][A-Za-z0-9_-]{0,99}):(?: ([^ \n][^\n]*))?|( *)- ([^ \n][^\n]*)|)$", re.M)
_SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")  # a plain scalar starting with one may mean something else


def _simple_mapping(text: str) -> dict[str, Any] | None:
    """The data of a text of the simple shape above, or None when it has another (or a problem)."""
    lines = _LINES.findall(text)
    if len(lines) != text.count("\n") + 1:
        return None
    data: dict[str, Any] = {}
    open_key = ""  # the key above with no value, whose `- item` lines may follow
    items: list[Any] | None = None
    indent = ""
    try:
        for key, raw, spaces, item in lines:
            if key:
                if key in data:
                    return None
                data[key] = _simple_value(raw) if raw else None
                open_key, items = ("" if raw else key), None
            elif item:
                if not open_key:
                    return None
                if items is None:
                    items, indent = [], spaces
                    data[open_key] = items
                elif spaces != indent:
                    return None
                items.append(_simple_value(item))
    except _Unclean:
        return None
    return data or None


def _simple_value(raw: str) -> Any:
    if raw[0] == "'":
        quoted = _SINGLE_QUOTED.fullmatch(raw)
        if quoted is None:
            raise _Unclean
        return quoted[1].replace("''", "'")
    if raw[0] in _INDICATORS or raw[-1] in " :" or ": " in raw or " #" in raw:
        raise _Unclean
    return _plain(raw)


def _data(node: Node) -> Any:
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_data(item) for item in node.value]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.__class__ is not ScalarNode or key_node.value in result:  # a list as key, or a key twice
            raise _Unclean
        key = key_node.value
        result[key] = _data(value_node)
    return result


def _scalar(node: ScalarNode) -> Any:
    value: str = node.value
    style = node.style
    if style:  # quoted or block: text; only a "double-quoted" escape can add a character not in the file
        if style == '"' and HIDDEN.search(value):
            raise _Unclean
        return value
    return _plain(value)


# Every value SPECIAL matches starts with one of these, or is empty (see the patterns in `yamlscalars`):
# most values people write (names, logins, tracks, topics) start otherwise and skip the long match.
MAY_BE_SPECIAL = frozenset("~nNtTfFyYoO+-.0123456789\n")  # "\n": `$` matches before a final line break


def _plain(value: str) -> Any:
    if (value and value[0] not in MAY_BE_SPECIAL) or SPECIAL.match(value) is None:
        return value
    if AMBIGUOUS_ANY.match(value):
        raise _Unclean
    return resolve_plain(value)
