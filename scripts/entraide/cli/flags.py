"""Types of the flags the commands share: a mistake is a usage error that says what is expected."""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os

from entraide.content.errors import N_, Problem, UserError

HTTP_TIMEOUT = "ENTRAIDE_HTTP_TIMEOUT"


def iso_date(text: str) -> dt.date:
    """The argparse type of every date flag: a mistake is a usage error (exit 2) that says what is expected."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


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
