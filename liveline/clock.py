"""The one clock Liveline reads: aware UTC time, passed in where tests need another."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, in UTC, with the time zone attached."""
    return datetime.now(UTC)
