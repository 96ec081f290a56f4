"""The event bus interface, shared by the in-process and the Redis backends.

The bus wakes consoles and fans events out; it is not a store. The database is
the source of truth: a message on the bus may be lost (Redis restarted, a
stream trimmed, a consumer away too long) or, rarely, delivered twice, and
every consumer must be able to catch up from the database. What the bus does
give is an ordered, replayable log per stream: each message gets an id in the
Redis Streams format ``"<ms>-<seq>"``, ids only grow, and a reader that keeps
the last id it saw can resume after it for as long as the stream still holds
the messages that followed.

Messages are flat mappings. Values are stored as strings: an int or a float
given to `Bus.publish` comes back from `Bus.read` as its ``str()``, so
consumers convert what they need. Each stream is capped at about `maxlen`
messages; the oldest are dropped first.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import AsyncGenerator, Mapping
from types import TracebackType
from typing import Self

from realtime.bus.ids import format_id, parse_id
from realtime.errors import InvalidMessage

__all__ = ["DEFAULT_MAXLEN", "Bus", "Entry", "Value"]

logger = logging.getLogger(__name__)

DEFAULT_MAXLEN = 100_000

Value = str | int | float
Entry = tuple[str, dict[str, str]]

# A subscriber fetches messages in batches of this size and waits this long for
# each batch; the wait is only an upper bound, a publish wakes it at once.
_SUBSCRIBE_BATCH = 100
_SUBSCRIBE_WAIT_MS = 5_000


class Bus(ABC):
    """An append-only log of messages per stream, readable from any id.

    Every method raises `BusUnavailable` when the backend does not answer or
    the bus was closed, and `InvalidMessage` for a stream name, message, id or
    count it cannot take.
    """

    def __init__(self, *, maxlen: int = DEFAULT_MAXLEN) -> None:
        if maxlen < 1:
            raise InvalidMessage(f"maxlen must be at least 1, not {maxlen}")
        self.maxlen = maxlen

    @abstractmethod
    async def publish(self, stream: str, message: Mapping[str, Value]) -> str:
        """Append `message` to `stream` and return its id."""

    @abstractmethod
    async def read(
        self,
        stream: str,
        after: str = "0",
        count: int = 100,
        block_ms: int | None = None,
    ) -> list[Entry]:
        """Return up to `count` messages of `stream` with ids greater than `after`.

        When there are none, wait up to `block_ms` milliseconds for the first
        to arrive; None or 0 returns at once. An empty list means nothing came.
        """

    async def subscribe(
        self, stream: str, after: str = "$"
    ) -> AsyncGenerator[Entry, None]:
        """Yield the messages of `stream` as they come, without end.

        ``"$"`` starts with the messages published after the iteration begins
        (at the first ``__anext__``); an id resumes after that id, so a reader
        that was away gets what it missed. Raises `BusUnavailable` when the
        backend goes away; resume later from the last id received. A reader
        that stops early should ``aclose()`` the generator, which hands its
        connection back at once.
        """
        check_stream(stream)
        position = await self._last_id(stream) if after == "$" else after
        parse_id(position)
        logger.debug("subscribed to %s after %s", stream, position)
        while True:
            entries = await self.read(
                stream, position, count=_SUBSCRIBE_BATCH, block_ms=_SUBSCRIBE_WAIT_MS
            )
            for entry in entries:
                position = entry[0]
                yield entry

    @abstractmethod
    async def ping(self) -> None:
        """Return when the backend answers; raise `BusUnavailable` otherwise."""

    @abstractmethod
    async def close(self) -> None:
        """Release the backend; subscribers waiting on the bus then fail."""

    @abstractmethod
    async def _last_id(self, stream: str) -> str:
        """Return the id of the newest message of `stream`, or "0-0"."""

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()


def check_stream(stream: str) -> None:
    """Refuse a stream name that is not a non-empty string.

    Raises:
        InvalidMessage: the name is empty or not a string.
    """
    if not isinstance(stream, str) or not stream:
        raise InvalidMessage(f"a stream name must be a non-empty string: {stream!r}")


def check_read(stream: str, after: str, count: int, block_ms: int | None) -> str:
    """Check the arguments of `Bus.read` and return `after` in full form.

    Raises:
        InvalidMessage: one of the arguments is out of its domain.
    """
    check_stream(stream)
    if count < 1:
        raise InvalidMessage(f"count must be at least 1, not {count}")
    if block_ms is not None and block_ms < 0:
        raise InvalidMessage(f"block_ms must not be negative, not {block_ms}")
    return format_id(parse_id(after))


def encode_message(message: Mapping[str, Value]) -> dict[str, str]:
    """Return the message with every value as a string, as the bus stores it.

    Raises:
        InvalidMessage: the message is empty, or a key or value has a wrong type.
    """
    if not message:
        raise InvalidMessage("a message needs at least one field")
    encoded = {}
    for key, value in message.items():
        if not isinstance(key, str) or not key:
            raise InvalidMessage(f"field names must be non-empty strings: {key!r}")
        if not isinstance(value, str | int | float):
            raise InvalidMessage(
                f"field {key!r} must be a str, int or float, not {type(value).__name__}"
            )
        encoded[key] = str(value)
    return encoded
