"""Fixtures of the real-time tests: buses of both backends and a clean Redis.

Redis tests use the database at LIVELINE_TEST_REDIS_URL (by default number 15
on the local server), emptied before and after each test. When that server is
unreachable they fail: they are never skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import pytest
import redis

from realtime.bus import DEFAULT_MAXLEN, Bus, connect_bus

REDIS_URL = os.environ.get("LIVELINE_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

# Nothing listens on port 1, so connecting there is refused at once.
UNREACHABLE_REDIS_URL = "redis://127.0.0.1:1/0"

BusFactory = Callable[..., Awaitable[Bus]]


@pytest.fixture
def redis_url() -> Iterator[str]:
    """The URL of the test Redis database, empty at the start and at the end."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    client.flushdb()
    try:
        yield REDIS_URL
    finally:
        client.flushdb()
        client.close()


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def make_bus(request: pytest.FixtureRequest) -> AsyncIterator[BusFactory]:
    """Make buses of one backend per run of the test, closed at its end."""
    url = (
        "memory://"
        if request.param == "memory"
        else request.getfixturevalue("redis_url")
    )
    made: list[Bus] = []

    async def make(maxlen: int = DEFAULT_MAXLEN) -> Bus:
        bus = connect_bus(url, maxlen=maxlen)
        made.append(bus)
        return bus

    yield make
    for bus in made:
        await bus.close()


@pytest.fixture
async def bus(make_bus: BusFactory) -> Bus:
    """A bus of the backend the test runs against, with the default cap."""
    return await make_bus()


@pytest.fixture
def stream() -> str:
    """A stream name no other test uses."""
    return f"test:{uuid.uuid4().hex}"
