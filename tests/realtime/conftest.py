"""Fixtures of the real-time tests: buses and job runners of both backends.

Redis tests use the database at LIVELINE_TEST_REDIS_URL (by default number 15
on the local server), emptied before and after each test. When that server is
unreachable they fail: they are never skipped.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import redis

# RQ workers import the sample jobs by their module name, so the tests must
# import them by that same name, whatever import mode pytest runs in.
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from realtime_support import (  # noqa: E402
    REDIS_URL,
    BusFactory,
    JobsHarness,
    RQHarness,
    ThreadHarness,
    WorkerFactory,
    WorkerProcess,
)

from realtime.bus import DEFAULT_MAXLEN, Bus, connect_bus  # noqa: E402


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


@pytest.fixture
def queue() -> str:
    """An RQ queue name no other test uses."""
    return f"test-{uuid.uuid4().hex}"


@pytest.fixture
def start_worker(redis_url: str, queue: str, tmp_path: Path) -> Iterator[WorkerFactory]:
    """Start RQ worker processes on the test queue; stop them after the test."""
    started: list[WorkerProcess] = []

    def start(*, burst: bool = False, maintenance_interval: int = 30) -> WorkerProcess:
        log = tmp_path / f"worker-{len(started)}.log"
        worker = WorkerProcess(
            redis_url,
            queue,
            log,
            burst=burst,
            maintenance_interval=maintenance_interval,
        )
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.kill()


@pytest.fixture(params=["thread", pytest.param("rq", marks=pytest.mark.redis)])
def jobs(request: pytest.FixtureRequest) -> Iterator[JobsHarness]:
    """Job runners of one backend per run of the test, closed at its end."""
    harness: JobsHarness
    if request.param == "thread":
        harness = ThreadHarness()
    else:
        harness = RQHarness(
            request.getfixturevalue("redis_url"),
            request.getfixturevalue("queue"),
            request.getfixturevalue("start_worker"),
        )
    yield harness
    harness.close()


@pytest.fixture
def trace(tmp_path: Path) -> str:
    """The path of a file the sample jobs write their trace to."""
    return str(tmp_path / "trace.txt")
