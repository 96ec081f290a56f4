"""The event cache that intake reads: fresh entries, expiry, and shared lookups."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Engine

from liveline.events import EventCache, update_event
from liveline.models import Event


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def count_selects(engine: Engine) -> list[str]:
    """The statements that read events, as the engine runs them."""
    seen: list[str] = []
    lock = threading.Lock()

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "FROM events" in statement:
            with lock:
                seen.append(statement)

    sa_event.listen(engine, "before_cursor_execute", before)
    return seen


async def test_a_fresh_entry_is_served_without_the_database(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    make_event("town-hall")
    clock = Clock()
    cache = EventCache(engine, ttl=5.0, clock=clock)
    selects = count_selects(engine)
    first = await cache.get("town-hall")
    clock.now += 4.9
    again = await cache.get("town-hall")
    assert first is not None and again is first
    assert len(selects) == 1


async def test_an_edit_is_seen_once_the_entry_expires(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    make_event("town-hall", title="Before")
    clock = Clock()
    cache = EventCache(engine, ttl=5.0, clock=clock)
    assert (await cache.get("town-hall")).title == "Before"  # type: ignore[union-attr]
    update_event(engine, "town-hall", title="After")
    assert (await cache.get("town-hall")).title == "Before"  # type: ignore[union-attr]
    clock.now += 5.0
    assert (await cache.get("town-hall")).title == "After"  # type: ignore[union-attr]


async def test_an_unknown_slug_is_none_and_remembered(engine: Engine) -> None:
    cache = EventCache(engine, clock=Clock())
    selects = count_selects(engine)
    assert await cache.get("nowhere") is None
    assert await cache.get("nowhere") is None
    assert len(selects) == 1


async def test_requests_that_miss_together_share_one_lookup(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    make_event("town-hall")
    cache = EventCache(engine, clock=Clock())
    selects = count_selects(engine)
    found = await asyncio.gather(*(cache.get("town-hall") for _ in range(50)))
    assert len(selects) == 1
    assert all(event is found[0] and event is not None for event in found)


async def test_a_cancelled_request_does_not_cancel_the_others_lookup(
    engine: Engine, make_event: Callable[..., Event]
) -> None:
    make_event("town-hall")
    cache = EventCache(engine, clock=Clock())
    leaving = asyncio.ensure_future(cache.get("town-hall"))
    staying = asyncio.ensure_future(cache.get("town-hall"))
    await asyncio.sleep(0)
    leaving.cancel()
    event = await staying
    assert event is not None and event.slug == "town-hall"
    with pytest.raises(asyncio.CancelledError):
        await leaving


async def test_a_failed_lookup_is_not_cached(
    engine: Engine,
    make_event: Callable[..., Event],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_event("town-hall")
    cache = EventCache(engine, clock=Clock())
    calls = 0

    def unavailable(*_args: Any) -> None:
        nonlocal calls
        calls += 1
        raise ConnectionError("database down")

    monkeypatch.setattr("liveline.events.find_event", unavailable)
    for _ in range(2):
        with pytest.raises(ConnectionError):
            await cache.get("town-hall")
    assert calls == 2
    monkeypatch.undo()
    event = await cache.get("town-hall")
    assert event is not None and event.slug == "town-hall"
