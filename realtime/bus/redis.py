"""The Redis backend of the bus: one Redis Stream per bus stream.

Publishing is XADD with approximate trimming (``MAXLEN ~``), reading is XREAD.
Redis persistence is not relied on: a restart may lose recent messages, which
the consumers recover from the database.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Iterator, Mapping
from contextlib import contextmanager
from typing import TypeVar, cast

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.typing import EncodableT, FieldT

from realtime.bus.base import (
    DEFAULT_MAXLEN,
    Bus,
    Entry,
    Value,
    check_read,
    check_stream,
    encode_message,
)
from realtime.errors import BusError, BusUnavailable, UnsupportedBackend

__all__ = ["RedisBus"]

logger = logging.getLogger(__name__)

# The client's types allow bytes and numbers everywhere; ours are narrower.
_T = TypeVar("_T")

_Fields = dict[FieldT, EncodableT]
_XReadReply = list[tuple[str, list[tuple[str, dict[str, str]]]]]


class RedisBus(Bus):
    """An event bus on Redis Streams, shared by every process that uses the URL.

    The stream named ``s`` is the Redis key `prefix` + ``s``.

    No command waits longer than `timeout` seconds for Redis: a longer
    `read(block_ms=...)` is served by several shorter blocking reads. A command
    that fails to connect is retried twice within a second, then raises
    `BusUnavailable`; an error Redis answers with raises `BusError`.

    Each subscriber holds one pooled connection while it waits, so a process
    should subscribe once per stream and fan out to its own clients.
    """

    def __init__(
        self,
        url: str,
        *,
        maxlen: int = DEFAULT_MAXLEN,
        timeout: float = 5.0,
        prefix: str = "liveline:bus:",
    ) -> None:
        super().__init__(maxlen=maxlen)
        # The Redis may also hold RQ's queues and the rate limits; the prefix
        # keeps a stream from ever landing on one of their keys.
        self.prefix = prefix
        self._timeout = timeout
        # Blocking reads stay well inside the socket timeout, or the client
        # would take a quiet stream for a dead server.
        self._block_slice_ms = max(1, int(timeout * 500))
        self._closed = False
        self._closing = asyncio.Event()
        try:
            self._client = Redis.from_url(
                url,
                decode_responses=True,
                protocol=2,
                socket_timeout=timeout,
                socket_connect_timeout=min(timeout, 2.0),
                # Only failures to connect are retried: a command that timed
                # out may have been applied, and a publish must not run twice.
                retry=Retry(
                    ExponentialBackoff(cap=0.5, base=0.05),
                    retries=2,
                    supported_errors=(RedisConnectionError,),
                ),
            )
        except ValueError as exc:
            raise UnsupportedBackend(f"not a Redis URL: {exc}") from exc
        self.where = _describe(self._client)
        logger.info("bus on Redis at %s, streams capped at ~%d", self.where, maxlen)

    async def publish(self, stream: str, message: Mapping[str, Value]) -> str:
        check_stream(stream)
        fields = encode_message(message)
        self._check_open()
        with self._translate_errors("publish"):
            message_id = await self._client.xadd(
                self.prefix + stream,
                cast(_Fields, fields),
                maxlen=self.maxlen,
                approximate=True,
            )
        return str(message_id)

    async def read(
        self,
        stream: str,
        after: str = "0",
        count: int = 100,
        block_ms: int | None = None,
    ) -> list[Entry]:
        after = check_read(stream, after, count, block_ms)
        self._check_open()
        if not block_ms:
            return await self._xread(stream, after, count, None)

        loop = asyncio.get_running_loop()
        deadline = loop.time() + block_ms / 1000
        while (remaining_ms := int((deadline - loop.time()) * 1000)) > 0:
            # BLOCK 0 would mean "forever" to Redis, hence the strict check.
            block = min(remaining_ms, self._block_slice_ms)
            entries = await self._xread(stream, after, count, block)
            if entries:
                return entries
        return []

    async def ping(self) -> None:
        self._check_open()
        try:
            async with asyncio.timeout(self._timeout):
                with self._translate_errors("ping"):
                    await self._client.ping()
        except TimeoutError as exc:
            raise BusUnavailable(
                f"Redis at {self.where} did not answer a ping in {self._timeout} s"
            ) from exc

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._closing.set()
        with self._translate_errors("close"):
            await self._client.aclose()
        logger.info("bus on Redis at %s closed", self.where)

    async def _last_id(self, stream: str) -> str:
        self._check_open()
        with self._translate_errors("find the newest message"):
            newest = await self._client.xrevrange(self.prefix + stream, count=1)
        return str(newest[0][0]) if newest else "0-0"

    async def _xread(
        self, stream: str, after: str, count: int, block: int | None
    ) -> list[Entry]:
        command = self._client.xread(
            {self.prefix + stream: after}, count=count, block=block
        )
        with self._translate_errors("read"):
            reply = await (command if block is None else self._unless_closed(command))
        if not reply:
            return []
        # Protocol 2, decoded: [[stream, [(id, fields), ...]]] for one stream.
        rows = cast(_XReadReply, reply)[0][1]
        return [(message_id, fields) for message_id, fields in rows]

    async def _unless_closed(self, command: Awaitable[_T]) -> _T:
        """Await a blocking command, or give up on it when the bus is closed."""
        # Closing the client alone would not end a blocking read: the client
        # reconnects and sends it again. Racing it against the closing event
        # lets close() end every waiting reader at once.
        reading = asyncio.ensure_future(command)
        closing = asyncio.ensure_future(self._closing.wait())
        try:
            await asyncio.wait({reading, closing}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            closing.cancel()
            reading.cancel()
        if not reading.done() or reading.cancelled():
            raise BusUnavailable("the bus is closed")
        return reading.result()

    def _check_open(self) -> None:
        if self._closed:
            raise BusUnavailable("the bus is closed")

    @contextmanager
    def _translate_errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except (RedisConnectionError, RedisTimeoutError) as exc:
            if self._closed:
                raise BusUnavailable("the bus is closed") from exc
            raise BusUnavailable(
                f"Redis at {self.where} did not answer to {action}: {exc}"
            ) from exc
        except RedisError as exc:
            raise BusError(f"Redis at {self.where} refused to {action}: {exc}") from exc


def _describe(client: Redis) -> str:
    """Name the server for logs and errors, leaving out any password."""
    options = client.connection_pool.connection_kwargs
    if "path" in options:
        return f"{options['path']} db {options.get('db', 0)}"
    return f"{options.get('host')}:{options.get('port')} db {options.get('db', 0)}"
