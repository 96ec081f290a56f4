"""The event bus: an ordered, replayable log of messages per stream.

`connect_bus` picks the backend from a URL: None or ``memory://`` keeps the
streams in this process (one process, tests), ``redis://``, ``rediss://`` or
``unix://`` puts them in Redis Streams (several processes). The bus only wakes
consumers and fans events out; the database is the source of truth, and every
consumer can catch up from it when a message is lost. See `realtime.bus.base`
for what a message and an id are.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from realtime.bus.base import DEFAULT_MAXLEN, Bus, Entry, Value
from realtime.bus.memory import MemoryBus
from realtime.bus.redis import RedisBus
from realtime.errors import UnsupportedBackend

__all__ = [
    "DEFAULT_MAXLEN",
    "Bus",
    "Entry",
    "MemoryBus",
    "RedisBus",
    "Value",
    "connect_bus",
]

_REDIS_SCHEMES = frozenset({"redis", "rediss", "unix"})


def connect_bus(url: str | None, *, maxlen: int = DEFAULT_MAXLEN) -> Bus:
    """Return the bus the URL names, each stream capped at about `maxlen`.

    Nothing is contacted yet: call `Bus.ping` to check that Redis answers.

    Raises:
        UnsupportedBackend: the URL's scheme names no backend, or the Redis URL
            is malformed.
    """
    scheme = urlsplit(url).scheme if url else "memory"
    if scheme == "memory":
        return MemoryBus(maxlen=maxlen)
    if scheme in _REDIS_SCHEMES:
        assert url is not None
        return RedisBus(url, maxlen=maxlen)
    raise UnsupportedBackend(
        f"no bus backend for {scheme or url!r}: use memory:// or redis://"
    )
