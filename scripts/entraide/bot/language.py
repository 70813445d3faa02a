"""Which language the bot writes to each member in: the first of their profile's `languages` that has a
catalogue, else the community's (`rules.language`), also for people without a profile."""

from __future__ import annotations

from collections.abc import Callable

from entraide.content.i18n import Translator, translator
from entraide.content.i18n.translator import SUPPORTED
from entraide.content.models import Community


def reader_languages(community: Community) -> Callable[[int | None], str]:
    """member id (or None) -> language code."""
    chosen: dict[int, str] = {}
    for member in community.members:
        spoken = [lang.split("-")[0].lower() for lang in member.languages]
        supported = [lang for lang in spoken if lang in SUPPORTED]
        if "languages" in member.model_fields_set and supported:
            chosen[member.id] = supported[0]
    default = community.rules.language
    return lambda member_id: chosen.get(member_id, default) if member_id is not None else default


def reader(community: Community, member_id: int | None) -> Translator:
    """The translator the bot writes to this member with (the community's for a group or a stranger)."""
    return translator(reader_languages(community)(member_id))
