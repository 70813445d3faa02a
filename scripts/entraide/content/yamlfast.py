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
    try:
        root = _COMPOSER(text).get_single_node()
        return None if root is None else _data(root)
    except (yaml.YAMLError, _Unclean):
        return NOT_CLEAN


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
    if SPECIAL.match(value) is None:
        return value
    if AMBIGUOUS_ANY.match(value):
        raise _Unclean
    return resolve_plain(value)
