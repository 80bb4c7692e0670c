"""What day it is: the system date, or SCALEPLUS_TODAY=YYYY-MM-DD so documents and tests are reproducible."""

from __future__ import annotations

import datetime as dt
import os

from scaleplus_cli.errors import UsageError
from scaleplus_cli.schema import Date, Invalid

ENV_TODAY = "SCALEPLUS_TODAY"


def today() -> dt.date:
    value = os.environ.get(ENV_TODAY, "").strip()
    if not value:
        return dt.date.today()
    try:
        return Date().coerce(value)
    except Invalid:
        raise UsageError(f"{ENV_TODAY} must be a date like 2026-09-15, not {value!r}") from None


def parse_date_option(value: str | None, option: str) -> dt.date | None:
    """A date given on the command line, or a usage error naming the option."""
    if value is None:
        return None
    try:
        return Date().coerce(value)
    except Invalid as e:
        raise UsageError(f"{option}: {e.message}") from None
