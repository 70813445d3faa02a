"""The strict YAML reader's two paths give one answer: for every text, the fast path (libyaml's composer)
and the strict path (PyYAML's composer, hooked) yield the same data, lines, problems and refused values."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from entraide.content import yamlfast, yamlfile
from entraide.content.errors import UserError
from entraide.content.loader import load_community

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="the fast path needs libyaml")

# Texts people could write, each chosen for something the reader must get right.
TEXTS = [
    "",
    "# only a comment\n",
    "login: ana\nid: 12\nname: Ana Lopez\nrole: mentor\n",
    "a: true\nb: False\nc: null\nd: ~\ne:\nf: 0\ng: -7\nh: 1.5\ni: 1e3\nj: .5\nk: +3\n",
    "a: 2025-09-01\nb: tRUE\nc: Yes please\nd: 'NO'\ne: \"0123\"\nf: '12:30'\ng: |\n  no\n",
    "a: NO\n",
    "a: yes\n",
    "a: On\n",
    "a: y\n",
    "a: 0123\n",
    "a: 0o17\n",
    "a: 0x1F\n",
    "a: 0b101\n",
    "a: 1_000\n",
    "a: 12:30\n",
    "a: 1:2:3\n",
    "a: .inf\n",
    "a: -.Inf\n",
    "a: .NaN\n",
    "a: 1__0.5e3\n",
    "a: 1\nb: 2\na: 3\n",
    "t:\n  - id: x\n    id: y\n",
    "a: &base 1\n",
    "a: 1\nb: *base\n",
    "a: &x [1]\nb: *x\n",
    "a: &x {k: 1}\nb:\n  <<: *x\n",
    "a: !!str 12\n",
    "a: !custom x\n",
    "a: !!map {k: 1}\n",
    "a: ! x\n",
    "&k a: 1\n",
    "a: 1\n---\nb: 2\n",
    "---\na: 1\n...\n",
    "---\na: 1\n...\n---\n",
    "--- 3\n",
    "%YAML 1.1\n---\na: yes\n",
    "a: [1, 2\nb: 3\n",
    "a:\n  b: 1\n c: 2\n",
    "a:\n\tb: 1\n",
    "a: 1\nb: \x07\n",
    'a: "x\\ay"\n',
    "? {k: 1}\n: v\n",
    "? [a, b]\n: v\n",
    "? a\n: v\n",
    "[a, b]: c\n",
    'a: "\\u202eevil"\n',
    "a: 'x\u202ey'\n",
    "a: x\u200fy\n",
    "a: |\n  x\u2066\n",
    "\u202ea: 1\n",
    "a: x\x85y\n",
    "a: x\u2028y\n",
    "\ufeffa: 1\n",
    "a: 1\r\nb: 2\r\n",
    "bio: R&D lead!\n",
    'bio: "5 * 3"\n',
    'x: "&"\n',
    "a:\n  b:\n    c: [1, {d: e, f: [g, 'h', \"i\"]}]\n  j: >\n    folded\n    text\n",
    "- 1\n- two\n- [3]\n- {four: 4}\n",
    "just text\n",
    "'quoted root'\n",
    "42\n",
    "a: b: c\n",
    "a: 'unclosed\n",
    'a: "\\q"\n',
    "{a: 1, a: 2}\n",
    "[1, 2, [3, [4]]]\n",
    "a: x #comment\nb: y# not\nc: 'z' # c\n",
    "a: -\nb: - x\n",
    "a:\n- x\n- y\n",
    "1: one\n2.5: x\n",
    "a: 0\nb: 00\nc: -0\nd: 0.\ne: 1.e5\nf: 1e+3\ng: +.5\n",
    "...\n",
    "---\n",
    "---\n---\n",
    "--- |\n  text\n",
    "%YAML 1.2\n---\n",
    "%TAG ! tag:x,2000:\n---\na: 1\n",
    "a: >-\n  x\n\n  y\n",
    "a: |+\n  x\n\n",
    "'a': 1\n\"a\": 2\n",
    "a: 'x''y'\n",
    'a: "\\t\\x41"\n',
]

_PIECES = [
    "a",
    "b",
    "login",
    "name",
    "yes",
    "no",
    "Off",
    "12",
    "012",
    "1.5",
    "1_0",
    "3:30",
    ".inf",
    "true",
    "null",
    "~",
    "x y",
    "'q'",
    '"dq"',
    '"\\u202e"',
    "&a",
    "*a",
    "!!str",
    "!",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    ": ",
    "- ",
    "? ",
    "#",
    "|",
    ">",
    "---",
    "...",
    "%",
    "\t",
    "\u200e",
    "\x07",
    "\u00e9t\u00e9",
    "R&D",
    "@",
    "`",
]


def _generated(count: int, seed: int) -> list[str]:
    """Texts built from risky pieces, and valid texts with a character dropped or inserted."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        lines = []
        for _ in range(rng.randint(1, 6)):
            indent = " " * rng.choice((0, 0, 2, 4, 1))
            lines.append(indent + "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 4))))
        texts.append("\n".join(lines) + rng.choice(("\n", "")))
    for base in TEXTS[2:12]:
        for _ in range(count // 10):
            at = rng.randrange(len(base) + 1)
            if rng.random() < 0.5:
                texts.append(base[:at] + base[at + 1 :])
            else:
                texts.append(base[:at] + rng.choice(":-[]{},#&*!|>'\"\n \t%\u202e") + base[at:])
    return texts


def _answer(parsed: yamlfile.Parsed) -> tuple:
    return (
        repr(parsed.data),  # repr tells 1 from 1.0 from True, and keeps the key order
        dict(parsed.lines),
        [(p.path, p.line, p.field, str(p.message)) for p in parsed.problems],
        parsed.flagged,
    )


@pytest.mark.parametrize("offset", [0, 1])
def test_fast_and_strict_paths_give_the_same_answer_for_every_text(offset):
    texts = TEXTS + _generated(1500, seed=18)
    fast = 0
    for text in texts:
        strict = yamlfile._strict(text, "f.yml", offset)
        assert _answer(yamlfile.parse(text, path="f.yml", line_offset=offset)) == _answer(strict), repr(text)
        if yamlfast.clean_data(text) is not yamlfast.NOT_CLEAN:
            fast += 1
            assert not strict.problems, repr(text)
    assert fast > len(texts) // 10  # the fast path answered often enough to be tested, not only the strict one


@pytest.mark.parametrize(
    "text",
    [t for t in TEXTS if any(c in t for c in "&*!") or "---\nb" in t or "\u202e" in t or "yes" in t or "a: 3" in t],
)
def test_fast_path_leaves_every_refused_construct_to_the_strict_path(text):
    assert yamlfast.clean_data(text) is yamlfast.NOT_CLEAN


def test_fast_path_reads_clean_text_without_recording_lines_until_asked():
    parsed = yamlfile.parse("name: Ana\nbadges:\n  - id: first\n\n    threshold: 1\n", path="f.yml")
    assert parsed.data == {"name": "Ana", "badges": [{"id": "first", "threshold": 1}]}
    assert parsed._lines is None
    assert parsed.line_of(("badges", 0, "threshold")) == 5
    assert parsed.line_of(("badges", 0, "missing")) == 3


def test_a_file_read_fast_still_names_its_line_when_the_model_refuses_a_value(tmp_path):
    (tmp_path / "members").mkdir()
    (tmp_path / "entraide.yml").write_text("name: Club\nlanguage: fr\n", encoding="utf-8")
    profile = "login: ana\nid: 7\nname: Ana\nrole: lerner\njoined: '2026-01-05'\n"
    assert yamlfast.clean_data(profile) is not yamlfast.NOT_CLEAN
    (tmp_path / "members" / "ana.yml").write_text(profile, encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_community(tmp_path)
    lines = [str(problem) for problem in caught.value.problems]
    assert any(line.startswith("members/ana.yml:4: role:") for line in lines), lines


def test_every_yaml_file_of_the_repository_reads_the_same_through_both_paths():
    root = Path(__file__).parent.parent
    files = [p for p in root.rglob("*.yml") if not {".venv", "node_modules", ".git", "site"} & set(p.parts)]
    assert len(files) > 30
    for path in files:
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        strict = yamlfile._strict(text, str(path), 0)
        assert _answer(yamlfile.parse(text, path=str(path))) == _answer(strict), path


_PROFILES = [
    "login: ana\nid: 12\nname: Ana Lopez\ninterests:\n- SQL\n- accessibilité\njoined: '2026-08-27'\n",
    "login: bo\nlanguages:\n  - fr\n  - en\npublic_profile: true\nbio: l'école, C# et C++: oui\n",
    "a: 'it''s'\nb: ''\nc:\nd: x  y\ne: 1.5\nf: -3\ng: 2026-01-05\nh: 'yes'\n",
]


def _libyaml_answer(text: str) -> object:
    try:
        root = yamlfast._COMPOSER(text).get_single_node()
        return None if root is None else yamlfast._data(root)
    except (yaml.YAMLError, yamlfast._Unclean):
        return yamlfast.NOT_CLEAN


def test_the_line_by_line_reading_of_simple_texts_gives_what_the_composer_gives():
    rng = random.Random(7)
    texts = TEXTS + _generated(1500, seed=19) + _PROFILES
    for base in _PROFILES:
        for _ in range(400):
            at = rng.randrange(len(base) + 1)
            piece = rng.choice([*_PIECES, "\n", " ", "'", "- ", ":", "\n  ", "\n- "])
            texts.append(base[:at] + piece + base[at + 1 :] if rng.random() < 0.3 else base[:at] + piece + base[at:])
    answered = 0
    for text in texts:
        simple = yamlfast._simple_mapping(text) if not yamlfast._NOT_SIMPLE.search(text) else None
        if simple is not None and not yamlfast._NOT_PLAIN.search(text):
            answered += 1
            assert repr(simple) == repr(_libyaml_answer(text)), repr(text)
            assert not yamlfile._strict(text, "f.yml", 0).problems, repr(text)
    assert answered > 300  # the line-by-line reading was tested on many texts, not only the composer


def test_a_plain_value_starting_otherwise_than_the_special_ones_is_never_special():
    from entraide.content.yamlscalars import SPECIAL

    tails = ["", "0", "1", "_0", ".5", "es", "o", "ull", "rue", "alse", "n", "ff", "x10", ":30", "e3", "inf", "nan"]
    for code in range(0x3000):
        first = chr(code)
        if first not in yamlfast.MAY_BE_SPECIAL:
            assert not any(SPECIAL.match(first + tail) for tail in tails), repr(first)
