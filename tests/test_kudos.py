"""Reading `/kudos @login reason` from comment bodies."""

import pytest

from entraide.kudos import parse_kudos


@pytest.mark.parametrize("body, expected", [
    ("/kudos @lea-martin merci pour la revue !", [{"login": "lea-martin", "reason": "merci pour la revue !"}]),
    ("Super.\n/kudos @Ana\n/KUDOS @bob pour l'aide", [{"login": "Ana", "reason": ""},
                                                      {"login": "bob", "reason": "pour l'aide"}]),
    ("/kudos @ana one\n/kudos @ANA two", [{"login": "ana", "reason": "one"}]),  # one per person per comment
    ("> /kudos @ana quoted from someone else", []),
    ("```\n/kudos @ana in a code block\n```", []),
    ("merci /kudos @ana (not at the start of a line)", []),
    ("/kudos ana (no @)", []),
    ("/kudos @-bad", []),
    (None, []),
])
def test_kudos_commands(body, expected):
    assert parse_kudos(body) == expected


def test_reason_is_bounded():
    assert len(parse_kudos("/kudos @ana " + "x" * 1000)[0]["reason"]) == 200
