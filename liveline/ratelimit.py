"""Rate limits per client address and per contact, kept in memory or in Redis.

The ``limits`` library does the counting; this module chooses its storage from
the settings and turns a refusal into the number of seconds to wait, which the
intake answers as ``429`` with ``Retry-After``.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class RateLimitError(ValueError):
    """A rate such as ``"30/minute"`` could not be read."""


def parse_rate(text: str) -> RateLimitItem:
    """Read a rate written as ``N/second``, ``N/minute``, ``N/hour`` or ``N/day``.

    Raises:
        RateLimitError: the text is not such a rate.
    """
    try:
        return parse(text)
    except ValueError as exc:
        raise RateLimitError(
            f"{text!r} is not a rate; write it as 30/minute or 1000/hour"
        ) from exc


class RateLimiter:
    """Counts requests per client address and per contact."""

    def __init__(self, per_ip: str, per_contact: str, redis_url: str | None) -> None:
        self._per_ip = parse_rate(per_ip)
        self._per_contact = parse_rate(per_contact)
        storage: Storage
        if redis_url:
            url = (
                "async+" + redis_url
                if not redis_url.startswith("async+")
                else redis_url
            )
            storage = RedisStorage(url, implementation="redispy")
        else:
            storage = MemoryStorage()
        self._limiter = SlidingWindowCounterRateLimiter(storage)

    async def check_ip(self, address: str) -> float | None:
        """Count a request from ``address``; the seconds to wait when over the limit."""
        return await self._hit(self._per_ip, "ip", address)

    async def check_contact(self, contact: str) -> float | None:
        """Count one submission for a contact; the seconds to wait when over the limit.

        The contact is hashed first so that no e-mail or phone number is kept in
        the limiter's storage in clear.
        """
        digest = hashlib.sha256(contact.encode()).hexdigest()[:32]
        return await self._hit(self._per_contact, "contact", digest)

    async def _hit(self, item: RateLimitItem, kind: str, key: str) -> float | None:
        try:
            if await self._limiter.hit(item, "liveline", kind, key):
                return None
            stats = await self._limiter.get_window_stats(item, "liveline", kind, key)
        except (RedisError, OSError) as exc:
            # A limiter that cannot count must not turn citizens away: the
            # database, not Redis, decides whether a question is accepted.
            logger.warning(
                "rate limiter unavailable, letting %s through: %s", kind, exc
            )
            return None
        return max(1.0, math.ceil(stats.reset_time - time.time()))
