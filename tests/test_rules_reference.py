"""The entraide.yml reference lists every setting with its default, straight from the models."""

from entraide.content.models import BuddyRules, Caps, Points, Rules
from entraide.site.rules import reference


def test_every_setting_is_documented_with_its_default():
    page = reference(Rules)
    for name in Rules.model_fields:
        assert f"| `{name}` |" in page
    for name, field in Points.model_fields.items():
        assert f"| `points.{name}` | int | `{field.default}` |" in page
    for name in Caps.model_fields:
        assert f"| `caps.{name}` |" in page
    assert f"| `buddies.max_load` | int | `{BuddyRules().max_load}` |" in page
    assert '| `agenda[].timezone` | str | `"Europe/Paris"` |' in page
    assert "| `name` | str | required |" in page
