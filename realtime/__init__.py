"""Real-time plumbing: the event bus, the job runner and (later) the websocket hub.

`realtime.bus` wakes consoles and fans events out over an append-only log of
messages (in process, or Redis Streams); `realtime.jobs` runs background work
(in a thread pool, or on RQ workers). Each backend is chosen by URL. Neither is
a store: the database stays the source of truth and every consumer can catch up
from it.
"""

from realtime.errors import (
    BusError,
    BusUnavailable,
    InvalidJob,
    InvalidMessage,
    JobsError,
    JobsUnavailable,
    RealtimeError,
    UnsupportedBackend,
)

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
