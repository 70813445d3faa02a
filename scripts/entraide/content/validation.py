"""Pydantic's validation errors, said the way a person editing a YAML file needs to hear them."""

from __future__ import annotations

import difflib
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from entraide.content.models import Login, Slug

_SLUG_PATTERN: str = Slug.__metadata__[0].pattern  # type: ignore[attr-defined]
_LOGIN_PATTERN: str = Login.__metadata__[0].pattern  # type: ignore[attr-defined]
_PATTERNS = {
    _SLUG_PATTERN: "expected a slug: lowercase letters a-z, digits and '-'",
    _LOGIN_PATTERN: "expected a GitHub login: letters, digits and '-', at most 39",
}

_SIMPLE = {
    "missing": "required field is missing",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "float_type": "expected a number",
    "float_parsing": "expected a number",
    "date_type": "expected a date written YYYY-MM-DD",
    "date_parsing": "expected a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "expected a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "expected a date written YYYY-MM-DD",
    "tuple_type": "expected a list, such as [a, b] or one '- item' per line",
    "list_type": "expected a list, such as [a, b] or one '- item' per line",
    "model_type": "expected fields written 'name: value', one per line",
    "dict_type": "expected fields written 'name: value', one per line",
    "string_too_short": "must not be empty",
}


def describe(error: ErrorDetails, *, model: type[BaseModel], data: Any) -> str:
    """One pydantic error (from `ValidationError.errors()`) as a message for the file's author."""
    kind, ctx, loc = error["type"], error.get("ctx") or {}, tuple(error["loc"])
    given = error.get("input")
    if kind in ("model_type", "dict_type") and not loc and data is None:
        kind = model.__name__.lower()
        return f"the file is empty: expected the {kind}'s fields, one 'name: value' per line"
    if kind == "extra_forbidden":
        return _unknown_field(str(loc[-1]), fields_at(model, loc[:-1]))
    if kind in ("enum", "literal_error"):
        return f"expected one of {_choices(ctx.get('expected', ''))}, got {show(given)}"
    if kind == "string_type":
        hint = ": write it in quotes" if isinstance(given, (bool, int, float)) else ""
        return f"expected text, got {show(given)}{hint}"
    if kind == "string_pattern_mismatch":
        return f"{_PATTERNS.get(str(ctx.get('pattern')), 'unexpected characters')}, got {show(given)}"
    if kind in _SIMPLE:
        return _SIMPLE[kind] if kind == "missing" else f"{_SIMPLE[kind]}, got {show(given)}"
    return _bounds(kind, ctx, given) or f"{error['msg']}, got {show(given)}"


def _bounds(kind: str, ctx: dict[str, Any], given: Any) -> str | None:
    messages = {
        "greater_than_equal": lambda: f"must be at least {ctx['ge']}, got {show(given)}",
        "greater_than": lambda: f"must be more than {ctx['gt']}, got {show(given)}",
        "less_than_equal": lambda: f"must be at most {ctx['le']}, got {show(given)}",
        "less_than": lambda: f"must be less than {ctx['lt']}, got {show(given)}",
        "string_too_long": lambda: f"must be at most {ctx['max_length']} characters long, got {len(given)}",
        "too_short": lambda: f"needs at least {ctx['min_length']} item{'s' * (ctx['min_length'] != 1)}",
        "too_long": lambda: f"allows at most {ctx['max_length']} items, got {ctx.get('actual_length')}",
    }
    return messages[kind]() if kind in messages else None


def _unknown_field(name: str, known: list[str]) -> str:
    guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if guess:
        return f"unknown field '{name}' (did you mean '{guess[0]}'?)"
    return f"unknown field '{name}' (expected: {', '.join(known)})" if known else f"unknown field '{name}'"


def _choices(expected: str) -> str:
    """Pydantic's "'a', 'b' or 'c'" as "a, b, c"."""
    return expected.replace(" or ", ", ").replace("'", "")


def show(value: Any) -> str:
    """A value as the author wrote it, short."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = str(value)
    text = text if len(text) <= 40 else text[:37] + "..."
    return f"'{text}'" if isinstance(value, str) else text


def fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The field names of the model found at `loc` inside `model` (for 'did you mean')."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            current = (get_args(current) or (None,))[0]
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return []
    current = _unwrap(current)
    return list(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []


def _unwrap(annotation: Any) -> Any:
    """Annotated[X, ...] -> X; X | None -> X."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
        else:
            return annotation
