"""The reference of entraide.yml, generated from the models that validate it, so it cannot drift.

Every setting is listed with its type, its default and what it does. A page source for the site.
"""

from __future__ import annotations

import json
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from entraide.content.models import Rules
from entraide.site.context import SiteContext
from entraide.site.pages.common import front_matter_page

PAGE = "reference/entraide-yml.md"


def pages(ctx: SiteContext) -> dict[str, str]:
    return {PAGE: reference(Rules)}


def reference(model: type[BaseModel]) -> str:
    lines = [
        "Every setting of the community's rules, its type and default. Settings left out take their "
        "default. Generated from the validating models.",
        "",
    ]
    lines += _section(model, prefix="")
    return front_matter_page("entraide.yml reference", "\n".join(lines), fallback="Reference")


def _section(model: type[BaseModel], *, prefix: str) -> list[str]:
    rows, nested = [], []
    for name, field in model.model_fields.items():
        key = f"{prefix}{name}"
        rows.append(f"| `{key}` | {_type(field.annotation)} | {_default(field)} | {field.description or ''} |")
        inner = _model_in(field.annotation)
        if inner is not None:
            nested.append((key, inner))
    lines = [
        f"## `{prefix[:-1] or 'top level'}`",
        "",
        _doc(model),
        "",
        "| key | type | default | meaning |",
        "|---|---|---|---|",
        *rows,
        "",
    ]
    for key, inner in nested:
        lines += _section(
            inner, prefix=f"{key}." if not _is_list(model.model_fields[key.split(".")[-1]].annotation) else f"{key}[]."
        )
    return lines


def _doc(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split())


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _is_list(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (tuple, list)


def _type(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    if origin in (tuple, list):
        return f"list of {_type(typing.get_args(annotation)[0])}"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type(a) for a in typing.get_args(annotation) if a is not type(None)) + " (optional)"
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in typing.get_args(annotation))
    if origin is typing.Annotated:
        return _type(typing.get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "mapping (below)"
    return getattr(annotation, "__name__", str(annotation)).replace("datetime", "date and time")


def _default(field: FieldInfo) -> str:
    if field.default is PydanticUndefined:
        return "required"
    value = field.default
    if isinstance(value, BaseModel):
        return "see below"
    if isinstance(value, tuple) and value and isinstance(value[0], BaseModel):
        return f"{len(value)} item(s): " + ", ".join(
            f"`{json.dumps(v.model_dump(mode='json'), ensure_ascii=False)}`" for v in value
        )
    return f"`{json.dumps(value, ensure_ascii=False, default=str)}`"
