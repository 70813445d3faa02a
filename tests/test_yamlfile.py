"""The strict YAML reader: what it reads, what it refuses, and where it says the mistake is."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from entraide.content import yamlfile
from entraide.content.errors import UserError
from entraide.content.yamlfile import field_name, load, loads, parse


@pytest.fixture(params=["libyaml", "python"])
def parser(request, monkeypatch):
    """Both parsers: libyaml's (fast, used when PyYAML has it) and PyYAML's own (the fallback)."""
    if request.param == "python":
        monkeypatch.setattr(yamlfile, "COMPOSER", yamlfile._strict_composer(yaml.SafeLoader))
    elif not yaml.__with_libyaml__:
        pytest.skip("PyYAML built without libyaml")
    return request.param


# Plain scalars and what they mean (YAML 1.2 core schema); quoted values always stay text.
READS = [
    ("true", True),
    ("False", False),
    ("TRUE", True),
    ("null", None),
    ("~", None),
    ("", None),
    ("0", 0),
    ("42", 42),
    ("-7", -7),
    ("1.5", 1.5),
    ("1e3", 1000.0),
    ("2025-09-01", "2025-09-01"),  # dates stay text; the models parse ISO dates
    ("tRUE", "tRUE"),
    ("Yes please", "Yes please"),
    ("'NO'", "NO"),
    ('"0123"', "0123"),
    ("'12:30'", "12:30"),
    ("|\n  no\n", "no\n"),
]


@pytest.mark.parametrize(("written", "expected"), READS)
def test_plain_and_quoted_scalars_read_as_yaml_1_2_core(written, expected, parser):
    data, _ = loads(f"value: {written}\n", path="f.yml")
    assert data == {"value": expected}
    assert type(data["value"]) is type(expected)


# Values YAML 1.1 readers take for something else: refused, with the reading and a hint to quote.
AMBIGUOUS = [
    ("NO", "a boolean"),
    ("yes", "a boolean"),
    ("On", "a boolean"),
    ("off", "a boolean"),
    ("y", "a boolean"),
    ("N", "a boolean"),
    ("0123", "an octal number"),
    ("0o17", "a number"),
    ("0x1F", "a number"),
    ("1_000", "a number"),
    ("12:30", "a base-60 number"),
    (".inf", "an infinite or not-a-number float"),
    ("-.Inf", "an infinite or not-a-number float"),
    (".NaN", "an infinite or not-a-number float"),
]


@pytest.mark.parametrize(("written", "reading"), AMBIGUOUS)
def test_ambiguous_plain_values_are_refused_with_a_hint_to_quote(written, reading, parser):
    text = f"name: Ana\ncountry: {written}\n"
    with pytest.raises(UserError) as caught:
        loads(text, path="members/ana.yml")
    assert [str(p) for p in caught.value.problems] == [
        f"members/ana.yml:2: country: ambiguous value '{written}' (YAML reads it as {reading}): write it in quotes"
    ]


# Constructs that make a file mean something else than it shows: each refused, at its line.
REFUSED = [
    ("duplicate key", "a: 1\nb: 2\na: 3\n", 3, "a", "duplicate key 'a' (first given on line 1)"),
    ("nested duplicate", "t:\n  - id: x\n    id: y\n", 3, "t[0].id", "duplicate key 'id'"),
    ("anchor", "a: &base 1\n", 1, "a", "anchors (&base) are not allowed"),
    ("alias to nothing", "a: 1\nb: *base\n", 2, "b", "aliases (*base) are not allowed"),
    ("anchor and alias", "a: &x [1]\nb: *x\n", 2, "b", "aliases (*x) are not allowed"),
    ("merge key", "a: &x {k: 1}\nb:\n  <<: *x\n", 3, "b.<<", "aliases (*x) are not allowed"),
    ("standard tag", "a: !!str 12\n", 1, "a", "tags (!!str) are not allowed"),
    ("local tag", "a: !custom x\n", 1, "a", "tags (!custom) are not allowed"),
    ("tag on a mapping", "a: !!map {k: 1}\n", 1, "a", "tags (!!map) are not allowed"),
    ("non-specific tag", "a: ! x\n", 1, "a", "tags (!) are not allowed"),
    ("two documents", "a: 1\n---\nb: 2\n", 2, None, "only one YAML document is allowed"),
    ("syntax error", "a: [1, 2\nb: 3\n", 2, None, "not valid YAML"),
    ("bad indentation", "a:\n  b: 1\n c: 2\n", 3, None, "not valid YAML"),
    ("tab indentation", "a:\n\tb: 1\n", 2, None, "not valid YAML"),
    ("control character", "a: 1\nb: \x07\n", 2, None, "character #x0007 is not allowed"),
    ("mapping as key", "? {k: 1}\n: v\n", 1, None, "keys must be plain names"),
    ("anchor on a key", "&k a: 1\n", 1, None, "anchors (&k) are not allowed"),
    ("tag in a list", "a:\n  - 1\n  - !!int 2\n", 3, "a[1]", "tags (!!int) are not allowed"),
]


@pytest.mark.parametrize(
    ("text", "line", "field", "message"), [case[1:] for case in REFUSED], ids=[case[0] for case in REFUSED]
)
def test_surprising_constructs_are_refused_at_their_line(text, line, field, message, parser):
    with pytest.raises(UserError) as caught:
        loads(text, path="f.yml")
    problems = caught.value.problems
    assert any(p.line == line and p.field == field and message in p.message for p in problems), problems


def test_every_problem_of_a_file_is_reported_in_line_order():
    text = "a: yes\nb: &x 1\nc: 0123\na: 2\n"
    with pytest.raises(UserError) as caught:
        loads(text, path="f.yml")
    assert [p.line for p in caught.value.problems] == [1, 2, 3, 4]


def test_line_map_gives_the_line_of_every_key_and_list_item():
    text = "name: Ana\nbadges:\n  - id: first\n    threshold: 1\n  - id: ten\n\n    threshold: 10\n"
    data, lines = loads(text, path="f.yml")
    assert data["badges"][1] == {"id": "ten", "threshold": 10}
    assert lines[("name",)] == 1
    assert lines[("badges",)] == 2
    assert lines[("badges", 0)] == 3
    assert lines[("badges", 1, "threshold")] == 7


def test_line_offset_shifts_every_line_for_front_matter():
    parsed = parse("slug: a\nlevel: yes\n", path="challenges/a.md", line_offset=1)
    assert parsed.lines[("slug",)] == 2
    assert [(p.line, p.field) for p in parsed.problems] == [(3, "level")]
    assert parsed.line_of(("level", "missing", 0)) == 3  # nearest ancestor present


def test_parse_keeps_the_data_beside_the_problems_and_marks_refused_values():
    parsed = parse("role: mentor\ncountry: NO\n", path="f.yml")
    assert parsed.data == {"role": "mentor", "country": "NO"}
    assert parsed.flagged == {("country",)}


def test_empty_file_is_no_data_without_problems():
    data, lines = loads("", path="f.yml")
    assert data is None
    assert lines == {(): 1}


def test_load_reads_a_file_and_names_it_as_asked(tmp_path: Path):
    path = tmp_path / "ana.yml"
    path.write_text("login: ana\nrole: Off\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load(path, name="members/ana.yml")
    assert str(caught.value.problems[0]).startswith("members/ana.yml:2: role: ambiguous value 'Off'")


def test_load_reports_an_unreadable_file_as_a_problem(tmp_path: Path):
    path = tmp_path / "bad.yml"
    path.write_bytes(b"name: \xff\xfe\n")
    with pytest.raises(UserError) as caught:
        load(path, name="members/bad.yml")
    assert caught.value.problems[0].path == "members/bad.yml"
    assert "cannot read" in caught.value.problems[0].message


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ((), ""),
        (("name",), "name"),
        (("badges", 2, "threshold"), "badges[2].threshold"),
        ((0, "id"), "[0].id"),
    ],
)
def test_field_names_read_like_code(path, expected):
    assert field_name(path) == expected
