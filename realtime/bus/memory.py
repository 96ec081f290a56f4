"""The in-process bus: streams kept in memory, for one process and its tests.

It keeps the behaviour of the Redis backend (ids, ordering, trimming, values
as strings) so that code tested against it runs unchanged on Redis. It is safe
for any number of subscribers within one event loop; it is not thread-safe, and
a bus must stay on the loop that first waited on it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from bisect import bisect_right
from collections.abc import Mapping

from realtime.bus.base import (
    DEFAULT_MAXLEN,
    Bus,
    Entry,
    Value,
    check_read,
    check_stream,
    encode_message,
)
from realtime.bus.ids import ZERO, MessageId, format_id, next_id, parse_id
from realtime.errors import BusUnavailable

__all__ = ["MemoryBus"]

logger = logging.getLogger(__name__)


class _Stream:
    """The messages of one stream, oldest first, and the event that wakes readers."""

    def __init__(self) -> None:
        self.entries: list[tuple[MessageId, str, dict[str, str]]] = []
        self.last: MessageId = ZERO
        self.changed = asyncio.Event()

    def after(self, position: MessageId, count: int) -> list[Entry]:
        start = bisect_right(self.entries, position, key=lambda entry: entry[0])
        # Each reader gets its own dicts, so one cannot change what others see.
        return [
            (text, dict(fields))
            for _, text, fields in self.entries[start : start + count]
        ]

    def wake(self) -> None:
        # Readers wait on the current event; setting it wakes all of them at
        # once, and the fresh one is there for those that wait next.
        self.changed.set()
        self.changed = asyncio.Event()


class MemoryBus(Bus):
    """An event bus held in this process's memory.

    Each stream keeps at most `maxlen` messages plus a tenth: like Redis's
    approximate trimming, it drops the oldest in batches, which keeps a publish
    cheap. Methods raise `BusUnavailable` once the bus is closed.
    """

    def __init__(self, *, maxlen: int = DEFAULT_MAXLEN) -> None:
        super().__init__(maxlen=maxlen)
        self._streams: dict[str, _Stream] = {}
        self._slack = max(1, maxlen // 10)
        self._closed = False

    async def publish(self, stream: str, message: Mapping[str, Value]) -> str:
        check_stream(stream)
        fields = encode_message(message)
        self._check_open()
        state = self._streams.setdefault(stream, _Stream())

        state.last = next_id(state.last, time.time_ns() // 1_000_000)
        text = format_id(state.last)
        state.entries.append((state.last, text, fields))
        if len(state.entries) >= self.maxlen + self._slack:
            del state.entries[: len(state.entries) - self.maxlen]
        state.wake()
        return text

    async def read(
        self,
        stream: str,
        after: str = "0",
        count: int = 100,
        block_ms: int | None = None,
    ) -> list[Entry]:
        position = parse_id(check_read(stream, after, count, block_ms))
        self._check_open()
        state = self._streams.get(stream)
        entries = state.after(position, count) if state else []
        if entries or not block_ms:
            return entries

        # A reader may wait on a stream nobody has published to yet.
        state = self._streams.setdefault(stream, _Stream())

        loop = asyncio.get_running_loop()
        deadline = loop.time() + block_ms / 1000
        while not entries and (remaining := deadline - loop.time()) > 0:
            try:
                async with asyncio.timeout(remaining):
                    await state.changed.wait()
            except TimeoutError:
                break
            self._check_open()
            entries = state.after(position, count)
        return entries

    async def ping(self) -> None:
        self._check_open()

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for state in self._streams.values():
            state.wake()
        logger.info("memory bus closed with %d streams", len(self._streams))

    async def _last_id(self, stream: str) -> str:
        self._check_open()
        state = self._streams.get(stream)
        return format_id(state.last if state else ZERO)

    def _check_open(self) -> None:
        if self._closed:
            raise BusUnavailable("the bus is closed")
