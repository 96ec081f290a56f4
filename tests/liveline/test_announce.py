"""Waking consumers after a commit, and why a lost wake-up loses nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sqlalchemy.engine import Engine

from liveline.announce import Announcer, submissions_stream
from liveline.clusterer import EventClusterer
from liveline.intake import Draft
from liveline.models import Event
from liveline.writer import SubmissionWriter
from realtime.bus import MemoryBus
from realtime.errors import BusUnavailable


class DownBus(MemoryBus):
    """A real in-memory bus that refuses every message, as Redis down would."""

    async def publish(
        self, stream: str, message: Mapping[str, str | int | float]
    ) -> str:
        raise BusUnavailable("the bus is down for this test")


def draft(event: Event, text: str) -> Draft:
    return Draft(event.id or 0, text, None, None, None, None, None, "ru", False)


async def test_one_wake_up_per_event_names_the_new_submissions(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    first, second = make_event("first"), make_event("second")
    with SubmissionWriter(engine) as writer:
        receipts = [
            await writer.submit(
                draft(event, "Где льготные лекарства?"), channel="api", deadline_days=10
            )
            for event in (first, first, second)
        ]
    bus = MemoryBus()
    assert await Announcer(bus).announce(receipts) == 3
    [(_, message)] = await bus.read(submissions_stream(first.id or 0))
    assert message == {
        "type": "submissions.accepted",
        "ids": f"{receipts[0].submission_id},{receipts[1].submission_id}",
    }
    assert len(await bus.read(submissions_stream(second.id or 0))) == 1


async def test_lost_wake_up_delays_nothing_the_clusterer_sweeps_for(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    event = make_event()
    with SubmissionWriter(engine) as writer:
        receipt = await writer.submit(
            draft(event, "Когда отремонтируют дорогу на улице Ленина в Сургуте?"),
            channel="api",
            deadline_days=10,
        )
    assert await Announcer(DownBus()).announce([receipt]) == 0
    assert EventClusterer(engine, event).step(), "found without any message"
