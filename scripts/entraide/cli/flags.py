"""Types of the flags the commands share: a mistake is a usage error that says what is expected."""

from __future__ import annotations

import argparse
import datetime as dt


def iso_date(text: str) -> dt.date:
    """The argparse type of every date flag: a mistake is a usage error (exit 2) that says what is expected."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None
