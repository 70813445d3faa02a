"""Types of the flags the commands share: a mistake is a usage error that says what is expected."""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import sys
from typing import NoReturn

from entraide.content.errors import N_, Problem, Text, UserError
from entraide.content.i18n import Translator

HTTP_TIMEOUT = "ENTRAIDE_HTTP_TIMEOUT"


def iso_date(text: str) -> dt.date:
    """The argparse type of every date flag: a mistake is a usage error (exit 2) that says what is expected."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(N_("expected a date as YYYY-MM-DD, got {given}", given=repr(text))) from None


class FlagError(Exception):
    """A flag's value refused by its type (`iso_date`...): the command reports it in the community's language."""

    def __init__(self, parser: argparse.ArgumentParser, flag: str, text: Text):
        super().__init__(str(text))
        self.parser, self.flag, self.text = parser, flag, text


class Parser(argparse.ArgumentParser):
    """argparse, except that a flag refused by one of our types is raised as a FlagError (its words are in the
    catalogues); argparse's own usage errors keep argparse's English."""

    def error(self, message: str) -> NoReturn:
        error = sys.exc_info()[1]
        cause = error.__context__ if isinstance(error, argparse.ArgumentError) else None
        if isinstance(cause, argparse.ArgumentTypeError) and cause.args and isinstance(cause.args[0], Text):
            assert isinstance(error, argparse.ArgumentError)
            raise FlagError(self, error.argument_name or "", cause.args[0])
        super().error(message)


def report_flag(error: FlagError, tr: Translator) -> None:
    """« usage: … » then « entraide score : erreur : --as-of : attendu une date AAAA-MM-JJ, reçu '2026-13-01' »."""
    error.parser.print_usage(sys.stderr)
    message = tr.gettext("{command}: error: {flag}: {message}")
    print(message.format(command=error.parser.prog, flag=error.flag, message=error.text.say(tr)), file=sys.stderr)


def http_timeout(default: float = 30) -> float:
    """Seconds to wait for each GitHub answer, from $ENTRAIDE_HTTP_TIMEOUT (default 30); a bad value is a
    usage error (exit 2). Read here, at the edge: the github/ layer takes it as a parameter."""
    text = os.environ.get(HTTP_TIMEOUT, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise UserError(
            Problem(path=HTTP_TIMEOUT, message=N_("expected a number of seconds > 0, got {given}", given=repr(text)))
        )
    return value
