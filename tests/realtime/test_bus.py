"""The event bus behaves the same on both backends, in memory and on Redis."""

from __future__ import annotations

import asyncio
import time
from contextlib import aclosing

import pytest
import redis
from realtime_support import UNREACHABLE_REDIS_URL, BusFactory

from realtime.bus import Bus, Entry, MemoryBus, RedisBus, connect_bus
from realtime.bus.ids import parse_id
from realtime.errors import (
    BusError,
    BusUnavailable,
    InvalidMessage,
    UnsupportedBackend,
)


async def take(bus: Bus, stream: str, after: str, count: int) -> list[Entry]:
    """Receive `count` messages through a subscription, within five seconds."""
    received: list[Entry] = []
    async with asyncio.timeout(5), aclosing(bus.subscribe(stream, after)) as messages:
        async for entry in messages:
            received.append(entry)
            if len(received) == count:
                break
    return received


async def publish_numbers(bus: Bus, stream: str, numbers: range) -> list[str]:
    return [await bus.publish(stream, {"n": n}) for n in numbers]


async def test_published_messages_are_read_in_order_with_growing_ids(
    bus: Bus, stream: str
) -> None:
    ids = await publish_numbers(bus, stream, range(5))

    entries = await bus.read(stream)

    assert [message_id for message_id, _ in entries] == ids
    assert [fields["n"] for _, fields in entries] == ["0", "1", "2", "3", "4"]
    assert sorted(ids, key=parse_id) == ids
    assert len(set(ids)) == 5


async def test_values_are_stored_as_strings(bus: Bus, stream: str) -> None:
    await bus.publish(stream, {"text": "Когда починят дорогу?", "n": 7, "score": 0.25})

    [(_, fields)] = await bus.read(stream)

    assert fields == {"text": "Когда починят дорогу?", "n": "7", "score": "0.25"}


async def test_read_after_an_id_returns_only_later_messages(
    bus: Bus, stream: str
) -> None:
    ids = await publish_numbers(bus, stream, range(6))

    entries = await bus.read(stream, after=ids[2])

    assert [message_id for message_id, _ in entries] == ids[3:]


async def test_read_returns_at_most_count_messages(bus: Bus, stream: str) -> None:
    ids = await publish_numbers(bus, stream, range(6))

    entries = await bus.read(stream, after=ids[0], count=2)

    assert [message_id for message_id, _ in entries] == ids[1:3]


async def test_read_of_an_empty_stream_returns_at_once(bus: Bus, stream: str) -> None:
    started = time.monotonic()

    assert await bus.read(stream) == []
    assert await bus.read(stream, block_ms=0) == []
    assert time.monotonic() - started < 0.5


async def test_blocking_read_wakes_when_a_message_is_published(
    bus: Bus, stream: str
) -> None:
    last = await bus.publish(stream, {"n": 0})

    async def publish_soon() -> str:
        await asyncio.sleep(0.2)
        return await bus.publish(stream, {"n": 1})

    started = time.monotonic()
    publisher = asyncio.create_task(publish_soon())
    entries = await bus.read(stream, after=last, block_ms=10_000)

    assert entries == [(await publisher, {"n": "1"})]
    assert time.monotonic() - started < 2


async def test_blocking_read_gives_up_after_block_ms(bus: Bus, stream: str) -> None:
    started = time.monotonic()

    entries = await bus.read(stream, block_ms=300)

    assert entries == []
    assert 0.25 < time.monotonic() - started < 2


async def test_subscription_from_now_skips_earlier_messages(
    bus: Bus, stream: str
) -> None:
    old = await bus.publish(stream, {"n": "old"})
    messages = bus.subscribe(stream)
    first = asyncio.create_task(anext(messages))

    # The subscription takes its position when it first runs; publishing until
    # it answers makes the test independent of when exactly that happens.
    new_ids = []
    while not first.done():
        new_ids.append(await bus.publish(stream, {"n": "new"}))
        await asyncio.wait([first], timeout=0.05)
    received_id, fields = first.result()
    await messages.aclose()

    assert received_id != old
    assert received_id in new_ids
    assert fields == {"n": "new"}


async def test_subscription_resumes_after_the_last_seen_id(
    bus: Bus, stream: str
) -> None:
    ids = await publish_numbers(bus, stream, range(3))
    seen = await take(bus, stream, "0", 2)
    assert [message_id for message_id, _ in seen] == ids[:2]

    # The reader is away while more is published, then comes back.
    ids += await publish_numbers(bus, stream, range(3, 6))
    missed = await take(bus, stream, seen[-1][0], 4)

    assert [message_id for message_id, _ in missed] == ids[2:]
    assert [fields["n"] for _, fields in missed] == ["2", "3", "4", "5"]


async def test_every_subscriber_receives_every_message(bus: Bus, stream: str) -> None:
    start = await bus.publish(stream, {"n": "before"})
    subscribers = [asyncio.create_task(take(bus, stream, start, 30)) for _ in range(20)]

    ids = []
    for n in range(30):
        ids.append(await bus.publish(stream, {"n": n}))
        if n % 10 == 0:
            await asyncio.sleep(0.01)
    received = await asyncio.gather(*subscribers)

    for entries in received:
        assert [message_id for message_id, _ in entries] == ids


async def test_streams_do_not_mix(bus: Bus, stream: str) -> None:
    await bus.publish(stream + ":a", {"n": 1})
    await bus.publish(stream + ":b", {"n": 2})

    assert [fields for _, fields in await bus.read(stream + ":a")] == [{"n": "1"}]
    assert [fields for _, fields in await bus.read(stream + ":b")] == [{"n": "2"}]


async def test_streams_are_trimmed_to_about_maxlen(
    make_bus: BusFactory, stream: str
) -> None:
    bus = await make_bus(maxlen=10)

    ids = await publish_numbers(bus, stream, range(300))
    kept = await bus.read(stream, count=1000)

    # Redis trims whole nodes of up to 100 entries, so it may keep a few more.
    assert 10 <= len(kept) <= 110
    assert [message_id for message_id, _ in kept] == ids[-len(kept) :]


async def test_reading_after_trimmed_messages_starts_at_the_oldest_kept(
    make_bus: BusFactory, stream: str
) -> None:
    bus = await make_bus(maxlen=10)
    ids = await publish_numbers(bus, stream, range(300))

    kept = await bus.read(stream, after=ids[0], count=1000)

    assert kept[0][0] != ids[1]
    assert kept[-1][0] == ids[-1]


async def test_ping_answers_on_a_working_bus(bus: Bus) -> None:
    await bus.ping()


async def test_closed_bus_is_unavailable(make_bus: BusFactory, stream: str) -> None:
    bus = await make_bus()
    await bus.close()

    with pytest.raises(BusUnavailable):
        await bus.publish(stream, {"n": 1})
    with pytest.raises(BusUnavailable):
        await bus.read(stream)
    with pytest.raises(BusUnavailable):
        await bus.ping()


async def test_closing_the_bus_ends_waiting_subscribers(
    make_bus: BusFactory, stream: str
) -> None:
    bus = await make_bus()
    last = await bus.publish(stream, {"n": 0})
    waiting = asyncio.create_task(take(bus, stream, last, 1))
    await asyncio.sleep(0.1)

    await bus.close()

    with pytest.raises(BusUnavailable):
        await waiting


@pytest.mark.parametrize(
    "message",
    [{}, {"": "x"}, {"n": None}, {"n": b"bytes"}, {"n": [1]}],
    ids=["empty", "empty-name", "none", "bytes", "list"],
)
async def test_publish_refuses_messages_it_cannot_store(
    bus: Bus, stream: str, message: dict[str, object]
) -> None:
    with pytest.raises(InvalidMessage):
        await bus.publish(stream, message)  # type: ignore[arg-type]


@pytest.mark.parametrize("after", ["", "abc", "1-", "-1", "1-2-3", "²-0"])
async def test_read_and_subscribe_refuse_malformed_ids(
    bus: Bus, stream: str, after: str
) -> None:
    with pytest.raises(InvalidMessage):
        await bus.read(stream, after=after)
    with pytest.raises(InvalidMessage):
        await anext(bus.subscribe(stream, after=after))


async def test_read_refuses_bad_stream_count_and_wait(bus: Bus, stream: str) -> None:
    with pytest.raises(InvalidMessage):
        await bus.read("")
    with pytest.raises(InvalidMessage):
        await bus.read(stream, count=0)
    with pytest.raises(InvalidMessage):
        await bus.read(stream, block_ms=-1)


async def test_an_id_without_sequence_means_sequence_zero(
    bus: Bus, stream: str
) -> None:
    ids = await publish_numbers(bus, stream, range(3))
    assert ids[0].endswith("-0")

    entries = await bus.read(stream, after=ids[0].removesuffix("-0"))

    assert [message_id for message_id, _ in entries] == ids[1:]


async def test_a_subscription_from_now_on_a_new_stream_gets_its_first_message(
    bus: Bus, stream: str
) -> None:
    messages = bus.subscribe(stream)
    first = asyncio.create_task(anext(messages))
    await asyncio.sleep(0.1)

    message_id = await bus.publish(stream, {"n": "first"})

    assert await asyncio.wait_for(first, 5) == (message_id, {"n": "first"})
    await messages.aclose()


async def test_a_blocking_read_wakes_on_the_first_message_of_a_new_stream(
    bus: Bus, stream: str
) -> None:
    reader = asyncio.create_task(bus.read(stream, block_ms=5_000))
    await asyncio.sleep(0.1)

    message_id = await bus.publish(stream, {"n": 1})

    assert await asyncio.wait_for(reader, 5) == [(message_id, {"n": "1"})]


async def test_a_reader_changing_its_messages_changes_nobody_elses(
    bus: Bus, stream: str
) -> None:
    await bus.publish(stream, {"n": 1})

    [(_, mine)] = await bus.read(stream)
    mine["n"] = "changed"

    assert [fields for _, fields in await bus.read(stream)] == [{"n": "1"}]


async def test_the_bus_closes_at_the_end_of_its_context(
    make_bus: BusFactory, stream: str
) -> None:
    async with await make_bus() as bus:
        await bus.publish(stream, {"n": 1})

    with pytest.raises(BusUnavailable):
        await bus.ping()


def test_a_bus_needs_room_for_one_message() -> None:
    with pytest.raises(InvalidMessage):
        connect_bus("memory://", maxlen=0)


def test_connect_bus_picks_the_backend_by_url() -> None:
    assert isinstance(connect_bus(None), MemoryBus)
    assert isinstance(connect_bus("memory://"), MemoryBus)
    assert isinstance(connect_bus("redis://127.0.0.1:6379/15"), RedisBus)
    assert isinstance(connect_bus("unix:///run/redis.sock?db=2"), RedisBus)
    with pytest.raises(UnsupportedBackend):
        connect_bus("amqp://127.0.0.1/")
    with pytest.raises(UnsupportedBackend):
        connect_bus("redis://127.0.0.1:port/0")


async def test_ping_on_unreachable_redis_raises_quickly() -> None:
    bus = connect_bus(UNREACHABLE_REDIS_URL)
    started = time.monotonic()

    with pytest.raises(BusUnavailable):
        await bus.ping()

    assert time.monotonic() - started < 3
    await bus.close()


async def test_publish_and_read_on_unreachable_redis_raise(stream: str) -> None:
    bus = connect_bus(UNREACHABLE_REDIS_URL)

    with pytest.raises(BusUnavailable):
        await bus.publish(stream, {"n": 1})
    with pytest.raises(BusUnavailable):
        await bus.read(stream, block_ms=100)
    with pytest.raises(BusUnavailable):
        await anext(bus.subscribe(stream))
    await bus.close()


@pytest.mark.redis
async def test_redis_read_may_block_longer_than_the_socket_timeout(
    redis_url: str, stream: str
) -> None:
    bus = RedisBus(redis_url, timeout=0.4)

    async def publish_late() -> str:
        await asyncio.sleep(1.0)
        return await bus.publish(stream, {"n": 1})

    publisher = asyncio.create_task(publish_late())
    entries = await bus.read(stream, block_ms=3_000)

    assert [message_id for message_id, _ in entries] == [await publisher]
    await bus.close()


@pytest.mark.redis
async def test_redis_streams_live_under_the_bus_prefix(
    redis_url: str, stream: str
) -> None:
    bus = RedisBus(redis_url, prefix="bus-test:")
    await bus.publish(stream, {"n": 1})
    await bus.close()

    client = redis.Redis.from_url(redis_url)
    assert client.type(f"bus-test:{stream}") == b"stream"
    assert not client.exists(stream)
    client.close()


@pytest.mark.redis
async def test_an_error_redis_answers_with_is_a_bus_error(
    redis_url: str, stream: str
) -> None:
    client = redis.Redis.from_url(redis_url)
    client.set(f"liveline:bus:{stream}", "not a stream")
    bus = RedisBus(redis_url)

    with pytest.raises(BusError) as raised:
        await bus.publish(stream, {"n": 1})

    assert not isinstance(raised.value, BusUnavailable)
    assert isinstance(raised.value.__cause__, redis.ResponseError)
    await bus.close()
    client.close()
