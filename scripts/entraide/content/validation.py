"""Pydantic's validation errors, said the way a person editing a YAML file needs to hear them."""

from __future__ import annotations

import difflib
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from entraide.content.errors import N_, Text
from entraide.content.models import Login, Slug

_SLUG_PATTERN: str = Slug.__metadata__[0].pattern  # type: ignore[attr-defined]
_LOGIN_PATTERN: str = Login.__metadata__[0].pattern  # type: ignore[attr-defined]
_PATTERNS = {
    _SLUG_PATTERN: N_("expected a slug: lowercase letters a-z, digits and '-', got {given}"),
    _LOGIN_PATTERN: N_("expected a GitHub login: letters, digits and '-', at most 39, got {given}"),
}

_SIMPLE = {
    "bool_type": N_("expected true or false, got {given}"),
    "bool_parsing": N_("expected true or false, got {given}"),
    "int_type": N_("expected a whole number, got {given}"),
    "int_parsing": N_("expected a whole number, got {given}"),
    "int_from_float": N_("expected a whole number, got {given}"),
    "float_type": N_("expected a number, got {given}"),
    "float_parsing": N_("expected a number, got {given}"),
    "date_type": N_("expected a date written YYYY-MM-DD, got {given}"),
    "date_parsing": N_("expected a date written YYYY-MM-DD, got {given}"),
    "date_from_datetime_parsing": N_("expected a date written YYYY-MM-DD, got {given}"),
    "date_from_datetime_inexact": N_("expected a date written YYYY-MM-DD, got {given}"),
    "datetime_type": N_("expected a date and time written YYYY-MM-DDTHH:MM, got {given}"),
    "datetime_parsing": N_("expected a date and time written YYYY-MM-DDTHH:MM, got {given}"),
    "datetime_from_date_parsing": N_("expected a date and time written YYYY-MM-DDTHH:MM, got {given}"),
    "tuple_type": N_("expected a list, such as [a, b] or one '- item' per line, got {given}"),
    "list_type": N_("expected a list, such as [a, b] or one '- item' per line, got {given}"),
    "model_type": N_("expected fields written 'name: value', one per line, got {given}"),
    "dict_type": N_("expected fields written 'name: value', one per line, got {given}"),
    "string_too_short": N_("must not be empty, got {given}"),
    "string_pattern_mismatch": N_("unexpected characters, got {given}"),
}
_EMPTY = {
    "Member": N_("the file is empty: expected the member's fields, one 'name: value' per line"),
    "Challenge": N_("the file is empty: expected the challenge's fields, one 'name: value' per line"),
    "Rules": N_("the file is empty: expected the rules' fields, one 'name: value' per line"),
    "": N_("the file is empty: expected its fields, one 'name: value' per line"),
}
_BOUNDS = {  # pydantic gives the bound as the one value of the error's context (ge, gt, le or lt)
    "greater_than_equal": N_("must be at least {bound}, got {given}"),
    "greater_than": N_("must be more than {bound}, got {given}"),
    "less_than_equal": N_("must be at most {bound}, got {given}"),
    "less_than": N_("must be less than {bound}, got {given}"),
}


def describe(error: ErrorDetails, *, model: type[BaseModel], data: Any) -> Text:
    """One pydantic error (from `ValidationError.errors()`) as a message for the file's author, in words the
    catalogues translate (pydantic's own English is shown only for an error type not listed here)."""
    kind, ctx, loc = error["type"], error.get("ctx") or {}, tuple(error["loc"])
    given = error.get("input")
    if kind in ("model_type", "dict_type") and not loc and data is None:
        return _EMPTY.get(model.__name__, _EMPTY[""])
    if kind == "missing":
        return N_("required field is missing")
    if kind == "end_before_start":  # animation_models: an entry that ends before it starts
        return N_("the end is before the start")
    if kind == "extra_forbidden":
        return _unknown_field(str(loc[-1]), fields_at(model, loc[:-1]))
    if kind in ("enum", "literal_error"):
        return N_(
            "expected one of {choices}, got {given}", choices=_choices(ctx.get("expected", "")), given=show(given)
        )
    if kind == "string_type":
        if isinstance(given, (bool, int, float)):
            return N_("expected text, got {given}: write it in quotes", given=show(given))
        return N_("expected text, got {given}", given=show(given))
    if kind == "string_pattern_mismatch" and str(ctx.get("pattern")) in _PATTERNS:
        return _with(_PATTERNS[str(ctx.get("pattern"))], given=show(given))
    if kind in _SIMPLE:
        return _with(_SIMPLE[kind], given=show(given))
    return _bounds(kind, ctx, given) or N_("{reason}, got {given}", reason=error["msg"], given=show(given))


def _with(text: Text, **values: str | Text) -> Text:
    return text.model_copy(update={"values": (*text.values, *values.items())})


def _bounds(kind: str, ctx: dict[str, Any], given: Any) -> Text | None:
    if kind in _BOUNDS:
        return _with(_BOUNDS[kind], bound=str(next(iter(ctx.values()))), given=show(given))
    if kind == "too_short":
        if ctx["min_length"] == 1:
            return N_("needs at least 1 item")
        return N_("needs at least {bound} items", bound=ctx["min_length"])
    if kind == "string_too_long":
        return N_("must be at most {bound} characters long, got {count}", bound=ctx["max_length"], count=len(given))
    if kind == "too_long":
        return N_(
            "allows at most {bound} items, got {count}", bound=ctx["max_length"], count=str(ctx.get("actual_length"))
        )
    return None


def _unknown_field(name: str, known: list[str]) -> Text:
    guess = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if guess:
        return N_("unknown field '{name}' (did you mean '{guess}'?)", name=name, guess=guess[0])
    if known:
        return N_("unknown field '{name}' (expected: {known})", name=name, known=", ".join(known))
    return N_("unknown field '{name}'", name=name)


def _choices(expected: str) -> str:
    """Pydantic's "'a', 'b' or 'c'" as "a, b, c"."""
    return expected.replace(" or ", ", ").replace("'", "")


def show(value: Any) -> str | Text:
    """A value as the author wrote it, short."""
    if value is None:
        return N_("nothing")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return N_("a list")
    if isinstance(value, dict):
        return N_("a mapping")
    text = str(value)
    text = text if len(text) <= 40 else text[:37] + "..."
    return N_("'{value}'", value=text) if isinstance(value, str) else text


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
