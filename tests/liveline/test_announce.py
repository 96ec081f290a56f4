"""Announcing new submissions on the bus, and the sweep that recovers lost messages."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from liveline.announce import Announcer, submissions_stream
from liveline.intake import Draft
from liveline.models import Event, Submission
from liveline.writer import SubmissionWriter
from realtime.bus import MemoryBus
from realtime.errors import BusUnavailable


class FlakyBus(MemoryBus):
    """A real in-memory bus that refuses to publish while ``down`` is set."""

    down = False

    async def publish(
        self, stream: str, message: Mapping[str, str | int | float]
    ) -> str:
        if self.down:
            raise BusUnavailable("the bus is down for this test")
        return await super().publish(stream, message)


def draft(event: Event) -> Draft:
    return Draft(
        event.id or 0,
        "Где купить льготные лекарства?",
        None,
        None,
        None,
        None,
        None,
        "ru",
        False,
    )


def unannounced(engine: Engine) -> int:
    table = Submission.__table__  # type: ignore[attr-defined]
    query = (
        sa.select(sa.func.count())
        .select_from(table)
        .where(table.c.announced_at.is_(None))
    )
    with engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


async def wait_until(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    for _ in range(int(timeout / 0.02)):
        if predicate():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not reached in time")


async def test_committed_submissions_are_announced_and_marked(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    event = make_event()
    bus = MemoryBus()
    holder: list[Announcer] = []
    loop = asyncio.get_running_loop()
    writer = SubmissionWriter(
        engine,
        on_commit=lambda receipts: asyncio.run_coroutine_threadsafe(
            holder[0].announce_receipts(receipts), loop
        ),
    )
    holder.append(Announcer(engine, bus, writer))
    writer.start()
    try:
        receipts = await asyncio.gather(
            *(
                writer.submit(draft(event), channel="api", deadline_days=10)
                for _ in range(5)
            )
        )
        await wait_until(lambda: unannounced(engine) == 0)
    finally:
        writer.stop()
    entries = await bus.read(submissions_stream(event.id or 0))
    announced = {int(i) for _, message in entries for i in message["ids"].split(",")}
    assert announced == {receipt.submission_id for receipt in receipts}


async def test_sweep_announces_what_a_lost_publish_left_behind(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    event = make_event()
    bus = FlakyBus()
    writer = SubmissionWriter(engine)
    announcer = Announcer(engine, bus, writer)
    writer.start()
    try:
        bus.down = True
        receipt = await writer.submit(draft(event), channel="api", deadline_days=10)
        assert await announcer.announce_receipts([receipt]) == 0
        assert await announcer.sweep(timedelta(0)) == 0, "still down: nothing announced"
        assert unannounced(engine) == 1

        bus.down = False
        assert await announcer.sweep(timedelta(hours=1)) == 0, (
            "within grace: left alone"
        )
        assert await announcer.sweep(timedelta(0)) == 1
        await wait_until(lambda: unannounced(engine) == 0)
    finally:
        writer.stop()
    [(_, message)] = await bus.read(submissions_stream(event.id or 0))
    assert message["ids"] == str(receipt.submission_id)
