"""The base of every model people's files become: frozen, strict about unknown fields; slugs and logins."""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, StringConstraints

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
Login = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")]
REPO_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$"  # OWNER/NAME, as GitHub allows
RepoName = Annotated[str, StringConstraints(pattern=REPO_PATTERN)]


_FIELDS_SETS: dict[tuple[type, tuple[str, ...]], set[str]] = {}


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=False)

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """The model from values already validated upstream, every field given: what `model_construct`
        builds, at a tenth of its cost (it matters for the ledger's hundreds of thousands of awards)."""
        model = cls.__new__(cls)
        object.__setattr__(model, "__dict__", values)
        key = (cls, tuple(values))
        fields_set = _FIELDS_SETS.get(key) or _FIELDS_SETS.setdefault(key, set(values))  # shared: frozen models
        object.__setattr__(model, "__pydantic_fields_set__", fields_set)
        object.__setattr__(model, "__pydantic_extra__", None)
        object.__setattr__(model, "__pydantic_private__", None)
        return model
