"""Exceptions raised by the real-time plumbing.

Every error the bus and the job runner raise derives from one root, so a caller
that only wants to know "did the real-time layer fail" catches `RealtimeError`.
Errors of the Redis client are never let through: they are mapped here with
``raise ... from`` so the original stays attached as ``__cause__``.

    RealtimeError
    ├── UnsupportedBackend     the URL names no backend we have (also a ValueError)
    ├── BusError               the event bus failed
    │   ├── BusUnavailable     the backend did not answer, or the bus is closed
    │   └── InvalidMessage     a stream name, message or id the bus cannot take
    │                          (also a ValueError)
    └── JobsError              the job runner failed
        ├── JobsUnavailable    Redis did not answer, or the runner is shut down
        └── InvalidJob         not an importable function, arguments not JSON,
                               or a malformed job id (also a ValueError)
"""

from __future__ import annotations

__all__ = [
    "BusError",
    "BusUnavailable",
    "InvalidJob",
    "InvalidMessage",
    "JobsError",
    "JobsUnavailable",
    "RealtimeError",
    "UnsupportedBackend",
]


class RealtimeError(Exception):
    """Root of every error raised by the `realtime` package."""


class UnsupportedBackend(RealtimeError, ValueError):
    """The URL's scheme selects no backend of the bus or of the job runner."""


class BusError(RealtimeError):
    """The event bus could not do what was asked."""


class BusUnavailable(BusError):
    """The bus backend did not answer in time, refused us, or was closed."""


class InvalidMessage(BusError, ValueError):
    """A stream name, message or message id that the bus cannot take."""


class JobsError(RealtimeError):
    """The job runner could not do what was asked."""


class JobsUnavailable(JobsError):
    """Redis did not answer for the job queue, or the runner was shut down."""


class InvalidJob(JobsError, ValueError):
    """A job that could not run in a worker: bad function, arguments or id."""
