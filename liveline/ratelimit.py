"""Rate limits per client address and per contact, counted in memory or in Redis.

Counts are kept in a sliding window approximated by two fixed windows: the
current one, and the previous one weighted by how much of it still overlaps
the sliding window. That is a few dictionary operations a request.

With Redis, every process counts locally and adds its counts to Redis every
``flush_interval`` seconds in one pipelined round trip, reading back the totals
of all processes. A round trip per request (what the ``limits`` library does)
cost more CPU than the rest of a submission, measured by ``bench/intake.py``.
The price is that several processes together may let through a little more
than the limit during one flush interval. When Redis does not answer, each
process goes on with its own counts: the database, not Redis, decides whether
a question is accepted.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import re
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass

from redis import asyncio as aioredis
from redis.exceptions import RedisError

from liveline.intake import Draft

logger = logging.getLogger(__name__)

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour|day)s?\s*$")


class RateLimitError(ValueError):
    """A rate such as ``"30/minute"`` could not be read."""


@dataclass(frozen=True)
class Rate:
    """So many requests per period of seconds."""

    limit: int
    period: int


def parse_rate(text: str) -> Rate:
    """Read a rate written as ``N/second``, ``N/minute``, ``N/hour`` or ``N/day``.

    Raises:
        RateLimitError: the text is not such a rate.
    """
    match = _RATE.match(text)
    if match is None or int(match[1]) < 1:
        raise RateLimitError(
            f"{text!r} is not a rate; write it as 30/minute or 1000/hour"
        )
    return Rate(int(match[1]), PERIODS[match[2]])


class WindowCounter:
    """Sliding-window counts for one rate; no I/O.

    ``shared`` holds counts other processes reported, by (key, window index);
    the counter adds them to its own.
    """

    def __init__(self, rate: Rate) -> None:
        self.rate = rate
        self.local: dict[tuple[str, int], int] = {}
        self.shared: dict[tuple[str, int], int] = {}
        self.unsent: dict[tuple[str, int], int] = {}

    def hit(self, key: str, now: float) -> float | None:
        """Count a request for ``key``; None if allowed, else seconds to wait."""
        period = self.rate.period
        window = int(now // period)
        overlap = 1.0 - (now % period) / period
        previous = self._count(key, window - 1)
        current = self._count(key, window)
        if previous * overlap + current >= self.rate.limit:
            return self._wait(previous, current, now % period)
        slot = (key, window)
        self.local[slot] = self.local.get(slot, 0) + 1
        self.unsent[slot] = self.unsent.get(slot, 0) + 1
        return None

    def _wait(self, previous: int, current: int, elapsed: float) -> float:
        """Whole seconds until the estimate falls below the limit again."""
        period, limit = self.rate.period, self.rate.limit
        if current < limit and previous:
            # Within this window, as the previous one's weight shrinks.
            allowed_at = (1 - (limit - current) / previous) * period
        else:
            # In the next window, once this one's weight has shrunk enough.
            allowed_at = period + (1 - limit / current) * period
        # Just past the point where the estimate equals the limit (the small
        # term absorbs rounding, so that an exact second is not missed).
        return float(max(1, math.floor(allowed_at - elapsed + 1e-9) + 1))

    def _count(self, key: str, window: int) -> int:
        slot = (key, window)
        return self.local.get(slot, 0) + self.shared.get(slot, 0)

    def forget_before(self, now: float) -> None:
        """Drop the counts of windows that can no longer matter."""
        oldest = int(now // self.rate.period) - 1
        for counts in (self.local, self.shared):
            for slot in [slot for slot in counts if slot[1] < oldest]:
                del counts[slot]


class RateLimiter:
    """Counts requests per client address and per contact.

    Call :meth:`start` inside the event loop to share counts through Redis
    and to forget old windows; :meth:`close` stops that.
    """

    def __init__(
        self,
        per_ip: str,
        per_contact: str,
        redis_url: str | None,
        *,
        flush_interval: float = 0.1,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._counters = {
            "ip": WindowCounter(parse_rate(per_ip)),
            "contact": WindowCounter(parse_rate(per_contact)),
        }
        self._redis = aioredis.from_url(redis_url) if redis_url else None
        self._flush_interval = flush_interval
        self._clock = clock
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    def check_ip(self, address: str) -> float | None:
        """Count a request from ``address``; the seconds to wait when over the limit."""
        return self._counters["ip"].hit(address, self._clock())

    def check_contact(self, contact: str) -> float | None:
        """Count one submission for a contact; the seconds to wait when over the limit.

        The contact is hashed first so that no e-mail or phone number is kept in
        memory or in Redis in clear.
        """
        digest = hashlib.sha256(contact.encode()).hexdigest()[:32]
        return self._counters["contact"].hit(digest, self._clock())

    def check_contacts(self, draft: Draft) -> float | None:
        """Count a submission for each contact it leaves; the longest wait, if any."""
        if draft.email is None and draft.phone is None:
            return None
        waits = [
            self.check_contact(contact)
            for contact in (draft.email, draft.phone)
            if contact is not None
        ]
        return max((wait for wait in waits if wait is not None), default=None)

    def start(self) -> None:
        """Start sharing counts (with Redis) and forgetting old windows."""
        if self._task is None:
            self._task = asyncio.create_task(self._keep())

    async def close(self) -> None:
        """Stop the background work and close the Redis connection."""
        if self._task is not None:
            # Asked to stop rather than cancelled: a Redis command cancelled
            # half-way can leave the client unable to close.
            self._stopping.set()
            try:
                await asyncio.wait_for(self._task, timeout=5)
            except TimeoutError:
                logger.warning("rate limiter did not stop in time")
            self._task = None
        if self._redis is not None:
            with suppress(TimeoutError):
                await asyncio.wait_for(self._redis.aclose(), timeout=5)

    async def _keep(self) -> None:
        while not self._stopping.is_set():
            with suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self._flush_interval)
            now = self._clock()
            if self._redis is not None:
                await self.flush()
            for counter in self._counters.values():
                counter.forget_before(now)

    async def flush(self) -> None:
        """Add this process's new counts to Redis and read every process's totals."""
        if self._redis is None:
            return
        batches = [
            (kind, counter, counter.unsent)
            for kind, counter in self._counters.items()
            if counter.unsent
        ]
        if not batches:
            return
        pipeline = self._redis.pipeline(transaction=False)
        sent: list[tuple[WindowCounter, dict[tuple[str, int], int]]] = []
        for kind, counter, unsent in batches:
            counter.unsent = {}
            # This process's own counts as Redis will have them once this
            # flush lands; hits arriving meanwhile go out with the next one.
            sent.append((counter, {slot: counter.local[slot] for slot in unsent}))
            for (key, window), count in unsent.items():
                name = f"liveline:rate:{kind}:{key}:{window}"
                pipeline.incrby(name, count)
                pipeline.expire(name, 2 * counter.rate.period)
        try:
            totals = iter((await pipeline.execute())[::2])
        except (RedisError, OSError) as exc:
            logger.warning("rate limits counted per process, Redis failed: %s", exc)
            for _kind, counter, unsent in batches:
                for slot, count in unsent.items():
                    counter.unsent[slot] = counter.unsent.get(slot, 0) + count
            return
        for counter, own in sent:
            for slot, count in own.items():
                # Redis holds everyone's count, this process's included.
                counter.shared[slot] = max(0, int(next(totals)) - count)
