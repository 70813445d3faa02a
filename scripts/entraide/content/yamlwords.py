"""What the strict YAML reader (`yamlfile`) says when a text is not YAML: the line, and libyaml's reason in words
the catalogues translate (a reason not listed is shown as libyaml says it)."""

from __future__ import annotations

import yaml

from entraide.content.errors import N_, Text


def error_line(error: yaml.YAMLError, text: str) -> int | None:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        return int(mark.line) + 1
    position = getattr(error, "position", None)  # ReaderError: a character YAML refuses
    return text.count("\n", 0, position) + 1 if isinstance(position, int) else None


def error_text(error: yaml.YAMLError) -> str | Text:
    if isinstance(error, yaml.reader.ReaderError):
        return N_("character #x{code} is not allowed in YAML", code=f"{error.character:04x}")
    found = (getattr(error, "context", None), getattr(error, "problem", None))
    parts = [_YAML_WORDS.get(str(part), str(part)) for part in found if part]
    if len(parts) == 2:
        return N_("{context}, {problem}", context=parts[0], problem=parts[1])
    return parts[0] if parts else str(error)


# What libyaml says most often, in words the catalogues translate (anything else is shown as libyaml says it).
_YAML_WORDS = {
    "mapping values are not allowed in this context": N_("a ':' is not allowed here (is a key indented too far?)"),
    "did not find expected key": N_("did not find the expected key (check the indentation)"),
    "did not find expected ',' or ']'": N_("did not find the expected ',' or ']'"),
    "did not find expected ',' or '}'": N_("did not find the expected ',' or '}'"),
    "did not find expected '-' indicator": N_("did not find the expected '-' of a list item"),
    "did not find expected node content": N_("did not find the expected value"),
    "could not find expected ':'": N_("did not find the expected ':'"),
    "found character that cannot start any token": N_(
        "found a character that cannot start a value (a tab, or @ or ` unquoted?)"
    ),
    "found unexpected end of stream": N_("the file ends too early (a quote or bracket not closed?)"),
    "found unknown escape character": N_("unknown escape character after '\\'"),
    "found a tab character where an indentation space is expected": N_(
        "a tab where spaces are expected: indent with spaces"
    ),
    "found a tab character that violates indentation": N_("a tab where spaces are expected: indent with spaces"),
    "while parsing a block mapping": N_("in a block of 'name: value' lines"),
    "while parsing a block collection": N_("in a list"),
    "while parsing a flow sequence": N_("in a list written [a, b]"),
    "while parsing a flow mapping": N_("in fields written {a: b}"),
    "while scanning a quoted scalar": N_("in a quoted text"),
    "while parsing a quoted scalar": N_("in a quoted text"),
    "while scanning a simple key": N_("in a key"),
    "while scanning for the next token": N_("in the text"),
    "while scanning a block scalar": N_("in a block of text"),
}
